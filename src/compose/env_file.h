// The files `env_file:` names, read as KEY=VALUE data (never executed, never
// sourced), with the position of every key and value, so that rules can point
// into them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dd::compose {

// One `KEY=VALUE` line (or a bare `KEY`) of an env file. Offsets are bytes in
// the file's text.
struct EnvAssignment {
  std::string key;
  size_t key_begin = 0, key_end = 0;
  bool has_value = false;  // false for a bare `KEY` (it takes the caller's value)
  std::string value;       // quotes removed, `\n` and friends decoded in double quotes
  std::string raw;         // as written between the quotes (or the whole unquoted value)
  size_t value_begin = 0, value_end = 0;  // the value without its quotes
};

// The assignments of `text` in order, as Compose reads an env file: blank
// lines and `#` comments skipped, an optional `export `, single- and
// double-quoted values (possibly over several lines), ` #` starting a comment
// after an unquoted value. Lines that are none of these are returned in
// *bad_lines (1-based) and otherwise skipped.
std::vector<EnvAssignment> parse_env_assignments(std::string_view text,
                                                 std::vector<int>* bad_lines);

}  // namespace dd::compose
