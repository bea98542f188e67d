// The pieces of Go's path/filepath that .dockerignore semantics rest on,
// re-implemented from their documented behaviour (Unix separators only):
// Docker cleans every pattern with filepath.Clean, splits parents with
// filepath.Dir and rejects a pattern that filepath.Match calls malformed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dd::ignore {

// filepath.Clean: the shortest equivalent path ("a//b/./c/.." is "a/b",
// "" is ".", "/.." is "/"). Purely lexical.
std::string go_clean(std::string_view path);

// filepath.Dir: everything before the last '/', cleaned ("a/b" is "a",
// "a" and "" are ".", "/a" is "/").
std::string go_dir(std::string_view path);

// Why filepath.Match would return ErrBadPattern for `pattern`, with the
// byte offset in `pattern` where the problem is; nullopt when it is well
// formed. Go checks the whole pattern whatever the name, so this needs none.
struct PatternError {
  size_t offset = 0;
  std::string message;
};
std::optional<PatternError> go_match_syntax_error(std::string_view pattern);

// strings.TrimSpace for the ASCII white space a text file holds.
std::string_view trim_space(std::string_view s);

}  // namespace dd::ignore
