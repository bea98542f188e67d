// Path globs for the configuration file (`include`, `exclude`, `overrides`,
// `production-files`), matched against '/'-separated paths relative to the
// directory holding the configuration file.
//
//   *      any characters except '/'
//   ?      one character except '/'
//   [a-z]  a character class; [!a-z] negates it
//   **     as a whole segment: zero or more directories
//   \c     the character c itself
//
// A pattern without a '/' (other than a trailing one) matches a name at any
// depth, as in .gitignore: `Dockerfile.dev` matches `a/b/Dockerfile.dev`.
// A pattern that matches a directory matches everything below it, so
// `services/legacy` and `services/legacy/**` say the same thing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::config {

class Glob {
 public:
  // Null with `error` set when the pattern cannot be a glob (an unclosed
  // '[', a trailing '\', an empty pattern).
  static std::optional<Glob> compile(std::string_view pattern, std::string* error);

  bool matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::vector<std::string> segments_;  // the pattern split at '/'
};

// True when any of `globs` matches `path`.
bool any_matches(const std::vector<Glob>& globs, std::string_view path);

}  // namespace dd::config
