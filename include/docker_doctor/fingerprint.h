// Fingerprints: a finding's identity that survives edits elsewhere in the
// file. The baseline (--baseline) and SARIF's partialFingerprints both use
// them, so a finding recorded once is recognised after lines are inserted
// above it or unrelated lines change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// One fingerprint per finding, in the order given. `findings` must all belong
// to the file whose contents are `text`. A fingerprint hashes the rule id, the
// file path, and the whitespace-normalised text of the line(s) the span
// covers, never the line number; findings that would hash alike (the same
// mistake on two identical lines) are told apart by their order in the file.
// 16 lowercase hex digits.
std::vector<std::string> fingerprints(std::string_view text, const std::vector<Finding>& findings);

}  // namespace dd
