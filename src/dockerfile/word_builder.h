// Building Words out of a logical line (an instruction with its line
// continuations joined) while remembering where every byte came from, so a
// word's text maps back to file positions through its pieces.
#pragma once

#include <cstddef>
#include <string_view>

#include "dockerfile/ast.h"

namespace dd::dfparse {

// The source position of each byte of `line.text` is line.position_of(i);
// words built from it get pieces that break wherever the source does.
class WordBuilder {
 public:
  explicit WordBuilder(const Word& line) : line_(line) {}

  // Copies line.text[begin, end) into the word.
  void add_range(size_t begin, size_t end);
  // Appends bytes that stand for line.text[src_begin, src_end) without being
  // a copy of it (a decoded JSON escape, a U+FFFD for an invalid byte).
  void add_decoded(std::string_view bytes, size_t src_begin, size_t src_end);

  bool empty() const { return word_.text.empty() && !has_source_; }
  size_t size() const { return word_.text.size(); }
  const std::string& text() const { return word_.text; }

  // The word so far; the builder is reset. A word with no source bytes gets an
  // empty span at `fallback` (a line offset).
  Word take(size_t fallback);

 private:
  void note_source(size_t src_begin, size_t src_end);

  const Word& line_;
  Word word_;
  bool has_source_ = false;
  size_t first_src_ = 0;  // line offsets of the first and past-the-last source bytes
  size_t end_src_ = 0;
  size_t expect_src_ =
      static_cast<size_t>(-1);  // line offset the next copied byte must have to extend the piece
  size_t cached_piece_ =
      0;  // the line piece the last copy came from: copies mostly move forward byte by byte
};

// line.text[begin, end) as its own word.
Word slice_word(const Word& line, size_t begin, size_t end);

// The position just past line byte `i` (i < text.size()).
Position position_after(const Word& line, size_t i);

}  // namespace dd::dfparse
