// The fixture idiom (STYLE.md): a comment line `# expect: DD604@12 "unknown"`
// (rule id, optional @column, optional quoted message fragment) right after
// a line says a finding of that rule starts on that line. Several expect
// lines may stack under one line. Used by the fixture tests for Dockerfiles
// and compose files alike: both take `#` comments on their own line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct Expectation {
  std::string rule_id;
  int line = 0;                         // the line the finding must start on
  std::optional<int> column;            // 1-based byte column, when given
  std::optional<std::string> fragment;  // must occur in the message, when given
  int written_on = 0;                   // the line of the `# expect:` comment
};

struct ExpectationSet {
  std::vector<Expectation> expectations;
  // `# expect-only: DD101, DD102` limits the file to those rules: findings of
  // other rules are not compared. Per-rule fixtures use it, as clang-tidy's
  // tests name the one check they run, so that a new rule does not turn
  // every other rule's fixture into a test of itself. Empty: every rule.
  std::vector<std::string> only;
  std::vector<std::string> errors;  // malformed expect lines, "line N: why"
};

ExpectationSet parse_expectations(std::string_view text);

// Every expectation met by a distinct finding and every finding expected:
// returns the differences ("missing ..." / "unexpected ..."), empty when the
// two agree.
std::vector<std::string> compare_expectations(const std::vector<Expectation>& expected,
                                              const std::vector<Finding>& findings);
// The same, honouring the set's `expect-only` list.
std::vector<std::string> compare_expectations(const ExpectationSet& set,
                                              const std::vector<Finding>& findings);

std::string describe(const Expectation& e);

}  // namespace dd
