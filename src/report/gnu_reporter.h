// GNU-style diagnostics, one line per finding, as the GNU Coding Standards
// ("Formatting Error Messages") describe them and Emacs, Vim's errorformat
// and most editors parse them:
//
//   file:line:col: severity: message [RULE]             one character or none
//   file:line.col-endcol: severity: message [RULE]       a range on one line
//   file:line.col-endline.endcol: severity: message [RULE]
//
// Columns are display columns: tab stops every 8, wide characters two
// columns; a range's end is the column of its last character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

// Appends one line per finding of the file whose contents are `text`.
// Severities: error, warning, and note for info and style.
void write_gnu_findings(std::string& out, std::string_view text,
                        const std::vector<Finding>& findings);

}  // namespace dd
