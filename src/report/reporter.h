// The lint command's output formats behind one interface, and the table of
// them. Each format lives in its own file; this one only adapts them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "report/text_reporter.h"

namespace dd {

class Reporter {
 public:
  virtual ~Reporter() = default;

  // Takes the findings of one linted file whose contents are `text` (all
  // findings carry the same `file`; there may be none). Returns output to
  // write at once: streaming formats print per file, others collect and
  // return "" until finish().
  virtual std::string add_file(std::string_view text, const std::vector<Finding>& findings) = 0;

  // The rest of the output, after the last file. `tally` counts every file
  // linted and every finding.
  virtual std::string finish(const Tally& tally) = 0;
};

// The names --format accepts, in the order the help lists them.
const std::vector<std::string>& report_formats();

// The reporter for a format from report_formats(); null for any other name.
// `text` holds the text format's options (colour and layout).
std::unique_ptr<Reporter> make_reporter(std::string_view format, const TextOptions& text);

}  // namespace dd
