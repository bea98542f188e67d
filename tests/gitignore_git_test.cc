// docker-doctor's .gitignore semantics against Git's own: a temporary
// repository holding many patterns (root, nested and info/exclude files,
// negations under ignored directories, `**` forms, classes, escapes,
// trailing spaces, CRLF) and many paths; every path's verdict from the walk
// stack (src/project/repository.h) must equal `git check-ignore`'s. Skipped
// with a notice when git is not installed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "project/repository.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

std::string quote(const std::string& s) { return dd::testing::shell_quote(s); }

using dd::testing::slurp;

class Repo {
 public:
  Repo() {
    char tmpl[] = "/tmp/dd-gitcheck-XXXXXX";
    dir_ = mkdtemp(tmpl);
    fs::create_directories(dir_ + "/repo");
    fs::create_directories(dir_ + "/home");
  }
  ~Repo() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string root() const { return dir_ + "/repo"; }
  void write(const std::string& rel, const std::string& text = "") const {
    fs::path p = root() + "/" + rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  // Runs git in the repository with no user or system configuration, so
  // no global excludes file takes part. Returns the exit status.
  int git(const std::string& args, const std::string& in_file = "",
          std::string* out = nullptr) const {
    std::string out_file = dir_ + "/git.out";
    std::string cmd =
        "cd " + quote(root()) + " && env HOME=" + quote(dir_ + "/home") +
        " XDG_CONFIG_HOME=" + quote(dir_ + "/home") +
        " GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git " + args +
        " <" + (in_file.empty() ? "/dev/null" : quote(in_file)) + " >" + quote(out_file) + " 2>&1";
    int raw = std::system(cmd.c_str());
    if (out) *out = slurp(out_file);
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Every path below `dir` but .git, with whether the stack ignores it (a
// path below an ignored directory is ignored, as Git never looks inside).
void verdicts(dd::GitIgnores& ig, const std::string& dir, const std::string& rel,
              bool parent_ignored, std::vector<std::pair<std::string, bool>>* out) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  if (!parent_ignored) ig.enter(dir, rel, names);
  for (const std::string& name : names) {
    if (name == ".git") continue;
    std::string path = dir + "/" + name, r = rel.empty() ? name : rel + "/" + name;
    bool is_dir = fs::is_directory(fs::symlink_status(path));
    bool ignored = parent_ignored || ig.ignored(r, is_dir);
    out->push_back({r, ignored});
    if (is_dir) verdicts(ig, path, r, ignored, out);
  }
  if (!parent_ignored) ig.leave();
}

TEST(GitignoreAgainstGit, EveryPathDecidedAsGitCheckIgnoreDoes) {
  Repo repo;
  std::string version;
  if (repo.git("--version", "", &version) != 0)
    GTEST_SKIP() << "git is not available: .gitignore semantics not compared with git";
  ASSERT_EQ(repo.git("init -q ."), 0);

  repo.write(".gitignore",
             "# a comment\n"
             "\\#hash\n"
             "\\!bang\n"
             "*.log\n"
             "!important.log\n"
             "/root-only\n"
             "build/\n"
             "!build/keep\n"
             "docs/**/*.tmp\n"
             "**/cache\n"
             "nested/**\n"
             "!nested/keep\n"
             "x**y\n"
             "a?c\n"
             "file[0-9]\n"
             "file[!0-9].txt\n"
             "cls[[:upper:]]\n"
             "[]x]bracket\n"
             "sp\\ \n"
             "trail   \n"
             "crlf\r\n"
             "lit\\*star\n"
             "/anchored/dir/\n"
             "deep/*/leaf\n"
             "**/logs/**\n"
             "out/\n"
             "!out/\n"
             "vendor-*/\n"
             "*.bak\n"
             "!keep.bak\n"
             "unterminated[ab\n"
             "caf?\n"
             "z/**/q\n"
             "mid/dle/\n"
             "[a-c]range\n"
             "esc\\[x]\n"
             "  lead\n"
             "/**/twice\n"
             "not\\\n");
  repo.write("sub/.gitignore", "!*.log\n/only-here\ntmp/\n!x.bak\n*.info\n");
  repo.write("build/.gitignore", "!*\n");  // inside an ignored directory: never read
  repo.write(".git/info/exclude", "excluded-by-info\n*.info\n!sub/keep.info\n");

  for (const char* rel : {"#hash",
                          "!bang",
                          "a.log",
                          "important.log",
                          "sub/x.log",
                          "sub/important.log",
                          "root-only",
                          "sub/root-only",
                          "build/x",
                          "build/keep/f",
                          "sub/build/y",
                          "f/build",
                          "docs/a/b/c.tmp",
                          "docs/c.tmp",
                          "x.tmp",
                          "cache/z",
                          "a/b/cache",
                          "nested/a",
                          "nested/keep",
                          "nested/deep/keep",
                          "xzzy",
                          "q/xy",
                          "x/y",
                          "abc",
                          "a1c",
                          "ac",
                          "file1",
                          "filex.txt",
                          "file1.txt",
                          "clsA",
                          "clsa",
                          "]bracket",
                          "xbracket",
                          "ybracket",
                          "sp ",
                          "sp",
                          "trail",
                          "crlf",
                          "lit*star",
                          "litxstar",
                          "anchored/dir/f",
                          "sub/anchored/dir/f",
                          "deep/a/leaf",
                          "deep/a/b/leaf",
                          "logs/x",
                          "q/logs/y/z",
                          "r/logs",
                          "out/f",
                          "sub/out/f",
                          "vendor-a/x",
                          "vendor-b",
                          "x.bak",
                          "keep.bak",
                          "sub/x.bak",
                          "unterminated[ab",
                          "unterminateda",
                          "cafe",
                          "caf\xC3\xA9",
                          "z/q",
                          "z/a/b/q",
                          "mid/dle/f",
                          "x/mid/dle/f",
                          "arange",
                          "drange",
                          "esc[x]",
                          "escx",
                          "  lead",
                          "lead",
                          "twice",
                          "a/b/twice",
                          "not\\",
                          "not",
                          "excluded-by-info",
                          "sub/excluded-by-info",
                          "a.info",
                          "sub/keep.info",
                          "sub/other.info",
                          "sub/only-here",
                          "sub/deeper/only-here",
                          "sub/tmp/f",
                          "tmp/f",
                          "plain.txt",
                          "services/api/Dockerfile",
                          "services/api/cache/Dockerfile"})
    repo.write(rel);

  dd::GitIgnores ig(repo.root(), true);
  ASSERT_TRUE(ig.active());
  std::vector<std::pair<std::string, bool>> ours;
  verdicts(ig, repo.root(), "", false, &ours);
  ASSERT_GT(ours.size(), 100u);

  std::string list_file = repo.dir() + "/paths";
  {
    std::ofstream list(list_file, std::ios::binary);
    for (const auto& [path, ignored] : ours) list << path << '\0';
  }
  std::string out;
  int status = repo.git("check-ignore --no-index --stdin -z", list_file, &out);
  ASSERT_TRUE(status == 0 || status == 1) << out;
  std::set<std::string> git_ignored;
  for (size_t pos = 0; pos < out.size();) {
    size_t end = out.find('\0', pos);
    if (end == std::string::npos) end = out.size();
    git_ignored.insert(out.substr(pos, end - pos));
    pos = end + 1;
  }

  size_t ignored_count = 0;
  for (const auto& [path, ignored] : ours) {
    EXPECT_EQ(ignored, git_ignored.count(path) > 0)
        << "'" << path << "': git says " << (git_ignored.count(path) ? "ignored" : "not ignored");
    ignored_count += ignored;
  }
  // Both verdicts occur often enough for the comparison to mean something.
  EXPECT_GT(ignored_count, 30u);
  EXPECT_GT(ours.size() - ignored_count, 30u);
}

TEST(GitignoreAgainstGit, AWorktreeReadsTheCommonExcludeFile) {
  Repo repo;
  if (repo.git("--version") != 0)
    GTEST_SKIP() << "git is not available: worktree exclude files not compared with git";
  ASSERT_EQ(repo.git("init -q ."), 0);
  ASSERT_EQ(repo.git("-c user.name=t -c user.email=t@example.com commit -q --allow-empty -m init"),
            0);
  std::string out;
  ASSERT_EQ(repo.git("worktree add -q ../wt", "", &out), 0) << out;
  repo.write(".git/info/exclude", "*.secret\n");
  std::string wt = repo.dir() + "/wt";
  std::ofstream(wt + "/a.secret") << "";
  std::ofstream(wt + "/b.txt") << "";

  dd::GitIgnores ig(wt, true);
  std::vector<std::pair<std::string, bool>> ours;
  verdicts(ig, wt, "", false, &ours);
  ASSERT_EQ(ours.size(), 2u);  // .git (a file here) is left out
  int status = repo.git("-C ../wt check-ignore --no-index a.secret b.txt", "", &out);
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, "a.secret\n");
  EXPECT_EQ(ours[0], (std::pair<std::string, bool>{"a.secret", true}));
  EXPECT_EQ(ours[1], (std::pair<std::string, bool>{"b.txt", false}));
}

}  // namespace
