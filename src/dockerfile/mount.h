// Static checks of a `RUN --mount=` value (see mount.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd::dfparse {

struct MountProblem {
  std::string message;
  size_t begin = 0;  // the offending bytes of the value (a field, or all of it)
  size_t end = 0;
};

// What BuildKit would reject in this --mount value, one entry per problem;
// empty when it is fine (or can only be judged after variable expansion).
std::vector<MountProblem> mount_errors(std::string_view value);

}  // namespace dd::dfparse
