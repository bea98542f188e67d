// Document text and LSP position arithmetic. Every position a client sends
// is untrusted: out-of-range lines and characters clamp, positions inside a
// character snap to a boundary, and nothing here can throw or read outside
// the text.
#include "lsp/text_document.h"

#include <algorithm>

namespace dd::lsp {

size_t utf8_sequence_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 1;
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  return len;
}

namespace {

size_t units(size_t utf8_len, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return utf8_len;
  return utf8_len == 4 ? 2 : 1;  // above U+FFFF: a surrogate pair
}

}  // namespace

TextDocument::TextDocument(std::string text) : text_(std::move(text)) {
  index_lines();
}

void TextDocument::set_text(std::string text) {
  text_ = std::move(text);
  index_lines();
}

void TextDocument::index_lines() {
  line_starts_.assign(1, 0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);
    }
  }
}

size_t TextDocument::content_end(size_t line) const {
  size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
  size_t start = line_starts_[line];
  if (end > start && text_[end - 1] == '\n') --end;
  if (end > start && text_[end - 1] == '\r') --end;
  return end;
}

std::string_view TextDocument::line(int line) const {
  if (line < 0 || line >= line_count()) return {};
  size_t start = line_starts_[static_cast<size_t>(line)];
  return std::string_view(text_).substr(start, content_end(static_cast<size_t>(line)) - start);
}

std::string_view TextDocument::line_ending(int line) const {
  if (line < 0 || line >= line_count()) return {};
  size_t l = static_cast<size_t>(line);
  size_t end = l + 1 < line_starts_.size() ? line_starts_[l + 1] : text_.size();
  size_t content = content_end(l);
  return std::string_view(text_).substr(content, end - content);
}

size_t TextDocument::offset_at(LspPosition p, PositionEncoding enc, Snap snap) const {
  if (p.line < 0) p.line = 0;
  if (p.character < 0) p.character = 0;
  if (p.line >= static_cast<int64_t>(line_starts_.size())) return text_.size();
  size_t line = static_cast<size_t>(p.line);
  size_t i = line_starts_[line];
  size_t end = content_end(line);
  uint64_t want = static_cast<uint64_t>(p.character), have = 0;
  std::string_view text = text_;
  while (i < end && have < want) {
    size_t len = utf8_sequence_length(text, i);
    size_t u = units(len, enc);
    if (have + u > want) {
      // `want` falls inside this character.
      return snap == Snap::After ? i + len : i;
    }
    have += u;
    i += len;
  }
  return std::min(i, end);
}

LspPosition TextDocument::position_at(size_t offset, PositionEncoding enc) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t i = line_starts_[line];
  size_t end = std::min(offset, content_end(line));
  int64_t character = 0;
  std::string_view text = text_;
  while (i < end) {
    size_t len = utf8_sequence_length(text, i);
    if (i + len > end) break;  // `offset` is inside this character
    character += static_cast<int64_t>(units(len, enc));
    i += len;
  }
  return LspPosition{static_cast<int64_t>(line), character};
}

void TextDocument::replace(size_t begin, size_t end, std::string_view new_text) {
  begin = std::min(begin, text_.size());
  end = std::clamp(end, begin, text_.size());
  text_.replace(begin, end - begin, new_text);
  index_lines();
}

void TextDocument::apply_change(const LspRange& range, std::string_view new_text,
                                PositionEncoding enc) {
  size_t begin = offset_at(range.start, enc, Snap::Before);
  // An empty range is an insertion: it must not grow to cover a character.
  size_t end = range.end == range.start ? begin : offset_at(range.end, enc, Snap::After);
  replace(begin, std::max(begin, end), new_text);
}

}  // namespace dd::lsp
