// The SARIF of every fixture repository, validated by the Microsoft SARIF
// Multitool against SARIF 2.1.0 and GitHub code scanning's ingestion rules
// (`validate --rule-kind "Gh;Sarif"`): no error and no warning may remain.
// The multitool is pinned in tests/tools/package-lock.json and installed
// with `npm ci` into the build directory the first time this test runs.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote(const std::string& s) { return dd::testing::shell_quote(s); }

// Runs `command` with sh; returns its exit status and sets *output to what
// it printed (stdout and stderr).
int shell(const std::string& command, std::string* output) {
  output->clear();
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The build directory: where docker-doctor was built.
fs::path build_dir() {
  return fs::path(DD_BINARY).parent_path();
}

struct Tool {
  fs::path binary;
  std::string skip;   // why the test cannot run (registry unreachable)
  std::string error;  // why it failed to install otherwise
};

// Installs the pinned multitool into <build>/test-tools unless the same lock
// is already installed there. Serialised with a lock file: ctest runs tests
// in parallel.
Tool install_multitool() {
  Tool tool;
  fs::path source = fs::path(DD_SOURCE_DIR) / "tests/tools";
  fs::path dir = build_dir() / "test-tools";
  fs::create_directories(dir);
  tool.binary = dir / "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";

  int lock = open((dir / ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (lock >= 0) flock(lock, LOCK_EX);
  std::string lockfile = slurp(source / "package-lock.json");
  fs::path stamp = dir / "installed-lock.json";
  if (!fs::exists(tool.binary) || slurp(stamp) != lockfile) {
    fs::copy_file(source / "package.json", dir / "package.json",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(source / "package-lock.json", dir / "package-lock.json",
                  fs::copy_options::overwrite_existing);
    std::string out;
    // --ignore-scripts: the package's only script is the chmod done below.
    int status = shell("cd " + quote(dir.string()) +
                           " && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error",
                       &out);
    std::string which;
    if (status != 0 && shell("command -v npm", &which) != 0) {
      tool.error = "npm is not installed (scripts/deps.sh installs it):\n" + out;
    } else if (status != 0) {
      std::string ping;
      if (shell("npm ping --loglevel=error", &ping) != 0) {
        tool.skip =
            "the npm registry cannot be reached, so the SARIF Multitool cannot be "
            "installed: SARIF output NOT validated (" +
            ping + ")";
      } else {
        tool.error = "npm ci of tests/tools failed:\n" + out;
      }
    } else {
      fs::permissions(tool.binary,
                      fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                      fs::perm_options::add);
      std::ofstream(stamp, std::ios::binary) << lockfile;
    }
  }
  if (lock >= 0) close(lock);
  return tool;
}

// "file(line,col): error SARIF1004: message" for each error and warning in
// the multitool's output log, the message formatted from the rule's
// messageStrings as the multitool prints it.
std::vector<std::string> problems(const json& log) {
  std::vector<std::string> out;
  for (const json& run : log.value("runs", json::array())) {
    const json& rules = run["tool"]["driver"].value("rules", json::array());
    for (const json& r : run.value("results", json::array())) {
      // SARIF: a result without a level is a warning.
      std::string level = r.value("level", "warning");
      if (level != "error" && level != "warning") continue;
      std::string id = r.value("ruleId", "?");
      std::string text = r["message"].value("text", "");
      if (text.empty() && r["message"].contains("id")) {
        for (const json& rule : rules) {
          if (rule.value("id", "") != id) continue;
          text = rule["messageStrings"][r["message"]["id"].get<std::string>()].value("text", "");
        }
        std::vector<std::string> args = r["message"].value("arguments", std::vector<std::string>{});
        for (size_t i = 0; i < args.size(); ++i) {
          std::string key = "{" + std::to_string(i) + "}";
          for (size_t at; (at = text.find(key)) != std::string::npos;)
            text.replace(at, key.size(), args[i]);
        }
      }
      std::string where;
      if (r.contains("locations") && !r["locations"].empty()) {
        const json& pl = r["locations"][0]["physicalLocation"];
        where = pl["artifactLocation"].value("uri", "") + "(" +
                std::to_string(pl["region"].value("startLine", 0)) + "," +
                std::to_string(pl["region"].value("startColumn", 0)) + "): ";
      }
      out.push_back(where + level + " " + id + ": " + text);
    }
  }
  return out;
}

// Validates the SARIF files in `dir` with one multitool run; returns every
// error and warning, or a line saying why the multitool itself failed.
std::vector<std::string> validate(const Tool& tool, const fs::path& dir) {
  fs::path out_log = dir / "validation.json";
  std::string out;
  int status = shell("cd " + quote(dir.string()) + " && DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 " +
                         quote(tool.binary.string()) +
                         " validate --rule-kind 'Gh;Sarif' --log ForceOverwrite --output " +
                         quote(out_log.string()) + " *.sarif",
                     &out);
  if (status != 0 || !fs::exists(out_log))
    return {"the multitool failed (status " + std::to_string(status) + "):\n" + out};
  json log = json::parse(slurp(out_log), nullptr, false);
  if (log.is_discarded()) return {"the multitool's output log is not JSON"};
  return problems(log);
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/dd-sarif-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// docker-doctor --format sarif over `target`, run from `cwd`, written to `to`.
void write_sarif(const fs::path& cwd, const std::string& target, const fs::path& to) {
  std::string out;
  int status = shell("cd " + quote(cwd.string()) + " && " + quote(DD_BINARY) + " --format sarif " +
                         quote(target) + " > " + quote(to.string()),
                     &out);
  EXPECT_TRUE(status == 0 || status == 1) << target << ": status " << status << "\n" << out;
  json doc = json::parse(slurp(to), nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << target << ": not JSON";
}

TEST(SarifMultitool, EveryFixtureRepositoryValidates) {
  Tool tool = install_multitool();
  if (!tool.skip.empty()) GTEST_SKIP() << tool.skip;
  ASSERT_EQ(tool.error, "");

  TempDir tmp;
  fs::path src = DD_SOURCE_DIR;
  std::vector<std::pair<std::string, fs::path>> repos = {
      {"example-monorepo", src / "fixtures/example-monorepo"},
      {"rules", src / "fixtures/rules"},
  };
  for (const auto& seed : fs::directory_iterator(src / "fixtures/seeds")) {
    if (!seed.is_directory()) continue;
    for (const char* side : {"before", "after"})
      if (fs::is_directory(seed.path() / side))
        repos.emplace_back(seed.path().filename().string() + "-" + side, seed.path() / side);
  }
  ASSERT_GT(repos.size(), 2u) << "no seed fixtures found";

  // And paths and text that stress the encoding: a space, a colon and a
  // percent sign in the path, non-ASCII and astral characters before a span,
  // and findings with fixes.
  fs::path odd = tmp.path() / "odd repo";
  fs::create_directories(odd / "we ird:%dir");
  std::ofstream(odd / "we ird:%dir/Dockerfile", std::ios::binary)
      << "FROM alpine:3.20 AS \xC3\xA9t\xC3\xA9\n"
         "# \xF0\x9F\x90\xB3 \xE6\x97\xA5\xE6\x9C\xAC\n"
         "LABEL note=\"\xF0\x9F\x90\xB3\" \nMAINTAINER J\xC3\xB6rg \xF0\x9F\x90\xB3\n"
         "WORKDIR app\nCMD [\"a\"]\nCMD [\"b\"]\n";
  repos.emplace_back("odd", odd);

  for (const auto& [name, dir] : repos) write_sarif(dir, ".", tmp.path() / (name + ".sarif"));
  // The odd case is only a test if it exercised what it is there for.
  json odd_log = json::parse(slurp(tmp.path() / "odd.sarif"));
  const json& odd_results = odd_log["runs"][0]["results"];
  ASSERT_GE(odd_results.size(), 3u) << odd_log.dump(2);
  EXPECT_EQ(odd_results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "we%20ird%3A%25dir/Dockerfile");
  size_t fixes = 0;
  for (const json& r : odd_results) fixes += r.contains("fixes");
  EXPECT_GE(fixes, 2u);
  std::vector<std::string> found = validate(tool, tmp.path());
  std::string report;
  for (const std::string& p : found) report += "  " + p + "\n";
  EXPECT_TRUE(found.empty()) << found.size() << " errors and warnings:\n" << report;
}

// The check above can fail: a log that breaks GitHub's rules is caught.
TEST(SarifMultitool, CatchesAnInvalidLog) {
  Tool tool = install_multitool();
  if (!tool.skip.empty()) GTEST_SKIP() << tool.skip;
  ASSERT_EQ(tool.error, "");
  TempDir tmp;
  write_sarif(fs::path(DD_SOURCE_DIR) / "fixtures/example-monorepo", ".",
              tmp.path() / "good.sarif");
  json doc = json::parse(slurp(tmp.path() / "good.sarif"));
  ASSERT_FALSE(doc["runs"][0]["results"].empty());
  json& location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  location["artifactLocation"]["uri"] = "C:\\x\\Dockerfile";  // not a URI
  location["region"].erase("startLine");
  fs::remove(tmp.path() / "good.sarif");
  std::ofstream(tmp.path() / "bad.sarif") << doc.dump(2);
  std::vector<std::string> found = validate(tool, tmp.path());
  std::string all;
  for (const std::string& p : found) all += p + "\n";
  EXPECT_NE(all.find("error SARIF1002"), std::string::npos) << all;  // URI syntax
  EXPECT_NE(all.find("error SARIF1007"), std::string::npos) << all;  // region without a start
}

}  // namespace
