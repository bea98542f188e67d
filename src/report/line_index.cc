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

BytePosition clamp_position(const LineIndex& lines, const Position& pos) {
  BytePosition p;
  p.line = std::clamp(pos.line, 1, lines.line_count());
  std::string_view text = lines.line(p.line);
  int byte_column = pos.line > lines.line_count() ? static_cast<int>(text.size()) + 1 : pos.column;
  p.byte_column = std::clamp(byte_column, 1, static_cast<int>(text.size()) + 1);
  return p;
}

namespace {

void to_display(const LineIndex& lines, const Position& pos, ColumnUnit unit, int* line,
                int* column) {
  BytePosition p = clamp_position(lines, pos);
  std::string_view text = lines.line(p.line);
  *line = p.line;
  *column = unit == ColumnUnit::Utf16 ? utf16_column(text, p.byte_column)
                                      : codepoint_column(text, p.byte_column);
}

}  // namespace

DisplayRange display_range(const LineIndex& lines, const Span& span, ColumnUnit unit) {
  DisplayRange r;
  to_display(lines, span.start, unit, &r.line, &r.column);
  to_display(lines, span.end, unit, &r.end_line, &r.end_column);
  // A reversed span (a rule bug) is shown as empty rather than backwards.
  if (r.end_line < r.line || (r.end_line == r.line && r.end_column < r.column)) {
    r.end_line = r.line;
    r.end_column = r.column;
  }
  return r;
}

}  // namespace dd
