// Compose's variable interpolation (compose-go's template package):
// `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
// `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested in defaults, and `$$`
// for a literal `$`. Pure string work; nothing is ever executed.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dd::compose {

using Environment = std::map<std::string, std::string, std::less<>>;

struct InterpolationIssue {
  enum class Kind { Unset, Required, Invalid };
  Kind kind = Kind::Unset;
  size_t index = 0;   // byte index of the `$` in the input
  size_t length = 1;  // bytes of the whole `$NAME` / `${...}`
  std::string name;   // the variable
  std::string message;
};

// Interpolates `in`. Unset variables without default become "" and are
// reported; a required variable (`:?`, `?`) that is missing and a malformed
// `${...}` are reported too. Returns the interpolated text.
std::string interpolate(std::string_view in, const Environment& env,
                        std::vector<InterpolationIssue>* issues);

// Parses a `.env` file as Compose does (KEY=VALUE lines, `export ` prefix,
// comments, single quotes literal, double quotes with escapes and
// interpolation of earlier variables). Lines it cannot read are skipped and
// their 1-based line numbers appended to *bad_lines.
Environment parse_dotenv(std::string_view text, const Environment& outer,
                         std::vector<int>* bad_lines);

}  // namespace dd::compose
