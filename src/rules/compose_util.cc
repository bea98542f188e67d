// Helpers for the compose checks (compose_util.h).
#include "rules/compose_util.h"

#include "rules/util.h"

namespace dd::rules {

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find_first_of("/\\", i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (!seg.empty() && seg != ".") out.push_back(seg);
    i = j + 1;
  }
  return out;
}

bool compose_true(const compose::Scalar& v) {
  return v.value == "true" || v.value == "True" || v.value == "TRUE";
}

}  // namespace dd::rules
