// Byte offsets to positions for one file, in O(log lines): the loader maps
// every node's offset, so the linear position_at would make loading quadratic.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd::compose {

class TextIndex {
 public:
  explicit TextIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  Position at(size_t offset) const {
    if (offset > text_.size()) offset = text_.size();
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
    Position p;
    p.line = static_cast<int>(line);
    p.column = static_cast<int>(offset - starts_[line - 1]) + 1;
    p.offset = offset;
    return p;
  }
  Span span(size_t start, size_t end) const { return Span{at(start), at(end)}; }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace dd::compose
