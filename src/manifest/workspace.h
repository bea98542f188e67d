// The workspace model of one build context: which manifests it holds, which
// local directories they depend on, and which root lockfile governs which
// package directories (a pdm/uv/poetry root whose manifest names its
// members, an npm/pnpm/yarn/bun or cargo workspace). Every path is relative
// to the build context, '/'-separated; "" is the context's root.
//
// Built from manifest texts the engine read (src/project): rules get it
// through CheckContext::workspace() and never read a file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/manifest.h"

namespace dd::manifest {

struct ManifestFile {
  std::string path;  // "packages/server/pyproject.toml"
  std::string dir;   // "packages/server"
  Manifest manifest;
};

// A local dependency resolved against the context.
struct ResolvedDep {
  const ManifestFile* file = nullptr;
  const LocalDep* dep = nullptr;
  // The directory it names, relative to the context; nullopt when it lies
  // outside the context (`../../shared` from a top-level package), is
  // absolute, or names a workspace member by package name only.
  std::optional<std::string> dir;
  bool outside = false;  // climbs out of the context
};

struct Workspace {
  std::string root;  // the root manifest's directory
  const ManifestFile* manifest = nullptr;
  std::vector<std::string> lockfiles;  // the lockfiles at the root that govern it
  // Member directories: the root's member globs matched against the
  // context's manifests, and the directories its local dependencies name.
  std::vector<std::string> members;
  // What makes each member one: the member pattern or dependency that names it.
  std::map<std::string, Span> declared_by;
};

struct ModelInput {
  std::string path;  // context-relative
  std::string text;
};

class WorkspaceModel {
 public:
  WorkspaceModel() = default;
  // `manifests` are parsed here; `lockfiles` are the context's lockfile paths
  // (their contents are not needed).
  WorkspaceModel(const std::vector<ModelInput>& manifests, std::vector<std::string> lockfiles);
  // Workspaces and resolved dependencies point into files(): not copyable.
  WorkspaceModel(const WorkspaceModel&) = delete;
  WorkspaceModel& operator=(const WorkspaceModel&) = delete;

  const std::vector<ManifestFile>& files() const { return files_; }
  const ManifestFile* file(std::string_view path) const;
  const std::vector<Workspace>& workspaces() const { return workspaces_; }
  const std::vector<std::string>& lockfiles() const { return lockfiles_; }

  // The local dependencies a manifest declares, resolved.
  std::vector<ResolvedDep> local_deps(const ManifestFile& file) const;

  // The workspace rooted above `dir` (not at it) whose root lockfile governs
  // the package in `dir`; the nearest one.
  const Workspace* governing(std::string_view dir) const;

  std::vector<std::string> notes;  // manifests left out (too many), each once

 private:
  std::vector<ManifestFile> files_;
  std::vector<std::string> lockfiles_;
  std::vector<Workspace> workspaces_;
};

// Joins a manifest-relative path onto a context directory: nullopt when it
// climbs out of the context ("a/b" + "../../../x").
std::optional<std::string> join_relative(std::string_view dir, std::string_view rel);

// Whether a member pattern ("packages/*", "libs/**", "apps/web") matches a
// directory, both relative to the workspace root.
bool member_matches(std::string_view pattern, std::string_view dir);

}  // namespace dd::manifest
