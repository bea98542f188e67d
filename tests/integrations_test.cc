// The integration files at the repository root (docs/integrations.md): the
// composite action and the pre-commit hooks must be well formed, and the
// hooks must hand docker-doctor exactly the files a directory walk lints.
#include <gtest/gtest.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli/discover.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = DD_SOURCE_DIR;

TEST(Integrations, ActionIsACompositeThatUploadsSarif) {
  YAML::Node action = YAML::LoadFile((kRoot / "action.yml").string());
  EXPECT_TRUE(action["name"] && action["description"]);
  ASSERT_EQ(action["runs"]["using"].as<std::string>(), "composite");
  bool sarif = false, upload = false;
  for (const YAML::Node& step : action["runs"]["steps"]) {
    if (step["run"]) {
      // A composite action's run steps must name their shell.
      EXPECT_TRUE(step["shell"]) << step["name"].as<std::string>("?");
      sarif = sarif || step["run"].as<std::string>().find("--format sarif") != std::string::npos;
    }
    if (step["uses"])
      upload = upload ||
               step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif", 0) == 0;
  }
  EXPECT_TRUE(sarif);
  EXPECT_TRUE(upload);
  for (const char* input : {"paths", "fail-on", "args", "sarif-file", "upload-sarif"})
    EXPECT_TRUE(action["inputs"][input]["description"]) << input;
}

TEST(Integrations, PreCommitHooksSelectTheFilesTheWalkLints) {
  YAML::Node hooks = YAML::LoadFile((kRoot / ".pre-commit-hooks.yaml").string());
  ASSERT_TRUE(hooks.IsSequence());
  ASSERT_GE(hooks.size(), 1u);
  const char* const names[] = {
      "Dockerfile",    "Dockerfile.dev",   "api.Dockerfile", "api.dockerfile",
      "Containerfile", "Containerfile.ci", "README.md",      "Dockerfile.dockerignore",
      "dockerfile",    "my-Dockerfile",    "Makefile"};
  for (const YAML::Node& hook : hooks) {
    for (const char* key : {"id", "name", "entry", "language", "files"})
      ASSERT_TRUE(hook[key]) << "hook lacks '" << key << "'";
    EXPECT_EQ(hook["entry"].as<std::string>(), "docker-doctor");
    RE2 files(hook["files"].as<std::string>());
    RE2 exclude(hook["exclude"].as<std::string>("$^"));
    ASSERT_TRUE(files.ok() && exclude.ok());
    for (const char* name : names) {
      for (std::string path : {std::string(name), "services/api/" + std::string(name)}) {
        bool selected = RE2::PartialMatch(path, files) && !RE2::PartialMatch(path, exclude);
        EXPECT_EQ(selected, dd::cli::is_dockerfile_name(name))
            << hook["id"].as<std::string>() << ": " << path;
      }
    }
  }
}

TEST(Integrations, RootDockerfileRunsAsAnUnprivilegedUser) {
  // The zero-findings check is in cli_config_test.cc; this keeps the two
  // promises docs/integrations.md makes that no rule would notice breaking.
  std::ifstream in(kRoot / "Dockerfile");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("FROM debian:bookworm"), std::string::npos);
  EXPECT_NE(text.find("USER 10001"), std::string::npos);
  EXPECT_NE(text.find("--mount=type=cache,target=/var/cache/apt"), std::string::npos);
}

}  // namespace
