// "did you mean ...?" choices, the way BuildKit's util/suggest picks them.
#include <algorithm>
#include <string>
#include <vector>

#include "dockerfile/parse_internal.h"
#include "dockerfile/text.h"
#include "core/distance.h"

namespace dd::dfparse {

namespace {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace

std::string suggest(std::string_view value, const std::vector<std::string_view>& options,
                    bool case_sensitive) {
  // Distances past a few edits mean an unrelated word; long inputs are never
  // close to the short option names, so do not spend time on them.
  if (value.size() > 64) return {};
  std::string val = case_sensitive ? std::string(value) : to_lower(value);
  std::string match;
  size_t best = 3;
  for (std::string_view opt_in : options) {
    std::string opt = case_sensitive ? std::string(opt_in) : to_lower(opt_in);
    if (val == opt) return {};  // an exact match: the error is about something else
    size_t d = levenshtein(val, opt);
    if (d < best) {
      best = d;
      match = opt;
    }
  }
  if (!case_sensitive && !match.empty()) {
    // Answer in the case the value was written in, when it has one.
    bool all_upper =
        std::none_of(value.begin(), value.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    bool all_lower =
        std::none_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (all_upper && !all_lower)
      for (char& c : match) c = ascii_upper(c);
  }
  return match;
}

std::string clip(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

}  // namespace dd::dfparse
