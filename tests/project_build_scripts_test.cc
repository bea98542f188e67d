// Image builds read out of build scripts: what counts as a tag, a file, a
// context and a target, and what is left out because it cannot be known.
#include "project/build_scripts.h"

#include <gtest/gtest.h>

namespace {

using dd::ScriptKind;

TEST(BuildScripts, ShellScriptBuildWithTagFileAndContext) {
  auto builds = dd::find_script_builds(
      "#!/bin/sh\nset -e\n"
      "docker build -t app-deps:dev -f docker/deps.Dockerfile --target deps .\n",
      ScriptKind::Shell);
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_EQ(builds[0].tags, std::vector<std::string>{"app-deps:dev"});
  EXPECT_EQ(builds[0].dockerfile, "docker/deps.Dockerfile");
  EXPECT_EQ(builds[0].target, "deps");
  EXPECT_EQ(builds[0].context, ".");
  EXPECT_EQ(builds[0].line, 3);
}

TEST(BuildScripts, BuildxLongOptionsContinuationsAndSeveralTags) {
  auto builds = dd::find_script_builds(
      "docker buildx build \\\n  --tag=base:1 --tag base:latest \\\n  --build-arg X=1 --load "
      "--file=Dockerfile.base ./base\n",
      ScriptKind::Shell);
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_EQ(builds[0].tags, (std::vector<std::string>{"base:1", "base:latest"}));
  EXPECT_EQ(builds[0].dockerfile, "Dockerfile.base");
  EXPECT_EQ(builds[0].context, "./base");
}

TEST(BuildScripts, MakefileRecipesWithPrefixes) {
  auto builds = dd::find_script_builds(
      ".PHONY: images\nimages:\n\t@docker build -t app-deps:dev -f Dockerfile.deps .\n"
      "\t-podman build -t other .\n",
      ScriptKind::Makefile);
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(builds[0].tags.front(), "app-deps:dev");
  EXPECT_EQ(builds[0].line, 3);
  EXPECT_EQ(builds[1].tags.front(), "other");
  EXPECT_EQ(builds[1].dockerfile, "");
}

TEST(BuildScripts, WorkflowRunLines) {
  auto builds = dd::find_script_builds(
      "jobs:\n  build:\n    steps:\n      - run: docker build -t ci-base -f ci/Dockerfile .\n"
      "      - run: |\n          docker image build -t second ./svc\n",
      ScriptKind::Yaml);
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(builds[0].tags.front(), "ci-base");
  EXPECT_EQ(builds[0].line, 4);
  EXPECT_EQ(builds[1].tags.front(), "second");
  EXPECT_EQ(builds[1].context, "./svc");
  EXPECT_EQ(builds[1].line, 6);
}

TEST(BuildScripts, UnknowableBuildsAreLeftOut) {
  // A variable tag, a variable context, standard input, a URL context, no
  // tag at all, a build that is only echoed, and two positional words.
  auto builds = dd::find_script_builds(
      "docker build -t \"$IMAGE\" .\n"
      "docker build -t app \"$DIR\"\n"
      "docker build -t app - < Dockerfile\n"
      "docker build -t app https://github.com/acme/app.git\n"
      "docker build .\n"
      "echo docker build -t echoed .\n"
      "docker build -t app --unknown-switch value .\n",
      ScriptKind::Shell);
  EXPECT_TRUE(builds.empty()) << builds.size() << " " << (builds.empty() ? "" : builds[0].tags[0]);
}

TEST(BuildScripts, OtherCommandsAreNoBuilds) {
  EXPECT_TRUE(
      dd::find_script_builds("docker run -t app:dev build .\nnpm run build\n", ScriptKind::Shell)
          .empty());
}

}  // namespace
