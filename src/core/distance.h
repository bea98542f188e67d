// The edit distance did-you-mean suggestions are ranked by, shared by every
// layer that suggests a name (Dockerfile stage names, compose keys).
#pragma once

#include <cstddef>
#include <string_view>

namespace dd {

// Levenshtein distance: insertions, deletions and substitutions of bytes.
size_t levenshtein(std::string_view a, std::string_view b);

}  // namespace dd
