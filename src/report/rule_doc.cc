// Rule documentation pieces: see rule_doc.h.
#include "report/rule_doc.h"

#include <fmt/format.h>

namespace dd {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// A table cell: a '|' would end the cell and a newline the row.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string rule_description(const RuleInfo& rule) {
  std::string_view body = rule.doc_body;
  constexpr std::string_view kHeading = "## What it does\n";
  size_t at = body.find(kHeading);
  if (at == std::string_view::npos) return "";
  body.remove_prefix(at + kHeading.size());
  while (!body.empty() && body.front() == '\n') body.remove_prefix(1);
  std::string out;
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view line = trim(body.substr(0, nl));
    if (line.empty() || line.front() == '#' || line.substr(0, 3) == "```") break;
    if (!out.empty()) out += ' ';
    out += line;
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
  return out;
}

std::string rule_help_markdown(const RuleInfo& rule) {
  return fmt::format("{}\n\n{}\n", rule.summary, trim(rule.doc_body));
}

std::string rule_catalogue_markdown() {
  std::string out =
      "<!-- Generated from rules/*.md by `docker-doctor rules --format markdown`; do not edit.\n"
      "     Regenerate: build/docker-doctor rules --format markdown > docs/rules/README.md -->\n"
      "# Rule catalogue\n\n"
      "Every rule docker-doctor knows. Each id links to the rule's documentation, the\n"
      "same text `docker-doctor explain ID` prints. Severities are defaults. Rules\n"
      "whose default is `off` run only when enabled (`rules: {DD324: on}` in\n"
      "`.docker-doctor.yaml`, or `--enable DD324`).\n\n"
      "| id | name | severity | default | category | fixable | summary |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const RuleInfo& r : all_rules()) {
    std::string summary = cell(r.summary);
    if (r.removed) summary = "(removed) " + summary;
    out +=
        fmt::format("| [{}](../../rules/{}.md) | `{}` | {} | {} | {} | {} | {} |\n", r.id, r.id,
                    r.name, severity_name(r.severity), r.enabled_by_default ? "on" : "off",
                    cell(r.category), r.fixable ? "yes" : "no", summary);
  }
  return out;
}

}  // namespace dd
