// Line lookups for reporters: built once per file so that printing many
// findings never rescans the file from the top for each one.
#pragma once

#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The text of 1-based line `line` without its terminator ("\n" or "\r\n");
  // empty for a line outside the file.
  std::string_view line(int line) const;
  int line_count() const { return static_cast<int>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // byte offset where each line begins
};

// Where a span is shown to users: 1-based line and column, columns counted in
// Unicode code points, the end exclusive. `end_line`/`end_column` point just
// past the last character of the span.
struct DisplayRange {
  int line = 1;
  int column = 1;
  int end_line = 1;
  int end_column = 1;
};

// What a column counts. Text and JSON count code points; SARIF's default
// column kind (and LSP's) is UTF-16 code units, which differ for characters
// above U+FFFF.
enum class ColumnUnit { CodePoints, Utf16 };

// A position clamped into the file: the line it is on and its byte column.
// Positions outside the file are clamped to it, so a malformed span from a
// rule still prints sensibly.
struct BytePosition {
  int line = 1;
  int byte_column = 1;
};
BytePosition clamp_position(const LineIndex& lines, const Position& pos);

// Converts a byte-column span to `unit` columns using the file's lines,
// clamping it into the file; a reversed span (a rule bug) becomes empty.
DisplayRange display_range(const LineIndex& lines, const Span& span,
                           ColumnUnit unit = ColumnUnit::CodePoints);

}  // namespace dd
