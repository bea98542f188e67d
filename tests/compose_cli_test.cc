// docker-doctor on a directory with compose files: they are found next to the
// Dockerfiles, a base and its override are one project, other compose files
// stand alone, and findings point into the file that set the value, with a
// code frame in text and exact positions in JSON.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "cli_run_util.h"

namespace fs = std::filesystem;

namespace {

using dd::testing::RunResult;
using dd::testing::run_in;

void write(const fs::path& p, const std::string& text) { dd::testing::write_file(p, text); }

class ComposeCli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dd-compose-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    write(dir_ / "compose.yaml",
          "services:\n"
          "  web:\n"
          "    image: nginx:${TAG}\n"
          "    volumns: [./html:/usr/share/nginx/html]\n"
          "  api:\n"
          "    image: api:${API_TAG}\n");
    write(dir_ / "compose.override.yaml", "services:\n  web:\n    ports: \"8080:80\"\n");
    write(dir_ / ".env", "API_TAG=1.0\n");
    write(dir_ / "deploy/docker-compose.dev.yml", "services:\n  web:\n    image: [unclosed\n");
    write(dir_ / "Dockerfile", "FROM alpine:3.20\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ComposeCli, TextPointsIntoEachFileWithACodeFrame) {
  RunResult r = run_in(dir_, "--color never .");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("compose.yaml:3:18: warning DD306 variable 'TAG' is not set"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" 3 |     image: nginx:${TAG}\n   |                  ^~~~~~"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("compose.yaml:4:5: error DD300 services.web: unknown key 'volumns' (did you "
                       "mean 'volumes'?)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("compose.override.yaml:3:12: error DD300 services.web.ports: a string is "
                       "not allowed here"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("deploy/docker-compose.dev.yml:4:1: error DD000 invalid YAML: end of sequence flow not found"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error DD000 invalid YAML"), std::string::npos) << r.out;
  // API_TAG comes from .env: no finding for it.
  EXPECT_EQ(r.out.find("API_TAG"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in 4 files"), std::string::npos) << r.out;
}

TEST_F(ComposeCli, JsonCarriesTheFileThatSetTheValue) {
  RunResult r = run_in(dir_, "--format json .");
  nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  int in_override = 0, in_base = 0;
  for (const auto& f : doc["findings"]) {
    if (f["file"] == "compose.override.yaml") {
      ++in_override;
      EXPECT_EQ(f["rule"], "DD300");
      EXPECT_EQ(f["line"], 3);
      EXPECT_EQ(f["column"], 12);
      EXPECT_EQ(f["end_column"], 21);
    }
    if (f["file"] == "compose.yaml") ++in_base;
  }
  EXPECT_EQ(in_override, 1) << r.out;
  EXPECT_EQ(in_base, 2) << r.out;
}

TEST_F(ComposeCli, TheEnvironmentSetsVariables) {
  RunResult r = run_in(dir_, "--color never --fail-on none compose.yaml");
  EXPECT_NE(r.out.find("DD306"), std::string::npos) << r.out;
  std::string cmd_env = "TAG=1.25 '" + std::string(DD_BINARY) + "'";
  std::string cmd =
      "cd '" + dir_.string() + "' && env -i " + cmd_env + " --color never compose.yaml";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  EXPECT_EQ(out.find("DD306"), std::string::npos) << out;
  EXPECT_NE(out.find("volumns"), std::string::npos) << out;
}

}  // namespace
