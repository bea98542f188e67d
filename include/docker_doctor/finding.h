// What a rule reports, and what every reporter prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd {

enum class Severity { Error = 0, Warning = 1, Info = 2, Style = 3 };

std::string_view severity_name(Severity s);                 // "error", "warning", ...
std::optional<Severity> parse_severity(std::string_view s);  // inverse of severity_name

// One replacement of the bytes in `span` by `replacement`.
struct Edit {
  Span span;
  std::string replacement;
};

// A fix is a set of non-overlapping edits in the finding's file. Safe fixes
// keep the build's meaning; unsafe ones may change it and need a human look.
struct Fix {
  std::string description;
  std::vector<Edit> edits;
  bool safe = true;
};

struct Finding {
  std::string rule_id;    // "DD601"
  std::string rule_name;  // "maintainer-deprecated"
  Severity severity = Severity::Warning;
  std::string message;
  std::string file;  // path as shown to the user (relative to the linted root)
  Span span;
  std::optional<Fix> fix;
};

// The order every output uses: file, then position, then rule id, then message.
bool finding_less(const Finding& a, const Finding& b);
void sort_findings(std::vector<Finding>& findings);

}  // namespace dd
