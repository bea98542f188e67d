// Go's filepath.Clean, Dir and Match's syntax check (go_path.h).
#include "ignore/go_path.h"

namespace dd::ignore {

std::string go_clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  const size_t n = path.size();
  std::string out;
  size_t r = 0, dotdot = 0;  // dotdot: where out can no longer be backtracked by ".."
  if (rooted) {
    out += '/';
    r = dotdot = 1;
  }
  while (r < n) {
    if (path[r] == '/') {
      ++r;
    } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
      ++r;
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; r < n && path[r] != '/'; ++r) out += path[r];
    }
  }
  if (out.empty()) return std::string(".");
  return out;
}

std::string go_dir(std::string_view path) {
  size_t slash = path.rfind('/');
  return go_clean(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1));
}

std::string_view trim_space(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

namespace {

// The byte length of the UTF-8 sequence at s[i], 0 when it is not valid
// (Go decodes it as RuneError of width 1, which Match rejects in a class).
size_t utf8_width(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// One character of a class (Go's getEsc): `j` moves past it.
std::optional<PatternError> class_char(std::string_view chunk, size_t base, size_t& j) {
  if (j >= chunk.size())
    return PatternError{base + j, "unterminated character class: '[' has no ']'"};
  if (chunk[j] == '-' || chunk[j] == ']')
    return PatternError{base + j, chunk[j] == ']'
                                      ? "empty character class '[]'"
                                      : "'-' must sit between two characters in a class"};
  if (chunk[j] == '\\') {
    ++j;
    if (j >= chunk.size())
      return PatternError{base + j - 1, "unterminated character class: '[' has no ']'"};
  }
  size_t w = utf8_width(chunk, j);
  if (w == 0) return PatternError{base + j, "invalid UTF-8 in a character class"};
  j += w;
  if (j >= chunk.size())
    return PatternError{base + j, "unterminated character class: '[' has no ']'"};
  return std::nullopt;
}

std::optional<PatternError> chunk_error(std::string_view chunk, size_t base) {
  size_t j = 0;
  while (j < chunk.size()) {
    char c = chunk[j];
    if (c == '[') {
      size_t open = j;
      ++j;
      if (j < chunk.size() && chunk[j] == '^') ++j;
      for (size_t ranges = 0;; ++ranges) {
        if (j < chunk.size() && chunk[j] == ']' && ranges > 0) {
          ++j;
          break;
        }
        // Point at the class's '[': where the reader sees it open.
        if (auto e = class_char(chunk, base, j)) return PatternError{base + open, e->message};
        if (chunk[j] == '-') {
          ++j;
          if (auto e = class_char(chunk, base, j)) return PatternError{base + open, e->message};
        }
      }
    } else if (c == '\\') {
      if (j + 1 >= chunk.size()) return PatternError{base + j, "a trailing '\\' escapes nothing"};
      j += 2;
    } else {
      ++j;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<PatternError> go_match_syntax_error(std::string_view pattern) {
  size_t pos = 0;
  while (pos < pattern.size()) {
    while (pos < pattern.size() && pattern[pos] == '*') ++pos;
    // A chunk runs to the next '*' outside a class (Go's scanChunk).
    bool in_range = false;
    size_t i = pos;
    for (; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\') {
        if (i + 1 < pattern.size()) ++i;
      } else if (c == '[') {
        in_range = true;
      } else if (c == ']') {
        in_range = false;
      } else if (c == '*' && !in_range) {
        break;
      }
    }
    if (auto e = chunk_error(pattern.substr(pos, i - pos), pos)) return e;
    pos = i;
  }
  return std::nullopt;
}

}  // namespace dd::ignore
