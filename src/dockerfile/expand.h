// Word expansion as BuildKit's shell lexer does it for Dockerfile
// instructions: $VAR, ${VAR}, ${VAR:-x} and the other modifiers, quote
// removal, and the escape character. Not a shell: no command substitution,
// globbing or arithmetic, exactly like BuildKit.
//
// Deliberate differences from BuildKit, all bounds against hostile input:
// substitutions nested more than 128 deep fail instead of recursing on; a
// result over 64 MiB fails; a wildcard pattern (${V#*x}, ${V//?x/y}) whose
// regex length times the value's length exceeds 2^26 fails rather than risk
// a matching time of pattern x value; error messages quote at most ~120
// bytes of user text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

// The variables a word sees (ARG and ENV values in scope). Names are
// case-sensitive, as on Linux.
using VarMap = std::map<std::string, std::string, std::less<>>;

struct ExpandResult {
  bool ok = false;
  std::string value;               // the expanded word (ok == true)
  std::vector<std::string> words;  // for expand_words: the split words
  std::string error;               // why expansion failed (ok == false)
  // Byte offset in the input of what failed: the opening quote of an
  // unterminated quote, the unsupported modifier character, else the `$` of
  // the substitution at fault.
  size_t error_offset = 0;
  // Names the word referenced that are not in the map: the value depends on
  // something the linter cannot see (a build arg given at build time). Each
  // name once, in order of appearance; like BuildKit's unmatched set this
  // includes names only referenced from an unused default (${SET:-$OTHER})
  // and positional or special parameters ($1, $@), which are never set.
  std::vector<std::string> unset;
};

// Expands one word (ENV value, WORKDIR path, COPY source, ...).
ExpandResult expand_word(std::string_view word, const VarMap& vars, char escape = '\\');

// Expands and splits into words the way BuildKit's ProcessWords does (for
// instructions that take a list of words).
ExpandResult expand_words(std::string_view text, const VarMap& vars, char escape = '\\');

}  // namespace dd
