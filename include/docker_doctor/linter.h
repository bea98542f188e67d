// The linter's entry point, shared by the CLI, the LSP server and the tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct LintOptions {
  // Rule ids to skip entirely (later: config, suppressions).
  std::vector<std::string> disabled_rules;
};

// A build context as the engine found it on disk. Rules read it; they never
// read files themselves.
struct BuildContextInfo {
  std::string dir;                 // the context directory as shown to the user ("." or "services/api")
  std::vector<std::string> files;  // every file in it, relative, '/'-separated, sorted
  bool has_dockerignore = false;
};

// What the engine knows about a file beyond its text.
struct FileInfo {
  std::string path;  // display path, as findings carry it
  // The context the Dockerfile is built with, when known (a compose service
  // names it; otherwise it is inferred from the repository layout).
  std::optional<BuildContextInfo> context;
};

// Lints one Dockerfile held in memory. `display_path` is the name findings
// carry. Parse errors come back as DD000 findings; the returned findings are
// sorted.
std::vector<Finding> lint_dockerfile_text(std::string_view display_path, std::string_view text,
                                          const LintOptions& options = {});
// The same with what the engine knows about the file (its build context).
std::vector<Finding> lint_dockerfile_text(const FileInfo& file, std::string_view text,
                                          const LintOptions& options = {});

}  // namespace dd
