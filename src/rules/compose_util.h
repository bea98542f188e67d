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

// The entries of a mapping as its file writes them, in order: entries a
// merge key (`<<: *defaults`) brought in are left out, since their order is
// the anchor's, written elsewhere.
std::vector<const compose::MapEntry*> own_entries(const compose::Node& mapping);

// The `services` mapping of each file the project was loaded from, as that
// file writes it (before merging), for rules about how a file is written.
// Files a project extends or includes are their own projects' business.
struct FileServices {
  const compose::SourceFile* file;
  const compose::Node* services;
};
std::vector<FileServices> services_as_written(const compose::Project& project);

}  // namespace dd::rules
