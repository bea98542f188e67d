// Short and long syntax of service ports and volumes, read into one shape.
#pragma once

#include <optional>

#include "compose/model.h"

namespace dd::compose {

// A `ports` entry: `"127.0.0.1:8080:80/tcp"`, `"3000-3005"`, `80`, or the
// long syntax mapping. nullopt for something that is neither.
std::optional<PortSpec> parse_port(const Node& entry);

// A `volumes` entry: `src:dst[:mode]`, `/anonymous`, `name:/dst`, or the long
// syntax mapping. nullopt for something that is neither.
std::optional<VolumeMount> parse_volume(const Node& entry);

// The location of value[index, index+len) inside scalar `n` when `n` is
// written on one line without escapes (so value bytes are file bytes); the
// whole scalar's location otherwise.
Location sub_location(const Node& n, size_t index, size_t len);

}  // namespace dd::compose
