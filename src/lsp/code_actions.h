// textDocument/codeAction: a finding's own fix as a quick fix, and the two
// suppression comments the linter reads (lint/suppress.h):
// `# docker-doctor ignore=DDnnn` on its own line above the
// instruction, `# docker-doctor ignore-file=DDnnn` at the top of the file
// after the parser directives.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "docker_doctor/finding.h"
#include "lsp/document_kind.h"
#include "lsp/text_document.h"

namespace dd::lsp {

struct CodeActionTarget {
  std::string uri;
  std::optional<int64_t> version;  // for a versioned TextDocumentEdit
  DocumentKind kind = DocumentKind::Other;
  const TextDocument* doc = nullptr;
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool document_changes = false;  // the client takes WorkspaceEdit.documentChanges
  std::string rule_docs_url;
};

// The actions for the findings that touch bytes [begin, end] of the document.
nlohmann::json code_actions(const CodeActionTarget& target, const std::vector<Finding>& findings,
                            size_t begin, size_t end);

// Where the suppression comments go, as an insertion (offset + text) in
// the Dockerfile `text`. Exposed for tests.
struct Insertion {
  size_t offset = 0;
  std::string text;
};
Insertion ignore_instruction_insertion(const TextDocument& doc, const Finding& finding);
// Dockerfiles only: below the parser directives.
Insertion ignore_file_insertion(const TextDocument& doc, const std::string& rule_id);
// Compose and .dockerignore files, read line by line: the comment goes on
// its own line above the finding's, indented as that line is.
Insertion ignore_line_insertion(const TextDocument& doc, const Finding& finding);

}  // namespace dd::lsp
