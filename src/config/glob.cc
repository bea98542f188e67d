// Path globs (glob.h). Matching works one path segment at a time so that '*'
// can never cross a '/', and '**' is the only way to span directories.
#include "config/glob.h"

namespace dd::config {

namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = s.find('/', start);
    std::string_view part =
        s.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!part.empty() && part != ".") out.push_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// The end of the class starting at pattern[i] == '[', or npos when unclosed.
// A ']' right after '[' or '[!' is a member, as in fnmatch.
size_t class_end(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && p[j] == '!') ++j;
  if (j < p.size() && p[j] == ']') ++j;
  for (; j < p.size(); ++j) {
    if (p[j] == '\\') {
      ++j;
      continue;
    }
    if (p[j] == ']') return j;
  }
  return std::string_view::npos;
}

bool class_matches(std::string_view cls, char c) {  // cls without the brackets
  bool negate = !cls.empty() && cls[0] == '!';
  if (negate) cls.remove_prefix(1);
  bool hit = false;
  for (size_t i = 0; i < cls.size(); ++i) {
    char lo = cls[i];
    if (lo == '\\' && i + 1 < cls.size()) lo = cls[++i];
    char hi = lo;
    if (i + 2 < cls.size() && cls[i + 1] == '-') {
      hi = cls[i + 2];
      if (hi == '\\' && i + 3 < cls.size()) hi = cls[++i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) hit = true;
  }
  return hit != negate;
}

// One segment against one name; backtracks over '*' only.
bool segment_matches(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (pc == '?') {
        ++pi, ++si;
        continue;
      }
      if (pc == '[') {
        size_t end = class_end(p, pi);  // compile() rejected unclosed classes
        if (class_matches(p.substr(pi + 1, end - pi - 1), s[si])) {
          pi = end + 1, ++si;
          continue;
        }
      } else {
        if (pc == '\\' && pi + 1 < p.size()) pc = p[++pi];
        if (pc == s[si]) {
          ++pi, ++si;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Whether pattern segments [pi..] match a prefix of path segments [si..]:
// a pattern that matches a directory matches everything below it.
bool match_from(const std::vector<std::string>& p, size_t pi,
                const std::vector<std::string_view>& s, size_t si) {
  if (pi == p.size()) return true;  // the rest of the path lies below a match
  if (p[pi] == "**") {
    for (size_t k = si; k <= s.size(); ++k)
      if (match_from(p, pi + 1, s, k)) return true;
    return false;
  }
  if (si == s.size()) return false;
  return segment_matches(p[pi], s[si]) && match_from(p, pi + 1, s, si + 1);
}

}  // namespace

std::optional<Glob> Glob::compile(std::string_view pattern, std::string* error) {
  std::string_view p = pattern;
  if (p.substr(0, 2) == "./") p.remove_prefix(2);
  bool anchored = !p.empty() && p[0] == '/';
  while (!p.empty() && p[0] == '/') p.remove_prefix(1);
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  if (p.empty()) {
    *error = "an empty pattern matches nothing";
    return std::nullopt;
  }
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      if (i + 1 == p.size()) {
        *error = "the pattern ends in a lone '\\'";
        return std::nullopt;
      }
      ++i;
    } else if (p[i] == '[') {
      size_t end = class_end(p, i);
      if (end == std::string_view::npos) {
        *error = "'[' at character " + std::to_string(i + 1) + " is never closed by ']'";
        return std::nullopt;
      }
      i = end;
    }
  }
  Glob g;
  g.pattern_ = std::string(pattern);
  for (std::string_view seg : split(p)) g.segments_.emplace_back(seg);
  for (const std::string& seg : g.segments_) {
    if (seg != "**" && seg.find("**") != std::string::npos) {
      *error = "'**' must be a whole path segment ('a/**/b'), not part of one ('" + seg + "')";
      return std::nullopt;
    }
  }
  // A single-segment pattern floats, as in .gitignore, unless anchored by '/'.
  if (!anchored && g.segments_.size() == 1 && g.segments_[0] != "**")
    g.segments_.insert(g.segments_.begin(), "**");
  return g;
}

bool Glob::matches(std::string_view path) const {
  return match_from(segments_, 0, split(path), 0);
}

bool any_matches(const std::vector<Glob>& globs, std::string_view path) {
  for (const Glob& g : globs)
    if (g.matches(path)) return true;
  return false;
}

}  // namespace dd::config
