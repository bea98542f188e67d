// The Code Climate / GitLab Code Quality reporter: see codeclimate_reporter.h.
#include "report/codeclimate_reporter.h"

#include <nlohmann/json.hpp>

#include "docker_doctor/fingerprint.h"
#include "docker_doctor/rule.h"
#include "report/line_index.h"

namespace dd {

namespace {

using nlohmann::ordered_json;

// Code Climate's five levels; GitLab shows them as they are.
std::string_view severity_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "critical";
    case Severity::Warning:
      return "major";
    case Severity::Info:
      return "minor";
    case Severity::Style:
      return "info";
  }
  return "major";
}

// Code Climate's fixed category list, from the rule's category.
std::string_view category_of(std::string_view rule_id, Severity severity) {
  if (severity == Severity::Style) return "Style";
  const RuleInfo* rule = find_rule(rule_id);
  std::string_view c = rule ? rule->category : "";
  if (c == "performance" || c == "caching") return "Performance";
  if (c == "security" || c == "production") return "Security";
  if (c == "deprecated" || c == "portability") return "Compatibility";
  return "Bug Risk";  // correctness, dependencies, engine and anything new
}

}  // namespace

void CodeClimateReporter::add_file(std::string_view text, const std::vector<Finding>& findings) {
  if (findings.empty()) return;
  LineIndex lines(text);
  std::vector<std::string> prints = fingerprints(text, findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    DisplayRange r = display_range(lines, f.span);
    ordered_json j;
    j["type"] = "issue";
    j["check_name"] = f.rule_id;
    j["description"] = f.message;
    j["categories"] = ordered_json::array({category_of(f.rule_id, f.severity)});
    j["severity"] = severity_of(f.severity);
    j["fingerprint"] = prints[i];
    j["location"]["path"] = f.file;
    j["location"]["lines"]["begin"] = r.line;
    j["location"]["lines"]["end"] = r.end_line;
    issues_.push_back(j.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  }
}

std::string CodeClimateReporter::render() const {
  std::string out = "[";
  for (size_t i = 0; i < issues_.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += issues_[i];
  }
  out += issues_.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace dd
