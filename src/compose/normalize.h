// The merged compose tree -> the normalised model (compose/model.h).
#pragma once

#include "compose/model.h"

namespace dd::compose {

// Fills project->services, networks, volumes, ... from project->root.
void normalize(Project* project);

// The directory part of a display path ("a/b/compose.yaml" -> "a/b", "x" -> "").
std::string display_dir(const std::string& display);

}  // namespace dd::compose
