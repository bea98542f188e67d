// How the repository itself builds its Dockerfiles: the compose services that
// build them (with their contexts and targets) and the images they and the
// build scripts tag. The lint run takes build contexts from the first and
// links FROM lines through the second; `graph` draws both.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/compose_projects.h"
#include "cli/discover.h"
#include "docker_doctor/linter.h"
#include "project/build_context.h"

namespace dd::cli {

// A distinct build context a Dockerfile is built with by compose.
struct ComposeContext {
  std::string dir;                    // on disk
  std::string display;                // as shown ("" is the linted root)
  std::string dockerfile_path;        // the Dockerfile on disk (for its own NAME.dockerignore)
  std::vector<std::string> services;  // "'api' (compose.yaml:3)", in project order
};

struct RepoBuilds {
  std::vector<ComposeServiceBuild> services;
  // Dockerfile display path -> the distinct contexts compose builds it
  // with, first seen first.
  std::map<std::string, std::vector<ComposeContext>> contexts;
  std::vector<RepoImage> images;  // compose images first, then script tags
  ComposeLoads compose;           // the projects read, for the compose lint to reuse
};

// Loads the compose projects among `found.inputs` and reads the build
// scripts beside the linted Dockerfiles (see docs/cli.md, "How the
// repository builds its images"). Compose projects load on `jobs` threads
// and are kept in RepoBuilds::compose.
RepoBuilds collect_repo_builds(const Discovery& found, unsigned jobs = 1);

// The build scripts looked at for a Dockerfile tree rooted at `root` on disk
// with Dockerfiles and compose files in `dirs` (relative to `root`): Makefiles,
// *.mk and *.sh in the root, in those directories and in their `scripts/`,
// and the root's CI workflows (.github/workflows/*.yml, .gitlab-ci.yml).
std::vector<std::string> build_script_paths(const std::string& root,
                                            const std::vector<std::string>& dirs);

// After the run's lint (`results` parallel to `batch`, from lint_dockerfiles
// with `repo.images`): lints each Dockerfile compose builds with several
// contexts once more per further distinct context, and merges its findings
// (merge_context_findings) into `results`.
void lint_other_compose_contexts(const std::vector<DockerfileInput>& batch,
                                 const LintOptions& run_options, const RepoBuilds& repo,
                                 BuildContexts& contexts,
                                 std::vector<std::vector<Finding>>& results);

// One Dockerfile's findings when linted with each of its compose contexts
// (`per_context` parallel to `contexts`, the first from the whole run),
// merged: a finding every context gives is kept once, as it is; one that
// only some give says with which contexts. Project-scope findings compare
// files, not contexts: they come from the first list alone.
std::vector<Finding> merge_context_findings(const std::vector<std::vector<Finding>>& per_context,
                                            const std::vector<ComposeContext>& contexts);

}  // namespace dd::cli
