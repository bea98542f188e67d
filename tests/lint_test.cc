// The lint entry point: parse errors as DD000 findings with exact spans,
// deterministic sorted output, containment of a failing check, disabling
// rules, and the fix applier the tests and --fix share.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "lint/run.h"
#include "rules/check.h"

namespace {

std::vector<dd::Finding> of_rule(const std::vector<dd::Finding>& all, std::string_view id) {
  std::vector<dd::Finding> out;
  for (const dd::Finding& f : all)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

std::string_view spanned(std::string_view text, const dd::Span& s) {
  return text.substr(s.start.offset, s.end.offset - s.start.offset);
}

dd::Span span_at(int line, int column, size_t offset, size_t length) {
  return dd::Span{dd::Position{line, column, offset},
                  dd::Position{line, column + static_cast<int>(length), offset + length}};
}

}  // namespace

TEST(Lint, ParseErrorsAreDD000FindingsWithTheParsersSpans) {
  const std::string text = "FROM alpine:3.20\nBOGUS one two\nRUN true\n";
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text("svc/Dockerfile", text);
  std::vector<dd::Finding> dd000 = of_rule(findings, "DD000");
  dd::Dockerfile parsed = dd::parse_dockerfile(text);
  ASSERT_FALSE(parsed.errors.empty()) << "an unknown instruction is a parse error";
  ASSERT_EQ(dd000.size(), parsed.errors.size());
  for (size_t i = 0; i < dd000.size(); ++i) {
    EXPECT_EQ(dd000[i].span, parsed.errors[i].span);
    EXPECT_EQ(dd000[i].message, parsed.errors[i].message);
    EXPECT_EQ(dd000[i].rule_name, "parse-error");
    EXPECT_EQ(dd000[i].severity, dd::Severity::Error);
    EXPECT_EQ(dd000[i].file, "svc/Dockerfile");
  }
  // The unknown keyword, exactly.
  EXPECT_EQ(dd000[0].span.start.line, 2);
  EXPECT_EQ(dd000[0].span.start.column, 1);
  EXPECT_EQ(spanned(text, dd000[0].span), "BOGUS");
}

TEST(Lint, EmptyAndCommentOnlyFilesAreParseErrors) {
  for (std::string text : {"", "# only a comment\n\n"}) {
    std::vector<dd::Finding> findings = dd::lint_dockerfile_text("Dockerfile", text);
    ASSERT_EQ(of_rule(findings, "DD000").size(), 1u) << "text: '" << text << "'";
    EXPECT_LE(findings[0].span.end.offset, text.size());
  }
}

TEST(Lint, FindingsCarryTheRuleTableAndAreSorted) {
  const std::string text =
      "FROM debian:bookworm AS build\n"
      "MAINTAINER someone\n"
      "CMD one\n"
      "WORKDIR src\n"
      "CMD two\n"
      "FROM debian:bookworm AS Build\n"
      "COPY --from=buidl /a /b\n";
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text("Dockerfile", text);
  ASSERT_GE(findings.size(), 4u);
  for (size_t i = 1; i < findings.size(); ++i) EXPECT_FALSE(dd::finding_less(findings[i], findings[i - 1]));
  for (const dd::Finding& f : findings) {
    const dd::RuleInfo* rule = dd::find_rule(f.rule_id);
    ASSERT_NE(rule, nullptr) << f.rule_id;
    EXPECT_EQ(f.rule_name, rule->name);
    EXPECT_EQ(f.severity, rule->severity);
  }
  EXPECT_EQ(of_rule(findings, "DD601").size(), 1u);
  EXPECT_EQ(of_rule(findings, "DD602").size(), 1u);
  EXPECT_EQ(of_rule(findings, "DD603").size(), 1u);
  EXPECT_EQ(of_rule(findings, "DD605").size(), 1u);
  // The same input gives the same output, byte for byte.
  std::vector<dd::Finding> again = dd::lint_dockerfile_text("Dockerfile", text);
  ASSERT_EQ(again.size(), findings.size());
  for (size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].rule_id, findings[i].rule_id);
    EXPECT_EQ(again[i].message, findings[i].message);
    EXPECT_EQ(again[i].span, findings[i].span);
  }
}

TEST(Lint, DisabledRulesAreSkippedByIdOrName) {
  const std::string text = "FROM alpine\nMAINTAINER me\nWORKDIR app\n";
  dd::LintOptions options;
  options.disabled_rules = {"dd601", "relative-workdir"};
  EXPECT_TRUE(dd::lint_dockerfile_text("Dockerfile", text, options).empty());
  options.disabled_rules = {"DD601"};
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text("Dockerfile", text, options);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "DD605");
}

namespace {

void throws_midway(dd::CheckContext& ctx) {
  ctx.report(dd::Span{}, "reported before the failure");
  throw std::out_of_range("vector::_M_range_check: __n (which is 7) >= this->size() (which is 2)");
}
void throws_non_exception(dd::CheckContext&) { throw 42; }
void reports_outside_the_file(dd::CheckContext& ctx) {
  ctx.report(span_at(9, 1, 5000, 3), "somewhere else");
}
void reports_bad_edit(dd::CheckContext& ctx) {
  ctx.report(span_at(1, 1, 0, 4), "fine span, broken fix", dd::Fix{"x", {dd::Edit{span_at(1, 1, 0, 9999), ""}}, true});
}
void reports_first_keyword(dd::CheckContext& ctx) {
  ctx.report(ctx.dockerfile().instructions.at(0).keyword_span, "first keyword");
}

}  // namespace

TEST(Lint, AThrowingCheckIsContainedAndReportedAsDD003) {
  const std::string text = "FROM alpine\nRUN true\n";
  std::vector<dd::RuleCheck> checks = {{"DD601", &throws_midway},
                                       {"DD602", &reports_first_keyword},
                                       {"DD603", &throws_non_exception}};
  std::vector<dd::Finding> findings = dd::lint_dockerfile_with("Dockerfile", text, {}, checks);
  std::vector<dd::Finding> internal = of_rule(findings, "DD003");
  ASSERT_EQ(internal.size(), 2u);
  EXPECT_NE(internal[0].message.find("DD601 (maintainer-deprecated)"), std::string::npos) << internal[0].message;
  EXPECT_NE(internal[0].message.find("_M_range_check"), std::string::npos) << internal[0].message;
  EXPECT_NE(internal[1].message.find("DD603"), std::string::npos) << internal[1].message;
  EXPECT_EQ(internal[0].severity, dd::Severity::Error);
  EXPECT_EQ(internal[0].rule_name, "internal-error");
  // The failing check's partial reports are dropped; the others still ran.
  EXPECT_TRUE(of_rule(findings, "DD601").empty());
  ASSERT_EQ(of_rule(findings, "DD602").size(), 1u);
  EXPECT_EQ(of_rule(findings, "DD602")[0].message, "first keyword");

  // Disabling DD003 silences the report, not the containment.
  dd::LintOptions options;
  options.disabled_rules = {"internal-error"};
  findings = dd::lint_dockerfile_with("Dockerfile", text, options, checks);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "DD602");
}

TEST(Lint, SpansOutsideTheFileAreInternalErrors) {
  const std::string text = "FROM alpine\n";
  std::vector<dd::Finding> findings = dd::lint_dockerfile_with(
      "Dockerfile", text, {}, {{"DD601", &reports_outside_the_file}, {"DD602", &reports_bad_edit}});
  ASSERT_EQ(findings.size(), 2u);
  for (const dd::Finding& f : findings) {
    EXPECT_EQ(f.rule_id, "DD003");
    EXPECT_LE(f.span.end.offset, text.size());
  }
}

TEST(ApplyFixes, AppliesNonOverlappingEditsInOrder) {
  const std::string text = "abcdef";
  dd::Fix replace{"", {dd::Edit{span_at(1, 2, 1, 2), "XY"}}, true};     // bc -> XY
  dd::Fix insert{"", {dd::Edit{span_at(1, 1, 0, 0), ">"}}, true};       // at the start
  dd::Fix at_end{"", {dd::Edit{span_at(1, 7, 6, 0), "<"}}, true};       // at the end
  dd::Fix touching{"", {dd::Edit{span_at(1, 4, 3, 1), "_"}}, true};     // d, right after bc
  dd::FixResult r = dd::apply_fixes(text, {replace, insert, at_end, touching});
  EXPECT_EQ(r.text, ">aXY_ef<");
  EXPECT_EQ(r.applied, 4u);
  EXPECT_EQ(r.skipped, 0u);
}

TEST(ApplyFixes, SkipsConflictingAndInvalidFixesWhole) {
  const std::string text = "abcdef";
  dd::Fix first{"", {dd::Edit{span_at(1, 2, 1, 3), "1"}}, true};                          // bcd
  dd::Fix overlaps{"", {dd::Edit{span_at(1, 4, 3, 2), "2"}, dd::Edit{span_at(1, 1, 0, 1), "A"}}, true};  // de + a
  dd::Fix inside{"", {dd::Edit{span_at(1, 3, 2, 0), "3"}}, true};                         // insertion inside bcd
  dd::Fix beyond{"", {dd::Edit{span_at(1, 6, 5, 5), "4"}}, true};                         // past the end
  dd::Fix self_overlap{"", {dd::Edit{span_at(1, 5, 4, 1), "5"}, dd::Edit{span_at(1, 5, 4, 2), "6"}}, true};
  dd::Fix empty{"", {}, true};
  dd::FixResult r = dd::apply_fixes(text, {first, overlaps, inside, beyond, self_overlap, empty});
  EXPECT_EQ(r.text, "a1ef");
  EXPECT_EQ(r.applied, 1u);
  EXPECT_EQ(r.skipped, 5u);
  // Two insertions at one offset: their order would be a guess.
  dd::Fix x{"", {dd::Edit{span_at(1, 1, 0, 0), "x"}}, true};
  dd::Fix y{"", {dd::Edit{span_at(1, 1, 0, 0), "y"}}, true};
  r = dd::apply_fixes(text, {x, y});
  EXPECT_EQ(r.text, "xabcdef");
  EXPECT_EQ(r.skipped, 1u);
  // An insertion where a replacement starts goes before the replacement.
  dd::Fix ins{"", {dd::Edit{span_at(1, 2, 1, 0), "["}}, true};
  dd::Fix rep{"", {dd::Edit{span_at(1, 2, 1, 2), "BC"}}, true};
  EXPECT_EQ(dd::apply_fixes(text, {rep, ins}).text, "a[BCdef");
}

// A machine-generated file with thousands of stages, all in one dependency
// ring and each with a near-miss name, must lint in linear-ish time and
// keep every message readable (a cycle's middle is elided).
TEST(Lint, HugeStageGraphsStayFastAndMessagesStayShort) {
  std::string text;
  const int n = 3000;
  for (int i = 0; i < n; ++i) {
    text += "FROM alpine AS stage" + std::to_string(i) + "\n";
    text += "COPY --from=stage" + std::to_string((i + 1) % n) + " /a /b\n";
    text += "COPY --from=stagx" + std::to_string(i) + " /a /b\n";
    text += "WORKDIR rel\nCMD a\nCMD b\n";
  }
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text("Dockerfile", text);
  size_t cycles = 0;
  for (const dd::Finding& f : findings) {
    EXPECT_LT(f.message.size(), 1000u) << f.message.substr(0, 200);
    if (f.rule_id == "DD604" && f.message.find("cycle") != std::string::npos) ++cycles;
  }
  EXPECT_EQ(cycles, static_cast<size_t>(n));
  EXPECT_EQ(of_rule(findings, "DD605").size(), static_cast<size_t>(n));
  EXPECT_EQ(of_rule(findings, "DD602").size(), static_cast<size_t>(n));
  EXPECT_TRUE(of_rule(findings, "DD003").empty());
}
