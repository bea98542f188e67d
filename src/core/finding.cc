// Severity names and the one order all outputs share.
#include "docker_doctor/finding.h"

#include <algorithm>
#include <tuple>
#include <utility>

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

namespace {

// Half-open ranges overlap when they share a byte; an insertion (empty range)
// collides with another insertion at the same offset or with a range it falls
// strictly inside.
bool edits_collide(const Edit& a, const Edit& b) {
  size_t as = a.span.start.offset, ae = a.span.end.offset;
  size_t bs = b.span.start.offset, be = b.span.end.offset;
  if (as == ae && bs == be) return as == bs;
  if (as == ae) return bs < as && as < be;
  if (bs == be) return as < bs && bs < ae;
  return as < be && bs < ae;
}

}  // namespace

FixResult apply_fixes(std::string_view text, const std::vector<Fix>& fixes) {
  FixResult result;
  std::vector<const Edit*> taken;
  for (const Fix& fix : fixes) {
    bool ok = !fix.edits.empty();
    for (size_t i = 0; ok && i < fix.edits.size(); ++i) {
      const Edit& e = fix.edits[i];
      if (e.span.start.offset > e.span.end.offset || e.span.end.offset > text.size()) ok = false;
      for (size_t j = 0; ok && j < i; ++j) ok = !edits_collide(e, fix.edits[j]);
      for (size_t j = 0; ok && j < taken.size(); ++j) ok = !edits_collide(e, *taken[j]);
    }
    if (!ok) {
      ++result.skipped;
      continue;
    }
    for (const Edit& e : fix.edits) taken.push_back(&e);
    ++result.applied;
  }
  std::sort(taken.begin(), taken.end(), [](const Edit* a, const Edit* b) {
    // An insertion at a range's start goes before the range's replacement.
    return std::pair(a->span.start.offset, a->span.end.offset) <
           std::pair(b->span.start.offset, b->span.end.offset);
  });
  size_t pos = 0;
  for (const Edit* e : taken) {
    result.text.append(text.substr(pos, e->span.start.offset - pos));
    result.text.append(e->replacement);
    pos = e->span.end.offset;
  }
  result.text.append(text.substr(pos));
  return result;
}

}  // namespace dd
