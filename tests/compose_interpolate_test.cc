// Compose interpolation: every form compose-go's template package accepts,
// and .env parsing.
#include <gtest/gtest.h>

#include "compose/interpolate.h"

namespace {

using dd::compose::Environment;
using dd::compose::interpolate;
using dd::compose::InterpolationIssue;

struct Case {
  const char* in;
  const char* out;
};

const Environment kEnv = {{"SET", "value"}, {"EMPTY", ""}, {"PORT", "8080"}, {"OTHER", "o"}};

TEST(ComposeInterpolate, EveryFormAgainstSetEmptyAndUnset) {
  const Case cases[] = {
      {"plain", "plain"},
      {"$SET", "value"},
      {"${SET}", "value"},
      {"a${SET}b", "avalueb"},
      {"$SET.x", "value.x"},
      {"$$SET", "$SET"},
      {"$${SET}", "${SET}"},
      {"cost: 5$", "cost: 5$"},
      {"$ 1", "$ 1"},
      {"${SET:-d}", "value"},
      {"${EMPTY:-d}", "d"},
      {"${UNSET:-d}", "d"},
      {"${SET-d}", "value"},
      {"${EMPTY-d}", ""},
      {"${UNSET-d}", "d"},
      {"${SET:+alt}", "alt"},
      {"${EMPTY:+alt}", ""},
      {"${UNSET:+alt}", ""},
      {"${SET+alt}", "alt"},
      {"${EMPTY+alt}", "alt"},
      {"${UNSET+alt}", ""},
      {"${SET:?boom}", "value"},
      {"${EMPTY?boom}", ""},
      {"${UNSET:-${OTHER}}", "o"},
      {"${UNSET:-${ALSO_UNSET:-deep}}", "deep"},
      {"${UNSET:-a-${PORT}-b}", "a-8080-b"},
      {"127.0.0.1:${PORT}:80", "127.0.0.1:8080:80"},
      {"${UNSET:-}", ""},
  };
  for (const Case& c : cases) {
    std::vector<InterpolationIssue> issues;
    EXPECT_EQ(interpolate(c.in, kEnv, &issues), c.out) << c.in;
    EXPECT_TRUE(issues.empty()) << c.in << ": " << (issues.empty() ? "" : issues[0].message);
  }
}

TEST(ComposeInterpolate, UnsetVariableIsReportedAtItsDollar) {
  std::vector<InterpolationIssue> issues;
  EXPECT_EQ(interpolate("x=${NOPE} y=$ALSO", kEnv, &issues), "x= y=");
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].kind, InterpolationIssue::Kind::Unset);
  EXPECT_EQ(issues[0].name, "NOPE");
  EXPECT_EQ(issues[0].index, 2u);
  EXPECT_EQ(issues[0].length, 7u);
  EXPECT_EQ(issues[1].name, "ALSO");
  EXPECT_EQ(issues[1].index, 12u);
  EXPECT_EQ(issues[1].length, 5u);
}

TEST(ComposeInterpolate, UnsetInsideAnUnusedDefaultIsNotReported) {
  std::vector<InterpolationIssue> issues;
  EXPECT_EQ(interpolate("${SET:-${NOPE}}", kEnv, &issues), "value");
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(interpolate("${UNSET:-${NOPE}}", kEnv, &issues), "");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].name, "NOPE");
  EXPECT_EQ(issues[0].index, 9u);
}

TEST(ComposeInterpolate, RequiredVariablesCarryTheirMessage) {
  std::vector<InterpolationIssue> issues;
  interpolate("${UNSET:?set UNSET first}", kEnv, &issues);
  interpolate("${EMPTY:?must not be empty}", kEnv, &issues);
  interpolate("${UNSET?}", kEnv, &issues);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].kind, InterpolationIssue::Kind::Required);
  EXPECT_EQ(issues[0].message, "required variable 'UNSET' is missing a value: set UNSET first");
  EXPECT_EQ(issues[1].message, "required variable 'EMPTY' is missing a value: must not be empty");
  EXPECT_EQ(issues[2].message, "required variable 'UNSET' is missing a value");
}

TEST(ComposeInterpolate, MalformedTemplatesAreInvalid) {
  for (const char* bad : {"${", "${SET", "${}", "${1X}", "${SET!x}"}) {
    std::vector<InterpolationIssue> issues;
    interpolate(bad, kEnv, &issues);
    ASSERT_EQ(issues.size(), 1u) << bad;
    EXPECT_EQ(issues[0].kind, InterpolationIssue::Kind::Invalid) << bad;
  }
}

TEST(ComposeDotenv, ParsesAsComposeDoes) {
  std::vector<int> bad;
  Environment outer = {{"FROM_SHELL", "shell"}};
  Environment e = dd::compose::parse_dotenv(
      "# comment\n"
      "A=1\n"
      "export B = two \n"
      "C='literal ${A} \\n'\n"
      "D=\"x\\ny ${A}\"\n"
      "E=value # trailing comment\n"
      "F=\"multi\n"
      "line\"\n"
      "G=${FROM_SHELL}-${A}\n"
      "not a line\n"
      "H=\n",
      outer, &bad);
  EXPECT_EQ(e["A"], "1");
  EXPECT_EQ(e["B"], "two");
  EXPECT_EQ(e["C"], "literal ${A} \\n");
  EXPECT_EQ(e["D"], "x\ny 1");
  EXPECT_EQ(e["E"], "value");
  EXPECT_EQ(e["F"], "multi\nline");
  EXPECT_EQ(e["G"], "shell-1");
  EXPECT_EQ(e["H"], "");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0], 10);
}

}  // namespace
