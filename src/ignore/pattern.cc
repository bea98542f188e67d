// Docker's translation of a .dockerignore pattern (pattern.h). The quirks
// are Docker's and kept on purpose: `[` and `]` pass into the regular
// expression untouched (so `[!a]` is a class holding '!' and 'a', not a
// negation, just as in Go's filepath.Match), '^' is not escaped, and a
// leading `**` with no other wildcard becomes a plain suffix compare
// (`**name` matches "xname", `**/name` does not).
#include "ignore/pattern.h"

namespace dd::ignore {

namespace {

bool regex_special(char c) {
  switch (c) {
    case '.':
    case '+':
    case '(':
    case ')':
    case '|':
    case '{':
    case '}':
    case '$':
      return true;
    default:
      return false;
  }
}

// Bytes of the UTF-8 character at s[i] (1 for a stray byte): Docker reads
// the pattern a character at a time, and an escaped character is one whole
// code point.
size_t char_width(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return i + n <= s.size() ? n : 1;
}

}  // namespace

CompiledPattern compile_pattern(std::string_view p) {
  CompiledPattern out;
  std::string re = "^";
  MatchKind kind = MatchKind::Exact;
  size_t i = 0;
  for (size_t step = 0; i < p.size(); ++step) {
    char c = p[i];
    if (c == '*') {
      ++i;
      if (i < p.size() && p[i] == '*') {
        ++i;
        if (i < p.size() && p[i] == '/') ++i;  // `**/` is `**`
        if (i == p.size()) {
          // A trailing `**` takes everything, like .gitignore.
          if (kind == MatchKind::Exact) {
            kind = MatchKind::Prefix;
          } else {
            re += ".*";
            kind = MatchKind::Regex;
          }
        } else {
          re += "(.*/)?";  // any number of directories, none included
          kind = MatchKind::Regex;
        }
        if (step == 0) kind = MatchKind::Suffix;
      } else {
        re += "[^/]*";
        kind = MatchKind::Regex;
      }
    } else if (c == '?') {
      re += "[^/]";
      kind = MatchKind::Regex;
      ++i;
    } else if (regex_special(c)) {
      re += '\\';
      re += c;
      ++i;
    } else if (c == '\\') {
      ++i;
      if (i < p.size()) {
        size_t w = char_width(p, i);
        re += '\\';
        re.append(p.substr(i, w));
        i += w;
        kind = MatchKind::Regex;
      } else {
        re += "\\";  // a trailing backslash: Docker leaves it (the regex then fails to compile)
      }
    } else if (c == '[' || c == ']') {
      re += c;
      kind = MatchKind::Regex;
      ++i;
    } else {
      size_t w = char_width(p, i);
      re.append(p.substr(i, w));
      i += w;
    }
  }
  out.kind = kind;
  switch (kind) {
    case MatchKind::Exact:
      out.literal = std::string(p);
      break;
    case MatchKind::Prefix:
      out.literal = std::string(p.substr(0, p.size() - 2));  // without the trailing `**`
      break;
    case MatchKind::Suffix: {
      out.literal = std::string(p.substr(2));  // without the leading `**`
      break;
    }
    case MatchKind::Regex:
      out.regex = re + "$";
      break;
  }
  return out;
}

bool literal_matches(const CompiledPattern& p, std::string_view path) {
  switch (p.kind) {
    case MatchKind::Exact:
      return path == p.literal;
    case MatchKind::Prefix:
      return path.starts_with(p.literal);
    case MatchKind::Suffix:
      if (p.literal.starts_with("/") && path == std::string_view(p.literal).substr(1)) return true;
      return path.ends_with(p.literal);
    case MatchKind::Regex:
      return false;
  }
  return false;
}

}  // namespace dd::ignore
