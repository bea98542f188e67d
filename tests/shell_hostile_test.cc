// The shell model on hostile and huge input: deep nesting must not overflow
// the stack, a megabyte RUN must stay fast, and nothing may hang.
#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <string>

#include "dockerfile/ast.h"
#include "shell/shell.h"
#include "time_limits.h"

namespace {

template <typename F>
double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

dd::ShellRun analyze(const std::string& script) {
  return dd::analyze_script(script, dd::Position{1, 5, 4});
}

TEST(ShellHostile, TenThousandNestedCommandSubstitutions) {
  const int n = 10000;
  std::string s = "echo ";
  for (int i = 0; i < n; ++i) s += "$(";
  s += "pip install x";
  for (int i = 0; i < n; ++i) s += ")";
  dd::ShellRun r;
  double t = seconds([&] { r = analyze(s); });
  EXPECT_LT(t, dd::test::time_limit(30.0));
  // Every level is an `echo`-less substitution of the next: the innermost
  // command runs first and is found.
  ASSERT_FALSE(r.commands.empty());
  EXPECT_EQ(r.commands.front().program(), "pip");
  EXPECT_TRUE(r.commands.front().context.substitution);
  EXPECT_EQ(r.commands.back().program(), "echo");
}

TEST(ShellHostile, UnclosedNestingDoesNotCrash) {
  std::string s = "echo ";
  for (int i = 0; i < 10000; ++i) s += "$(";
  dd::ShellRun r;
  double t = seconds([&] { r = analyze(s); });
  EXPECT_LT(t, dd::test::time_limit(30.0));
  EXPECT_FALSE(r.errors.empty());
}

TEST(ShellHostile, DeepSubshellsAndBraces) {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "( { ";
  s += "cd /x && pip install y";
  for (int i = 0; i < 5000; ++i) s += "; } )";
  s += " && pwd";
  dd::ShellRun r = analyze(s);
  ASSERT_EQ(r.commands.size(), 3u);
  EXPECT_EQ(r.commands[1].workdir, "/x");
  EXPECT_EQ(r.commands[2].workdir, "/");  // the cd stayed in the subshells
  EXPECT_TRUE(r.runs_after_success(r.commands[1], r.commands[2]));
}

TEST(ShellHostile, DeeplyNestedShDashC) {
  // Each level quotes the next: sh -c 'sh -c '\''...'\'''. Levels past the
  // bound stay plain `sh` commands instead of being parsed again.
  std::string inner = "pip install x";
  for (int i = 0; i < 40; ++i) {
    std::string quoted = "'";
    for (char c : inner) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    inner = "sh -c " + quoted;
    if (inner.size() > 50000) break;
  }
  dd::ShellRun r = analyze(inner);
  ASSERT_EQ(r.commands.size(), 1u);
  EXPECT_TRUE(r.commands[0].program() == "sh" || r.commands[0].program() == "pip");
}

TEST(ShellHostile, MegabyteRunIsLinear) {
  std::string s;
  int n = 0;
  while (s.size() < (1u << 20)) {
    if (n) s += " && ";
    s += "pip install pkg" + std::to_string(n) + " --no-cache-dir -r \"req" + std::to_string(n) +
         ".txt\" $X";
    ++n;
  }
  dd::ShellRun r;
  double t = seconds([&] { r = analyze(s); });
  ASSERT_EQ(r.commands.size(), static_cast<size_t>(n));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.runs_after_success(r.commands.front(), r.commands.back()));
  EXPECT_FALSE(r.runs_after_success(r.commands.back(), r.commands.front()));
  // A generous bound (Debug and sanitizer builds run this too; an optimised
  // build takes about half a second): a quadratic walk would take minutes.
  EXPECT_LT(t, dd::test::time_limit(30.0)) << n << " commands";
  // A quarter of the input must take about a quarter of the time (a
  // quadratic walk would need a sixteenth). The best of three runs of each
  // keeps a busy machine's stalls out of the ratio; the factor 10 sits
  // between the linear 4 and the quadratic 16.
  std::string quarter = s.substr(0, s.size() / 4);
  quarter = quarter.substr(0, quarter.rfind(" && "));
  double full = t, part = seconds([&] { analyze(quarter); });
  for (int i = 0; i < 2; ++i) {
    full = std::min(full, seconds([&] { analyze(s); }));
    part = std::min(part, seconds([&] { analyze(quarter); }));
  }
  EXPECT_LT(full, 10.0 * part + dd::test::time_limit(0.5))
      << "full " << full << " s, quarter " << part << " s";
}

TEST(ShellHostile, LongOrChainsAndIfs) {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += (i ? " || " : "") + std::string("a") + std::to_string(i);
  s += "; ";
  for (int i = 0; i < 5000; ++i) s += "if x; then y; fi; ";
  dd::ShellRun r;
  double t = seconds([&] { r = analyze(s); });
  EXPECT_EQ(r.commands.size(), 20000u + 10000u);
  EXPECT_LT(t, dd::test::time_limit(30.0));
}

TEST(ShellHostile, GarbageDoesNotCrash) {
  std::string s;
  const char* bits[] = {"$(", ")",  "'",  "\"", "`",  "<<EOF\n", "&&",   "||",   ";;",
                        "{",  "}",  "if", "fi", "\\", "\n",      "case", "esac", "((",
                        "))", "${", "[[", "]]", "|",  "&",       "\x01"};
  unsigned seed = 12345;
  for (int i = 0; i < 200000; ++i) {
    seed = seed * 1103515245u + 12345u;
    s += bits[(seed >> 16) % (sizeof(bits) / sizeof(bits[0]))];
    s += ' ';
  }
  dd::ShellRun r;
  double t = seconds([&] { r = analyze(s); });
  EXPECT_LT(t, dd::test::time_limit(30.0));
  EXPECT_FALSE(r.errors.empty());
}

TEST(ShellHostile, HugeDockerfileRun) {
  std::string df = "FROM debian\nRUN ";
  for (int i = 0; i < 20000; ++i)
    df += "apt-get install -y pkg" + std::to_string(i) + " && \\\n    ";
  df += "true\n";
  dd::Dockerfile d = dd::parse_dockerfile(df);
  dd::ShellModel m;
  double t = seconds([&] { m = dd::build_shell_model(d); });
  ASSERT_EQ(m.runs.size(), 1u);
  EXPECT_EQ(m.runs[0].commands.size(), 20001u);
  EXPECT_EQ(m.runs[0].commands[19999].span.start.line, 20001);
  EXPECT_LT(t, dd::test::time_limit(30.0));
}

}  // namespace
