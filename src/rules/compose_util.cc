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

std::vector<const compose::MapEntry*> own_entries(const compose::Node& mapping) {
  std::vector<const compose::MapEntry*> out;
  for (const compose::MapEntry& e : mapping.entries) {
    const compose::Location& k = e.key.loc;
    if (k.file == mapping.loc.file && k.span.start.offset >= mapping.loc.span.start.offset &&
        k.span.start.offset <= mapping.loc.span.end.offset)
      out.push_back(&e);
  }
  return out;
}

std::vector<FileServices> services_as_written(const compose::Project& project) {
  std::vector<FileServices> out;
  for (const compose::SourceFile& f : project.files) {
    if (!f.named) continue;
    const compose::Node* services = f.document.get("services");
    if (services && services->is_mapping()) out.push_back({&f, services});
  }
  return out;
}

}  // namespace dd::rules
