// Rules that are off by default run only when the configuration or --enable
// turns them on; compose projects declared in the configuration are loaded
// together, in order, like `docker compose -f a -f b`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "compose_test_util.h"
#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "lint/compose_run.h"

#include "cli_run_util.h"

namespace fs = std::filesystem;

namespace {

using dd::testing::RunResult;
using dd::testing::run_in;

class ComposeOrderCli : public testing::Test {
 protected:
  void SetUp() override {
    static int n = 0;
    dir_ = fs::temp_directory_path() /
           ("dd-compose-order-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / ".git");  // the configuration search stops here
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  // (file, rule, line) of each finding of a JSON report.
  std::vector<std::string> findings(const RunResult& r) {
    nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << r.out << r.err;
    std::vector<std::string> out;
    if (doc.is_discarded()) return out;
    for (const auto& f : doc["findings"])
      out.push_back(f["file"].get<std::string>() + " " + f["rule"].get<std::string>() + "@" +
                    std::to_string(f["line"].get<int>()));
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

const char* kUnordered =
    "services:\n"
    "  web:\n"
    "    image: registry.example.com/web:2.1\n"
    "  api:\n"
    "    image: registry.example.com/api:1.4\n";

TEST(DefaultOff, RuleRunsOnlyWhenEnabledAndDisablingWins) {
  dd::compose::testing::Files files;
  files.files["compose.yaml"] = kUnordered;
  dd::compose::Project p = files.load({"compose.yaml"});
  auto count = [&](const dd::LintOptions& o) {
    int n = 0;
    for (const dd::Finding& f : dd::lint_compose_project(p, o)) n += f.rule_id == "DD324";
    return n;
  };
  EXPECT_EQ(count({}), 0);
  dd::LintOptions on;
  on.enabled_rules = {"services-not-alphabetical"};  // by name too
  EXPECT_EQ(count(on), 1);
  dd::LintOptions both = on;
  both.disabled_rules = {"DD324"};
  EXPECT_EQ(count(both), 0);
  const dd::RuleInfo* r = dd::find_rule("DD324");
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(dd::rule_runs({}, *r));
  EXPECT_TRUE(dd::rule_runs(on, *r));
  EXPECT_TRUE(dd::rule_runs({}, *dd::find_rule("DD601")));
}

TEST_F(ComposeOrderCli, EnableFlagAndConfigTurnOrderingRulesOn) {
  write("compose.yaml", kUnordered);
  RunResult off = run_in(dir_, "--format json .");
  EXPECT_EQ(off.status, 0) << off.out << off.err;
  EXPECT_TRUE(findings(off).empty()) << off.out;

  RunResult flag = run_in(dir_, "--format json --fail-on none --enable DD324 --enable DD325 .");
  EXPECT_EQ(flag.status, 0) << flag.err;
  EXPECT_EQ(findings(flag), std::vector<std::string>{"compose.yaml DD324@4"});

  RunResult bad = run_in(dir_, "--enable DD999 .");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--enable: no rule is named 'DD999'"), std::string::npos) << bad.err;

  write(".docker-doctor.yaml", "rules:\n  services-not-alphabetical: on\n");
  RunResult config = run_in(dir_, "--format json --fail-on none .");
  EXPECT_EQ(findings(config), std::vector<std::string>{"compose.yaml DD324@4"}) << config.err;

  // An override turns it off for one path again; a suppression comment works.
  write(".docker-doctor.yaml",
        "rules:\n  DD324: on\noverrides:\n  - files: [legacy/**]\n    rules:\n      DD324: off\n");
  write("legacy/compose.yaml", kUnordered);
  write("app/compose.yaml",
        "services:\n  web:\n    image: registry.example.com/web:2.1\n"
        "  # docker-doctor ignore=DD324\n  api:\n    image: registry.example.com/api:1.4\n");
  RunResult scoped = run_in(dir_, "--format json --fail-on none .");
  EXPECT_EQ(findings(scoped), std::vector<std::string>{"compose.yaml DD324@4"}) << scoped.out;
}

// A suppression of a rule that is off is not reported as unused: the rule
// did not run, so it cannot say the suppression is useless.
TEST_F(ComposeOrderCli, SuppressingAnOffRuleIsNotUnused) {
  write("compose.yaml",
        "services:\n  web:\n    image: registry.example.com/web:2.1\n"
        "  # docker-doctor ignore=DD324\n  api:\n    image: registry.example.com/api:1.4\n");
  RunResult r = run_in(dir_, "--format json .");
  EXPECT_TRUE(findings(r).empty()) << r.out;
}

const char* kBase =
    "services:\n"
    "  api:\n"
    "    image: registry.example.com/api:1.4\n"
    "    ports:\n"
    "      - \"127.0.0.1:8080:80\"\n"
    "  db:\n"
    "    image: postgres:16.4\n";
const char* kDev =
    "services:\n"
    "  worker:\n"
    "    image: registry.example.com/worker:1.0\n"
    "    depends_on: [db]\n"
    "    ports:\n"
    "      - \"127.0.0.1:8080:81\"\n";

TEST_F(ComposeOrderCli, WithoutADeclarationTheDevFileStandsAlone) {
  write("docker-compose.yml", kBase);
  write("docker-compose.dev.yml", kDev);
  RunResult r = run_in(dir_, "--format json --fail-on none .");
  // Alone, the dev file names a service it does not define, and shares no port.
  EXPECT_EQ(findings(r), std::vector<std::string>{"docker-compose.dev.yml DD316@4"}) << r.out;
}

TEST_F(ComposeOrderCli, DeclaredProjectMergesInOrderAndPointsIntoTheFileThatSetTheValue) {
  write("docker-compose.yml", kBase);
  write("docker-compose.dev.yml", kDev);
  write("docker-compose.override.yml", "services:\n  api:\n    privileged: true\n");
  write(".docker-doctor.yaml",
        "compose:\n  projects:\n    - files: [docker-compose.yml, docker-compose.dev.yml]\n");
  RunResult r = run_in(dir_, "--format json --fail-on none .");
  // Merged: db is defined, so no DD316; the dev file's port 8080 clashes with
  // the base's, reported in the dev file, which set it. The override file is
  // not part of the declared project (as with `-f`), so it stands alone.
  std::vector<std::string> got = findings(r);
  EXPECT_EQ(got, (std::vector<std::string>{"docker-compose.dev.yml DD312@6",
                                           "docker-compose.override.yml DD318@3"}))
      << r.out;
}

TEST_F(ComposeOrderCli, ABaseSharedByTwoDeclaredProjectsIsReportedOnce) {
  write("docker-compose.yml", kBase);
  write("docker-compose.dev.yml", kDev);
  write("docker-compose.prod.yml", "services:\n  api:\n    privileged: true\n");
  write(".docker-doctor.yaml",
        "rules:\n  DD326: on\n"
        "compose:\n  projects:\n"
        "    - files: [docker-compose.yml, docker-compose.dev.yml]\n"
        "    - files: [docker-compose.yml, docker-compose.prod.yml, missing.yml]\n");
  write("docker-compose.yml",
        "services:\n  api:\n    image: registry.example.com/api:1.4\n"
        "    ports:\n      - \"127.0.0.1:9090:90\"\n      - \"127.0.0.1:8080:80\"\n"
        "  db:\n    image: postgres:16.4\n");
  RunResult r = run_in(dir_, "--format json --fail-on none .");
  std::vector<std::string> got = findings(r);
  EXPECT_EQ(got, (std::vector<std::string>{"docker-compose.dev.yml DD312@6",
                                           "docker-compose.prod.yml DD318@3",
                                           "docker-compose.yml DD326@6"}))
      << r.out;
  EXPECT_NE(r.err.find("the compose project's file 'missing.yml' is not among the linted files"),
            std::string::npos)
      << r.err;
}

}  // namespace
