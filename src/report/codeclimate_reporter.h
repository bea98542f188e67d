// Code Climate issues as a JSON array: the "Code Quality" report format of
// GitLab CI (artifacts:reports:codequality) and of Code Climate itself.
// See docs/output-formats.md for the mapping of severities and categories.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

class CodeClimateReporter {
 public:
  // Records the findings of one file whose contents are `text`.
  void add_file(std::string_view text, const std::vector<Finding>& findings);

  // The whole array, one issue per line, followed by a newline.
  std::string render() const;

 private:
  std::vector<std::string> issues_;  // each issue, already serialised
};

}  // namespace dd
