// Quick fixes and suppression actions. Edits are computed on the text the
// findings came from; a versioned edit lets the client refuse them if the
// buffer moved on in between.
#include "lsp/code_actions.h"

#include <algorithm>
#include <set>

#include "dockerfile/ast.h"
#include "lsp/diagnostics.h"

namespace dd::lsp {

namespace {

size_t line_start(std::string_view text, size_t offset) {
  while (offset > 0 && text[offset - 1] != '\n' && text[offset - 1] != '\r') --offset;
  return offset;
}

// The line terminator to write after an inserted line: the one the file
// already uses at that place, so CRLF files stay CRLF.
std::string eol_at(const TextDocument& doc, size_t offset) {
  std::string_view ending =
      doc.line_ending(static_cast<int>(doc.position_at(offset, PositionEncoding::Utf8).line));
  if (ending.empty()) ending = doc.line_ending(0);
  return ending.empty() ? "\n" : std::string(ending);
}

nlohmann::json text_edit(const TextDocument& doc, size_t begin, size_t end, const std::string& text,
                         PositionEncoding enc) {
  Span span;
  span.start.offset = begin;
  span.end.offset = end;
  return {{"range", lsp_range(doc, span, enc)}, {"newText", text}};
}

nlohmann::json workspace_edit(const CodeActionTarget& t, nlohmann::json edits) {
  if (t.document_changes) {
    nlohmann::json id = {{"uri", t.uri}, {"version", nullptr}};
    if (t.version) id["version"] = *t.version;
    return {{"documentChanges", nlohmann::json::array({{{"textDocument", id}, {"edits", edits}}})}};
  }
  return {{"changes", {{t.uri, edits}}}};
}

nlohmann::json action(const CodeActionTarget& t, std::string title,
                      const nlohmann::json& diagnostic, nlohmann::json edits, bool preferred) {
  nlohmann::json a = {{"title", std::move(title)},
                      {"kind", "quickfix"},
                      {"diagnostics", nlohmann::json::array({diagnostic})},
                      {"edit", workspace_edit(t, std::move(edits))}};
  if (preferred) a["isPreferred"] = true;
  return a;
}

}  // namespace

Insertion ignore_instruction_insertion(const TextDocument& doc, const Finding& finding) {
  std::string_view text = doc.text();
  size_t at = std::min(finding.span.start.offset, text.size());
  // The instruction holding the finding: the last one starting at or before it.
  Dockerfile parsed = parse_dockerfile(text);
  for (const Instruction& ins : parsed.instructions) {
    if (ins.span.start.offset > at) break;
    if (ins.span.end.offset >= at) at = ins.span.start.offset;
  }
  size_t start = line_start(text, at);
  size_t indent_end = start;
  while (indent_end < at && (text[indent_end] == ' ' || text[indent_end] == '\t')) ++indent_end;
  std::string indent(text.substr(start, indent_end - start));
  return Insertion{start,
                   indent + "# docker-doctor ignore=" + finding.rule_id + eol_at(doc, start)};
}

Insertion ignore_line_insertion(const TextDocument& doc, const Finding& finding) {
  std::string_view text = doc.text();
  size_t start = line_start(text, std::min(finding.span.start.offset, text.size()));
  size_t indent_end = start;
  while (indent_end < text.size() && (text[indent_end] == ' ' || text[indent_end] == '\t'))
    ++indent_end;
  std::string indent(text.substr(start, indent_end - start));
  return Insertion{start,
                   indent + "# docker-doctor ignore=" + finding.rule_id + eol_at(doc, start)};
}

Insertion ignore_file_insertion(const TextDocument& doc, const std::string& rule_id) {
  std::string_view text = doc.text();
  size_t at = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // Parser directives must stay first: BuildKit stops reading them at the
  // first other line, so the comment goes below the last one.
  Dockerfile parsed = parse_dockerfile(text);
  for (const Directive& d : parsed.directives) {
    size_t end = std::min(d.span.end.offset, text.size());
    LspPosition p = doc.position_at(end, PositionEncoding::Utf8);
    at = std::max(at, doc.offset_at(LspPosition{p.line + 1, 0}, PositionEncoding::Utf8));
  }
  std::string line = "# docker-doctor ignore-file=" + rule_id + eol_at(doc, at);
  // A file without a final newline whose last line is a directive.
  if (at == text.size() && at > 0 && text.back() != '\n' && text.back() != '\r')
    line = eol_at(doc, 0) + line;
  return Insertion{at, line};
}

nlohmann::json code_actions(const CodeActionTarget& t, const std::vector<Finding>& findings,
                            size_t begin, size_t end) {
  nlohmann::json out = nlohmann::json::array();
  std::set<std::string> file_ignores;
  for (const Finding& f : findings) {
    if (f.span.start.offset > end || f.span.end.offset < begin) continue;
    nlohmann::json diagnostic = to_diagnostic(*t.doc, f, t.encoding, t.rule_docs_url);
    if (f.fix && !f.fix->edits.empty()) {
      nlohmann::json edits = nlohmann::json::array();
      for (const Edit& e : f.fix->edits)
        edits.push_back(
            text_edit(*t.doc, e.span.start.offset, e.span.end.offset, e.replacement, t.encoding));
      std::string title = f.fix->description.empty() ? "Fix " + f.rule_id : f.fix->description;
      if (!f.fix->safe) title += " (unsafe: check the result)";
      out.push_back(action(t, f.rule_id + ": " + title, diagnostic, std::move(edits), f.fix->safe));
    }
    if (t.kind == DocumentKind::Other) continue;
    // The suppression comment goes above the instruction (Dockerfile), the
    // key whose block holds the finding (compose) or the pattern's line.
    bool dockerfile = t.kind == DocumentKind::Dockerfile;
    Insertion here =
        dockerfile ? ignore_instruction_insertion(*t.doc, f) : ignore_line_insertion(*t.doc, f);
    std::string where = dockerfile                        ? "this instruction"
                        : t.kind == DocumentKind::Compose ? "this key"
                                                          : "this line";
    out.push_back(action(
        t, "Ignore " + f.rule_id + " for " + where, diagnostic,
        nlohmann::json::array({text_edit(*t.doc, here.offset, here.offset, here.text, t.encoding)}),
        false));
    if (!file_ignores.insert(f.rule_id).second) continue;
    Insertion top = ignore_file_insertion(*t.doc, f.rule_id);
    if (!dockerfile) {  // no parser directives to keep first
      size_t at = t.doc->text().starts_with("\xEF\xBB\xBF") ? 3 : 0;
      top = Insertion{at, "# docker-doctor ignore-file=" + f.rule_id + eol_at(*t.doc, at)};
    }
    out.push_back(action(
        t, "Ignore " + f.rule_id + " for this file", diagnostic,
        nlohmann::json::array({text_edit(*t.doc, top.offset, top.offset, top.text, t.encoding)}),
        false));
  }
  return out;
}

}  // namespace dd::lsp
