// Linting a Dockerfile snippet for one rule's unit tests: the findings of
// that rule only, with the text they point into, optionally inside a build
// context holding the given files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/linter.h"

namespace dd::testing {

struct RuleResult {
  std::string text;
  std::vector<Finding> findings;
  // The text finding `i` points at.
  std::string at(size_t i) const {
    const Span& s = findings.at(i).span;
    return text.substr(s.start.offset, s.end.offset - s.start.offset);
  }
};

// Lints `text` as the file `path` and keeps the findings of `rule`. With
// `context`, the file is built from a context holding exactly those files.
inline RuleResult lint_for_rule(std::string_view rule, std::string text,
                                const std::vector<std::string>* context = nullptr,
                                std::string_view path = "Dockerfile") {
  FileInfo file;
  file.path = std::string(path);
  BuildContextInfo info;
  info.dir = ".";
  if (context) {
    info.files = *context;
    file.context = &info;
  }
  RuleResult r;
  r.text = std::move(text);
  for (Finding& f : lint_dockerfile_text(file, r.text))
    if (f.rule_id == rule) r.findings.push_back(std::move(f));
  return r;
}

}  // namespace dd::testing
