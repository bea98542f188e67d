// GitHub Actions workflow commands (`::error file=...,line=...::message`),
// which the runner turns into annotations on the pull request; Gitea and
// Forgejo Actions read the same commands. See docs/output-formats.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// The runner's escaping: a command's message may not hold '%', '\r' or '\n'
// raw; a property value may not hold those, ':' or ','.
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

// Appends one workflow command per finding of the file whose contents are
// `text`: error for errors, warning for warnings, notice for info and style.
void write_github_findings(std::string& out, std::string_view text,
                           const std::vector<Finding>& findings);

}  // namespace dd
