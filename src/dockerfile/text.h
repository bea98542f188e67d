// Byte and rune helpers that reproduce Go's standard library exactly where
// BuildKit's parser depends on it (unicode.IsSpace, utf8.DecodeRune,
// strings.TrimSpace), so lines split and trim the same way.
#pragma once

#include <cstddef>
#include <string_view>

namespace dd::dfparse {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// utf8.DecodeRuneInString: the rune at s[i] and its width. Invalid bytes,
// overlong forms, surrogates and truncated sequences give U+FFFD, width 1.
size_t decode_rune(std::string_view s, size_t i, char32_t& cp);

// utf8.DecodeLastRuneInString on s[0, end): the width of the last rune.
size_t decode_last_rune(std::string_view s, size_t end, char32_t& cp);

// unicode.IsSpace.
bool is_unicode_space(char32_t cp);

// unicode.IsSpace(rune(b)): what BuildKit's byte-wise loops test. Besides
// ASCII blanks this is true for 0x85 and 0xA0, even inside a UTF-8 sequence.
inline bool is_byte_space(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}

// The character class [\t\v\f\r ] of BuildKit's reWhitespace.
inline bool is_ascii_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// strings.TrimLeftFunc / TrimRightFunc with unicode.IsSpace on s[b, e):
// the new begin / end.
size_t skip_space_forward(std::string_view s, size_t b, size_t e);
size_t skip_space_backward(std::string_view s, size_t b, size_t e);

// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
inline char ascii_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

}  // namespace dd::dfparse
