#include "core/paths.h"

#include <climits>
#include <cstdlib>
#include <vector>

namespace dd {

std::string real_path(const std::string& path) {
  char* r = ::realpath(path.c_str(), nullptr);
  if (!r) return {};
  std::string s(r);
  std::free(r);
  return s;
}

std::optional<std::string> join_relative(const std::string& a, const std::string& b) {
  std::vector<std::string> parts;
  for (const std::string* s : {&a, &b}) {
    size_t i = 0;
    while (i <= s->size()) {
      size_t j = s->find('/', i);
      if (j == std::string::npos) j = s->size();
      std::string seg = s->substr(i, j - i);
      if (seg == "..") {
        if (parts.empty()) return std::nullopt;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      i = j + 1;
    }
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

}  // namespace dd
