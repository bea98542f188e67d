// The per-kind linters behind the language server: one entry per document
// kind in a table (linters.cc): Dockerfiles with their build context and
// twins, compose files as the project Compose would merge them, and
// .dockerignore files on their own.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"
#include "lsp/document_kind.h"

namespace dd {
class BuildContexts;
}

namespace dd::lsp {

// What the workspace knows beyond one document. Used under the server's lint
// lock only: the context cache is not thread-safe.
struct Workspace {
  std::vector<std::string> roots;     // workspace folders on disk, absolute, no trailing '/'
  BuildContexts* contexts = nullptr;  // listings, cached until files change on disk
  // Open documents (absolute paths) and which are Dockerfiles: unsaved
  // buffers count as files of their build context before they reach disk.
  std::vector<std::string> open_paths;
  // The open Dockerfiles' buffers (absolute path -> text): project rules
  // compare a Dockerfile with its twins, and an unsaved twin counts as it is
  // in the editor, not as it is on disk.
  std::map<std::string, std::string> open_dockerfiles;
  // Every open document with a file (absolute path -> text): a compose
  // project reads its open siblings, a build context its open ignore file.
  std::map<std::string, std::string> open_buffers;
  // The options of the document being linted (its configuration, overrides applied).
  LintOptions options;
  std::vector<std::string> notes;  // for the log: contexts too large to list, ...
};

struct LintRequest {
  DocumentKind kind = DocumentKind::Other;
  std::string path;     // absolute path on disk; empty for a buffer with no file (untitled:)
  std::string display;  // the name findings carry
  std::string_view text;
};

using DocumentLinter = std::vector<Finding> (*)(const LintRequest&, Workspace&);

// The linter for `kind`, or null when that kind has none yet.
DocumentLinter linter_for(DocumentKind kind);

// Drops the findings of rules `options` turns off and applies its
// severities: what the engine does for a Dockerfile, done here for the
// findings of files linted as a group (a compose project).
void apply_file_options(const LintOptions& options, std::vector<Finding>& findings);

// The workspace folder holding `path` (the deepest), or "" when none does.
std::string root_of(const Workspace& ws, const std::string& path);

}  // namespace dd::lsp
