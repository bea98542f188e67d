// In-memory compose projects for the compose tests.
#pragma once

#include <map>
#include <string>

#include "compose/loader.h"

namespace dd::compose::testing {

// Files by path; load() reads only these (".env" included when present).
struct Files {
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> env;

  LoadOptions options(bool schema = false) const {
    LoadOptions o;
    o.validate_schema = schema;
    for (const auto& [k, v] : env) o.environment[k] = v;
    auto* self = this;
    o.read_file = [self](const std::string& path, std::string* text, std::string* error) {
      std::string p = path.rfind("./", 0) == 0 ? path.substr(2) : path;
      auto it = self->files.find(p);
      if (it == self->files.end()) {
        *error = path + ": no such file";
        return false;
      }
      *text = it->second;
      return true;
    };
    return o;
  }

  Project load(std::vector<std::string> names, bool schema = false) const {
    std::vector<FileRef> refs;
    for (const std::string& n : names) refs.push_back(FileRef{n, n});
    return load_project(refs, options(schema));
  }
};

inline std::string kinds(const Project& p) {
  std::string out;
  for (const Diagnostic& d : p.diagnostics) {
    out += std::to_string(static_cast<int>(d.kind)) + "@" + d.loc.file + ":" +
           std::to_string(d.loc.span.start.line) + ":" + std::to_string(d.loc.span.start.column) +
           " " + d.message + "\n";
  }
  return out;
}

}  // namespace dd::compose::testing
