// The .dockerignore reader and matcher, feature by feature (src/ignore/).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ignore/go_path.h"
#include "ignore/ignore_file.h"
#include "ignore/matcher.h"
#include "ignore/pattern.h"

using dd::ignore::IgnoreFile;
using dd::ignore::Matcher;

namespace {

// Docker's answer for `path` under a .dockerignore with `text`.
bool excluded(const std::string& text, const std::string& path) {
  IgnoreFile f = dd::ignore::parse_ignore_file(text);
  Matcher m = dd::ignore::compile_ignore_file(f);
  return m.excluded(path);
}

std::vector<std::string> cleaned(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& p : dd::ignore::parse_ignore_file(text).patterns)
    out.push_back((p.exception ? "!" : "") + p.cleaned);
  return out;
}

}  // namespace

TEST(IgnoreGoPath, CleanFollowsGo) {
  using dd::ignore::go_clean;
  EXPECT_EQ(go_clean(""), ".");
  EXPECT_EQ(go_clean("a//b/./c/.."), "a/b");
  EXPECT_EQ(go_clean("./dist/"), "dist");
  EXPECT_EQ(go_clean("/../x"), "/x");
  EXPECT_EQ(go_clean("../../x"), "../../x");
  EXPECT_EQ(go_clean("a/../.."), "..");
  EXPECT_EQ(go_clean("/"), "/");
  EXPECT_EQ(go_clean("abc/def/../../.."), "..");
}

TEST(IgnoreGoPath, DirFollowsGo) {
  using dd::ignore::go_dir;
  EXPECT_EQ(go_dir("a/b/c"), "a/b");
  EXPECT_EQ(go_dir("a"), ".");
  EXPECT_EQ(go_dir("/a"), "/");
  EXPECT_EQ(go_dir("a/b/"), "a/b");
  EXPECT_EQ(go_dir(""), ".");
}

TEST(IgnoreGoPath, MatchSyntaxErrors) {
  using dd::ignore::go_match_syntax_error;
  EXPECT_FALSE(go_match_syntax_error("a[b-d]e"));
  EXPECT_FALSE(go_match_syntax_error("[^a]*.go"));
  EXPECT_TRUE(go_match_syntax_error("[]a]"));  // a class cannot start with ']'
  auto e = go_match_syntax_error("src/[a");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->offset, 4u);  // at the class's '['
  EXPECT_TRUE(go_match_syntax_error("[]"));
  EXPECT_TRUE(go_match_syntax_error("a\\"));
  EXPECT_TRUE(go_match_syntax_error("[a-]"));
  EXPECT_TRUE(go_match_syntax_error("*[x"));  // after a star too: Go checks the whole pattern
}

TEST(IgnoreFile, CommentsBlanksTrailingSpacesCrlfAndBom) {
  std::string text =
      "\xEF\xBB\xBF# comment\r\n"
      "\r\n"
      "node_modules   \r\n"
      "  # not a comment: leading blanks make it a pattern\n"
      "\t*.log\n"
      "last-without-newline";
  EXPECT_EQ(cleaned(text), (std::vector<std::string>{
                               "node_modules", "# not a comment: leading blanks make it a pattern",
                               "*.log", "last-without-newline"}));
  IgnoreFile f = dd::ignore::parse_ignore_file(text);
  ASSERT_EQ(f.patterns.size(), 4u);
  EXPECT_EQ(f.patterns[0].span.start.line, 3);
  EXPECT_EQ(f.patterns[0].span.start.column, 1);
  EXPECT_EQ(f.patterns[0].span.end.column, 13);  // trailing blanks are not the pattern
  EXPECT_EQ(f.patterns[2].span.start.line, 5);
  EXPECT_EQ(f.patterns[2].span.start.column, 2);
  EXPECT_EQ(f.patterns[2].written, "*.log");
  EXPECT_EQ(text.substr(f.patterns[3].span.start.offset,
                        f.patterns[3].span.end.offset - f.patterns[3].span.start.offset),
            "last-without-newline");
}

TEST(IgnoreFile, BomOnlyOnTheFirstLine) {
  IgnoreFile f = dd::ignore::parse_ignore_file(
      "\xEF\xBB\xBF"
      "a\n\xEF\xBB\xBF"
      "b\n");
  ASSERT_EQ(f.patterns.size(), 2u);
  EXPECT_EQ(f.patterns[0].cleaned, "a");
  EXPECT_EQ(f.patterns[0].span.start.offset, 3u);
  EXPECT_EQ(f.patterns[1].cleaned,
            "\xEF\xBB\xBF"
            "b");
}

TEST(IgnoreFile, LeadingSlashDotSlashAndCleaning) {
  EXPECT_EQ(cleaned("/dist/\n./build\n.//a/../b\n!/keep/\n!  spaced\n/\n"),
            (std::vector<std::string>{"dist", "build", "b", "!keep", "!spaced", "/"}));
  EXPECT_TRUE(excluded("/dist/\n", "dist/app.js"));
  EXPECT_TRUE(excluded("./build\n", "build"));
}

TEST(IgnoreFile, InvalidPatternsAreErrorsAndTheRestApplies) {
  IgnoreFile f = dd::ignore::parse_ignore_file("*.log\n  src/[a\n!\n!/\ndata\n[z-a]\n");
  ASSERT_EQ(f.errors.size(), 3u);
  EXPECT_EQ(f.errors[0].span.start.line, 2);
  EXPECT_EQ(f.errors[0].span.start.column, 7);  // at the '['
  EXPECT_NE(f.errors[0].message.find("src/[a"), std::string::npos);
  EXPECT_EQ(f.errors[1].span.start.line, 3);
  EXPECT_EQ(f.errors[2].span.start.line, 4);
  Matcher m = dd::ignore::compile_ignore_file(f);
  // Go's Match accepts `[z-a]` (it never matches) but its regexp refuses it,
  // and so does RE2.
  ASSERT_EQ(f.errors.size(), 4u);
  EXPECT_EQ(f.errors[3].span.start.line, 6);
  ASSERT_EQ(f.patterns.size(), 2u);
  EXPECT_TRUE(m.excluded("x.log"));
  EXPECT_TRUE(m.excluded("data/set.csv"));
  EXPECT_FALSE(m.excluded("src/a"));
}

TEST(IgnoreMatch, StarQuestionAndClasses) {
  EXPECT_TRUE(excluded("*.log\n", "app.log"));
  EXPECT_FALSE(excluded("*.log\n", "logs/app.log"));  // '*' stops at '/'
  EXPECT_TRUE(excluded("*/temp*\n", "somedir/temporary.txt"));
  EXPECT_FALSE(excluded("*/temp*\n", "temporary.txt"));
  EXPECT_TRUE(excluded("temp?\n", "tempa"));
  EXPECT_FALSE(excluded("temp?\n", "temp"));
  EXPECT_FALSE(excluded("a?b\n", "a/b"));
  EXPECT_TRUE(excluded("file[0-9].txt\n", "file7.txt"));
  EXPECT_FALSE(excluded("file[0-9].txt\n", "filex.txt"));
  EXPECT_TRUE(excluded("file[^0-9].txt\n", "filex.txt"));
  EXPECT_FALSE(excluded("file[^0-9].txt\n", "file7.txt"));
  // Go's Match negates with '^' only: `[!0-9]` is a class of '!' and digits.
  EXPECT_TRUE(excluded("file[!0-9].txt\n", "file!.txt"));
  EXPECT_TRUE(excluded("file[!0-9].txt\n", "file3.txt"));
  EXPECT_FALSE(excluded("file[!0-9].txt\n", "filex.txt"));
}

TEST(IgnoreMatch, DoubleStar) {
  EXPECT_TRUE(excluded("**/*.go\n", "main.go"));
  EXPECT_TRUE(excluded("**/*.go\n", "a/b/c/main.go"));
  EXPECT_TRUE(excluded("**/node_modules\n", "node_modules/x/index.js"));
  EXPECT_TRUE(excluded("**/node_modules\n", "apps/web/node_modules/x/index.js"));
  EXPECT_TRUE(excluded("dist/**\n", "dist/a/b.js"));
  EXPECT_FALSE(excluded("dist/**\n", "dist"));  // the directory itself stays, empty
  EXPECT_TRUE(excluded("a/**/b\n", "a/b"));
  EXPECT_TRUE(excluded("a/**/b\n", "a/x/y/b"));
  EXPECT_FALSE(excluded("a/**/b\n", "a/x/yb"));
  // Docker compares `**name` as a plain suffix: "xname" matches too;
  // `**/name` needs the whole name.
  EXPECT_TRUE(excluded("**name\n", "dir/xname"));
  EXPECT_FALSE(excluded("**/name\n", "dir/xname"));
  EXPECT_TRUE(excluded("**/name\n", "name"));
}

TEST(IgnoreMatch, ExceptionsLastMatchWins) {
  EXPECT_FALSE(excluded("*.md\n!README.md\n", "README.md"));
  EXPECT_TRUE(excluded("*.md\n!README.md\n", "CHANGES.md"));
  EXPECT_TRUE(excluded("*.md\n!README*.md\nREADME-secret.md\n", "README-secret.md"));
  EXPECT_FALSE(excluded("*.md\nREADME-secret.md\n!README*.md\n", "README-secret.md"));
  EXPECT_FALSE(excluded("*\n!src\n", "src/main.c"));  // a re-included parent re-includes below
  EXPECT_TRUE(excluded("*\n!src\n", "docs/x.md"));
}

TEST(IgnoreMatch, ParentDirectoriesMatch) {
  EXPECT_TRUE(excluded("data\n", "data/raw/set.csv"));
  EXPECT_TRUE(excluded("data/\n", "data/raw/set.csv"));
  EXPECT_FALSE(excluded("data\n", "src/data/set.csv"));  // anchored at the context root
  EXPECT_TRUE(excluded("*/data\n", "src/data/set.csv"));
  EXPECT_TRUE(excluded(".git\n", ".git/objects/ab/cdef"));
}

TEST(IgnoreMatch, EscapesAndRegexCharacters) {
  EXPECT_TRUE(excluded("a\\*b\n", "a*b"));
  EXPECT_FALSE(excluded("a\\*b\n", "axb"));
  EXPECT_TRUE(excluded("a\\?b\n", "a?b"));
  EXPECT_TRUE(excluded("lib.so.1+x\n", "lib.so.1+x"));
  EXPECT_FALSE(excluded("a.b\n", "axb"));
  EXPECT_TRUE(excluded("(a|b){2}*\n", "(a|b){2}x"));  // regex metacharacters are literal
  EXPECT_TRUE(excluded("caf\xC3\xA9?\n", "caf\xC3\xA9x"));
}

TEST(IgnoreMatch, DecidingPatternNamesTheLine) {
  IgnoreFile f = dd::ignore::parse_ignore_file("node_modules\n*.log\n!keep.log\n");
  Matcher m = dd::ignore::compile_ignore_file(f);
  EXPECT_EQ(m.deciding_pattern("app.log"), 1);
  EXPECT_EQ(m.deciding_pattern("keep.log"), 2);
  EXPECT_FALSE(m.excluded("keep.log"));
  EXPECT_EQ(m.deciding_pattern("node_modules/a/b"), 0);
  EXPECT_EQ(m.deciding_pattern("src/a"), -1);
}

// RE2 keeps every match linear: a pattern built to make a backtracking
// matcher explode answers at once on a deep path. (Not timed: a regression
// to backtracking would not finish within the test's time limit.)
TEST(IgnoreMatch, PathologicalPatternsStayLinear) {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "a/";
  deep += "y";
  EXPECT_FALSE(excluded("**/**/**/**/**/**/**/**/**/**/x\n", deep));
  EXPECT_TRUE(excluded("**/**/**/**/**/**/**/**/**/**/y\n", deep));
  EXPECT_FALSE(excluded("*a*a*a*a*a*a*a*a*a*a*a*a*b\n", std::string(5000, 'a')));
}

// Many patterns of every kind, checked against the plain one-by-one reading
// of the same list.
TEST(IgnoreMatch, ManyPatternsAgreeWithOneByOne) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    switch (i % 6) {
      case 0:
        text += "dir" + std::to_string(i) + "\n";
        break;
      case 1:
        text += "dir" + std::to_string(i - 1) + "/sub/**\n";
        break;
      case 2:
        text += "**/f" + std::to_string(i) + ".txt\n";
        break;
      case 3:
        text += "d*" + std::to_string(i) + "/*.log\n";
        break;
      case 4:
        text += "!dir" + std::to_string(i - 4) + "/keep?\n";
        break;
      case 5:
        text += "x[0-9]" + std::to_string(i) + "\n";
        break;
    }
  }
  IgnoreFile f = dd::ignore::parse_ignore_file(text);
  ASSERT_TRUE(f.errors.empty());
  Matcher all = dd::ignore::compile_ignore_file(f);
  std::vector<std::string> paths = {"dir0/a",
                                    "dir6/sub/b",
                                    "dir6/keep1",
                                    "q/f2.txt",
                                    "dq9/x.log",
                                    "x1"
                                    "5",
                                    "x15",
                                    "dir2994/keepz",
                                    "d2991/a.log",
                                    "nothing/here"};
  for (int i = 0; i < 3000; i += 97) paths.push_back("dir" + std::to_string(i) + "/keepa");
  std::vector<Matcher> each;
  for (const auto& pattern : f.patterns)
    each.emplace_back(
        std::vector<dd::ignore::MatcherPattern>{{pattern.cleaned, pattern.exception}});
  for (const std::string& p : paths) {
    long expect = -1;
    for (size_t i = 0; i < each.size(); ++i)
      if (each[i].deciding_pattern(p) == 0) expect = static_cast<long>(i);
    EXPECT_EQ(all.deciding_pattern(p), expect) << p;
  }
}
