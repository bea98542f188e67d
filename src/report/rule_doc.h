// Pieces of a rule's Markdown documentation (rules/DDnnn.md, embedded in the
// rule table) for reporters and the generated catalogue.
#pragma once

#include <string>
#include <string_view>

#include "docker_doctor/rule.h"

namespace dd {

// The first paragraph of the rule's "## What it does" section, its lines
// joined by spaces; empty when the section is missing.
std::string rule_description(const RuleInfo& rule);

// The rule's documentation as one Markdown document: the summary, then the
// body of rules/DDnnn.md (front matter dropped).
std::string rule_help_markdown(const RuleInfo& rule);

// `docs/rules/README.md`: the catalogue of every rule as a Markdown table,
// linking each id to its file under rules/. Generated, never hand-edited.
std::string rule_catalogue_markdown();

}  // namespace dd
