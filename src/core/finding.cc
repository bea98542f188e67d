// Severity names and the one order all outputs share.
#include "docker_doctor/finding.h"

#include <algorithm>
#include <tuple>

namespace dd {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    case Severity::Style: return "style";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  for (Severity v : {Severity::Error, Severity::Warning, Severity::Info, Severity::Style})
    if (severity_name(v) == s) return v;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.file, a.span.start.line, a.span.start.column, a.rule_id, a.message,
                  a.span.end.offset) <
         std::tie(b.file, b.span.start.line, b.span.start.column, b.rule_id, b.message,
                  b.span.end.offset);
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), finding_less);
}

}  // namespace dd
