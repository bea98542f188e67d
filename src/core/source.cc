// Position arithmetic shared by parsers and reporters.
#include "docker_doctor/source.h"

namespace dd {

Position position_at(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  Position p;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = static_cast<int>(offset - line_start) + 1;
  p.offset = offset;
  return p;
}

std::string_view line_text(std::string_view text, int line) {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

// Counts the characters of line[0, byte_column-1), each weighted by `unit`.
template <typename UnitFn>
static int count_columns(std::string_view line, int byte_column, UnitFn unit) {
  size_t bytes = byte_column > 1 ? static_cast<size_t>(byte_column - 1) : 0;
  if (bytes > line.size()) bytes = line.size();
  int col = 1;
  for (size_t i = 0; i < bytes;) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    col += unit(len);
    i += len;
  }
  // Bytes past the end of the line (a span ending on the newline) count one each.
  if (byte_column > 1 && static_cast<size_t>(byte_column - 1) > line.size())
    col += static_cast<int>(static_cast<size_t>(byte_column - 1) - line.size());
  return col;
}

int codepoint_column(std::string_view line, int byte_column) {
  return count_columns(line, byte_column, [](size_t) { return 1; });
}

int utf16_column(std::string_view line, int byte_column) {
  // Code points above U+FFFF (4-byte UTF-8) take a surrogate pair.
  return count_columns(line, byte_column, [](size_t len) { return len == 4 ? 2 : 1; });
}

}  // namespace dd
