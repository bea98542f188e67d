// Go-compatible rune decoding and white-space tests (see text.h).
#include "dockerfile/text.h"

#include "dockerfile/unicode_class.h"

#include <string>

namespace dd::dfparse {

size_t decode_rune(std::string_view s, size_t i, char32_t& cp) {
  unicode::Decoded d = unicode::decode(s, i);
  cp = d.rune;
  return d.size;
}

size_t decode_last_rune(std::string_view s, size_t end, char32_t& cp) {
  // A rune is at most 4 bytes: try each possible start from the nearest.
  size_t lowest = end >= 4 ? end - 4 : 0;
  for (size_t start = end; start-- > lowest;) {
    unsigned char c = static_cast<unsigned char>(s[start]);
    if ((c & 0xC0) == 0x80 && start > lowest) continue;  // a continuation byte
    char32_t v;
    size_t w = decode_rune(s.substr(0, end), start, v);
    if (start + w == end) {
      cp = v;
      return w;
    }
    break;
  }
  cp = kReplacementChar;
  return 1;
}

bool is_unicode_space(char32_t cp) {
  if (cp <= 0xFF) return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

size_t skip_space_forward(std::string_view s, size_t b, size_t e) {
  while (b < e) {
    char32_t cp;
    size_t w = decode_rune(s.substr(0, e), b, cp);
    if (!is_unicode_space(cp)) break;
    b += w;
  }
  return b;
}

size_t skip_space_backward(std::string_view s, size_t b, size_t e) {
  while (e > b) {
    char32_t cp;
    size_t w = decode_last_rune(s, e, cp);
    if (w > e - b || !is_unicode_space(cp)) break;
    e -= w;
  }
  return e;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace dd::dfparse
