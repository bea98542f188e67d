// Finding -> Diagnostic / Hover. Messages quote the file, which may hold
// invalid UTF-8: the JSON writer replaces it, so nothing here validates.
#include "lsp/diagnostics.h"

#include <algorithm>

#include "docker_doctor/rule.h"

namespace dd::lsp {

namespace {

// LSP DiagnosticSeverity: Error 1, Warning 2, Information 3, Hint 4.
int lsp_severity(Severity s) {
  switch (s) {
    case Severity::Error:
      return 1;
    case Severity::Warning:
      return 2;
    case Severity::Info:
      return 3;
    case Severity::Style:
      return 4;
  }
  return 2;
}

nlohmann::json lsp_position(LspPosition p) {
  return {{"line", p.line}, {"character", p.character}};
}

}  // namespace

nlohmann::json lsp_range(const TextDocument& doc, const Span& span, PositionEncoding enc) {
  size_t start = std::min(span.start.offset, doc.text().size());
  size_t end = std::clamp(span.end.offset, start, doc.text().size());
  return {{"start", lsp_position(doc.position_at(start, enc))},
          {"end", lsp_position(doc.position_at(end, enc))}};
}

nlohmann::json to_diagnostic(const TextDocument& doc, const Finding& finding, PositionEncoding enc,
                             std::string_view rule_docs_url) {
  nlohmann::json d = {
      {"range", lsp_range(doc, finding.span, enc)},
      {"severity", lsp_severity(finding.severity)},
      {"code", finding.rule_id},
      {"source", "docker-doctor"},
      {"message", finding.message},
  };
  if (!rule_docs_url.empty())
    d["codeDescription"] = {{"href", std::string(rule_docs_url) + finding.rule_id + ".md"}};
  return d;
}

std::string markdown_section(std::string_view body, std::string_view title) {
  std::string out;
  bool in_section = false, in_fence = false;
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    if (line.starts_with("```")) in_fence = !in_fence;
    if (!in_fence && line.starts_with("## ")) {
      std::string_view heading = line.substr(3);
      while (!heading.empty() && (heading.back() == ' ' || heading.back() == '\r'))
        heading.remove_suffix(1);
      if (in_section) break;
      in_section = heading == title;
      continue;
    }
    if (in_section) out.append(line).append("\n");
  }
  while (!out.empty() && (out.front() == '\n')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string rule_hover_markdown(const Finding& finding) {
  std::string md = "**" + finding.rule_id + "** `" + finding.rule_name + "` (" +
                   std::string(severity_name(finding.severity)) + ")";
  if (const RuleInfo* rule = find_rule(finding.rule_id)) {
    md += "\n\n" + std::string(rule->summary);
    std::string why = markdown_section(rule->doc_body, "Why it matters");
    if (!why.empty()) md += "\n\n" + why;
  }
  md += "\n\n`docker-doctor explain " + finding.rule_id + "` shows the whole rule.";
  return md;
}

}  // namespace dd::lsp
