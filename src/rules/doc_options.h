// Rule options whose defaults live in the rule's own documentation: a rule
// that needs a list of words (package names, image patterns) reads it from
// the `## Options` section of rules/DDnnn.md, so the list users read is the
// list the rule applies and there is no second copy to keep in sync.
//
// The form, one bullet per option; the backquoted words after "Default:",
// on the bullet's line or the indented lines under it, are its default
// value (the prose before may quote words freely):
//
//   - `dev-packages`: language packages that are development tooling.
//     Default: `debugpy`, `pytest`, `ipdb`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd::rules {

// The default words of `option` in the Markdown `doc` (a rule doc's body).
// Empty when the section or the option is missing.
std::vector<std::string> doc_option_words(std::string_view doc, std::string_view option);

// The same for a rule of the built-in table, read once and kept: rules call
// this on every file. Empty when the rule or option does not exist (a unit
// test keeps every option a rule reads non-empty).
const std::vector<std::string>& rule_option_words(std::string_view rule_id, std::string_view option);

}  // namespace dd::rules
