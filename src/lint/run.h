// The lint run with an explicit list of checks. lint_dockerfile_text runs the
// generated rule_checks(); tests pass their own list to prove that a check
// that throws or misreports is contained.
#pragma once

#include <string_view>
#include <vector>

#include "docker_doctor/linter.h"
#include "rules/check.h"

namespace dd {

// Each check runs under the metadata of the rule its id names (a check whose
// id is not in the rule table is skipped).
std::vector<Finding> lint_dockerfile_with(std::string_view display_path, std::string_view text,
                                          const LintOptions& options,
                                          const std::vector<RuleCheck>& checks);

}  // namespace dd
