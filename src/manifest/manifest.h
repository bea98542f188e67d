// Dependency manifests read for what they say about other directories: the
// local (path, editable, workspace) dependencies a project declares, the
// workspace members a root names, and the files a requirements file
// includes. Versions of registry packages are not kept; no rule needs them.
//
// Every parser takes the file's text and never throws: a malformed file
// gives a diagnostic with its line and column and whatever was read before
// the error (nothing, for the TOML and JSON ones, whose libraries stop at
// the first error).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd::manifest {

enum class Kind {
  Pyproject,      // pyproject.toml: PEP 621, poetry, pdm, uv
  PackageJson,    // package.json: npm, yarn, bun, pnpm
  PnpmWorkspace,  // pnpm-workspace.yaml
  Requirements,   // requirements*.txt (pip)
  Pipfile,        // Pipfile (pipenv)
  GoMod,          // go.mod
  Cargo,          // Cargo.toml
};
std::string_view kind_name(Kind kind);  // "pyproject.toml", ...

// Which kind a file name is, or nullopt ("requirements-dev.txt" is one,
// "notes.txt" is not).
std::optional<Kind> kind_of(std::string_view file_name);
// The same for a path: also any `.txt` file in a directory called
// `requirements` (`requirements/base.txt`), where projects keep the files
// their requirements.txt includes.
std::optional<Kind> kind_of_path(std::string_view path);

// How a local dependency is written.
enum class DepForm {
  Path,       // {path = "../x"} (poetry, uv, Pipfile, Cargo), a bare path in requirements
  Editable,   // -e ./x, "-e file:///${PROJECT_ROOT}/x" (pdm), {path = ..., editable = true}
  File,       // "name @ file:///...", "file:../x" (npm)
  Link,       // "link:../x" (pnpm, yarn)
  Workspace,  // "workspace:*" (npm/pnpm/yarn/bun), {workspace = true} (uv): a member of the
              // workspace
  Replace,    // go.mod `replace m => ../x`
};
std::string_view dep_form_name(DepForm form);

struct LocalDep {
  std::string name;     // the dependency's name when written ("shared-python"), else ""
  std::string written;  // the declaring text as written: "../shared/python", "workspace:*"
  // The directory, relative to the manifest's directory, '/'-separated and
  // cleaned ("../shared/python", "libs/x"), for every form but Workspace.
  // Written relative to ${PROJECT_ROOT} (pdm), the path is relative to the
  // project root, which is the manifest's directory.
  std::string path;
  // An absolute path that names no project variable (`file:///opt/x`): kept
  // in `path` as written, with this set; rules cannot map it to the context.
  bool absolute = false;
  DepForm form = DepForm::Path;
  bool editable = false;
  // pip resolves a path in a requirements file against the directory it
  // runs in, not the file's; `path` is then relative to that directory.
  bool from_cwd = false;
  bool dev = false;     // a dev/optional group or section
  std::string section;  // "tool.poetry.dependencies", "dependencies", ...
  Span span;            // the declaring text (the path string, the requirements line)
};

// A workspace member pattern of a root manifest: "packages/*", "libs/core".
struct Member {
  std::string pattern;   // relative to the manifest's directory, cleaned
  bool exclude = false;  // "!packages/legacy", uv's `exclude`
  Span span;
};

struct Diagnostic {
  Position at;
  std::string message;
};

struct Manifest {
  Kind kind = Kind::Pyproject;
  std::string name;  // the project's own name, when it has one
  std::vector<LocalDep> deps;
  std::vector<Member> members;  // non-empty: the manifest is a workspace root
  bool workspace_root = false;  // declares a workspace (even one with no members yet)
  std::vector<std::string>
      includes;  // requirements: `-r`/`-c` files, relative to this file's directory
  std::vector<Diagnostic> diagnostics;  // malformed input, what was skipped
};

// Larger files are not read: a manifest is a few kilobytes; a megabyte one
// is generated or hostile, and says nothing a rule can act on.
constexpr size_t kMaxManifestBytes = size_t{2} * 1024 * 1024;

Manifest parse(Kind kind, std::string_view text);
Manifest parse_pyproject(std::string_view text);
Manifest parse_package_json(std::string_view text);
Manifest parse_pnpm_workspace(std::string_view text);
Manifest parse_requirements(std::string_view text);
Manifest parse_pipfile(std::string_view text);
Manifest parse_go_mod(std::string_view text);
Manifest parse_cargo(std::string_view text);

// Cleans a '/'-separated relative path: drops "." segments and empty ones,
// folds "x/.." and keeps leading ".." ("../shared/./python/" -> "../shared/python").
// "" is the directory itself.
std::string clean_relative(std::string_view path);

}  // namespace dd::manifest
