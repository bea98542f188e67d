// WordBuilder: source-mapped words (see word_builder.h).
#include "dockerfile/word_builder.h"

#include <algorithm>

namespace dd::dfparse {

namespace {

// Index of the line piece that holds byte i.
size_t piece_index(const Word& line, size_t i) {
  auto it = std::upper_bound(line.pieces.begin(), line.pieces.end(), i,
                             [](size_t v, const SourcePiece& p) { return v < p.text_offset; });
  return it == line.pieces.begin() ? 0 : static_cast<size_t>(it - line.pieces.begin()) - 1;
}

}  // namespace

Position position_after(const Word& line, size_t i) {
  Position p = line.position_of(i);
  p.offset += 1;
  p.column += 1;
  return p;
}

void WordBuilder::note_source(size_t src_begin, size_t src_end) {
  if (!has_source_) {
    first_src_ = src_begin;
    has_source_ = true;
  }
  end_src_ = src_end;
}

void WordBuilder::add_range(size_t begin, size_t end) {
  if (begin >= end) return;
  note_source(begin, end);
  // Walk the line pieces the range crosses: each crossing starts a new piece.
  bool has_line_pieces = !line_.pieces.empty();
  size_t pi = 0;
  if (has_line_pieces) {
    const auto& lp = line_.pieces;
    size_t c = cached_piece_;
    bool cached = c < lp.size() && lp[c].text_offset <= begin &&
                  (c + 1 == lp.size() || begin < lp[c + 1].text_offset);
    pi = cached ? c : piece_index(line_, begin);
  }
  size_t pos = begin;
  while (pos < end) {
    size_t piece_end = end;
    if (has_line_pieces && pi + 1 < line_.pieces.size())
      piece_end = std::min(end, line_.pieces[pi + 1].text_offset);
    bool line_break = has_line_pieces && pos != 0 && pos == line_.pieces[pi].text_offset;
    if (word_.pieces.empty() || pos != expect_src_ || line_break)
      word_.pieces.push_back(SourcePiece{word_.text.size(), line_.position_of(pos)});
    word_.text.append(line_.text, pos, piece_end - pos);
    expect_src_ = piece_end;
    pos = piece_end;
    cached_piece_ = pi;
    ++pi;
  }
}

void WordBuilder::add_decoded(std::string_view bytes, size_t src_begin, size_t src_end) {
  note_source(src_begin, src_end);
  word_.pieces.push_back(SourcePiece{word_.text.size(), line_.position_of(src_begin)});
  word_.text.append(bytes);
  // The decoded bytes do not map one to one: whatever follows starts afresh.
  expect_src_ = static_cast<size_t>(-1);
}

Word WordBuilder::take(size_t fallback) {
  Word w = std::move(word_);
  if (has_source_) {
    w.span.start = line_.position_of(first_src_);
    w.span.end = end_src_ > first_src_ ? position_after(line_, end_src_ - 1) : w.span.start;
  } else {
    w.span.start = w.span.end = line_.position_of(fallback);
  }
  if (w.pieces.empty()) w.pieces.push_back(SourcePiece{0, w.span.start});
  word_ = Word{};
  has_source_ = false;
  expect_src_ = static_cast<size_t>(-1);
  return w;
}

Word slice_word(const Word& line, size_t begin, size_t end) {
  WordBuilder b(line);
  b.add_range(begin, end);
  return b.take(begin);
}

}  // namespace dd::dfparse
