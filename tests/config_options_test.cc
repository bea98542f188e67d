// Configured option values reach the rules through CheckContext::option_words:
// a rule's own options first, then a policy value of the same name, then the
// default documented in rules/DDnnn.md.
#include <gtest/gtest.h>

#include <algorithm>

#include "docker_doctor/linter.h"

namespace dd {
namespace {

const char* kDockerfile =
    "FROM python:3.12-slim\n"
    "RUN --mount=type=cache,target=/root/.cache/pip pip install mytool\n"
    "USER 10001\n"
    "CMD [\"python\", \"-m\", \"app\"]\n";

size_t dd501(const LintOptions& options) {
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", kDockerfile, options);
  return std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.rule_id == "DD501"; });
}

TEST(ConfigRuleOptions, RuleOptionsThenPolicyThenDocumentedDefault) {
  EXPECT_EQ(dd501(LintOptions{}), 0u);  // `mytool` is not in DD501's documented list

  LintOptions policy;
  policy.policy["dev-packages"] = {"mytool"};
  EXPECT_EQ(dd501(policy), 1u);

  LintOptions own = policy;
  own.rule_options["DD501"]["dev-packages"] = {"othertool"};  // the rule's own value wins
  EXPECT_EQ(dd501(own), 0u);

  LintOptions other_rule;
  other_rule.rule_options["DD502"]["dev-packages"] = {"mytool"};  // options belong to their rule
  EXPECT_EQ(dd501(other_rule), 0u);
}

}  // namespace
}  // namespace dd
