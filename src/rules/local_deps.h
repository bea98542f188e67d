// What DD106 and DD107 share: which manifest of the build context an
// install in the image works on, where a context directory is in the image
// from there, and whether a context directory's files reach the image
// before a RUN.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "knowledge/package_managers.h"
#include "manifest/workspace.h"
#include "rules/check.h"
#include "rules/lockfiles.h"

namespace dd::rules {

// Whether any RUN installs packages: the workspace model (which reads the
// context's manifests) is only worth building then.
bool runs_an_install(CheckContext& ctx);

// An install command and the project it works on.
struct InstallProject {
  ProjectSearch search;  // search.root: the project's directory in the image
  const manifest::ManifestFile* file =
      nullptr;  // the manifest that made it the project, from the context
};

// The project of a package-manager install whose manifest came from the
// build context (copied by a COPY/ADD the rule can follow); nullopt for
// other commands, and for installs given another project or lockfile by an
// option or variable the rule cannot judge.
std::optional<InstallProject> install_project(FileFinder& finder,
                                              const manifest::WorkspaceModel& model,
                                              const ShellRun& run, const Command& command,
                                              const PmClassification& c);

// "../../shared" from "packages/server" to "shared"; both context-relative.
std::string relative_path(std::string_view from_dir, std::string_view to_dir);

// Where context directory `dir` is in the image when the project's own
// directory `project_dir` (context) is at `image_root`: the same relative
// way from there.
std::string image_dir_of(std::string_view image_root, std::string_view project_dir,
                         std::string_view dir);

enum class Presence { Present, Absent, Unknown };
// Whether files of context directory `dir` are at `image_dir` when `run`
// starts: a COPY/ADD before it put one of them there (Present), none did and
// nothing the linter cannot list may have (Absent), or a copy of unknown
// content or a mount covers the place (Unknown). Needs the context listing.
Presence dir_in_image(CheckContext& ctx, const ShellRun& run, std::string_view dir,
                      std::string_view image_dir);

// "packages/server/pyproject.toml:10" with the context's display directory
// in front when it is not ".".
std::string manifest_place(const CheckContext& ctx, const manifest::ManifestFile& file,
                           const Span& span);

}  // namespace dd::rules
