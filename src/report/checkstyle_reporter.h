// Checkstyle XML, the format Jenkins (Warnings NG), reviewdog, SonarQube
// and many editors import: one <file> per file with findings, one <error>
// per finding. See docs/output-formats.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// `s` as XML attribute content: markup characters escaped, characters XML 1.0
// does not allow (most C0 controls, U+FFFE, U+FFFF) removed, invalid UTF-8
// replaced by U+FFFD, and tab, newline and carriage return written as
// character references so attribute-value normalisation keeps them.
std::string xml_escape(std::string_view s);

class CheckstyleReporter {
 public:
  // Records the findings of one file whose contents are `text`.
  void add_file(std::string_view text, const std::vector<Finding>& findings);

  // The whole document, followed by a newline.
  std::string render() const;

 private:
  std::string files_;  // the <file> elements so far
};

}  // namespace dd
