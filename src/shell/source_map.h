// Where each byte of a shell script came from in the Dockerfile. A script is
// a RUN's text (continuation lines joined out), a heredoc body, or the inside
// of a quoted `sh -c '...'` string; its bytes are runs copied from file lines,
// plus the odd byte that stands for nothing in the file (BuildKit joins a
// heredoc RUN with "\n" + body + delimiter).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd::shell {

class SourceMap {
 public:
  // script[at, at + n) are copies of consecutive file bytes starting at
  // `pos`. A newline inside the run starts a new file line.
  void add_copy(std::string_view script, size_t at, size_t n, Position pos);
  // Script bytes from `at` (up to the next segment) map to `pos` itself.
  void add_synthetic(size_t at, Position pos);
  // Script byte `at` stands for `width` file bytes at `pos`: an escaped
  // character (`\"` inside "...") whose backslash quote removal dropped.
  void add_escape(size_t at, Position pos, size_t width);

  Position at(size_t offset) const;
  // [begin, end) in the file: from the first byte to just past the last one.
  Span span(size_t begin, size_t end) const;

  // Calls fn(b, e, pos, width) for each piece of [begin, end) whose bytes
  // are consecutive in the file (pos: the position of script byte b).
  // `width` is 0 for copied bytes, else the file width of the one escaped
  // byte [b, b + 1).
  template <typename Fn>
  void for_each_run(size_t begin, size_t end, Fn fn) const {
    if (segments_.empty()) {
      if (begin < end) fn(begin, end, Position{}, size_t{0});
      return;
    }
    while (begin < end) {
      size_t i = segment_index(begin);
      size_t seg_end = i + 1 < segments_.size() ? segments_[i + 1].offset : end;
      if (seg_end > end || seg_end <= begin) seg_end = end;
      if (segments_[i].kind == Kind::Escape && begin == segments_[i].offset) {
        fn(begin, begin + 1, segments_[i].pos, segments_[i].width);
        begin += 1;
        continue;
      }
      fn(begin, seg_end, at(begin), size_t{0});
      begin = seg_end;
    }
  }

  // The map of script[begin, end) as a script of its own (a heredoc body
  // handed to `sh`): offset 0 is `begin`.
  SourceMap slice(size_t begin, size_t end) const;

  bool empty() const { return segments_.empty(); }

 private:
  enum class Kind : uint8_t { Copy, Synthetic, Escape };
  struct Segment {
    size_t offset;  // first script byte of the segment
    Position pos;   // its file position
    Kind kind;      // Synthetic: every byte maps to pos; Escape: one byte, `width` file bytes
    size_t width = 1;
  };
  size_t segment_index(size_t offset) const;  // the last segment starting at or before offset
  void push(Segment s);

  std::vector<Segment> segments_;  // sorted by offset, each within one file line
};

}  // namespace dd::shell
