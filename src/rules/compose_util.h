// Small helpers the compose checks share: reading paths and image
// references as Compose and Docker read them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compose/model.h"

namespace dd::rules {

// The segments of a '/'-separated path, without empty ones and `.`.
std::vector<std::string_view> path_segments(std::string_view path);

// True when `v` reads as the string "true" as Compose reads a boolean.
bool compose_true(const compose::Scalar& v);

}  // namespace dd::rules
