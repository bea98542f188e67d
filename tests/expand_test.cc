// Word expansion (src/dockerfile/expand.h): BuildKit's modifiers, quoting and
// escapes beyond what the conformance vectors cover, the unset list, error
// offsets, and hostile input.
#include "dockerfile/expand.h"
#include "time_limits.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using dd::expand_word;
using dd::expand_words;
using dd::VarMap;

using Words = std::vector<std::string>;

std::string value_of(std::string_view word, const VarMap& vars, char escape = '\\') {
  const auto r = expand_word(word, vars, escape);
  EXPECT_TRUE(r.ok) << word << ": " << r.error;
  return r.value;
}

// Seconds a call takes. The bound is loose on purpose (Debug builds, a shared
// machine): a quadratic path on these sizes would take hours, not seconds.
constexpr double kSlow = dd::test::time_limit(30.0);

template <typename F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Expand, PlainReferences) {
  const VarMap vars{{"FOO", "foo"}, {"EMPTY", ""}, {"a_1", "x"}};
  EXPECT_EQ(value_of("$FOO/${FOO}", vars), "foo/foo");
  EXPECT_EQ(value_of("$a_1.$a_1x", vars), "x.");  // names are greedy
  EXPECT_EQ(value_of("[$EMPTY][$NOPE]", vars), "[][]");
  EXPECT_EQ(value_of("cost: $ 5 $", vars), "cost: $ 5 $");  // a lone $ is literal
  EXPECT_EQ(value_of("$FOO-$FOO", vars), "foo-foo");
}

TEST(Expand, DefaultAndAlternative) {
  const VarMap vars{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(value_of("${SET:-d} ${EMPTY:-d} ${UNSET:-d}", vars), "v d d");
  EXPECT_EQ(value_of("${SET-d} ${EMPTY-d} ${UNSET-d}", vars), "v  d");
  EXPECT_EQ(value_of("${SET:+a} ${EMPTY:+a} ${UNSET:+a}", vars), "a  ");
  EXPECT_EQ(value_of("${SET+a} ${EMPTY+a} ${UNSET+a}", vars), "a a ");
  EXPECT_EQ(value_of("${UNSET:-${ALSO:-${SET}}}", vars), "v");
  EXPECT_EQ(value_of("${UNSET:-a b}", vars), "a b");
  EXPECT_EQ(value_of("${UNSET:-\"}\"}", vars), "}");  // a quoted brace does not close
  EXPECT_EQ(value_of("${UNSET:-a\\}b}", vars), "a}b");
  // The release-file naming idiom from BuildKit's own tests.
  const VarMap platform{{"TARGETARCH", "arm"}, {"TARGETVARIANT", "v7"}};
  EXPECT_EQ(value_of("x-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}", platform), "x-arm-v7");
  EXPECT_EQ(
      value_of("x-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}", {{"TARGETARCH", "amd64"}}),
      "x-amd64");
}

TEST(Expand, RequiredValues) {
  const VarMap set{{"VAR", "plain"}, {"ARG", "x"}};
  const VarMap empty{{"VAR", ""}, {"ARG", "x"}};
  const VarMap unset{{"ARG", "x"}};
  EXPECT_EQ(value_of("${VAR:?message here$ARG}", set), "plain");
  EXPECT_EQ(value_of("${VAR?message here$ARG}", set), "plain");
  EXPECT_EQ(value_of("${VAR?message here$ARG}", empty), "");

  auto r = expand_word("${VAR:?message here$ARG}", empty);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "VAR: message herex");
  r = expand_word("${VAR:?message here$ARG}", unset);
  EXPECT_EQ(r.error, "VAR: message herex");
  r = expand_word("${VAR?message here$ARG}", unset);
  EXPECT_EQ(r.error, "VAR: message herex");
  r = expand_word("ab${VAR:?}", empty);
  EXPECT_EQ(r.error, "VAR: is not allowed to be empty");
  EXPECT_EQ(r.error_offset, 2u);
  r = expand_word("${VAR?}", unset);
  EXPECT_EQ(r.error, "VAR: is not allowed to be unset");
}

TEST(Expand, PrefixAndSuffixRemoval) {
  const VarMap vars{
      {"FOO", "xxyy"}, {"BAR", "x"}, {"NONE", ""}, {"PATHV", "/usr/local/bin/tool.tar.gz"}};
  EXPECT_EQ(value_of("${FOO#x}", vars), "xyy");
  EXPECT_EQ(value_of("${FOO#*x*y}", vars), "y");
  EXPECT_EQ(value_of("${FOO#*}", vars), "xxyy");  // shortest match is empty
  EXPECT_EQ(value_of("${FOO##*x}", vars), "yy");
  EXPECT_EQ(value_of("${FOO#$BAR}", vars), "xyy");
  EXPECT_EQ(value_of("${FOO#$NONE}", vars), "xxyy");
  EXPECT_EQ(value_of("${FOO#}", vars), "xxyy");
  EXPECT_EQ(value_of("${FOO%y}", vars), "xxy");
  EXPECT_EQ(value_of("${FOO%%y*}", vars), "xx");
  EXPECT_EQ(value_of("${FOO%x}", vars), "xxyy");
  EXPECT_EQ(value_of("${PATHV##*/}", vars), "tool.tar.gz");
  EXPECT_EQ(value_of("${PATHV%/*}", vars), "/usr/local/bin");
  EXPECT_EQ(value_of("${PATHV%%.*}", vars), "/usr/local/bin/tool");
  EXPECT_EQ(value_of("${PATHV%.*}", vars), "/usr/local/bin/tool.tar");
  EXPECT_EQ(value_of("${UNSET#x}", vars), "");
  EXPECT_EQ(value_of("${FOO:#x}", vars), "xyy");  // BuildKit accepts the colon here
  // Escaped wildcards and regex characters are literal.
  EXPECT_EQ(value_of("${S#?\\?}", {{"S", "???y"}}), "?y");
  EXPECT_EQ(value_of("${S%%\\**\\*}", {{"S", "a***yy*"}}), "a");
  EXPECT_EQ(value_of("${S#()[]{\\}^$.\\*\\?|\\\\}", {{"S", "()[]{}^$.*?|\\x"}}), "x");
  EXPECT_EQ(value_of("${S%é?}", {{"S", "añéñ"}}), "añ");  // ? is one character, not one byte
  // . in Go regexps stops at a newline, and so does * here.
  EXPECT_EQ(value_of("${S#*b}", {{"S", "a\nb"}}), "a\nb");

  const auto r = expand_word("${FOO#a\\b}", vars);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("invalid escape"), std::string::npos) << r.error;
}

TEST(Expand, Replacement) {
  const VarMap vars{{"FOO", "/tmp/tmp/bar.txt"}, {"NEEDLE", "/tmp"}, {"STAR", "/foo*/*/*.txt"}};
  EXPECT_EQ(value_of("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", vars), "/tmp/bar.txt - /bar.txt");
  EXPECT_EQ(value_of("${STAR/\\*\\//.} - ${STAR//\\*\\//.}", vars), "/foo.*/*.txt - /foo..*.txt");
  EXPECT_EQ(value_of("${FOO//\\//\\/}", vars), "\\/tmp\\/tmp\\/bar.txt");
  EXPECT_EQ(value_of("${U/http:\\/\\//https://}", {{"U", "http://google.de"}}),
            "https://google.de");
  EXPECT_EQ(value_of("${FOO//?/.}", {{"FOO", "abc"}}), "...");
  EXPECT_EQ(value_of("${FOO///}", {{"FOO", "xxyy"}}), "xxyy");
  EXPECT_EQ(value_of("${FOO/$NONE/ww}", {{"FOO", "xxyy"}, {"NONE", ""}}), "wwxxyy");
  EXPECT_EQ(value_of("${UNSET/*/x}", {}), "x");  // .* matches the empty value
  // Replace-all expands Go's $0 template; a single replacement is literal.
  EXPECT_EQ(value_of("${FOO//b/['$0']}", {{"FOO", "abab"}}), "a[b]a[b]");
  EXPECT_EQ(value_of("${FOO//b/'$$${0}$x'}", {{"FOO", "abab"}}), "a$ba$b");
  EXPECT_EQ(value_of("${FOO//b/[\\$0]}", {{"FOO", "abab"}}), "a[\\b]a[\\b]");
  EXPECT_EQ(value_of("${FOO/b/[\\$0]}", {{"FOO", "abab"}}), "a[\\$0]ab");
  // An empty match right after another match is not replaced again.
  EXPECT_EQ(value_of("${FOO//*/-}", {{"FOO", "abc"}}), "-");
  EXPECT_EQ(value_of("${FOO//b*/-}", {{"FOO", "abc\nbd"}}), "a-\n-");

  EXPECT_FALSE(expand_word("${FOO//ww}", vars).ok);
  EXPECT_FALSE(expand_word("${FOO//}", vars).ok);
  const auto r = expand_word("${FOO/a", vars);
  EXPECT_EQ(r.error, "syntax error: missing '/' in ${}");
  EXPECT_EQ(r.error_offset, 0u);
}

TEST(Expand, PositionalAndSpecialParametersAreEmpty) {
  const VarMap vars{{"A", "a"}};
  for (const char* p : {"1", "9", "10", "@", "*", "#", "?", "-", "$", "!", "0"}) {
    const std::string name = p;
    EXPECT_EQ(value_of("<$" + name + ">", vars), "<>") << name;
    EXPECT_EQ(value_of("<${" + name + "}>", vars), "<>") << name;
    EXPECT_EQ(value_of("<${" + name + ":-d}>", vars), "<d>") << name;
    EXPECT_EQ(value_of("<${" + name + ":+d}>", vars), "<>") << name;
  }
  EXPECT_EQ(value_of("$12x", vars), "x");
  EXPECT_EQ(value_of("$$A", vars), "A");        // $$ is a (empty) special parameter
  EXPECT_FALSE(expand_word("${#A}", vars).ok);  // no ${#var} length form
}

TEST(Expand, Quoting) {
  const VarMap vars{{"PWD", "/home"}};
  EXPECT_EQ(value_of("'$PWD \\n \"'", vars), "$PWD \\n \"");
  EXPECT_EQ(value_of("\"$PWD '$PWD'\"", vars), "/home '/home'");
  EXPECT_EQ(value_of("\"a\\\"b\\$c\\\\d\\e\"", vars), "a\"b$c\\d\\e");
  EXPECT_EQ(value_of("a\\ b\\\\c\\$PWD", vars), "a b\\c$PWD");
  EXPECT_EQ(value_of("trailing\\", vars), "trailing");
  EXPECT_EQ(value_of("he'll'o\"\"", vars), "hello");
}

TEST(Expand, BacktickEscape) {
  const VarMap vars{{"PWD", "/home"}};
  // With `# escape=`` a backslash is an ordinary character (Windows paths).
  EXPECT_EQ(value_of("C:\\path\\$PWD", vars, '`'), "C:\\path\\/home");
  EXPECT_EQ(value_of("he`$PWD", vars, '`'), "he$PWD");
  EXPECT_EQ(value_of("a`\"b", vars, '`'), "a\"b");
  EXPECT_EQ(value_of("\"a`\"b``c`d\\\"", vars, '`'), "a\"b`c`d\\");
  EXPECT_EQ(value_of("${X:-a`}b}", vars, '`'), "a}b");
  EXPECT_EQ(value_of("\"a\\\"", vars, '`'), "a\\");  // \" does not escape the quote
}

TEST(Expand, Unicode) {
  const VarMap vars{{"한국어", "ko"}, {"x", "1"}};
  EXPECT_EQ(value_of("$한국어!", vars), "ko!");  // Go's unicode.IsLetter decides what a name is
  EXPECT_EQ(value_of("$x١", vars), "");          // Arabic-Indic digits continue a name
  EXPECT_EQ(value_of("\xEF\xBB\xBF$x", vars),
            "1");  // a leading BOM is dropped, as Go's scanner does
  EXPECT_EQ(value_of("a\xFF"
                     "b",
                     vars),
            "a\xEF\xBF\xBD"
            "b");  // invalid UTF-8 reads as U+FFFD
}

TEST(Expand, UnsetListsMissingNamesOnceInOrder) {
  const VarMap vars{{"SET", "v"}};
  auto r = expand_word("${B:-$A} $A ${SET} $B ${C:+x} ${SET:-$D}", vars);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.unset, (Words{"B", "A", "C", "D"}));
  r = expand_word("'$Q' \\$R \"$S\"", vars);
  EXPECT_EQ(r.unset, (Words{"S"}));  // quoted and escaped dollars reference nothing
  r = expand_word("$1 ${+x}", vars);
  EXPECT_EQ(r.unset, (Words{"1"}));  // the empty name of ${+x} is not listed
  EXPECT_TRUE(expand_word("$SET ${SET:-x}", vars).unset.empty());
}

struct ErrorCase {
  const char* input;
  size_t offset;
  const char* message;  // a fragment
};

TEST(Expand, ErrorsPointAtTheirCause) {
  const ErrorCase cases[] = {
      {"ab${}", 2, "bad substitution"},
      {"${{a}", 0, "bad substitution"},
      {"x${:-a}", 1, "bad substitution"},
      {"ab${.}", 4, "unsupported modifier (.)"},
      {"${XXX:YYY}", 5, "unsupported modifier (:Y)"},
      {"a${XXX:=0}", 6, "unsupported modifier (:=)"},
      {"he${PWD", 2, "missing '}'"},
      {"${aaa:-bbb ${foo}", 0, "missing '}'"},
      {"${a:-${b:-${c", 0, "missing '}'"},
      {"${a:-'x}", 0, "missing '}'"},  // an unterminated quote inside ${ reports the ${
      {"ab${", 2, "missing '}'"},
      {"a 'b", 2, "single-quote"},
      {"a \"b\\\"", 2, "double-quote"},
      {"x${a:-${b?}}", 6, "b: is not allowed to be unset"},
  };
  for (const auto& c : cases) {
    const auto r = expand_word(c.input, {});
    EXPECT_FALSE(r.ok) << c.input;
    EXPECT_EQ(r.error_offset, c.offset) << c.input << ": " << r.error;
    EXPECT_NE(r.error.find(c.message), std::string::npos) << c.input << ": " << r.error;
    EXPECT_TRUE(r.value.empty()) << c.input;
  }
}

TEST(ExpandWords, SplitsUnquotedExpansionsOnly) {
  const VarMap vars{{"SP", "a  b"}, {"LEAD", "  x y"}, {"TRAIL", "x y  "}, {"EMPTY", ""}};
  auto words_of = [&](std::string_view text) {
    const auto r = expand_words(text, vars);
    EXPECT_TRUE(r.ok) << text << ": " << r.error;
    return r.words;
  };
  EXPECT_EQ(words_of("cmd $SP"), (Words{"cmd", "a", "b"}));
  EXPECT_EQ(words_of("cmd \"$SP\""), (Words{"cmd", "a  b"}));
  EXPECT_EQ(words_of("pre$LEAD"), (Words{"pre", "x", "y"}));
  EXPECT_EQ(words_of("${TRAIL}post"), (Words{"x", "y", "post"}));
  EXPECT_EQ(words_of("a\\ b 'c d' \"e  f\""), (Words{"a b", "c d", "e  f"}));
  EXPECT_EQ(words_of("a \"\" $EMPTY b"), (Words{"a", "b"}));  // empty words vanish
  EXPECT_EQ(words_of("  "), Words{});
  EXPECT_EQ(words_of("a\tb\nc"), (Words{"a", "b", "c"}));
  EXPECT_EQ(words_of("a\xC2\xA0"
                     "b"),
            (Words{"a", "b"}));                               // Go's IsSpace includes NBSP
  EXPECT_EQ(words_of("${SP:+\"1  2\"}"), (Words{"1", "2"}));  // a ${} result splits as a whole

  const auto r = expand_words("a $SP", vars);
  EXPECT_EQ(r.value, "a a  b");  // the unsplit value comes along

  const auto bad = expand_words("a \"b", vars);
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(bad.words.empty());
  EXPECT_EQ(bad.error_offset, 2u);
}

TEST(ExpandHostile, DeepNestingFailsFastWithinBounds) {
  auto nested = [](size_t depth) {
    std::string s;
    for (size_t i = 0; i < depth; ++i) s += "${a:-";
    s += "x";
    s.append(depth, '}');
    return s;
  };
  EXPECT_EQ(value_of(nested(128), {}), "x");
  EXPECT_EQ(expand_word(nested(128), {}).unset, Words{"a"});

  const std::string too_deep = nested(129);
  const auto r = expand_word(too_deep, {});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nested"), std::string::npos) << r.error;
  EXPECT_EQ(r.error_offset, 128u * 5u);

  const std::string hostile = nested(100000);
  dd::ExpandResult h;
  EXPECT_LT(seconds([&] { h = expand_word(hostile, {}); }), kSlow);
  EXPECT_FALSE(h.ok);
  std::string unclosed;
  for (int i = 0; i < 100000; ++i) unclosed += "\"${a:-";
  EXPECT_FALSE(expand_words(unclosed, {}).ok);
}

TEST(ExpandHostile, TenMegabyteWordsAreLinear) {
  constexpr size_t kSize = 10 << 20;
  const VarMap vars{{"A", "a b"}};

  std::string plain(kSize, 'x');
  dd::ExpandResult r;
  EXPECT_LT(seconds([&] { r = expand_word(plain, vars); }), kSlow);
  EXPECT_EQ(r.value.size(), kSize);

  std::string refs;
  while (refs.size() < kSize) refs += "$A ${A:-d}\"$A\"'q'\\$ ";
  EXPECT_LT(seconds([&] { r = expand_words(refs, vars); }), kSlow);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(r.words.size(), kSize / 10);

  std::string quoted = "\"" + std::string(kSize, 'y') + "\"";
  EXPECT_LT(seconds([&] { r = expand_words(quoted, vars); }), kSlow);
  ASSERT_EQ(r.words.size(), 1u);
  EXPECT_EQ(r.words[0].size(), kSize);

  std::string unterminated = "'" + std::string(kSize, 'z');
  EXPECT_LT(seconds([&] { r = expand_word(unterminated, vars); }), kSlow);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_offset, 0u);
  EXPECT_LT(r.error.size(), 200u);

  // One huge default and one huge variable value pass through nested levels
  // without being copied per level.
  std::string deep_big;
  for (int i = 0; i < 100; ++i) deep_big += "${U:-";
  deep_big += std::string(kSize, 'w') + std::string(100, '}');
  EXPECT_LT(seconds([&] { r = expand_word(deep_big, vars); }), kSlow);
  EXPECT_EQ(r.value.size(), kSize);
}

TEST(ExpandHostile, ResultSizeIsBounded) {
  // Multiplying a large value fails at 64 MiB instead of exhausting memory.
  const VarMap vars{{"V", std::string(1 << 20, 'v')}};
  std::string refs = "ok ";
  for (int i = 0; i < 1000; ++i) refs += "$V";
  dd::ExpandResult r;
  EXPECT_LT(seconds([&] { r = expand_words(refs, vars); }), kSlow);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("MiB"), std::string::npos) << r.error;
  EXPECT_EQ(r.error_offset, 3u + 63 * 2);  // the 64th $V crosses the bound

  EXPECT_LT(seconds([&] { r = expand_word("a${V//?/$V}", vars); }), kSlow);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_offset, 1u);
  EXPECT_TRUE(expand_word("${V//v/$V}", {{"V", "vvvv"}}).ok);
}

TEST(ExpandHostile, ManyPatternSubstitutions) {
  // Each distinct wildcard pattern is a regex compile, as in BuildKit; a
  // pattern repeated through the word is compiled once.
  const VarMap vars{{"V", "dir/sub/file.txt"}};
  std::string repeated;
  while (repeated.size() < (1 << 20)) repeated += "${V##*/}${V%/*}${V//i/!}";
  dd::ExpandResult r;
  EXPECT_LT(seconds([&] { r = expand_word(repeated, vars); }), kSlow);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.value.substr(0, 32), "file.txtdir/subd!r/sub/f!le.txtf");

  std::string distinct;
  for (int i = 0; i < 20000; ++i) distinct += "${V#*" + std::to_string(i) + "}";
  EXPECT_LT(seconds([&] { r = expand_word(distinct, vars); }), kSlow);
  ASSERT_TRUE(r.ok) << r.error;

  // Regex matching may cost pattern length x value length; past a budget
  // the substitution fails instead of running for minutes.
  const VarMap mega{{"V", std::string(1 << 20, 'a')}};
  for (const std::string& w :
       {"${V//?" + std::string(1000, 'a') + "/x}", "${V%%" + std::string(1000, 'a') + "*}"}) {
    EXPECT_LT(seconds([&] { r = expand_word(w, mega); }), kSlow);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("too long"), std::string::npos) << r.error;
    EXPECT_EQ(r.error_offset, 0u);
  }
  EXPECT_TRUE(
      expand_word("${V//" + std::string(1000, 'a') + "/x}", mega).ok);  // no wildcard: plain search

  // Patterns over a 10 MB value.
  const VarMap big{{"V", std::string(10 << 20, 'a')}};
  EXPECT_LT(seconds([&] { r = expand_word("${V//a/bb}${V//*a/c}${V%%a*}${V#*a}", big); }), kSlow);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.value.size(), (30u << 20));
}

}  // namespace
