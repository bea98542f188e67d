// Setting precedence (settings.h).
#include "config/settings.h"

#include <algorithm>

#include "dockerfile/parse_internal.h"
#include "dockerfile/text.h"

namespace dd::config {

Setting resolve(const std::optional<std::string>& flag, std::string_view flag_name,
                std::string_view env, const std::optional<Located<std::string>>& from_config,
                const std::string& config_path, std::string fallback, Getenv getenv) {
  if (flag) return Setting{*flag, std::string(flag_name)};
  if (const char* v = getenv(std::string(env).c_str()); v && *v)
    return Setting{v, std::string(env)};
  if (from_config)
    return Setting{from_config->value, config_path + ":" + std::to_string(from_config->line) + ":" +
                                           std::to_string(from_config->column)};
  return Setting{std::move(fallback), "default"};
}

std::string check_one_of(const Setting& s, const std::vector<std::string_view>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), s.value) != allowed.end()) return "";
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  std::string hint = dfparse::suggest(s.value, allowed, false);
  return s.source + ": '" + s.value + "' is not one of " + list +
         (hint.empty() ? "" : "; did you mean '" + hint + "'?");
}

bool env_flag(std::string_view env, Getenv getenv, std::string* error) {
  const char* raw = getenv(std::string(env).c_str());
  if (!raw) return false;
  std::string v(raw);
  for (char& c : v) c = dfparse::ascii_lower(c);
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v.empty() || v == "0" || v == "false" || v == "no" || v == "off") return false;
  *error =
      std::string(env) + ": '" + raw + "' is not a boolean (1, true, yes, on, 0, false, no, off)";
  return false;
}

}  // namespace dd::config
