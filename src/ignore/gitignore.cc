// .gitignore patterns translated for the shared matcher (gitignore.h). Git
// matches with its own wildmatch; the translation below follows its rules:
// `*` and `?` never match '/', `**` is "any directories" only when it
// stands between slashes (or at either end), elsewhere it is a plain `*`,
// and a bracket expression never matches '/'.
#include "ignore/gitignore.h"

#include <bitset>
#include <cstdio>

namespace dd::ignore {

namespace {

// Git's trim_trailing_spaces: spaces (not tabs) at the end go, unless the
// first of them is escaped; a line ending in a lone '\' is kept whole.
void trim_trailing_spaces(std::string& s) {
  size_t last_space = std::string::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      if (last_space == std::string::npos) last_space = i;
    } else if (s[i] == '\\') {
      if (++i == s.size()) return;
      last_space = std::string::npos;
    } else {
      last_space = std::string::npos;
    }
  }
  if (last_space != std::string::npos) s.resize(last_space);
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x{%02x}", c);
  return buf;
}

// A byte as a regular expression literal.
void append_literal(std::string& re, unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    re += static_cast<char>(c);
  else
    re += hex_byte(c);
}

bool in_class(std::string_view name, unsigned char c) {
  bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
  bool print = c >= 32 && c < 127;
  if (name == "alnum") return upper || lower || digit;
  if (name == "alpha") return upper || lower;
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return c < 32 || c == 127;
  if (name == "digit") return digit;
  if (name == "graph") return print && c != ' ';
  if (name == "lower") return lower;
  if (name == "print") return print;
  if (name == "punct") return print && c != ' ' && !upper && !lower && !digit;
  // Git's own isspace: no vertical tab or form feed.
  if (name == "space") return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  if (name == "upper") return upper;
  if (name == "xdigit") return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  return false;
}

bool known_class(std::string_view name) {
  for (std::string_view k : {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
                             "punct", "space", "upper", "xdigit"})
    if (name == k) return true;
  return false;
}

// The bracket expression starting at p[i] == '[', read as wildmatch reads
// it (a ']' right after the opening is a member; `[!` and `[^` negate;
// `[:alpha:]` classes; '\' escapes). Appends an RE2 class and moves `i`
// past the ']'. False when Git would give up on the whole pattern.
bool translate_bracket(std::string_view p, size_t& i, std::string& re) {
  std::bitset<256> set;
  size_t k = i + 1;
  auto at = [&](size_t n) -> unsigned char { return n < p.size() ? p[n] : 0; };
  unsigned char c = at(k);
  bool negated = false;
  if (c == '!' || c == '^') {
    negated = true;
    c = at(++k);
  }
  unsigned char prev = 0;
  do {
    if (c == 0) return false;
    if (c == '\\') {
      c = at(++k);
      if (c == 0) return false;
      set.set(c);
    } else if (c == '-' && prev != 0 && at(k + 1) != 0 && at(k + 1) != ']') {
      c = at(++k);
      if (c == '\\') {
        c = at(++k);
        if (c == 0) return false;
      }
      for (unsigned x = prev; x <= c; ++x) set.set(x);
      c = 0;  // a range is not the start of another
    } else if (c == '[' && at(k + 1) == ':') {
      size_t s = k + 2;
      size_t close = s;
      while (at(close) != 0 && at(close) != ']') ++close;
      if (at(close) == 0) return false;
      if (close == s || at(close - 1) != ':') {
        set.set('[');  // not a class: '[' is a member, and reading goes on after it
      } else {
        std::string_view name = p.substr(s, close - 1 - s);
        if (!known_class(name)) return false;
        for (unsigned x = 1; x < 256; ++x)
          if (in_class(name, static_cast<unsigned char>(x))) set.set(x);
        k = close;
        c = 0;
      }
    } else {
      set.set(c);
    }
    prev = c;
    c = at(++k);
  } while (c != ']');
  if (negated) set.flip();
  set.reset('/');
  set.reset(0);
  if (set.none()) return false;
  re += '[';
  for (unsigned x = 1; x < 256;) {
    if (!set.test(x)) {
      ++x;
      continue;
    }
    unsigned y = x;
    while (y + 1 < 256 && set.test(y + 1)) ++y;
    re += hex_byte(static_cast<unsigned char>(x));
    if (y > x) re += "-" + hex_byte(static_cast<unsigned char>(y));
    x = y + 1;
  }
  re += ']';
  i = k + 1;
  return true;
}

// The glob as an RE2 expression (without anchors); false when Git's
// matcher can never match it.
bool translate(std::string_view p, std::string& re) {
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 == p.size()) return false;
      append_literal(re, static_cast<unsigned char>(p[i + 1]));
      i += 2;
    } else if (c == '*') {
      size_t j = i;
      while (j < p.size() && p[j] == '*') ++j;
      bool between_slashes =
          j - i >= 2 && (i == 0 || p[i - 1] == '/') && (j == p.size() || p[j] == '/');
      if (between_slashes && j == p.size()) {
        re += "(?s:.*)";
      } else if (between_slashes) {
        re += "(?s:.*/)?";
        ++j;  // the '/' is part of "any directories"
      } else {
        re += "[^/]*";
      }
      i = j;
    } else if (c == '?') {
      re += "[^/]";
      ++i;
    } else if (c == '[') {
      if (!translate_bracket(p, i, re)) return false;
    } else {
      append_literal(re, static_cast<unsigned char>(c));
      ++i;
    }
  }
  return true;
}

// The glob's text with escapes resolved when it holds no wildcard.
std::optional<std::string> literal_of(std::string_view p) {
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '*' || p[i] == '?' || p[i] == '[') return std::nullopt;
    if (p[i] == '\\') {
      if (++i == p.size()) return std::nullopt;
    }
    out += p[i];
  }
  return out;
}

}  // namespace

std::vector<GitPattern> parse_gitignore(std::string_view text) {
  std::vector<GitPattern> out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t line = 0;
  while (!text.empty()) {
    ++line;
    size_t nl = text.find('\n');
    std::string s(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (s.empty() || s[0] == '#') continue;
    if (s.back() == '\r') s.pop_back();
    trim_trailing_spaces(s);
    GitPattern p;
    p.text = s;
    p.line = line;
    std::string_view g = s;
    if (!g.empty() && g[0] == '!') {
      p.negated = true;
      g.remove_prefix(1);
    }
    if (!g.empty() && g.back() == '/') {
      p.dir_only = true;
      g.remove_suffix(1);
    }
    p.anchored = g.find('/') != std::string_view::npos;
    if (p.anchored && g[0] == '/') g.remove_prefix(1);
    p.glob = std::string(g);
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<CompiledPattern> compile_git_pattern(const GitPattern& pattern) {
  std::string_view g = pattern.glob;
  if (g.empty()) return std::nullopt;
  CompiledPattern out;
  if (auto literal = literal_of(g)) {
    // The commonest patterns (`node_modules`, `/build`, `docs/api`) are
    // string compares; a name without a slash is the path's last part.
    out.kind = pattern.anchored ? MatchKind::Exact : MatchKind::Suffix;
    out.literal = pattern.anchored ? *literal : "/" + *literal;
    return out;
  }
  if (!pattern.anchored && g[0] == '*') {
    if (auto rest = literal_of(g.substr(1)); rest && !rest->empty()) {
      out.kind = MatchKind::Suffix;  // `*.log`: the name ends so
      out.literal = *rest;
      return out;
    }
  }
  if (pattern.anchored && g.size() > 3 && g.substr(g.size() - 3) == "/**") {
    if (auto dir = literal_of(g.substr(0, g.size() - 3))) {
      out.kind = MatchKind::Prefix;  // `dir/**`: everything below dir
      out.literal = *dir + "/";
      return out;
    }
  }
  std::string body;
  if (!translate(g, body)) return std::nullopt;
  out.kind = MatchKind::Regex;
  // Without a slash the glob is matched against the last part of the path.
  out.regex = (pattern.anchored ? "^" : "^(?s:.*/)?") + body + "$";
  return out;
}

GitIgnore::GitIgnore(std::string_view text) : patterns_(parse_gitignore(text)) {
  std::vector<MatcherPattern> files, dirs;
  std::vector<CompiledPattern> files_compiled, dirs_compiled;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    std::optional<CompiledPattern> c = compile_git_pattern(patterns_[i]);
    if (!c) continue;
    MatcherPattern m{patterns_[i].text, patterns_[i].negated};
    if (!patterns_[i].dir_only) {
      files.push_back(m);
      files_compiled.push_back(*c);
      files_.pattern.push_back(i);
    }
    dirs.push_back(std::move(m));
    dirs_compiled.push_back(std::move(*c));
    dirs_.pattern.push_back(i);
  }
  // A pattern RE2 refuses is left out by the matcher: Git's own matcher has
  // no such limit, but the translation only emits what RE2 reads.
  files_.matcher.emplace(std::move(files), files_compiled, true);
  dirs_.matcher.emplace(std::move(dirs), dirs_compiled, true);
}

GitVerdict GitIgnore::match(std::string_view rel, bool is_dir) const {
  const Side& side = is_dir ? dirs_ : files_;
  if (!side.matcher) return GitVerdict::None;
  long k = side.matcher->last_match(rel);
  if (k < 0) return GitVerdict::None;
  return patterns_[side.pattern[static_cast<size_t>(k)]].negated ? GitVerdict::Included
                                                                 : GitVerdict::Ignored;
}

}  // namespace dd::ignore
