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

ImageRef parse_image_ref(std::string_view image) {
  ImageRef r;
  std::string s = ascii_lower(image);
  if (size_t at = s.find('@'); at != std::string::npos) {
    r.digest = s.substr(at + 1);
    s.resize(at);
  }
  // A ':' after the last '/' starts the tag; one before it is a registry port.
  size_t slash = s.rfind('/');
  size_t colon = s.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    r.tag = s.substr(colon + 1);
    s.resize(colon);
  }
  r.repository = s;
  return r;
}

bool compose_true(const compose::Scalar& v) {
  return v.value == "true" || v.value == "True" || v.value == "TRUE";
}

}  // namespace dd::rules
