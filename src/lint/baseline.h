// The baseline file (--baseline, --write-baseline; docs/configuration.md):
// findings accepted when docker-doctor was adopted, recorded by fingerprint
// (docker_doctor/fingerprint.h) so that they stay hidden when lines are
// inserted above them or unrelated lines change, while a new finding of the
// same kind elsewhere still shows.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct BaselineEntry {
  std::string file;
  std::string rule;
  std::string fingerprint;
  std::string message;  // for the reader of the file; never compared

  friend bool operator<(const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.file, a.rule, a.fingerprint, a.message) <
           std::tie(b.file, b.rule, b.fingerprint, b.message);
  }
};

// The entries for the findings of one file whose contents are `text`.
std::vector<BaselineEntry> baseline_entries(std::string_view text,
                                            const std::vector<Finding>& findings);

// The JSON document for `entries`, sorted, so that the same findings always
// give the same bytes.
std::string render_baseline(std::vector<BaselineEntry> entries);

class Baseline {
 public:
  // Parses a baseline document. Never throws: false with `error` set.
  bool parse(std::string_view json, std::string* error);
  // Removes from `findings` (all of the file whose contents are `text`) the
  // ones recorded, each record hiding one finding. Returns how many it hid.
  size_t filter(std::string_view text, std::vector<Finding>& findings);
  size_t size() const;

 private:
  std::map<std::tuple<std::string, std::string, std::string>, size_t>
      remaining_;  // (file, rule, fp) -> count
};

}  // namespace dd
