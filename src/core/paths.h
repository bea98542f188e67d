// Path helpers shared by the layers that place files: the walk, build
// contexts and the compose builds.
#pragma once

#include <optional>
#include <string>

namespace dd {

// realpath(3) as a string; empty when the path cannot be resolved.
std::string real_path(const std::string& path);

// Joins two '/'-separated relative paths and folds `.` and `..` lexically
// ("svc/./app" + "../lib" -> "svc/lib", "." + "." -> ""). nullopt when the
// result climbs above the point both are relative to.
std::optional<std::string> join_relative(const std::string& a, const std::string& b);

}  // namespace dd
