// Fingerprints must survive edits elsewhere in the file and tell apart
// findings that differ in rule, file or offending text.
#include "docker_doctor/fingerprint.h"

#include <gtest/gtest.h>

#include <string>

#include "docker_doctor/source.h"

namespace {

dd::Finding finding_at(std::string_view text, std::string_view needle, std::string rule = "DD601",
                       std::string file = "Dockerfile", size_t from = 0) {
  size_t at = text.find(needle, from);
  EXPECT_NE(at, std::string_view::npos) << needle;
  dd::Finding f;
  f.rule_id = std::move(rule);
  f.file = std::move(file);
  f.span = dd::Span{dd::position_at(text, at), dd::position_at(text, at + needle.size())};
  return f;
}

TEST(Fingerprint, SurvivesLinesInsertedAbove) {
  std::string before = "FROM a\nMAINTAINER me\n";
  std::string after = "# syntax=docker/dockerfile:1\nFROM a\nRUN true\n\nMAINTAINER me\n";
  auto a = dd::fingerprints(before, {finding_at(before, "MAINTAINER")});
  auto b = dd::fingerprints(after, {finding_at(after, "MAINTAINER")});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].size(), 16u);
  EXPECT_EQ(a, b);
}

TEST(Fingerprint, IgnoresIndentationButNotContent) {
  std::string one = "FROM a\nMAINTAINER me\n";
  std::string indented = "FROM a\n   MAINTAINER    me\n";
  std::string other = "FROM a\nMAINTAINER you\n";
  auto a = dd::fingerprints(one, {finding_at(one, "MAINTAINER")});
  EXPECT_EQ(a, dd::fingerprints(indented, {finding_at(indented, "MAINTAINER")}));
  EXPECT_NE(a, dd::fingerprints(other, {finding_at(other, "MAINTAINER")}));
}

TEST(Fingerprint, DependsOnRuleAndFile) {
  std::string text = "FROM a\nMAINTAINER me\n";
  auto base = dd::fingerprints(text, {finding_at(text, "MAINTAINER")});
  EXPECT_NE(base, dd::fingerprints(text, {finding_at(text, "MAINTAINER", "DD602")}));
  EXPECT_NE(base,
            dd::fingerprints(text, {finding_at(text, "MAINTAINER", "DD601", "api/Dockerfile")}));
}

TEST(Fingerprint, TellsIdenticalLinesApartInFileOrder) {
  std::string text = "FROM a\nMAINTAINER me\nMAINTAINER me\n";
  dd::Finding first = finding_at(text, "MAINTAINER");
  dd::Finding second = finding_at(text, "MAINTAINER", "DD601", "Dockerfile", first.span.end.offset);
  auto forward = dd::fingerprints(text, {first, second});
  auto backward = dd::fingerprints(text, {second, first});
  EXPECT_NE(forward[0], forward[1]);
  EXPECT_EQ(forward[0], backward[1]);
  EXPECT_EQ(forward[1], backward[0]);
}

}  // namespace
