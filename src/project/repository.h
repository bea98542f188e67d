// The repository a walk runs in: where its root is, and which of its files
// Git ignores (.gitignore files, .git/info/exclude) so discovery can skip
// them. Build contexts are not affected: see ignore/gitignore.h.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ignore/gitignore.h"

namespace dd {

// The directory `docker-doctor` lints when given no path: the nearest of
// `start` and its parents holding `.git` (a directory, or the file of a
// worktree or submodule) or `.docker-doctor.yaml`; `start` itself when none
// does. Returned as `start` followed by one ".." per level climbed
// ("../.." from "."), so it opens from the same place `start` does.
std::string find_repository_root(const std::string& start);

// The Git directory that `.git` in `dir` names: `dir/.git` itself, or the
// `gitdir:` a `.git` file points to (relative to `dir` when not absolute).
// Empty when `dir` has no readable `.git`.
std::string git_dir_of(const std::string& dir);

// Git's ignore rules along a depth-first walk. The walker tells it each
// directory it enters (with the names the directory holds) and leaves,
// and asks about each entry before using it. Patterns come from the
// `.gitignore` of every directory entered and of the directories between
// the repository's top and the walk's start, and from `info/exclude` in the
// Git directory (a worktree's common directory). A directory holding its
// own `.git` (a submodule or nested repository) starts afresh with its own
// rules, as Git does. Outside a Git repository nothing is ignored. The
// user's global excludes file is not read, so a repository lints alike on
// every machine.
class GitIgnores {
 public:
  // For a walk of `dir` (as given to opendir). `enabled` false makes every
  // answer "not ignored". If `dir` is itself ignored by the repository's
  // rules, the user named an ignored directory on purpose: its walk
  // ignores nothing.
  GitIgnores(const std::string& dir, bool enabled);
  ~GitIgnores();

  // `path` is the directory as opened, `rel` its path below the walk's start
  // ("" for the start), `names` its entries.
  void enter(const std::string& path, const std::string& rel,
             const std::vector<std::string>& names);
  void leave();

  // Whether Git ignores `rel` (below the walk's start), an entry of the
  // directory entered last.
  bool ignored(std::string_view rel, bool is_dir) const;

  bool active() const { return enabled_; }

 private:
  struct Level;
  struct Repo;
  std::string repo_path(const Repo& repo, std::string_view rel) const;
  ignore::GitVerdict decide(std::string_view rel, bool is_dir) const;

  bool enabled_ = false;
  std::vector<std::unique_ptr<Repo>> repos_;  // outermost first
  std::vector<Level> levels_;                 // one per entered directory
};

}  // namespace dd
