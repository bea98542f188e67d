// Where package managers keep their download cache in a RUN, and which
// `RUN --mount=type=cache` mounts and `rm` commands touch it. Shared by
// DD202 (install without a cache), DD204 (cache emptied under a cache mount)
// and DD201 (which names the paths an install reads).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "shell/shell.h"

namespace dd::rules {

// True when `path` is `dir` or inside it (both absolute and normalised).
bool path_within(std::string_view path, std::string_view dir);
// True when one of the two paths is inside (or equal to) the other.
inline bool paths_overlap(std::string_view a, std::string_view b) { return path_within(a, b) || path_within(b, a); }
std::string_view dirname_of(std::string_view path);   // "/app" of "/app/x"; "/" of "/x"
std::string_view basename_of(std::string_view path);  // "x" of "/app/x"

// A `--mount=type=cache` of a RUN.
struct CacheMount {
  std::string target;  // absolute, normalised; empty when it cannot be known
  Span span;           // the target's value as written (the whole flag when absent)
  const Flag* flag = nullptr;
};
// The cache mounts of the RUN `run`, with their targets expanded as BuildKit
// does (build arguments and ENV) and made absolute against the WORKDIR.
std::vector<CacheMount> cache_mounts(const Dockerfile& df, const DockerfileScopes& scopes, const ShellRun& run);

// True when `command` runs as root: the stage's USER (or `sudo -u`) is
// root, 0 or unset.
bool runs_as_root(const ShellRun& run, const Command& command);

// The home directory `command` runs with: HOME when the RUN knows it, /root
// for root; nullopt for another user whose home the Dockerfile never states.
std::optional<std::string> home_of(const ShellRun& run, const Command& command);

// Where a manager keeps its cache for one command.
struct ManagerCache {
  std::vector<std::string> dirs;  // the data's directories; "~/..." stays when the home is unknown
  // Set when the manager's first cache variable moves the cache (PIP_CACHE_DIR=/x): its name
  // and value; a mount then belongs at that directory.
  std::optional<std::string> moved_var;
  std::optional<std::string> moved_to;
  bool moved_unknown = false;  // a cache variable is set to something the linter cannot know
  bool home_known = true;
};
ManagerCache manager_cache(const PackageManager& pm, const ShellRun& run, const Command& command);

// paths_overlap, where either path may be "~/..." for an unknown home.
bool paths_may_overlap(std::string_view a, std::string_view b);

// True when `path` (absolute, or "~/..." for an unknown home) overlaps one
// of the cache's directories or where a variable moved it.
bool touches_cache(const ManagerCache& cache, std::string_view path);

// The directories a cache mount should target for this manager: the moved
// location, else the first directory (every directory when the manager's
// mounts need a `sharing` mode).
std::vector<std::string> suggested_mount_dirs(const PackageManager& pm, const ManagerCache& cache);

// The absolute path an `rm` operand deletes, cut before its first glob
// character ("/var/lib/apt/lists/*" -> "/var/lib/apt/lists/"), with a leading
// ~ or $HOME replaced by `home`; nullopt when it cannot be known.
std::optional<std::string> deleted_path(const ShellWord& word, const Command& command,
                                        const std::optional<std::string>& home);
// What an `rm` command deletes: each operand whose path is known.
struct Deletion {
  const ShellWord* word;
  std::string path;
};
std::vector<Deletion> deletions(const Command& command, const std::optional<std::string>& home);

// True when `c` is a dependency install: an install subcommand, and not a
// bare `yarn --version` or `bundle --help` that only looks like the default
// install (a defaulted subcommand with an option the knowledge does not know).
bool is_dependency_install(const PmClassification& c, const Command& command);

// The flag of `sub` or `pm` with `effect` that `command` passes, or null.
const PmFlag* passed_flag(const Command& command, const PackageManager& pm, const PmSubcommand* sub,
                          PmEffect effect);

// "pip3 install", "npm ci", "yarn": the program and subcommand as written,
// for messages, and their span (from the program to the subcommand).
struct CommandLabel {
  std::string text;
  Span span;
};
CommandLabel command_label(const Command& command, const PmClassification& c);

}  // namespace dd::rules
