// One .dockerignore pattern as Docker's pattern matcher compiles it
// (moby/patternmatcher, re-implemented from its documented behaviour): a
// literal compare where the pattern has no wildcard, a prefix or suffix
// compare for `dir/**` and `**/name`, otherwise a regular expression in
// RE2 syntax (Go's regexp syntax is RE2's, so the same text matches alike).
#pragma once

#include <string>
#include <string_view>

namespace dd::ignore {

enum class MatchKind {
  Exact,   // path == literal
  Prefix,  // path starts with literal ("dir/**": "dir/"; "a**": "a")
  // "**/name": path is "name" or ends with "/name"; "**name": path ends
  // with "name", so it also matches "xname" (Docker's own shortcut).
  Suffix,
  Regex,  // `regex` matches the whole path
};

struct CompiledPattern {
  MatchKind kind = MatchKind::Exact;
  std::string literal;  // Exact, Prefix, Suffix ("/name" for "**/name")
  std::string regex;    // Regex: anchored with ^...$
};

// `cleaned` is the pattern after filepath.Clean and without its leading '!'.
CompiledPattern compile_pattern(std::string_view cleaned);

// Whether a compiled non-regex pattern matches `path`.
bool literal_matches(const CompiledPattern& p, std::string_view path);

}  // namespace dd::ignore
