// What the manifest parsers share: reading a requirement string for a local
// path, and the bounds every parser applies before a library sees the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace dd::manifest::detail {

// A requirement string that names a local directory: PEP 508 `name @
// file:///...`, pdm's `-e file:///${PROJECT_ROOT}/x#egg=name`, `-e ./x`, a
// bare `./x` or `../x`, `file:../x`. `name`, `path`, `absolute`, `form`,
// `editable` and `written` are filled; nullopt for a registry requirement
// ("flask>=3") or a remote URL.
std::optional<LocalDep> local_requirement(std::string_view spec);

// The deepest bracket nesting of a JSON/YAML/TOML text outside strings,
// stopping once `limit` is exceeded: recursive parsers (yaml-cpp) would
// overflow the stack on a hostile file long before memory runs out.
size_t nesting_depth(std::string_view text, size_t limit);
constexpr size_t kMaxNesting = 64;

// Shared refusals: too large, too deep. Returns true (with a diagnostic
// added) when the text must not be parsed.
bool refuse(std::string_view text, Manifest& out);

std::string_view trim(std::string_view s);

}  // namespace dd::manifest::detail
