// Git's .gitignore semantics (gitignore(5), re-implemented from its
// documented behaviour and checked against `git check-ignore` in
// tests/gitignore_git_test.cc), for choosing which files a directory walk
// finds. Build contexts never use this: what Docker sends is .dockerignore's
// business (ignore_file.h).
//
// Differences from .dockerignore that keep the two apart: a pattern without
// a slash matches a name at any depth; a trailing '/' matches directories
// only; `[!a]` negates; `**` is special only between slashes; trailing
// spaces count when escaped; `\#` and `\!` start a pattern with '#' or '!';
// matching is per byte, not per UTF-8 character.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ignore/matcher.h"
#include "ignore/pattern.h"

namespace dd::ignore {

struct GitPattern {
  std::string text;       // the line after trimming: "!/build/"
  size_t line = 0;        // 1-based line in the file
  bool negated = false;   // '!': re-includes what it matches
  bool dir_only = false;  // a trailing '/': matches directories only
  bool anchored = false;  // a '/' before the end: matched from the file's directory
  std::string glob;       // without '!', the trailing '/' and a leading '/'
};

// The patterns of a .gitignore or .git/info/exclude, in file order. Lines
// split at '\n' (a '\r' before it dropped, a leading UTF-8 BOM skipped);
// blank lines and lines starting with '#' are skipped; trailing spaces are
// dropped unless a backslash escapes them.
std::vector<GitPattern> parse_gitignore(std::string_view text);

// `pattern` as a Matcher pattern over paths below the file's directory
// ('/' separators, no trailing '/'); its regular expression, if any, is
// meant for bytes (Latin-1). nullopt when Git's matcher can never match it
// (an unterminated `[`, an unknown `[:class:]`, a trailing lone '\', an
// empty glob).
std::optional<CompiledPattern> compile_git_pattern(const GitPattern& pattern);

enum class GitVerdict { None, Ignored, Included };

// One file's patterns, compiled once.
class GitIgnore {
 public:
  GitIgnore() = default;
  explicit GitIgnore(std::string_view text);
  GitIgnore(GitIgnore&&) noexcept = default;
  GitIgnore& operator=(GitIgnore&&) noexcept = default;

  bool empty() const { return patterns_.empty(); }
  const std::vector<GitPattern>& patterns() const { return patterns_; }

  // The last pattern matching `rel` (a path below the file's directory)
  // decides; None when none matches. Only `rel` itself is tried: a caller
  // walking a tree never enters an ignored directory, which is how Git
  // keeps a file below one ignored whatever `!` says.
  GitVerdict match(std::string_view rel, bool is_dir) const;

 private:
  struct Side {
    std::optional<Matcher> matcher;
    std::vector<size_t> pattern;  // matcher index -> index in patterns_
  };
  std::vector<GitPattern> patterns_;
  Side files_, dirs_;  // files skip the directory-only patterns
};

}  // namespace dd::ignore
