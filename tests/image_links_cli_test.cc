// docker-doctor on a repository whose compose services and build scripts say
// how its Dockerfiles are built: the compose context is the one linted (once
// per distinct context), a FROM naming an image the repository builds links
// to its Dockerfile, and `graph` shows services and those links.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "cli_run_util.h"

namespace fs = std::filesystem;

namespace {

using dd::testing::RunResult;
using dd::testing::run_in;

void write(const fs::path& p, const std::string& text) { dd::testing::write_file(p, text); }

class ImageLinksCli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dd-image-links-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    // One Dockerfile, built by two services with different contexts: one
    // of its COPY sources exists only from the repository root.
    write(dir_ / "compose.yaml",
          "services:\n"
          "  api:\n"
          "    build:\n"
          "      context: .\n"
          "      dockerfile: services/api/Dockerfile\n"
          "  worker:\n"
          "    build:\n"
          "      context: ./services/api\n"
          "      target: runtime\n"
          "      additional_contexts:\n"
          "        shared: ./libs\n");
    write(dir_ / "services/api/Dockerfile",
          "FROM python:3.12-slim AS runtime\n"
          "COPY a.txt b.txt c.txt d.txt /app/\n"
          "CMD [\"python\", \"/app/app.py\"]\n");
    for (const char* f : {"a.txt", "b.txt", "c.txt", "d.txt"}) write(dir_ / f, "x\n");
    for (const char* f : {"a.txt", "b.txt", "c.txt"}) write(dir_ / "services/api" / f, "x\n");
    write(dir_ / "libs/x.py", "\n");
    write(dir_ / ".dockerignore", ".git\n");
    write(dir_ / "services/api/.dockerignore", ".git\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ImageLinksCli, EachComposeContextIsLintedAndItsOwnFindingsSaySo) {
  RunResult r = run_in(dir_, "--format json .");
  nlohmann::json doc = nlohmann::json::parse(r.out);
  int missing = 0, root_user = 0;
  for (const auto& f : doc["findings"]) {
    std::string message = f["message"];
    if (f["rule"] == "DD402") {
      ++missing;
      EXPECT_NE(message.find("[only when built with context `services/api` (compose service "
                             "'worker' (compose.yaml:6))]"),
                std::string::npos)
          << message;
    }
    if (f["rule"] == "DD503") {
      ++root_user;
      EXPECT_EQ(message.find("only when built"), std::string::npos) << message;
    }
  }
  EXPECT_EQ(missing, 1) << r.out;
  EXPECT_EQ(root_user, 1) << r.out;  // the same in both contexts: shown once
}

TEST_F(ImageLinksCli, GraphShowsServicesContextsAndTargets) {
  RunResult r = run_in(dir_, "graph .");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("service api (compose.yaml:2)\n"
                       "  context .\n"
                       "  dockerfile services/api/Dockerfile\n"
                       "    stage 'runtime' (line 1)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("service worker (compose.yaml:6)\n"
                       "  context services/api\n"
                       "  additional context shared=./libs\n"
                       "  dockerfile services/api/Dockerfile (target runtime)\n"),
            std::string::npos)
      << r.out;
  // Compose files are drawn through their services, never as Dockerfiles.
  EXPECT_EQ(r.out.find("dockerfile compose.yaml"), std::string::npos) << r.out;
}

TEST_F(ImageLinksCli, FromAnImageAMakefileBuildsLinksToItsDockerfile) {
  write(dir_ / "Makefile", "deps:\n\tdocker build -t app-deps:dev -f docker/deps.Dockerfile .\n");
  write(dir_ / "docker/deps.Dockerfile",
        "FROM python:3.12-slim\n"
        "COPY pyproject.toml pdm.lock ./\n"
        "RUN pip install pdm==2.19.3 && pdm install --frozen-lockfile --dev\n");
  write(dir_ / "pyproject.toml", "[project]\nname = \"x\"\nversion = \"1\"\n");
  write(dir_ / "pdm.lock", "\n");
  write(dir_ / "services/web/Dockerfile", "FROM app-deps:dev\nUSER 1000\nCMD [\"serve\"]\n");
  RunResult lint = run_in(dir_, "--format json .");
  nlohmann::json doc = nlohmann::json::parse(lint.out);
  bool inherited = false;
  for (const auto& f : doc["findings"])
    inherited =
        inherited ||
        (f["rule"] == "DD501" && f["file"] == "services/web/Dockerfile" && f["line"] == 1 &&
         std::string(f["message"])
                 .find("at docker/deps.Dockerfile:3, in the image "
                       "`app-deps:dev` (`docker build` in Makefile:2)") != std::string::npos);
  EXPECT_TRUE(inherited) << lint.out;
  RunResult graph = run_in(dir_, "graph .");
  EXPECT_NE(graph.out.find("from app-deps:dev (line 1), built by docker/deps.Dockerfile stage 0 "
                           "(`docker build` in Makefile:2)"),
            std::string::npos)
      << graph.out;
}

// A compose project that tags its build with a registry's name (a test
// fixture's `image: alpine`) speaks for its own directory only.
TEST_F(ImageLinksCli, AComposeImageNameLinksOnlyInsideItsProject) {
  write(dir_ / "e2e/a/compose.yaml",
        "services:\n  a:\n    build: .\n    image: alpine\n    pull_policy: build\n");
  write(dir_ / "e2e/a/Dockerfile", "FROM busybox:1.36\nRUN true\n");
  write(dir_ / "e2e/a/sub/Dockerfile", "FROM alpine\nUSER 1000\nCMD [\"sh\"]\n");
  write(dir_ / "e2e/b/Dockerfile", "FROM alpine\nUSER 1000\nCMD [\"sh\"]\n");
  RunResult r = run_in(dir_, "graph .");
  EXPECT_NE(r.out.find("dockerfile e2e/a/sub/Dockerfile\n  context e2e/a/sub\n  stage 0 (line 1)\n"
                       "    from alpine (line 1), built by e2e/a/Dockerfile stage 0"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("dockerfile e2e/b/Dockerfile\n  context e2e/b\n  stage 0 (line 1)\n"
                       "    from alpine (line 1)\n"),
            std::string::npos)
      << r.out;
}

// Snapshots of the example repository's graph, as docs/graph.md and
// docs/images/example-monorepo-graph.svg show it. DD_UPDATE_GOLDEN=1 rewrites
// them instead of comparing.
void check_graph_golden(const std::string& name, const std::string& format) {
  RunResult r = run_in(DD_SOURCE_DIR, "graph --format " + format + " fixtures/example-monorepo");
  EXPECT_EQ(r.status, 0);
  std::string path = std::string(DD_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("DD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << r.out;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(expected.empty()) << path << " is missing; run with DD_UPDATE_GOLDEN=1";
  EXPECT_EQ(r.out, expected)
      << "the graph changed: if that is intended, regenerate with\n"
      << "  DD_UPDATE_GOLDEN=1 build/dd_tests --gtest_filter='ImageLinksCli*Golden*'\n"
      << "re-render docs/images/example-monorepo-graph.svg and review the diff.";
}

TEST(ImageLinksCliGolden, ExampleMonorepoGraphText) {
  check_graph_golden("example-monorepo.graph.txt", "text");
}

TEST(ImageLinksCliGolden, ExampleMonorepoGraphDot) {
  check_graph_golden("example-monorepo.graph.dot", "dot");
}

}  // namespace
