// Positions and spans in a source file: the unit every finding points with.
#pragma once

#include <cstddef>
#include <string_view>

namespace dd {

// A place in a file. `line` and `column` are 1-based; `column` counts bytes of
// the line (UTF-8), so it maps to the text without ambiguity; reporters convert
// to code points or UTF-16 units where their format asks for it. `offset` is
// the 0-based byte offset from the start of the file.
struct Position {
  int line = 1;
  int column = 1;
  size_t offset = 0;

  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position& a, const Position& b) { return a.offset <=> b.offset; }
};

// A half-open byte range [start, end) in one file.
struct Span {
  Position start;
  Position end;

  bool empty() const { return start.offset == end.offset; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Computes the Position of a byte offset by scanning `text` (slow path, for
// places where only an offset is known). Clamps to the end of the text.
Position position_at(std::string_view text, size_t offset);

// The text of the 1-based line `line` without its line terminator.
std::string_view line_text(std::string_view text, int line);

// 1-based column counted in Unicode code points for a byte column on `line`.
int codepoint_column(std::string_view line, int byte_column);

// 1-based column counted in UTF-16 code units for a byte column on `line`.
int utf16_column(std::string_view line, int byte_column);

}  // namespace dd
