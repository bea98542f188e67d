// Validation of a compose document against the compose-spec JSON Schema
// (pinned through grammars/package-lock.json, embedded at build time).
#pragma once

#include <vector>

#include "compose/model.h"

namespace dd::compose {

// Appends one SchemaViolation per problem, located at the offending value
// (or key, for an unknown key). `root` is one file after interpolation.
void validate_schema(const Node& root, std::vector<Diagnostic>* diagnostics);

}  // namespace dd::compose
