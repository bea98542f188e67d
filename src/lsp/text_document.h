// An open document's text as the server keeps it, and the translation
// between LSP positions (line, character in the negotiated encoding) and
// byte offsets. LSP counts characters in UTF-16 code units unless the client
// agreed to UTF-8; lines end at "\n", "\r\n" or a lone "\r".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd::lsp {

enum class PositionEncoding { Utf8, Utf16 };

struct LspPosition {
  int64_t line = 0;
  int64_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
};

struct LspRange {
  LspPosition start;
  LspPosition end;
};

// Which way a position that falls inside a character (half of a UTF-16
// surrogate pair, a byte inside a UTF-8 sequence) moves to a boundary.
enum class Snap { Before, After };

class TextDocument {
 public:
  explicit TextDocument(std::string text = {});

  const std::string& text() const { return text_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }

  // The byte offset of `p`. A line past the end is the end of the text; a
  // character past the end of its line is the end of that line (before its
  // terminator), as LSP specifies. Negative values count as 0.
  size_t offset_at(LspPosition p, PositionEncoding enc, Snap snap = Snap::Before) const;
  // The position of byte `offset` (clamped to the text; an offset inside a
  // character or a "\r\n" counts as the character's start).
  LspPosition position_at(size_t offset, PositionEncoding enc) const;

  // Replaces the text between the offsets of `range` (the start snapped
  // before, the end after a split character, so the text stays well-formed).
  void apply_change(const LspRange& range, std::string_view new_text, PositionEncoding enc);
  void replace(size_t begin, size_t end, std::string_view new_text);
  void set_text(std::string text);

  // The bytes of line `line` (0-based) without its terminator.
  std::string_view line(int line) const;
  // The terminator the text uses after `line` ("\n", "\r\n", "\r" or "" at the end).
  std::string_view line_ending(int line) const;

 private:
  void index_lines();
  size_t content_end(size_t line) const;  // offset where the line's terminator starts

  std::string text_;
  std::vector<size_t> line_starts_;
};

// Byte length of the UTF-8 sequence at `s[i]`: 1 for ASCII and for any
// malformed byte (which clients show as one U+FFFD, one UTF-16 unit).
size_t utf8_sequence_length(std::string_view s, size_t i);

}  // namespace dd::lsp
