// Script offsets to file positions (see source_map.h). Segments never cross a
// line end, so a lookup is a binary search plus an addition.
#include "shell/source_map.h"

#include <algorithm>

namespace dd::shell {

void SourceMap::push(Segment s) {
  // A later segment at the same offset replaces the earlier one.
  if (!segments_.empty() && segments_.back().offset == s.offset) {
    segments_.back() = s;
    return;
  }
  segments_.push_back(s);
}

void SourceMap::add_copy(std::string_view script, size_t at, size_t n, Position pos) {
  if (n == 0) return;
  push({at, pos, Kind::Copy});
  size_t end = std::min(at + n, script.size());
  for (size_t i = at; i < end; ++i) {
    if (script[i] != '\n' || i + 1 >= at + n) continue;
    Position next;
    next.line = pos.line + 1;
    next.column = 1;
    next.offset = pos.offset + (i + 1 - at);
    push({i + 1, next, Kind::Copy});
    pos = next;
    at = i + 1;
  }
}

void SourceMap::add_synthetic(size_t at, Position pos) { push({at, pos, Kind::Synthetic}); }

void SourceMap::add_escape(size_t at, Position pos, size_t width) {
  push({at, pos, Kind::Escape, width});
  // The byte after it continues wherever the next segment says; a caller
  // adding an escape always adds what follows.
}

size_t SourceMap::segment_index(size_t offset) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](size_t v, const Segment& s) { return v < s.offset; });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

Position SourceMap::at(size_t offset) const {
  if (segments_.empty()) return Position{};
  const Segment& s = segments_[segment_index(offset)];
  Position p = s.pos;
  if (s.kind == Kind::Copy && offset > s.offset) {
    size_t delta = offset - s.offset;
    p.offset += delta;
    p.column += static_cast<int>(delta);
  }
  return p;
}

Span SourceMap::span(size_t begin, size_t end) const {
  Span s{at(begin), at(begin)};
  if (end > begin) {
    const Segment& last = segments_.empty() ? Segment{0, {}, Kind::Copy} : segments_[segment_index(end - 1)];
    size_t width = last.kind == Kind::Escape && last.offset == end - 1 ? last.width : 1;
    s.end = at(end - 1);
    s.end.offset += width;
    s.end.column += static_cast<int>(width);
  }
  return s;
}

SourceMap SourceMap::slice(size_t begin, size_t end) const {
  SourceMap out;
  if (segments_.empty() || end <= begin) return out;
  size_t i = segment_index(begin);
  Segment first = segments_[i];
  first.pos = at(begin);
  if (first.kind == Kind::Escape && first.offset != begin) first.kind = Kind::Copy;
  first.offset = 0;
  out.segments_.push_back(first);
  for (++i; i < segments_.size() && segments_[i].offset < end; ++i) {
    Segment s = segments_[i];
    s.offset -= begin;
    out.segments_.push_back(s);
  }
  return out;
}

}  // namespace dd::shell
