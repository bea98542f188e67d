// The Checkstyle reporter: see checkstyle_reporter.h.
#include "report/checkstyle_reporter.h"

#include <fmt/format.h>

#include "dockerfile/unicode_class.h"
#include "report/line_index.h"

namespace dd {

namespace {

// Checkstyle knows error, warning, info and ignore.
std::string_view severity_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
    case Severity::Style:
      return "info";
  }
  return "warning";
}

// XML 1.0's Char production, less the three whitespace controls handled apart.
bool xml_char(char32_t cp) {
  return (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = unicode::decode_valid(s, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (xml_char(cp)) out += s.substr(i, len);
    }
    i += len;
  }
  return out;
}

void CheckstyleReporter::add_file(std::string_view text, const std::vector<Finding>& findings) {
  if (findings.empty()) return;
  LineIndex lines(text);
  files_ += fmt::format("  <file name=\"{}\">\n", xml_escape(findings.front().file));
  for (const Finding& f : findings) {
    DisplayRange r = display_range(lines, f.span);
    files_ += fmt::format(
        "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" "
        "source=\"docker-doctor.{}.{}\"/>\n",
        r.line, r.column, severity_of(f.severity), xml_escape(f.message), xml_escape(f.rule_id),
        xml_escape(f.rule_name));
  }
  files_ += "  </file>\n";
}

std::string CheckstyleReporter::render() const {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n" + files_ +
         "</checkstyle>\n";
}

}  // namespace dd
