// The GitHub Actions reporter: see github_reporter.h.
#include "report/github_reporter.h"

#include <fmt/format.h>

#include "report/line_index.h"

namespace dd {

namespace {

std::string escape(std::string_view s, bool property) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view command_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
    case Severity::Style:
      return "notice";
  }
  return "warning";
}

}  // namespace

std::string github_escape_data(std::string_view s) {
  return escape(s, false);
}
std::string github_escape_property(std::string_view s) {
  return escape(s, true);
}

void write_github_findings(std::string& out, std::string_view text,
                           const std::vector<Finding>& findings) {
  LineIndex lines(text);
  for (const Finding& f : findings) {
    DisplayRange r = display_range(lines, f.span);
    std::string properties = fmt::format("file={},line={},endLine={}",
                                         github_escape_property(f.file), r.line, r.end_line);
    // Annotations take columns only within one line; the end column is the
    // last character's (inclusive), so an empty span marks one character.
    if (r.line == r.end_line)
      properties +=
          fmt::format(",col={},endColumn={}", r.column, std::max(r.column, r.end_column - 1));
    properties += ",title=" + github_escape_property(fmt::format("{} {}", f.rule_id, f.rule_name));
    out += fmt::format("::{} {}::{}\n", command_of(f.severity), properties,
                       github_escape_data(f.message));
  }
}

}  // namespace dd
