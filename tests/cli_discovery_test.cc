// Discovery through the binary: with no path docker-doctor lints the
// repository it runs in (found by walking up to `.git` or
// `.docker-doctor.yaml`), and a walk skips what Git ignores unless
// `--no-gitignore` is given or the file is named on the command line.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

std::string quote(const std::string& s) { return dd::testing::shell_quote(s); }

using dd::testing::slurp;

class Tree {
 public:
  Tree() {
    char tmpl[] = "/tmp/dd-discovery-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string operator/(const std::string& rel) const { return root_ + "/" + rel; }
  void write(const std::string& rel, const std::string& text) const {
    fs::path p = root_ + "/" + rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(root_ + "/" + rel); }

  // Runs the binary in `cwd` (below the tree) with `args`, JSON output.
  Result run(const std::string& cwd, const std::vector<std::string>& args) const {
    std::string out = root_ + "/.out", err = root_ + "/.err";
    std::string cmd = "cd " + quote(root_ + "/" + cwd) +
                      " && env -u DOCKER_DOCTOR_CONFIG -u DOCKER_DOCTOR_FORMAT NO_COLOR=1 " +
                      quote(DD_BINARY) + " --format json";
    for (const std::string& a : args) cmd += " " + quote(a);
    cmd += " >" + quote(out) + " 2>" + quote(err) + " </dev/null";
    int raw = std::system(cmd.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

 private:
  std::string root_;
};

const std::string kWarning = "FROM alpine:3.20\nMAINTAINER Jane Doe\n";

std::vector<std::string> files_of(const Result& r) {
  std::vector<std::string> files;
  nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "not JSON: " << r.out << r.err;
    return files;
  }
  for (const auto& f : doc["findings"]) {
    std::string file = f["file"];
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  }
  std::sort(files.begin(), files.end());  // compose findings come per project, not in name order
  return files;
}

TEST(CliDiscovery, NoPathLintsTheWholeRepositoryFromASubdirectory) {
  Tree t;
  t.mkdir("repo/.git");
  t.write("repo/services/api/Dockerfile", kWarning);
  t.write("repo/tools/Dockerfile", kWarning);
  Result r = t.run("repo/services/api", {});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(files_of(r), (std::vector<std::string>{"services/api/Dockerfile", "tools/Dockerfile"}));
  // A path still means that path.
  EXPECT_EQ(files_of(t.run("repo/services/api", {"."})), std::vector<std::string>{"Dockerfile"});
}

TEST(CliDiscovery, TheConfigurationFileAlsoMarksTheRoot) {
  Tree t;
  t.write("proj/.docker-doctor.yaml", "rules: {}\n");
  t.write("proj/Dockerfile", kWarning);
  t.write("proj/sub/deeper/Dockerfile", kWarning);
  EXPECT_EQ(files_of(t.run("proj/sub/deeper", {})),
            (std::vector<std::string>{"Dockerfile", "sub/deeper/Dockerfile"}));
}

TEST(CliDiscovery, AWorktreeOrSubmoduleGitFileMarksTheRoot) {
  Tree t;
  t.write("wt/.git", "gitdir: /nowhere\n");
  t.write("wt/a/Dockerfile", kWarning);
  EXPECT_EQ(files_of(t.run("wt/a", {})), std::vector<std::string>{"a/Dockerfile"});
}

TEST(CliDiscovery, GitignoredFilesAreSkippedUnlessAskedFor) {
  Tree t;
  t.mkdir("repo/.git/info");
  t.write("repo/.gitignore", "generated/\n*.local.Dockerfile\n!keep.local.Dockerfile\n");
  t.write("repo/.git/info/exclude", "scratch\n");
  t.write("repo/Dockerfile", kWarning);
  t.write("repo/generated/Dockerfile", kWarning);
  t.write("repo/svc/dev.local.Dockerfile", kWarning);
  t.write("repo/svc/keep.local.Dockerfile", kWarning);
  t.write("repo/svc/.gitignore", "compose.override.yaml\n");
  t.write("repo/svc/compose.yaml",
          "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n");
  t.write("repo/svc/compose.override.yaml",
          "services:\n  worker:\n    image: alpine:3.20\n    privileged: true\n");
  t.write("repo/scratch/Dockerfile", kWarning);

  Result r = t.run("repo", {});
  EXPECT_EQ(files_of(r), (std::vector<std::string>{"Dockerfile", "svc/compose.yaml",
                                                   "svc/keep.local.Dockerfile"}))
      << r.err;
  r = t.run("repo", {"--no-gitignore"});
  EXPECT_EQ(files_of(r),
            (std::vector<std::string>{"Dockerfile", "generated/Dockerfile", "scratch/Dockerfile",
                                      "svc/compose.override.yaml", "svc/compose.yaml",
                                      "svc/dev.local.Dockerfile", "svc/keep.local.Dockerfile"}))
      << r.err;
  // Named on the command line: linted whatever Git says, a directory too.
  EXPECT_EQ(files_of(t.run("repo", {"svc/dev.local.Dockerfile"})),
            std::vector<std::string>{"svc/dev.local.Dockerfile"});
  EXPECT_EQ(files_of(t.run("repo", {"generated"})), std::vector<std::string>{"Dockerfile"});
  // A walk of a subdirectory still applies the .gitignore files above it.
  t.write("repo/svc/generated/Dockerfile", kWarning);
  EXPECT_EQ(files_of(t.run("repo", {"svc"})),
            (std::vector<std::string>{"compose.yaml", "keep.local.Dockerfile"}));
}

}  // namespace
