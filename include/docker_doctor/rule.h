// The rule catalogue. Metadata comes from rules/DDnnn.md only: dd-rulegen
// turns those files into the table behind these functions at build time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// What a check looks at; the engine calls it once per such unit.
enum class RuleScope { Dockerfile, Compose, Project };

struct RuleInfo {
  std::string_view id;        // "DD601"
  std::string_view name;      // "maintainer-deprecated"
  std::string_view summary;   // one line
  Severity severity;          // default severity
  std::string_view category;  // "correctness", "dependencies", ...
  RuleScope scope;
  bool fixable;
  std::string_view hadolint;  // equivalent hadolint rule ids, comma separated, or empty
  std::string_view buildkit;  // equivalent BuildKit check names, comma separated, or empty
  std::string_view doc;       // the whole rules/DDnnn.md, front matter included
  std::string_view doc_body;  // the Markdown after the front matter
  bool removed = false;       // `status: removed`: kept for its id and docs, never run
  // `default: off`: a matter of taste (ordering rules) that runs only when the
  // configuration (`rules: {DD324: on}`) or `--enable` turns it on.
  bool enabled_by_default = true;
};

// Every rule, sorted by id.
const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id_or_name);

}  // namespace dd
