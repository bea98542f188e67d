// The machine-readable report. Its format is a stable interface, described
// in docs/json-output.md and docs/schema/findings.schema.json; change all
// three together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

class JsonReporter {
 public:
  // Records the findings of one file whose contents are `text`. Positions are
  // converted to code-point columns here, so the text need not outlive the call.
  void add_file(std::string_view text, const std::vector<Finding>& findings);

  // The whole document: {"tool", "version", "findings": [...]}, findings in
  // the order added, followed by a newline.
  std::string render() const;

 private:
  std::vector<std::string> findings_;  // each finding, already serialised
};

}  // namespace dd
