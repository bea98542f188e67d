// Static checks of a `RUN --mount=` value (see mount.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd::dfparse {

// What BuildKit would reject in this --mount value, one message per problem;
// empty when it is fine (or can only be judged after variable expansion).
std::vector<std::string> mount_errors(std::string_view value);

}  // namespace dd::dfparse
