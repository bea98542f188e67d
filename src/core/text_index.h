// Byte offsets and the positions third-party parsers report (line and
// code-point column) mapped to exact Positions of one file, in O(log lines):
// the compose loader and the manifest parsers map every value they read, so
// the linear position_at would make them quadratic.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd {

class TextIndex {
 public:
  explicit TextIndex(std::string_view text);

  // The Position of a byte offset (clamped to the text).
  Position at_offset(size_t offset) const;
  // The Position of 1-based `line` and 1-based `column` counted in code
  // points, as toml++ and yaml-cpp (0-based there: pass +1) count them.
  Position at_codepoint(int line, int column) const;
  // The span of `text`'s bytes [begin, end).
  Span span(size_t begin, size_t end) const { return Span{at_offset(begin), at_offset(end)}; }
  int lines() const { return static_cast<int>(starts_.size()); }
  size_t line_start(int line) const;  // byte offset of 1-based `line`
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace dd
