// The compose side of a lint run: which compose files Compose would merge
// into one project, and linting each project.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/discover.h"
#include "compose/loader.h"
#include "config/config.h"
#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"
#include "rules/compose_check.h"

namespace dd::cli {

// Groups the compose inputs (Input::compose) as `docker compose` would read
// them from each directory: the first of compose.yaml, compose.yml,
// docker-compose.yaml, docker-compose.yml with its `.override` companion;
// every other compose file (docker-compose.dev.yml, a second base name, an
// override without its base) on its own. Indices into `inputs`, base first;
// groups in the order of their first file.
//
// `declared` are the projects the configuration declares (`compose:
// projects:`), each a list of indices into `inputs` in `-f` order: they
// become groups as given, and their files join no default group. A file may
// belong to several declared projects (a base shared by a dev and a prod
// stack).
std::vector<std::vector<size_t>> group_compose_inputs(
    const std::vector<Input>& inputs, const std::vector<std::vector<size_t>>& declared = {});

// The compose projects `config` declares, as indices into `inputs` (each
// file matched by its path relative to the configuration's directory), for
// group_compose_inputs. A project none of whose files is linted is left out;
// one some of whose files are not linted (not named on the command line,
// not found by the walk, or not there) is linted without them, with a note
// in *notes.
std::vector<std::vector<size_t>> declared_compose_groups(const config::Config& config,
                                                         const std::vector<Input>& inputs,
                                                         std::vector<std::string>* notes);

// One file of a linted compose project, with the text its findings point into.
struct ComposeFileFindings {
  std::string display;
  std::string text;
  std::vector<Finding> findings;
};

// A compose project as loaded for one group of inputs: the files named
// (empty when none could be read), the unreadable ones, and the project.
struct LoadedCompose {
  std::vector<compose::FileRef> refs;
  std::vector<std::string> errors;
  compose::Project project;
};

// Projects already loaded in this run, by group (indices into the inputs).
// Reading the repository's builds loads every default group first; the
// compose lint then checks those same projects instead of loading each file
// a second time (parsing and schema validation are most of its cost).
using ComposeLoads = std::map<std::vector<size_t>, LoadedCompose>;

// Loads the project made of `group` (variables from the process environment
// over the project's `.env`) and lints it. Files are returned in the order
// the project read them, each with its findings; extended and included files
// appear when a finding points into them. Unreadable named inputs are
// appended to *errors.
// `options` decide which checks run (the `default: off` rules it enables);
// the caller applies each file's own configuration to its findings.
// `preloaded`, when given, is the group's project loaded already (see
// ComposeLoads); it is consumed, so its memory goes as soon as it is linted.
std::vector<ComposeFileFindings> lint_compose_group(const std::vector<Input>& inputs,
                                                    const std::vector<size_t>& group,
                                                    std::vector<std::string>* errors,
                                                    const LintOptions& options = {},
                                                    LoadedCompose* preloaded = nullptr);

// A service with a local `build` in one of the run's compose projects, and
// what its build reads from disk.
struct ComposeServiceBuild {
  std::string compose_file;  // display path of the file that defines the service
  std::string service;
  int line = 0;       // of the service's key
  std::string image;  // its `image:` when it also has one: the name the build is tagged with
  int image_line = 0;
  std::string target;  // `build.target`, "" for the last stage
  std::vector<std::pair<std::string, std::string>> additional_contexts;  // name -> value as written
  ServiceBuildFacts facts;
};

// Every such service of every compose project among `inputs`, projects in
// the order of group_compose_inputs, services in source order. Load errors
// are left to the compose lint, which reports them. Each project loaded is
// kept in *loads when it is given. Projects load on `jobs` threads.
std::vector<ComposeServiceBuild> compose_service_builds(const std::vector<Input>& inputs,
                                                        ComposeLoads* loads = nullptr,
                                                        unsigned jobs = 1);

}  // namespace dd::cli
