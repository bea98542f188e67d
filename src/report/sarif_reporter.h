// The SARIF 2.1.0 report, shaped for GitHub code scanning: one run whose
// driver lists every rule with its documentation, and one result per finding
// with a UTF-16 region, partial fingerprints and fixes. docs/output-formats.md
// describes the choices; tests validate the output with the SARIF Multitool.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// Where the project lives; rule help links point into it (helpUri).
inline constexpr std::string_view kProjectUrl = "https://github.com/docker-doctor/docker-doctor";

// A rule's documentation page: its source file in the repository, which
// GitHub renders. Stable as long as rule ids are (they are permanent).
std::string rule_help_uri(std::string_view rule_id);

// `security-severity` (GitHub's 0.0-10.0 scale) for a rule of `category` and
// default `severity`, or "" when the category is not security-relevant.
std::string security_severity(std::string_view category, Severity severity);

// A display path as a SARIF URI: relative paths are percent-encoded URI
// references resolved against %SRCROOT%; absolute paths become file:// URIs.
std::string sarif_uri(std::string_view path);

class SarifReporter {
 public:
  // Records the findings of one file whose contents are `text`; all carry the
  // same `file`. Regions are computed here, so `text` need not outlive the call.
  void add_file(std::string_view text, const std::vector<Finding>& findings);

  // The whole log, pretty-printed, followed by a newline.
  std::string render() const;

 private:
  std::vector<std::string> results_;  // each result, already serialised
};

}  // namespace dd
