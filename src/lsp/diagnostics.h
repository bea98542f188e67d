// Findings in LSP's terms: diagnostics, hovers and the rule documentation
// link. Positions go through the document in the negotiated encoding.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "lsp/text_document.h"

namespace dd::lsp {

// Where `codeDescription.href` points when the client does not say otherwise
// (initializationOptions.ruleDocsUrl): the rule's Markdown in the repository.
constexpr std::string_view kDefaultRuleDocsUrl =
    "https://github.com/docker-doctor/docker-doctor/blob/main/rules/";

nlohmann::json lsp_range(const TextDocument& doc, const Span& span, PositionEncoding enc);

// One Diagnostic: range, severity (style findings are hints), code, the rule
// doc's href, source "docker-doctor", message.
nlohmann::json to_diagnostic(const TextDocument& doc, const Finding& finding, PositionEncoding enc,
                             std::string_view rule_docs_url);

// The Markdown a hover shows for one finding's rule: id and name, severity,
// summary and the "Why it matters" section of rules/DDnnn.md.
std::string rule_hover_markdown(const Finding& finding);

// The text of the `## title` section of a rule's Markdown body, without the
// heading; empty when there is none. Headings in code fences do not count.
std::string markdown_section(std::string_view body, std::string_view title);

}  // namespace dd::lsp
