// The interface between the rule engine and one rule's check function.
// A check reads the model and reports spans and messages; the engine attaches
// the rule's id, name and severity (from rules/DDnnn.md) and the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "docker_doctor/finding.h"
#include "dockerfile/ast.h"

namespace dd {

struct Report {
  Span span;
  std::string message;
  std::optional<Fix> fix;
};

class CheckContext {
 public:
  explicit CheckContext(const Dockerfile* dockerfile) : dockerfile_(dockerfile) {}

  // The Dockerfile under check (rules with `scope: dockerfile`).
  const Dockerfile& dockerfile() const { return *dockerfile_; }

  void report(Span span, std::string message, std::optional<Fix> fix = std::nullopt) {
    reports_.push_back(Report{span, std::move(message), std::move(fix)});
  }
  const std::vector<Report>& reports() const { return reports_; }

 private:
  const Dockerfile* dockerfile_;
  std::vector<Report> reports_;
};

using CheckFn = void (*)(CheckContext&);

// The check behind each rule id, generated from rules/*.md: rule DDnnn's check
// is the function `check_ddnnn` defined in src/rules/.
struct RuleCheck {
  std::string_view id;
  CheckFn check;
};
const std::vector<RuleCheck>& rule_checks();

}  // namespace dd
