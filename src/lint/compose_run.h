// The compose lint run: the loader's own problems and every compose-scope
// check over one loaded compose project.
#pragma once

#include <vector>

#include "compose/model.h"
#include "docker_doctor/linter.h"
#include "rules/compose_check.h"

namespace dd {

// Findings for `project`, sorted: invalid YAML and unloadable files as DD000,
// then each compose-scope check (DD300 schema, DD306 variables, the compose
// rules). Findings carry the display path of the file each points into.
// `builds`, when given, is what the engine read on disk for the services'
// builds (see ServiceBuildFacts).
std::vector<Finding> lint_compose_project(const compose::Project& project,
                                          const LintOptions& options = {},
                                          const ServiceBuilds* builds = nullptr);
// The same with an explicit list of checks (tests).
std::vector<Finding> lint_compose_with(const compose::Project& project, const LintOptions& options,
                                       const std::vector<ComposeRuleCheck>& checks,
                                       const ServiceBuilds* builds = nullptr);

}  // namespace dd
