// Line table and display positions for reporters.
#include "report/line_index.h"

#include <algorithm>

namespace dd {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

std::string_view LineIndex::line(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t start = starts_[line - 1];
  size_t end = line < line_count() ? starts_[line] - 1 : text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

namespace {

// Clamps a byte position into the file and converts its column to code points.
void to_display(const LineIndex& lines, const Position& pos, int* line, int* column) {
  int l = std::clamp(pos.line, 1, lines.line_count());
  std::string_view text = lines.line(l);
  int byte_column = pos.line > lines.line_count() ? static_cast<int>(text.size()) + 1 : pos.column;
  byte_column = std::clamp(byte_column, 1, static_cast<int>(text.size()) + 1);
  *line = l;
  *column = codepoint_column(text, byte_column);
}

}  // namespace

DisplayRange display_range(const LineIndex& lines, const Span& span) {
  DisplayRange r;
  to_display(lines, span.start, &r.line, &r.column);
  to_display(lines, span.end, &r.end_line, &r.end_column);
  // A reversed span (a rule bug) is shown as empty rather than backwards.
  if (r.end_line < r.line || (r.end_line == r.line && r.end_column < r.column)) {
    r.end_line = r.line;
    r.end_column = r.column;
  }
  return r;
}

}  // namespace dd
