// The GNU reporter: see gnu_reporter.h.
#include "report/gnu_reporter.h"

#include <fmt/format.h>

#include "report/line_index.h"
#include "report/text_reporter.h"

namespace dd {

namespace {

std::string_view severity_word(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
    case Severity::Style:
      return "note";
  }
  return "warning";
}

struct Point {
  int line, column;
};

// The display position of the last character before `end` (exclusive). An end
// at the start of a line means the span's last character is the newline
// before it, which sits one column past the previous line's text.
Point last_character(const LineIndex& lines, BytePosition end) {
  if (end.byte_column == 1 && end.line > 1) {
    std::string_view prev = lines.line(end.line - 1);
    return {end.line - 1, display_column(prev, static_cast<int>(prev.size()) + 1)};
  }
  std::string_view line = lines.line(end.line);
  size_t byte = static_cast<size_t>(end.byte_column - 1);  // one past the last byte
  if (byte > 0) --byte;
  // Back up over UTF-8 continuation bytes to where the character starts.
  while (byte > 0 && byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80)
    --byte;
  return {end.line, display_column(line, static_cast<int>(byte) + 1)};
}

}  // namespace

void write_gnu_findings(std::string& out, std::string_view text,
                        const std::vector<Finding>& findings) {
  LineIndex lines(text);
  for (const Finding& f : findings) {
    BytePosition start = clamp_position(lines, f.span.start);
    BytePosition end = clamp_position(lines, f.span.end);
    if (end.line < start.line || (end.line == start.line && end.byte_column < start.byte_column))
      end = start;  // a reversed span (a rule bug) is shown as empty
    Point first{start.line, display_column(lines.line(start.line), start.byte_column)};
    std::string location;
    bool empty = end.line == start.line && end.byte_column == start.byte_column;
    Point last = empty ? first : last_character(lines, end);
    if (last.line == first.line && last.column <= first.column) {
      location = fmt::format("{}:{}", first.line, first.column);
    } else if (last.line == first.line) {
      location = fmt::format("{}.{}-{}", first.line, first.column, last.column);
    } else {
      location = fmt::format("{}.{}-{}.{}", first.line, first.column, last.line, last.column);
    }
    out += fmt::format("{}:{}: {}: {} [{}]\n", terminal_safe(f.file), location,
                       severity_word(f.severity), terminal_safe(f.message), f.rule_id);
  }
}

}  // namespace dd
