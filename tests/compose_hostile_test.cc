// Hostile compose input, generated here: each is refused with a clear error
// within the loader's limits, never a crash, a stack overflow or a memory
// blow-up.
#include <gtest/gtest.h>

#include <string>

#include "compose/loader.h"
#include "compose_test_util.h"

namespace {

using dd::compose::Diagnostic;
using dd::compose::Limits;

std::vector<Diagnostic> parse_errors(const std::string& text, const Limits& limits = {}) {
  std::vector<Diagnostic> d;
  dd::compose::parse_yaml(text, "compose.yaml", limits, &d);
  return d;
}

TEST(ComposeHostile, TenThousandDeepFlowNestingIsRefused) {
  std::string text = "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  auto d = parse_errors(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("nesting deeper than 512"), std::string::npos) << d[0].message;
  std::string maps = "a: " + std::string(10000, '{');
  for (int i = 0; i < 10000; ++i) maps += "}";
  d = parse_errors(maps);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("nesting deeper"), std::string::npos);
}

TEST(ComposeHostile, DeepBlockNestingIsRefused) {
  // Block nesting grows the file quadratically; 3000 levels is ~4.5 MB.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += std::string(i, ' ') + "k:\n";
  auto d = parse_errors(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("nesting deeper"), std::string::npos) << d[0].message;
}

TEST(ComposeHostile, AliasBombIsRefused) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    std::string p = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + p;
    for (int k = 1; k < 10; ++k) text += ", " + p;
    text += "]\n";
  }
  auto d = parse_errors(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("alias bomb"), std::string::npos) << d[0].message;
}

TEST(ComposeHostile, FiftyMegabyteFileIsRefusedBeforeParsing) {
  std::string text = "services:\n  web:\n    image: x\n    command: \"";
  text.append(50u << 20, 'a');
  text += "\"\n";
  auto d = parse_errors(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("more than the limit"), std::string::npos) << d[0].message;
}

TEST(ComposeHostile, LimitsAreConfigurable) {
  Limits small;
  small.max_depth = 3;
  EXPECT_EQ(parse_errors("a: {b: {c: {d: 1}}}\n", small).size(), 1u);
  EXPECT_TRUE(parse_errors("a: {b: {c: 1}}\n", small).empty());
}

TEST(ComposeHostile, GarbageNeverThrows) {
  for (const char* t : {"\t\t:", "{", "]", "a: *nope", "&a [*a]", "? [a]\n: b", "a: !!binary zzz",
                        "\xff\xfe\x00", "a: 'unclosed", "- a\nb: c"}) {
    std::vector<Diagnostic> d;
    EXPECT_NO_THROW(dd::compose::parse_yaml(t, "compose.yaml", Limits{}, &d)) << t;
    dd::compose::testing::Files f;
    f.files["compose.yaml"] = t;
    EXPECT_NO_THROW(f.load({"compose.yaml"}, true)) << t;
  }
}

}  // namespace
