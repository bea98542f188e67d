// The linter's entry point, shared by the CLI, the LSP server and the tests.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct LintOptions {
  // Rule ids or names to skip entirely.
  std::vector<std::string> disabled_rules;
  // Rule ids or names of `default: off` rules to run (the configuration's
  // `rules: {DD324: on}`, `--enable DD324`). Disabling wins over enabling.
  std::vector<std::string> enabled_rules;
  // Rule id -> the severity its findings carry instead of the rule's default.
  std::map<std::string, Severity> severities;
  // Option values that replace the defaults documented in a rule's
  // `## Options`: rule id -> option name -> words. `policy` holds values
  // for every rule that documents an option of that name.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> rule_options;
  std::map<std::string, std::vector<std::string>> policy;
  // `# docker-doctor ignore=...` and friends; off for policy enforcement.
  bool inline_suppressions = true;
};

struct RuleInfo;  // docker_doctor/rule.h

// Whether `rule` runs under `options`: not removed, not disabled, and on by
// default or explicitly enabled.
bool rule_runs(const LintOptions& options, const RuleInfo& rule);

// A pattern of the ignore file applied to a build context.
struct IgnorePatternInfo {
  std::string written;  // the trimmed line: "!/dist/"
  std::string cleaned;  // what Docker matches, without the '!': "dist"
  bool exception = false;
  Span span;  // in the ignore file
};

// A build context as the engine found it on disk. Rules read it; they never
// read files themselves.
class ContextManifests;  // src/project/context_manifests.h

struct BuildContextInfo {
  std::string dir;                 // the context directory as shown to the user ("." or "services/api")
  std::vector<std::string> files;  // every file in it, relative, '/'-separated, sorted
  bool has_dockerignore = false;   // a `.dockerignore` at its top

  // What Docker sends of it. `ignore_file` is the ignore file that applies
  // (the Dockerfile's own `NAME.dockerignore` beside it, else the context's
  // `.dockerignore`), as shown to the user; empty when none does.
  std::string ignore_file;
  std::vector<IgnorePatternInfo> ignore_patterns;  // its valid patterns, in order
  // Parallel to `files`: the index in `ignore_patterns` of the pattern that
  // decides the file (the last one matching it or a parent directory), -1
  // when none does. The file is excluded when that pattern is no exception.
  std::vector<int> decided_by;
  std::vector<unsigned long long> sizes;  // parallel to `files`: bytes on disk
  size_t sent_files = 0;                  // files that reach the builder
  unsigned long long sent_bytes = 0;

  bool excluded(size_t i) const {
    return i < decided_by.size() && decided_by[i] >= 0 && !ignore_patterns[decided_by[i]].exception;
  }
  // Its manifests and workspaces, read by the engine when a rule first asks
  // (CheckContext::workspace()); null when unknown.
  std::shared_ptr<ContextManifests> manifests;
};

// What the engine knows about a file beyond its text.
struct FileInfo {
  std::string path;  // display path, as findings carry it
  // The context the Dockerfile is built with, when known (a compose service
  // names it; otherwise it is inferred from the repository layout). Owned by
  // the engine, which lists each context once and shares it between the
  // Dockerfiles built from it (a repository root can hold 200,000 names).
  const BuildContextInfo* context = nullptr;
};

// Lints one Dockerfile held in memory. `display_path` is the name findings
// carry. Parse errors come back as DD000 findings; the returned findings are
// sorted.
std::vector<Finding> lint_dockerfile_text(std::string_view display_path, std::string_view text,
                                          const LintOptions& options = {});
// The same with what the engine knows about the file (its build context).
std::vector<Finding> lint_dockerfile_text(const FileInfo& file, std::string_view text,
                                          const LintOptions& options = {});

// One Dockerfile of a run that lints several together.
struct DockerfileInput {
  FileInfo file;
  std::string_view text;
  // This file's options (the configuration's overrides for its path); null
  // takes the run's. Project checks run unless the run's options disable them.
  const LintOptions* options = nullptr;
};

// An image the repository builds itself: a compose service with both
// `build` and `image`, or a tag one of its build scripts gives. A Dockerfile
// of the run whose FROM names it is linked to the Dockerfile that builds it,
// so rules see the instructions the image inherits.
struct RepoImage {
  std::string name;        // as tagged: "app-deps:dev"
  std::string dockerfile;  // display path of the Dockerfile that builds it (a DockerfileInput's)
  std::string target;      // the stage built (`--target`, compose `target:`); "" = the last
  std::string origin;      // where the repository says so: "compose service 'deps' (compose.yaml:4)"
  // The directory (display form, "" for all) whose Dockerfiles the name
  // refers to: a compose project's or a build script's. A test fixture's
  // compose file that tags its build `alpine` must not capture every
  // `FROM alpine` of the repository.
  std::string scope{};

  bool visible_from(std::string_view dockerfile_path) const {
    return scope.empty() || (dockerfile_path.size() > scope.size() &&
                             dockerfile_path.compare(0, scope.size(), scope) == 0 &&
                             dockerfile_path[scope.size()] == '/');
  }
};

// Lints the Dockerfiles of one run together: each file's own checks, then
// the project checks that compare files (a dev image against its production
// twin, the services of one repository). Each file is parsed once. Returns
// the findings of each input, parallel to `inputs`, each list sorted.
// `jobs` threads parse and check the files (1: all on the calling thread);
// the project checks run after, on the calling thread. The result is the
// same whatever `jobs` is. `images` are the images the repository builds
// (see RepoImage).
std::vector<std::vector<Finding>> lint_dockerfiles(const std::vector<DockerfileInput>& inputs,
                                                   const LintOptions& options = {},
                                                   unsigned jobs = 1,
                                                   const std::vector<RepoImage>& images = {});

}  // namespace dd
