// .gitignore semantics (src/ignore/gitignore.h) with expectations checked
// by hand against gitignore(5), the repository root and the ignore stack of
// a walk (src/project/repository.h) on temporary trees. The same semantics
// are compared with `git check-ignore` itself in gitignore_git_test.cc.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ignore/gitignore.h"
#include "project/repository.h"

namespace fs = std::filesystem;
using dd::ignore::GitIgnore;
using dd::ignore::GitVerdict;
using dd::ignore::parse_gitignore;

namespace {

constexpr bool kDir = true, kFile = false;

GitVerdict verdict(const std::string& text, const std::string& path, bool is_dir = kFile) {
  return GitIgnore(text).match(path, is_dir);
}
bool ignored(const std::string& text, const std::string& path, bool is_dir = kFile) {
  return verdict(text, path, is_dir) == GitVerdict::Ignored;
}

TEST(Gitignore, ParsesCommentsBlanksNegationAndTrailingSpaces) {
  auto p = parse_gitignore(
      "\xEF\xBB\xBF# comment\n\n  \n!keep.log\nbuild/\n/root\\ \\ \nsp   \nx\\\r\n");
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0].text, "");  // a line of spaces is a pattern that matches nothing
  EXPECT_EQ(p[0].line, 3u);
  EXPECT_TRUE(p[1].negated);
  EXPECT_EQ(p[1].glob, "keep.log");
  EXPECT_FALSE(p[1].anchored);
  EXPECT_TRUE(p[2].dir_only);
  EXPECT_EQ(p[2].glob, "build");
  EXPECT_FALSE(p[2].anchored);  // a trailing slash alone does not anchor
  EXPECT_TRUE(p[3].anchored);
  EXPECT_EQ(p[3].glob, "root\\ \\ ");  // escaped trailing spaces stay
  EXPECT_EQ(p[4].text, "sp");          // unescaped ones go
  EXPECT_EQ(p[5].text, "x\\");         // CR dropped; a lone trailing backslash kept
}

TEST(Gitignore, NameWithoutSlashMatchesAtAnyDepth) {
  EXPECT_TRUE(ignored("Dockerfile.tmp\n", "Dockerfile.tmp"));
  EXPECT_TRUE(ignored("Dockerfile.tmp\n", "a/b/Dockerfile.tmp"));
  EXPECT_FALSE(ignored("Dockerfile.tmp\n", "a/Dockerfile.tmp2"));
  EXPECT_TRUE(ignored("*.log\n", "deep/dir/x.log"));
  EXPECT_TRUE(ignored("*.log\n", ".log"));
  EXPECT_FALSE(ignored("*.log\n", "x.log/y"));
  EXPECT_TRUE(ignored("gen*\n", "src/generated", kDir));
}

TEST(Gitignore, SlashAnchorsToTheFilesDirectory) {
  EXPECT_TRUE(ignored("/build\n", "build", kDir));
  EXPECT_FALSE(ignored("/build\n", "sub/build", kDir));
  EXPECT_TRUE(ignored("doc/frotz\n", "doc/frotz"));
  EXPECT_FALSE(ignored("doc/frotz\n", "a/doc/frotz"));
  EXPECT_TRUE(ignored("a/*/c\n", "a/b/c"));
  EXPECT_FALSE(ignored("a/*/c\n", "a/b/x/c"));  // '*' never crosses a slash
  EXPECT_FALSE(ignored("a/?\n", "a/"));
  EXPECT_TRUE(ignored("a/?\n", "a/b"));
}

TEST(Gitignore, TrailingSlashMatchesDirectoriesOnly) {
  EXPECT_TRUE(ignored("out/\n", "x/out", kDir));
  EXPECT_FALSE(ignored("out/\n", "x/out", kFile));
  EXPECT_TRUE(ignored("/x/out/\n", "x/out", kDir));
  EXPECT_FALSE(ignored("/x/out/\n", "x/out", kFile));
}

TEST(Gitignore, LastMatchWinsAndBangReincludes) {
  std::string text = "*.env\n!example.env\n";
  EXPECT_TRUE(ignored(text, "prod.env"));
  EXPECT_EQ(verdict(text, "conf/example.env"), GitVerdict::Included);
  EXPECT_EQ(verdict("!x\nx\n", "x"), GitVerdict::Ignored);
  EXPECT_EQ(verdict("y\n", "x"), GitVerdict::None);
}

TEST(Gitignore, DoubleStar) {
  EXPECT_TRUE(ignored("**/foo\n", "foo"));
  EXPECT_TRUE(ignored("**/foo\n", "a/b/foo"));
  EXPECT_TRUE(ignored("**/foo/bar\n", "x/foo/bar"));
  EXPECT_TRUE(ignored("**/foo/bar\n", "foo/bar"));
  EXPECT_TRUE(ignored("abc/**\n", "abc/x"));
  EXPECT_TRUE(ignored("abc/**\n", "abc/x/y"));
  EXPECT_FALSE(ignored("abc/**\n", "abc", kDir));
  EXPECT_TRUE(ignored("a/**/b\n", "a/b"));
  EXPECT_TRUE(ignored("a/**/b\n", "a/x/y/b"));
  EXPECT_FALSE(ignored("a/**/b\n", "a/xb"));
  // Anywhere else `**` is a plain `*`: it stays within one name.
  EXPECT_TRUE(ignored("a/x**y\n", "a/xzzy"));
  EXPECT_FALSE(ignored("a/x**y\n", "a/x/y"));
  EXPECT_TRUE(ignored("/**\n", "any/thing"));
}

TEST(Gitignore, BracketsNegateWithBangOrCaretAndNeverMatchSlash) {
  EXPECT_TRUE(ignored("file[0-9]\n", "file7"));
  EXPECT_FALSE(ignored("file[!0-9]\n", "file7"));
  EXPECT_TRUE(ignored("file[!0-9]\n", "filex"));
  EXPECT_TRUE(ignored("file[^0-9]\n", "filex"));
  EXPECT_FALSE(ignored("a[!x]b\n", "a/b"));
  EXPECT_TRUE(ignored("x[]]\n", "x]"));  // ']' first is a member
  EXPECT_TRUE(ignored("x[[:digit:]]\n", "x5"));
  EXPECT_FALSE(ignored("x[[:digit:]]\n", "xa"));
  EXPECT_FALSE(ignored("x[a\n", "x[a"));  // unterminated: never matches
  EXPECT_FALSE(ignored("x[[:nope:]]\n", "xn"));
}

TEST(Gitignore, EscapesMakeLiterals) {
  EXPECT_TRUE(ignored("\\#notes\n", "#notes"));
  EXPECT_TRUE(ignored("\\!important\n", "!important"));
  EXPECT_TRUE(ignored("a\\*b\n", "a*b"));
  EXPECT_FALSE(ignored("a\\*b\n", "axb"));
  EXPECT_TRUE(ignored("sp\\ \n", "sp "));
  EXPECT_FALSE(ignored("sp \n", "sp "));
  EXPECT_FALSE(ignored("end\\\n", "end\\"));  // a trailing backslash never matches
}

TEST(Gitignore, QuestionMarkIsOneByte) {
  EXPECT_FALSE(ignored("caf?\n", "caf\xC3\xA9"));  // é is two bytes
  EXPECT_TRUE(ignored("caf??\n", "caf\xC3\xA9"));
}

// A temporary tree, removed afterwards.
class Tree {
 public:
  Tree() {
    char tmpl[] = "/tmp/dd-gitignore-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string operator/(const std::string& rel) const { return root_ + "/" + rel; }
  const std::string& path() const { return root_; }
  void write(const std::string& rel, const std::string& text) const {
    fs::path p = root_ + "/" + rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(root_ + "/" + rel); }

 private:
  std::string root_;
};

bool same_dir(const std::string& a, const std::string& b) {
  return fs::canonical(a) == fs::canonical(b);
}

TEST(RepositoryRoot, WalksUpToGitOrTheConfigFile) {
  Tree t;
  t.mkdir("repo/.git");
  t.mkdir("repo/services/api/src");
  t.write("repo/tools/.docker-doctor.yaml", "rules: {}\n");
  t.mkdir("repo/tools/x");
  t.write("wt/.git", "gitdir: /elsewhere\n");  // a worktree's or submodule's .git file
  t.mkdir("wt/sub");
  t.mkdir("plain/a");

  std::string from_api = dd::find_repository_root(t / "repo/services/api/src");
  EXPECT_EQ(from_api, t / "repo/services/api/src/../../..");
  EXPECT_TRUE(same_dir(from_api, t / "repo"));
  EXPECT_EQ(dd::find_repository_root(t / "repo"), t / "repo");
  // The configuration file nearer than .git wins.
  EXPECT_TRUE(same_dir(dd::find_repository_root(t / "repo/tools/x"), t / "repo/tools"));
  EXPECT_TRUE(same_dir(dd::find_repository_root(t / "wt/sub"), t / "wt"));
  // Neither above: the start itself (a temporary directory is in no repository).
  if (dd::find_repository_root(t.path()) == t.path()) {
    EXPECT_EQ(dd::find_repository_root(t / "plain/a"), t / "plain/a");
  }
}

TEST(RepositoryRoot, RelativeToTheCurrentDirectory) {
  Tree t;
  t.mkdir("repo/.git");
  t.mkdir("repo/a/b");
  std::string cwd = fs::current_path().string();
  ASSERT_EQ(chdir((t / "repo/a/b").c_str()), 0);
  std::string root = dd::find_repository_root(".");
  std::string root_here = dd::find_repository_root(t / "repo");
  ASSERT_EQ(chdir(cwd.c_str()), 0);  // restored before any check can stop the test
  EXPECT_EQ(root, "../..");
  EXPECT_EQ(root_here, t / "repo");
}

TEST(RepositoryRoot, GitDirOfAWorktreeFile) {
  Tree t;
  t.mkdir("main/.git/worktrees/wt");
  t.write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");
  t.mkdir("plain");
  EXPECT_EQ(dd::git_dir_of(t / "main"), t / "main/.git");
  EXPECT_EQ(dd::git_dir_of(t / "wt"), t / "wt/../main/.git/worktrees/wt");
  EXPECT_EQ(dd::git_dir_of(t / "plain"), "");
}

// Every path below `dir` (files and directories, '.git' excepted) that the
// stack reports ignored, found by a walk that never enters one.
std::vector<std::string> walk_ignored(dd::GitIgnores& ig, const std::string& dir,
                                      const std::string& rel = "") {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> out;
  ig.enter(dir, rel, names);
  for (const std::string& name : names) {
    if (name == ".git") continue;
    std::string path = dir + "/" + name, r = rel.empty() ? name : rel + "/" + name;
    bool is_dir = fs::is_directory(fs::symlink_status(path));
    if (ig.ignored(r, is_dir)) {
      out.push_back(r);
    } else if (is_dir) {
      std::vector<std::string> below = walk_ignored(ig, path, r);
      out.insert(out.end(), below.begin(), below.end());
    }
  }
  ig.leave();
  return out;
}

TEST(GitIgnores, NestedFilesDeeperWinAndExcludedParentsStayExcluded) {
  Tree t;
  t.mkdir(".git/info");
  t.write(".git/info/exclude", "secret.txt\n");
  t.write(".gitignore", "*.log\nbuild/\n!keep/\n");
  t.write("a.log", "");
  t.write("secret.txt", "");
  t.write("build/keep.txt", "");
  t.write("build/.gitignore", "!*\n");  // never read: build/ is ignored
  t.write("svc/.gitignore", "!debug.log\n/local\n");
  t.write("svc/debug.log", "");
  t.write("svc/other.log", "");
  t.write("svc/local", "");
  t.write("svc/deep/local", "");
  dd::GitIgnores ig(t.path(), true);
  EXPECT_EQ(walk_ignored(ig, t.path()), (std::vector<std::string>{"a.log", "build", "secret.txt",
                                                                  "svc/local", "svc/other.log"}));

  dd::GitIgnores off(t.path(), false);
  EXPECT_TRUE(walk_ignored(off, t.path()).empty());
}

TEST(GitIgnores, AWalkBelowTheTopSeesTheFilesAbove) {
  Tree t;
  t.mkdir(".git");
  t.write(".gitignore", "*.tmp\n/services/api/gen/\n");
  t.write("services/.gitignore", "cache/\n");
  t.write("services/api/a.tmp", "");
  t.write("services/api/gen/x", "");
  t.write("services/api/cache/y", "");
  t.write("services/api/ok", "");
  dd::GitIgnores ig(t / "services/api", true);
  EXPECT_TRUE(ig.active());
  EXPECT_EQ(walk_ignored(ig, t / "services/api"),
            (std::vector<std::string>{"a.tmp", "cache", "gen"}));

  // Naming an ignored directory means linting it: nothing below is ignored.
  dd::GitIgnores named(t / "services/api/gen", true);
  EXPECT_FALSE(named.active());
}

TEST(GitIgnores, WorktreeExcludeAndNestedRepositories) {
  Tree t;
  t.mkdir("main/.git/worktrees/wt");
  t.write("main/.git/worktrees/wt/commondir", "../..\n");
  t.write("main/.git/info/exclude", "*.local\n");
  t.write("wt/.git", "gitdir: " + (t / "main/.git/worktrees/wt") + "\n");
  t.write("wt/.gitignore", "*.out\n");
  t.write("wt/a.local", "");
  t.write("wt/a.out", "");
  // A nested repository: the outer .gitignore stops at its top.
  t.mkdir("wt/sub/.git/info");
  t.write("wt/sub/.git/info/exclude", "mine\n");
  t.write("wt/sub/b.out", "");
  t.write("wt/sub/mine", "");
  dd::GitIgnores ig(t / "wt", true);
  EXPECT_EQ(walk_ignored(ig, t / "wt"), (std::vector<std::string>{"a.local", "a.out", "sub/mine"}));
}

TEST(GitIgnores, OutsideARepositoryNothingIsIgnored) {
  Tree t;
  t.write(".gitignore", "*\n");
  t.write("x", "");
  dd::GitIgnores ig(t.path(), true);
  if (ig.active()) GTEST_SKIP() << "the temporary directory is inside a Git repository";
  EXPECT_TRUE(walk_ignored(ig, t.path()).empty());
}

}  // namespace
