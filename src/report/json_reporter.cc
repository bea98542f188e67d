// The JSON reporter: see json_reporter.h and docs/json-output.md.
#include "report/json_reporter.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/line_index.h"

namespace dd {

namespace {

using nlohmann::ordered_json;

void put_range(ordered_json& j, const DisplayRange& r) {
  j["line"] = r.line;
  j["column"] = r.column;
  j["end_line"] = r.end_line;
  j["end_column"] = r.end_column;
}

// Findings carry text from the user's files (paths, words quoted in
// messages), which need not be valid UTF-8: replace bad bytes rather than
// fail, as JSON must be UTF-8.
std::string dump(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

void JsonReporter::add_file(std::string_view text, const std::vector<Finding>& findings) {
  LineIndex lines(text);
  for (const Finding& f : findings) {
    ordered_json j;
    j["rule"] = f.rule_id;
    j["name"] = f.rule_name;
    j["severity"] = severity_name(f.severity);
    j["message"] = f.message;
    j["file"] = f.file;
    put_range(j, display_range(lines, f.span));
    if (f.fix && !f.fix->edits.empty()) {  // a fix that edits nothing is no fix
      ordered_json fix;
      fix["description"] = f.fix->description;
      fix["safe"] = f.fix->safe;
      fix["edits"] = ordered_json::array();
      // In file order, whatever order the rule built them in.
      std::vector<const Edit*> edits;
      for (const Edit& e : f.fix->edits) edits.push_back(&e);
      std::stable_sort(edits.begin(), edits.end(), [](const Edit* a, const Edit* b) {
        return a->span.start.offset < b->span.start.offset;
      });
      for (const Edit* e : edits) {
        ordered_json edit;
        put_range(edit, display_range(lines, e->span));
        edit["replacement"] = e->replacement;
        fix["edits"].push_back(std::move(edit));
      }
      j["fix"] = std::move(fix);
    }
    findings_.push_back(dump(j, -1));
  }
}

std::string JsonReporter::render() const {
  // One finding per line keeps diffs of saved reports (and golden files) readable.
  ordered_json head;
  head["tool"] = "docker-doctor";
  head["version"] = DD_VERSION;
  std::string out = dump(head, -1);
  out.pop_back();  // the closing brace
  out += ",\"findings\":[";
  for (size_t i = 0; i < findings_.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += findings_[i];
  }
  out += findings_.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace dd
