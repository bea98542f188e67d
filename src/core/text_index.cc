// Byte positions for parsers of other formats (text_index.h).
#include "core/text_index.h"

#include <algorithm>

namespace dd {

TextIndex::TextIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

size_t TextIndex::line_start(int line) const {
  if (line < 1) return 0;
  if (static_cast<size_t>(line) > starts_.size()) return text_.size();
  return starts_[line - 1];
}

Position TextIndex::at_offset(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  Position p;
  p.line = static_cast<int>(line);
  p.column = static_cast<int>(offset - starts_[line - 1]) + 1;
  p.offset = offset;
  return p;
}

Position TextIndex::at_codepoint(int line, int column) const {
  if (line < 1) return at_offset(0);
  if (static_cast<size_t>(line) > starts_.size()) return at_offset(text_.size());
  size_t i = starts_[line - 1];
  // Step over column-1 code points, never past the line's end.
  for (int c = 1; c < column && i < text_.size() && text_[i] != '\n'; ++c) {
    ++i;
    while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
  }
  return at_offset(i);
}

}  // namespace dd
