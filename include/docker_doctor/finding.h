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

// Applies fixes to `text`, which must be the text the fixes were computed on.
// Fixes are taken in order; a fix whose edits overlap each other, leave the
// text, or collide with an edit of a fix already taken is skipped whole (a
// second pass over the re-linted text picks it up). Two insertions at the same
// offset collide, because their order would be a guess.
struct FixResult {
  std::string text;
  size_t applied = 0;
  size_t skipped = 0;
};
FixResult apply_fixes(std::string_view text, const std::vector<Fix>& fixes);

// The order every output uses: file, then position, then rule id, then message.
bool finding_less(const Finding& a, const Finding& b);
void sort_findings(std::vector<Finding>& findings);

}  // namespace dd
