// What docker-doctor knows about package managers: how to recognise one in a
// shell command, which of its subcommands resolve a lockfile, which install
// from one and which flags or environment variables change that, its
// manifests, lockfiles and cache directories. The facts live in one YAML
// document (package_managers_data.cc); a rule asks classify_command() and
// never names a flag, so a new manager or flag needs no rule code:
//
//   for (const ShellRun& run : ctx.shell().runs)
//     for (const PmCommand& pc : package_manager_commands(run))
//       if (pc.classification.action == PmAction::Resolve)
//         ctx.report(pc.classification.decisive.span, "`" + pc.classification.decisive.text +
//                    "` re-resolves the lockfile during the build");
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/shell.h"

namespace dd {

// What a flag, variable or setting does.
enum class PmEffect {
  Frozen,          // installs exactly what the lockfile says (fails or ignores changes otherwise)
  Unfrozen,        // may re-resolve and rewrite the lockfile
  Resolve,         // writes the lockfile and installs nothing (--lockfile-only)
  NoLockfile,      // neither reads nor writes a lockfile
  FrozenIfPinned,  // frozen when the file it names pins every version (pip -r)
  Verify,          // only checks the lockfile (pdm lock --check)
  Dev,             // installs development dependencies
  Prod,            // leaves development dependencies out
  NoCache,         // does not use or fill the download cache
  // What an install needs from the project besides its manifests and lockfiles:
  NoProject,       // installs the dependencies only, not the project itself (poetry --no-root)
  Project,         // installs the project from its source (pip -e ., poetry --only-root)
  Offline,         // downloads nothing: works from what the image or cache holds (--offline)
};
std::string_view pm_effect_name(PmEffect e);  // "frozen", "no-lockfile", ...

struct PmFlag {
  std::string flag;                  // "--frozen-lockfile", "-G", "-mod"
  std::optional<std::string> value;  // the value it must be given ("false" of --lockfile=false)
  PmEffect effect = PmEffect::Frozen;
  bool takes_value = false;  // the value may be the next word
  // Still accepted but on its way out (Bundler's remembered --frozen): rules
  // mention it but never write it into a fix.
  bool deprecated = false;
  std::string note;
  // Every field, so the test comparing the generated table with the loaded
  // document covers a field the generator forgot.
  bool operator==(const PmFlag&) const = default;
};

struct PmEnv {
  std::string name;
  std::vector<std::string> values;  // accepted values (case-insensitive); empty: any non-empty value
  std::string contains;             // or: the value contains this
  PmEffect effect = PmEffect::Frozen;
  bool ignore_case = false;  // the tool reads the name case-insensitively (npm_config_*)
  std::string note;
  bool matches(std::string_view value) const;
  bool operator==(const PmEnv&) const = default;
};

// A setting in a project file with an effect (.npmrc package-lock=false).
struct PmConfig {
  std::string file, key, value;
  PmEffect effect = PmEffect::NoLockfile;
  std::string note;
  bool operator==(const PmConfig&) const = default;
};

enum class PmSubcommandKind { Resolve, Install, Verify, Refresh, Run, Other, Remove, CleanCache };
enum class PmInstallDefault { Frozen, Unfrozen, FrozenIfLockfile };
// What naming packages on the command line does to an install.
enum class PmPackagesRule { None, Resolve, Unfrozen };
// What an install reads from the project directory.
enum class PmSource {
  Manifests,  // its manifests and lockfiles only (npm ci, go mod download, pip install -r)
  Project,    // the project's source too: it builds or inspects it (go build, cargo fetch)
  Root,       // manifests for the dependencies, then the source to install the project
              // itself (poetry install): a `no-project` flag leaves that part out
};

struct PmSubcommand {
  std::vector<std::string> names;  // the name then its aliases; may be two words ("mod download")
  PmSubcommandKind kind = PmSubcommandKind::Other;
  PmInstallDefault install_default = PmInstallDefault::Unfrozen;
  PmPackagesRule packages = PmPackagesRule::None;
  bool dev_default = false;
  PmSource source = PmSource::Manifests;  // install subcommands only
  std::vector<PmFlag> flags;
  std::vector<PmEnv> env;
  std::string note;
  bool operator==(const PmSubcommand&) const = default;
};

// Where a manager takes its project from: it walks up from the working
// directory (or its project-directory option) to the nearest directory
// holding a marker, and reads the lockfile there.
struct PmProject {
  std::vector<std::string> markers;  // "pyproject.toml": the file that makes a directory the project
  int max_depth = 0;                 // directories searched, the working one included; 0: up to /
  // The lockfile may belong to a workspace root above the project (npm,
  // pnpm, yarn, uv, cargo): a lockfile in a parent directory may be the one used.
  bool workspace = false;
  std::vector<std::string> env;  // variables naming the project instead (PDM_PROJECT)
  // Options and variables naming another lockfile (pdm --lockfile, PDM_LOCKFILE).
  std::vector<std::string> lockfile_flags, lockfile_env;
  bool operator==(const PmProject&) const = default;
};

struct PackageManager {
  std::string id;         // "pnpm", "uv-pip"
  std::string name;       // for messages: "pnpm", "uv pip"
  std::string ecosystem;  // "python", "javascript", "debian", ...
  std::vector<std::string> executables;
  std::optional<WrapperKind> wrapper;  // only when run through it (uv pip)
  std::vector<std::pair<std::string, std::string>> implied;  // executable -> subcommand
  std::string default_subcommand;
  std::vector<std::string> manifests, lockfiles;
  std::vector<std::string> cache_dirs;  // "~" is the user's home
  std::vector<std::string> cache_env;   // variables that move the cache
  // A cache mount's `sharing=` when builds running at the same time must not
  // share it ("locked": apt locks its directories); empty: the default.
  std::string cache_sharing;
  std::vector<std::string> value_flags;
  std::vector<std::string> project_dir_flags;
  // Markers of an exact version in a package operand ("==" for pip, "=" for
  // apt): a named package with one does not make an install unfrozen.
  std::vector<std::string> pins;
  std::vector<PmFlag> flags;  // for every subcommand
  std::vector<PmEnv> env;
  std::vector<PmConfig> config;
  std::vector<PmSubcommand> subcommands;
  // How the manager finds the project whose lockfile it reads; nullopt for
  // managers without a project (pip, apt).
  std::optional<PmProject> project;
  // Options that install outside any project (npm install -g): no lockfile
  // is read or written.
  std::vector<std::string> global_flags;
  // The words after the executable that change a setting (`config set` of
  // `npm config set package-lock false`); empty when there are none.
  std::string config_set;

  const PmSubcommand* subcommand(std::string_view name) const;
  // cache_dirs with "~" replaced by `home`.
  std::vector<std::string> cache_paths(std::string_view home = "/root") const;
  bool operator==(const PackageManager&) const = default;
};

struct PmLoadResult {
  std::vector<PackageManager> managers;
  std::vector<std::string> errors;  // "line 12: manager `pip`: unknown effect `frozn`"
};

// Parses and validates a knowledge document. Never throws.
PmLoadResult load_package_managers(std::string_view yaml);

// The built-in knowledge: the document in package_managers_data.cc, which
// dd-pmgen validates (a broken document fails the build) and compiles into
// generated_package_managers().
namespace knowledge {
extern const std::string_view kPackageManagersYaml;
std::vector<PackageManager> generated_package_managers();
}  // namespace knowledge
const std::vector<PackageManager>& package_managers();
const PackageManager* manager_by_id(std::string_view id);

// The manager a command runs (`pip`, `python3 -m pip`, `uv pip`, `corepack
// pnpm`, `npx pnpm@9` ...), or null.
const PackageManager* find_manager(const Command& command);
const PackageManager* find_manager(const Command& command, const std::vector<PackageManager>& managers);

enum class PmAction {
  Other,             // a subcommand that neither resolves nor installs (or an unknown one)
  Resolve,           // resolves and writes the lockfile (pdm lock, npm install <pkg>, --lockfile-only)
  InstallFrozen,     // installs from the lockfile without changing it (see condition)
  InstallUnfrozen,   // installs and may re-resolve / rewrite the lockfile
  LockfileDisabled,  // installs ignoring any lockfile (--lockfile=false)
  Verify,            // checks the lockfile only
  Refresh,           // refreshes package indexes (apt-get update)
  Run,               // runs a script or program (npm run, pdm run)
  // Uninstalls packages from the image (apt-get purge, apk del, pip
  // uninstall): the named ones, or with none named those no longer needed.
  Remove,
  // Empties the download cache (pip cache purge, npm cache clean, apt-get clean).
  CleanCache,
};
std::string_view pm_action_name(PmAction a);  // "install-frozen", ...

enum class PmCondition {
  None,
  LockfilePresent,     // frozen only if the lockfile exists (poetry install, composer install)
  RequirementsPinned,  // frozen only if the file given pins every version (pip install -r)
};

// What decided a classification: a flag, an environment variable, a package
// named on the command line, or the subcommand's default.
struct PmReason {
  Span span;
  std::string text;  // "--lockfile=false", "NODE_ENV=production", "pdm lock"
  enum class Source { Default, Flag, Env, Package } source = Source::Default;
};

struct PmClassification {
  const PackageManager* manager = nullptr;
  const PmSubcommand* subcommand = nullptr;    // null: none recognised
  const ShellWord* subcommand_word = nullptr;  // null when implied or defaulted
  PmAction action = PmAction::Other;
  PmReason decisive;  // why `action`
  PmCondition condition = PmCondition::None;
  const ShellWord* condition_word = nullptr;   // the requirements file of RequirementsPinned
  std::vector<const ShellWord*> packages;      // operands after the subcommand (packages, paths)
  std::optional<PmReason> dev;       // a flag or variable selecting dev dependencies
  std::optional<PmReason> prod;      // ... or leaving them out
  bool installs_dev = false;         // dev dependencies are installed (flags, else the default)
  std::optional<PmReason> no_cache;  // the cache is disabled, and by what
  std::optional<PmReason> offline;   // nothing is downloaded (--offline, -mod=vendor), and why
  // Where the manager works: a -C/--dir/--cwd... operand joined onto the
  // command's working directory, else that directory. nullopt when unknown.
  std::optional<std::string> project_dir;
  std::optional<PmReason> project_dir_flag;

  bool recognized() const { return manager != nullptr; }
};

// Classifies a command. With `run`, environment variables set by the script
// and by the stage's ENV/ARG count too.
PmClassification classify_command(const Command& command, const ShellRun* run = nullptr);
PmClassification classify_command(const Command& command, const ShellRun* run,
                                  const std::vector<PackageManager>& managers);

// Every package-manager command of a RUN, classified, in execution order.
struct PmCommand {
  const Command* command;
  PmClassification classification;
};
std::vector<PmCommand> package_manager_commands(const ShellRun& run);

}  // namespace dd
