// The configuration, suppressions, baseline and gate through the binary, as
// a user runs it: precedence of flag, environment and file, config
// discovery, include/exclude, --min-severity with --fail-on, the baseline
// round trip, `init`, and the repository's own Dockerfile.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

using dd::testing::slurp;

std::string quote(const std::string& s) { return dd::testing::shell_quote(s); }

const char* const kVars[] = {"DOCKER_DOCTOR_CONFIG",   "DOCKER_DOCTOR_FAIL_ON",
                             "DOCKER_DOCTOR_FORMAT",   "DOCKER_DOCTOR_MIN_SEVERITY",
                             "DOCKER_DOCTOR_BASELINE", "DOCKER_DOCTOR_NO_INLINE_SUPPRESSIONS"};

// Runs the binary in `cwd` with only the DOCKER_DOCTOR_* variables in `env`.
Result run(const fs::path& cwd, const std::vector<std::string>& args,
           const std::map<std::string, std::string>& env = {}) {
  static int calls = 0;
  std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++calls);
  fs::path out = fs::temp_directory_path() / ("dd-cli-config-" + tag + ".out");
  fs::path err = fs::temp_directory_path() / ("dd-cli-config-" + tag + ".err");
  std::string cmd = "cd " + quote(cwd.string()) + " && env";
  for (const char* v : kVars) cmd += std::string(" -u ") + v;
  for (const auto& [k, v] : env) cmd += " " + k + "=" + quote(v);
  cmd += " NO_COLOR=1 " + quote(DD_BINARY);
  for (const std::string& a : args) cmd += " " + quote(a);
  cmd += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  int raw = std::system(cmd.c_str());
  Result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

class CliConfig : public testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() / ("dd-cli-config-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / ".git");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }

  fs::path root_;
};

// One warning (DD605) on line 2.
const char* kWarning = "FROM alpine:3.20\nWORKDIR app\n";

TEST_F(CliConfig, FailOnPrecedenceIsFileThenEnvironmentThenFlag) {
  write("Dockerfile", kWarning);
  EXPECT_EQ(run(root_, {}).status, 1);  // the default: warning fails
  write(".docker-doctor.yaml", "fail-on: none\n");
  EXPECT_EQ(run(root_, {}).status, 0);
  EXPECT_EQ(run(root_, {}, {{"DOCKER_DOCTOR_FAIL_ON", "warning"}}).status, 1);
  EXPECT_EQ(run(root_, {"--fail-on", "none"}, {{"DOCKER_DOCTOR_FAIL_ON", "warning"}}).status, 0);
  Result bad = run(root_, {}, {{"DOCKER_DOCTOR_FAIL_ON", "eror"}});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("DOCKER_DOCTOR_FAIL_ON: 'eror' is not one of"), std::string::npos)
      << bad.err;
}

TEST_F(CliConfig, FormatFromEnvironmentAndABadOneInTheFile) {
  write("Dockerfile", kWarning);
  Result r = run(root_, {}, {{"DOCKER_DOCTOR_FORMAT", "json"}});
  EXPECT_EQ(nlohmann::json::parse(r.out)["findings"].size(), 1u) << r.out;
  write(".docker-doctor.yaml", "# comment\nformat: yaml\n");
  r = run(root_, {});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(".docker-doctor.yaml:2:9: 'yaml' is not one of"), std::string::npos)
      << r.err;
  EXPECT_EQ(run(root_, {"--format", "text"}).status, 1);  // the flag wins over the file
}

TEST_F(CliConfig, ConfigIsFoundAboveTheLintedPathAndNamedByFlagOrEnvironment) {
  write("services/api/Dockerfile", kWarning);
  write(".docker-doctor.yaml", "rules:\n  relative-workdir: off\n");
  write("strict.yaml", "rules:\n  DD605: error\n");
  EXPECT_EQ(run(root_ / "services", {"api"}).status, 0);
  Result r = run(root_, {"--config", "strict.yaml", "services"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("error DD605"), std::string::npos) << r.out;
  EXPECT_EQ(run(root_, {"services"}, {{"DOCKER_DOCTOR_CONFIG", "strict.yaml"}}).status, 1);
}

TEST_F(CliConfig, BadConfigIsAUsageErrorWithItsPosition) {
  write("Dockerfile", kWarning);
  write(".docker-doctor.yaml", "rules:\n  DD605: fatal\n");
  Result r = run(root_, {});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(".docker-doctor.yaml:2:10: rules.DD605: 'fatal' is not one of"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CliConfig, PerPathOverridesAndExclude) {
  write("services/api/Dockerfile", kWarning);
  write("legacy/Dockerfile", kWarning);
  write("third_party/Dockerfile", kWarning);
  write(".docker-doctor.yaml",
        "exclude: [third_party]\n"
        "overrides:\n  - files: [\"legacy/**\"]\n    rules:\n      DD605: info\n");
  Result r = run(root_, {"--fail-on", "warning"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("legacy/Dockerfile:2:9: info DD605"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("services/api/Dockerfile:2:9: warning DD605"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("third_party"), std::string::npos) << r.out;
  // exclude holds for a file named on the command line too
  EXPECT_EQ(run(root_, {"third_party/Dockerfile"}).out.find("DD605"), std::string::npos);
}

TEST_F(CliConfig, IncludeNarrowsTheWalkOnly) {
  write("services/api/Dockerfile", kWarning);
  write("tools/Dockerfile", kWarning);
  write(".docker-doctor.yaml", "include: [\"services/**\"]\n");
  Result r = run(root_, {});
  EXPECT_NE(r.out.find("services/api/Dockerfile"), std::string::npos);
  EXPECT_EQ(r.out.find("tools/Dockerfile"), std::string::npos) << r.out;
  EXPECT_NE(run(root_, {"tools/Dockerfile"}).out.find("DD605"), std::string::npos);
}

TEST_F(CliConfig, MinSeverityFiltersAndTheGateJudgesWhatIsShown) {
  // An unused suppression: one info finding, nothing else.
  write("Dockerfile", "FROM alpine:3.20\n# docker-doctor ignore=DD605\nRUN true\n");
  EXPECT_EQ(run(root_, {"--fail-on", "info"}).status, 1);
  Result r = run(root_, {"--fail-on", "info", "--min-severity", "warning"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.find("DD001"), std::string::npos) << r.out;
  EXPECT_EQ(run(root_, {"--fail-on", "info"}, {{"DOCKER_DOCTOR_MIN_SEVERITY", "error"}}).status, 0);
}

TEST_F(CliConfig, NoInlineSuppressionsFromFlagEnvironmentAndFile) {
  write("Dockerfile", "FROM alpine:3.20\n# docker-doctor ignore=DD605 -- reason\nWORKDIR app\n");
  EXPECT_EQ(run(root_, {}).status, 0);
  EXPECT_EQ(run(root_, {"--no-inline-suppressions"}).status, 1);
  EXPECT_EQ(run(root_, {}, {{"DOCKER_DOCTOR_NO_INLINE_SUPPRESSIONS", "1"}}).status, 1);
  write(".docker-doctor.yaml", "inline-suppressions: false\n");
  EXPECT_EQ(run(root_, {}).status, 1);
}

TEST_F(CliConfig, BaselineRoundTrip) {
  write("Dockerfile", "FROM alpine:3.20 AS a\nWORKDIR app\n");
  Result w = run(root_, {"--write-baseline", "baseline.json"});
  EXPECT_EQ(w.status, 0) << w.err;
  nlohmann::json doc = nlohmann::json::parse(slurp(root_ / "baseline.json"));
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["rule"], "DD605");
  EXPECT_EQ(run(root_, {"--baseline", "baseline.json"}).status, 0);

  // Lines inserted above, an unrelated line changed: still baselined.
  write("Dockerfile",
        "# syntax-free comment\nARG X=1\nFROM alpine:3.20 AS a\nWORKDIR app\nRUN echo $X\n");
  Result r = run(root_, {"--baseline", "baseline.json"});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(run(root_, {}, {{"DOCKER_DOCTOR_BASELINE", "baseline.json"}}).status, 0);

  // The same mistake made again elsewhere is new.
  write("Dockerfile", "FROM alpine:3.20 AS a\nWORKDIR app\nFROM alpine:3.20 AS b\nWORKDIR app\n");
  r = run(root_, {"--baseline", "baseline.json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("Dockerfile:4:9: warning DD605"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Dockerfile:2:9"), std::string::npos) << r.out;

  write("broken.json", "{}");
  r = run(root_, {"--baseline", "broken.json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not a docker-doctor baseline"), std::string::npos) << r.err;
}

TEST_F(CliConfig, InitWritesAStarterAndNeverOverwrites) {
  write("Dockerfile", kWarning);
  Result r = run(root_, {"init"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(".docker-doctor.yaml"), std::string::npos);
  std::string written = slurp(root_ / ".docker-doctor.yaml");
  EXPECT_NE(written.find("fail-on: warning"), std::string::npos);
  EXPECT_EQ(run(root_, {}).status, 1);  // it loads, and the defaults hold
  std::ofstream(root_ / ".docker-doctor.yaml", std::ios::app) << "# mine\n";
  r = run(root_, {"init"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_NE(slurp(root_ / ".docker-doctor.yaml").find("# mine"), std::string::npos);
}

// The repository's own Dockerfile (which builds docker-doctor) is clean.
TEST(CliRepository, OwnDockerfileHasNoFindings) {
  fs::path source = DD_SOURCE_DIR;
  ASSERT_TRUE(fs::exists(source / "Dockerfile"));
  Result r = run(source, {"--fail-on", "style", "Dockerfile"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No findings"), std::string::npos) << r.out;
}

}  // namespace
