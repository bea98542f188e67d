// Inline suppressions (src/lint/suppress.h) for the line-based kinds, and
// the Dockerfile forms the fixtures cannot show (--no-inline-suppressions,
// configuration interplay). The Dockerfile forms are in fixtures/rules/DD001
// and DD002.
#include <gtest/gtest.h>

#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "lint/suppress.h"

namespace dd {
namespace {

// A finding of `rule` at the first occurrence of `at` in `text`.
Finding at(std::string_view text, const char* rule, std::string_view word) {
  size_t off = text.find(word);
  EXPECT_NE(off, std::string_view::npos) << word;
  const RuleInfo* r = find_rule(rule);
  Finding f;
  f.rule_id = std::string(r->id);
  f.rule_name = std::string(r->name);
  f.severity = r->severity;
  f.message = "m";
  f.file = "f";
  f.span = Span{position_at(text, off), position_at(text, off + word.size())};
  return f;
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(f.rule_id + "@" + std::to_string(f.span.start.line));
  return out;
}

TEST(SuppressCompose, CommentAboveAKeyCoversItsBlock) {
  std::string text =
      "services:\n"
      "  # docker-doctor ignore=DD605 -- reason\n"
      "  api:\n"
      "    build: .\n"
      "    image: a\n"
      "  web:\n"
      "    image: b\n";
  std::vector<Finding> findings = {at(text, "DD605", "build: ."), at(text, "DD605", "image: b")};
  apply_suppressions("f", text, FileKind::Compose, nullptr, LintOptions{}, findings);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD605@7"});
}

TEST(SuppressCompose, FileWideAtTheTopAndUnusedOnes) {
  std::string text =
      "# docker-doctor ignore-file=DD605,DD604\n"
      "services:\n"
      "  api:\n"
      "    image: a\n";
  std::vector<Finding> findings = {at(text, "DD605", "image: a")};
  apply_suppressions("f", text, FileKind::Compose, nullptr, LintOptions{}, findings);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD001@1"});
  EXPECT_EQ(findings[0].span.start.column, 35);
}

TEST(SuppressDockerignore, CommentAboveALine) {
  std::string text =
      "# docker-doctor ignore=DD605\n"
      "node_modules\n"
      "dist\n";
  std::vector<Finding> findings = {at(text, "DD605", "node_modules"), at(text, "DD605", "dist")};
  apply_suppressions("f", text, FileKind::Dockerignore, nullptr, LintOptions{}, findings);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD605@3"});
}

TEST(SuppressDockerignore, UnknownRuleGetsADidYouMean) {
  std::string text = "# docker-doctor ignore=relative-wrokdir\nnode_modules\n";
  std::vector<Finding> findings;
  apply_suppressions("f", text, FileKind::Dockerignore, nullptr, LintOptions{}, findings);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"DD002@1"});
  EXPECT_NE(findings[0].message.find("did you mean 'relative-workdir'?"), std::string::npos)
      << findings[0].message;
}

TEST(SuppressOptions, NoInlineSuppressionsKeepsEverything) {
  std::string text = "# docker-doctor ignore=DD605\nnode_modules\n# docker-doctor ignore=DD9x9\n";
  std::vector<Finding> findings = {at(text, "DD605", "node_modules")};
  LintOptions options;
  options.inline_suppressions = false;
  apply_suppressions("f", text, FileKind::Dockerignore, nullptr, options, findings);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD605@2"});  // and no DD001/DD002
}

TEST(SuppressOptions, ARuleTurnedOffIsNotReportedUnused) {
  std::string text = "# docker-doctor ignore=DD605\nnode_modules\n";
  std::vector<Finding> findings;
  LintOptions options;
  options.disabled_rules = {"relative-workdir"};
  apply_suppressions("f", text, FileKind::Dockerignore, nullptr, options, findings);
  EXPECT_TRUE(findings.empty());
  options.disabled_rules = {"DD001"};
  text = "# docker-doctor ignore=DD604\nx\n";
  apply_suppressions("f", text, FileKind::Dockerignore, nullptr, options, findings);
  EXPECT_TRUE(findings.empty());
}

// Through the linter: a heredoc line that looks like a suppression is shell
// text, not a comment, and the configuration's severity reaches DD001 too.
TEST(SuppressDockerfile, HeredocLinesAreNotComments) {
  std::string text =
      "FROM alpine:3.20\n"
      "RUN <<EOF\n"
      "# docker-doctor ignore=DD605\n"
      "EOF\n"
      "WORKDIR app\n";
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", text);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD605@5"});
}

TEST(SuppressDockerfile, NoInlineSuppressionsAndSeverityOverrides) {
  std::string text =
      "FROM alpine:3.20\n"
      "# docker-doctor ignore=DD605\n"
      "WORKDIR app\n"
      "# docker-doctor ignore=DD602\n"
      "RUN true\n";
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", text);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"DD001@4"});
  EXPECT_EQ(findings[0].severity, Severity::Info);

  LintOptions options;
  options.severities["DD001"] = Severity::Error;
  findings = lint_dockerfile_text("Dockerfile", text, options);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::Error);

  options.inline_suppressions = false;
  findings = lint_dockerfile_text("Dockerfile", text, options);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"DD605@3"});
}

TEST(SuppressDockerfile, HadolintGlobalAndBuildkitSkipAll) {
  std::string text =
      "# check=skip=all\n"
      "FROM alpine:3.20\n"
      "WORKDIR app\n";
  EXPECT_TRUE(lint_dockerfile_text("Dockerfile", text).empty());
  text =
      "FROM alpine:3.20\n"
      "# hadolint global ignore=DL3000\n"
      "RUN true\n"
      "WORKDIR app\n";
  EXPECT_TRUE(lint_dockerfile_text("Dockerfile", text).empty());
}

}  // namespace
}  // namespace dd
