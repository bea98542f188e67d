// The interface between the rule engine and a compose-scope check
// (`scope: compose` in rules/DDnnn.md). The engine calls the check once per
// compose project (a base file merged with its override files, or a
// stand-alone compose file); the check reads the loaded model and reports a
// location (file + span), a message and an optional fix. The engine attaches
// the rule's id, name and severity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "docker_doctor/finding.h"

namespace dd {

struct ComposeReport {
  std::string file;  // display path of the file the span is in (one of project().files)
  Span span;
  std::string message;
  std::optional<Fix> fix;
};

class ComposeCheckContext {
 public:
  explicit ComposeCheckContext(const compose::Project& project) : project_(project) {}

  const compose::Project& project() const { return project_; }

  void report(const std::string& file, Span span, std::string message,
              std::optional<Fix> fix = std::nullopt) {
    reports_.push_back(ComposeReport{file, span, std::move(message), std::move(fix)});
  }
  // Reports at a value's location (the usual case).
  void report(const compose::Location& at, std::string message,
              std::optional<Fix> fix = std::nullopt) {
    report(at.file, at.span, std::move(message), std::move(fix));
  }
  const std::vector<ComposeReport>& reports() const { return reports_; }

 private:
  const compose::Project& project_;
  std::vector<ComposeReport> reports_;
};

using ComposeCheckFn = void (*)(ComposeCheckContext&);

// The check behind each compose-scope rule id, generated from rules/*.md:
// rule DDnnn's check is `void check_ddnnn(ComposeCheckContext&)` in src/rules/.
struct ComposeRuleCheck {
  std::string_view id;
  ComposeCheckFn check;
};
const std::vector<ComposeRuleCheck>& compose_rule_checks();

}  // namespace dd
