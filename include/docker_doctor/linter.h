// The linter's entry point, shared by the CLI, the LSP server and the tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct LintOptions {
  // Rule ids to skip entirely (later: config, suppressions).
  std::vector<std::string> disabled_rules;
};

// Lints one Dockerfile held in memory. `display_path` is the name findings
// carry. Parse errors come back as DD000 findings; the returned findings are
// sorted.
std::vector<Finding> lint_dockerfile_text(std::string_view display_path, std::string_view text,
                                          const LintOptions& options = {});

}  // namespace dd
