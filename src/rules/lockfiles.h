// What the lockfile rules (DD101-DD104) share: which of a package manager's
// files a RUN sees and where they came from, which project directory the
// manager settles on, whether it reads a given lockfile from there, and the
// way to install exactly a lockfile, all from the package-manager knowledge.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "rules/check.h"

namespace dd::rules {

// A file (lockfile or manifest) that is in the image when a RUN starts: put
// there by a COPY/ADD of this stage or a stage it is built on, or bound by
// the RUN's own `--mount=type=bind`.
struct ImageFile {
  std::string path;  // absolute
  std::string dir;   // its directory
  std::string name;  // its base name
  int line = 0;      // of the COPY, ADD or RUN that brings it
  // The source operand names the file itself (or a pattern matching its
  // name), as opposed to a directory it happens to sit in.
  bool named = false;
  bool mount = false;
  std::optional<std::string> context_path;  // where it is in the build context, when it comes from there
};

// Finds a package manager's files for one check. The build context's
// listing (up to 200,000 names) is indexed once per file name and each
// RUN's answer is kept, so many installs over a large context stay cheap.
class FileFinder {
 public:
  explicit FileFinder(CheckContext& ctx) : ctx_(ctx) {}
  // The files called one of `names` that `run` sees (none for ONBUILD
  // triggers, which run in another build). A RUN that sees more than
  // kMaxFiles of them (a generated Dockerfile) gets none: judging each
  // install against hundreds of lockfiles would make the rules quadratic,
  // and such a file is no hand-written build to advise on.
  static constexpr size_t kMaxFiles = 256;
  const std::vector<ImageFile>& in_image(const ShellRun& run, const std::vector<std::string>& names);
  // Whether the build context's listing holds `path`; false when unknown.
  bool in_context(std::string_view path);
  bool context_known() const { return ctx_.context_files() != nullptr; }
  CheckContext& ctx() { return ctx_; }

 private:
  const std::vector<std::string>* named(const std::string& base);  // null without a listing
  // Every file called `name` that any COPY/ADD of `stage` (or of a stage it
  // is built on) brings, with the op that brings it: computed once per
  // stage, then filtered per RUN.
  struct Copied {
    const CopyOp* op;
    ImageFile file;
  };
  const std::vector<Copied>& copied(size_t stage, const std::string& name);

  CheckContext& ctx_;
  std::map<std::pair<size_t, std::string>, std::vector<Copied>> by_stage_;
  std::map<std::string, std::vector<std::string>, std::less<>> by_name_;
  std::map<std::pair<size_t, std::string>, std::vector<ImageFile>> by_run_;
};

std::string dir_of(std::string_view path);        // "/app" for "/app/pdm.lock", "" for "pdm.lock"
std::string base_of(std::string_view path);       // "pdm.lock"
bool is_within(std::string_view path, std::string_view dir);  // path == dir or below it

// Whether a manager started in a project directory reads a lockfile lying
// in `lock_dir`.
enum class LockUse {
  Used,     // it is the project's lockfile
  Unused,   // certainly not: the manager never looks there
  Unknown,  // it may be (a workspace root above the project, or a project root the Dockerfile does not show)
};

struct ProjectSearch {
  const PmProject* project = nullptr;
  std::string start;                 // the directory the manager starts from
  std::optional<std::string> root;   // the nearest directory on its way up that holds a known marker
  std::optional<ImageFile> marker;   // the marker found there
};
ProjectSearch search_project(const PmProject& project, std::string_view start, const std::vector<ImageFile>& markers);
LockUse lock_use(const ProjectSearch& search, std::string_view lock_dir);

// Whether files the Dockerfile does not name may be in `dir` when `run`
// starts: a directory, pattern or other stage copied over it whose content
// the linter cannot list (without the build context's files, `COPY . .`
// may bring anything), or a directory bound by the RUN's own mount.
bool may_hold_unseen_files(CheckContext& ctx, const ShellRun& run, std::string_view dir);

// The command runs outside any project (npm install -g), names another
// lockfile or another project through an option or a variable: then which
// lockfile it reads is not what the rules can judge.
bool installs_globally(const Command& command, const PackageManager& pm);
std::optional<std::string> lockfile_override(const ShellRun& run, const Command& command, const PackageManager& pm);
std::optional<std::string> project_override(const ShellRun& run, const Command& command, const PackageManager& pm);

// An operand that is a bare variable (`pdm lock $FLAGS`): it may hold a flag
// that changes what the command does, so the classification is a guess.
bool may_hide_flags(const PmClassification& c);

// A way to install exactly what the lockfile says.
struct FrozenWay {
  std::string text;         // "pdm install --frozen-lockfile", "npm ci", "bundle install"
  std::string alternative;  // "pdm sync", or empty
  std::string flag;         // the flag that freezes it, when it is one ("--frozen-lockfile")
  std::string subcommand;   // the subcommand that is frozen by itself, when it is one ("ci")
  std::string env;          // the variable that freezes it, when only one does ("BUNDLE_FROZEN=true")
  std::string note;         // what the data says about that flag ("fails when uv.lock is out of date")
  bool if_lockfile = false; // frozen only while the lockfile is there (poetry install)
};
// For `command`'s own subcommand first (the flag that freezes it), then for
// the manager in general.
std::optional<FrozenWay> frozen_way(const Command& command, const PmClassification& c);
std::optional<FrozenWay> frozen_way(const PackageManager& pm);
// "`pdm install --frozen-lockfile` (or `pdm sync`)", "`bundle install` with BUNDLE_FROZEN=true".
std::string describe(const FrozenWay& way);

// An edit turning `command` into `way`: `replace` (an offending flag) is
// replaced by the flag, or the flag is inserted after the subcommand, or the
// subcommand word is swapped. nullopt when that cannot be done exactly.
std::optional<Edit> frozen_edit(const ShellRun& run, const Command& command, const PmClassification& c,
                                const FrozenWay& way, const Span* replace);

// The file span of the command's program through its subcommand words
// ("pdm install"), the place findings about the whole command point at.
Span command_head(const Command& command, const PmClassification& c);
std::string command_head_text(const Command& command, const PmClassification& c);

// Lockfiles of `pm` in the build context that belong to a project in
// context directory `dir`: in `dir` itself first, then its parents.
std::vector<std::string> context_lockfiles(FileFinder& finder, const PackageManager& pm, std::string_view dir);

// "at its root" / "at services/api/pdm.lock" for a context path.
std::string context_place(std::string_view context_path);

// " (but .dockerignore pattern `x` (.dockerignore line 3) excludes it: ...)"
// when the ignore file keeps `context_path` out of the build; "" when it
// reaches the build. The listing rules get is the whole tree, so a file in
// it may still never reach the build.
std::string dockerignore_caveat(const CheckContext& ctx, std::string_view context_path);

}  // namespace dd::rules
