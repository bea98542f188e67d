// The character classes Go's unicode package gives BuildKit's shell lexer
// (unicode.IsLetter, IsDigit, IsSpace), so names and word splitting agree
// with BuildKit on non-ASCII text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dd::unicode {

// Returned by decode() for a byte that does not start a valid UTF-8
// sequence; Go substitutes U+FFFD and moves on one byte.
constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t rune;
  size_t size;  // bytes consumed, at least 1
};

// Decodes the rune at s[i] (i < s.size()) exactly as Go's utf8.DecodeRune:
// overlong forms, surrogates and truncated sequences give U+FFFD, size 1.
Decoded decode(std::string_view s, size_t i);

// The length of the well-formed UTF-8 sequence at s[i] (setting `rune`), or 0
// when s[i] does not start one: for callers that show or escape bad bytes.
size_t decode_valid(std::string_view s, size_t i, char32_t& rune);

void append_utf8(std::string& out, char32_t rune);

bool is_letter(char32_t r);  // general category L*
bool is_digit(char32_t r);   // general category Nd
bool is_space(char32_t r);   // Go's unicode.IsSpace

}  // namespace dd::unicode
