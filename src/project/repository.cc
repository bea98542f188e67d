// The repository root and Git's ignore rules along a walk (repository.h).
#include "project/repository.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "config/config.h"
#include "core/paths.h"
#include "ignore/go_path.h"

namespace dd {

namespace {

std::string parent_of(const std::string& dir) {
  size_t slash = dir.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : dir.substr(0, slash);
}

std::string join(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// A small regular file's text; empty when it is missing, not a regular
// file (a FIFO is never waited on), or larger than Git would sensibly
// hold. `no_follow`: a symbolic link is not read, as Git reads a working
// tree's .gitignore since 2.32.
constexpr off_t kMaxIgnoreFileBytes = 16 << 20;
std::string read_small_file(const std::string& path, bool no_follow) {
  int fd = ::open(path.c_str(),
                  O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (no_follow ? O_NOFOLLOW : 0));
  if (fd < 0) return {};
  std::string text;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= kMaxIgnoreFileBytes) {
    char buf[16384];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        text.clear();
        break;
      }
      text.append(buf, static_cast<size_t>(n));
      if (text.size() > static_cast<size_t>(kMaxIgnoreFileBytes)) {
        text.clear();
        break;
      }
    }
  }
  ::close(fd);
  return text;
}

// info/exclude lives in the common Git directory: for a worktree,
// `commondir` in its Git directory names it.
std::string exclude_file_of(const std::string& git_dir) {
  if (git_dir.empty()) return {};
  std::string common = git_dir;
  std::string named(ignore::trim_space(read_small_file(join(git_dir, "commondir"), false)));
  if (!named.empty()) common = named[0] == '/' ? named : join(git_dir, named);
  return join(common, "info/exclude");
}

ignore::GitIgnore load_ignore(const std::string& path, bool no_follow) {
  std::string text = read_small_file(path, no_follow);
  return text.empty() ? ignore::GitIgnore() : ignore::GitIgnore(text);
}

bool holds(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::string find_repository_root(const std::string& start) {
  std::string real = real_path(start);
  if (real.empty()) return start;
  size_t up = 0;
  for (std::string dir = real;; dir = parent_of(dir), ++up) {
    struct stat st;
    if (exists(join(dir, ".git")) ||
        (::stat(join(dir, config::kConfigFileName).c_str(), &st) == 0 && S_ISREG(st.st_mode)))
      break;
    if (dir == "/") return start;
  }
  if (up == 0) return start;
  std::string out = start;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  out = out == "." ? "" : out + "/";
  for (size_t i = 0; i < up; ++i) out += i == 0 ? ".." : "/..";
  return out;
}

std::string git_dir_of(const std::string& dir) {
  std::string dot_git = join(dir, ".git");
  struct stat st;
  if (::stat(dot_git.c_str(), &st) != 0) return {};
  if (S_ISDIR(st.st_mode)) return dot_git;
  // A worktree's or submodule's `.git` file: "gitdir: PATH".
  std::string text = read_small_file(dot_git, false);
  std::string_view line = text;
  if (line.substr(0, 8) != "gitdir: ") return {};
  line = ignore::trim_space(line.substr(
      8, line.find('\n') == std::string_view::npos ? std::string_view::npos : line.find('\n') - 8));
  if (line.empty()) return {};
  return line[0] == '/' ? std::string(line) : join(dir, line);
}

// The rules of one repository: its exclude file, and the .gitignore files
// of the directories above the walk's start (for the outermost one).
struct GitIgnores::Repo {
  size_t first_level = 0;  // levels_ from here on belong to this repository
  std::string prefix;      // the walk's start below the top ("services/"), outermost only
  size_t strip = 0;        // bytes of a walk path above the top (a nested repository)
  ignore::GitIgnore exclude;
  std::vector<std::pair<std::string, ignore::GitIgnore>> above;  // base below the top, patterns
};

struct GitIgnores::Level {
  std::string base;  // the directory below the walk's start, with a '/' ("" for the start)
  ignore::GitIgnore patterns;
  bool starts_repo = false;
};

namespace {

// Deeper files first, the exclude file last: the first that decides wins.
template <typename Above>
ignore::GitVerdict repo_verdict(const Above& above, const ignore::GitIgnore& exclude,
                                std::string_view path, bool is_dir) {
  for (auto it = above.rbegin(); it != above.rend(); ++it) {
    ignore::GitVerdict v = it->second.match(path.substr(it->first.size()), is_dir);
    if (v != ignore::GitVerdict::None) return v;
  }
  return exclude.match(path, is_dir);
}

}  // namespace

GitIgnores::GitIgnores(const std::string& dir, bool enabled) {
  if (!enabled) return;
  std::string real = real_path(dir);
  if (real.empty()) return;
  std::string top = real;
  while (!exists(join(top, ".git"))) {
    if (top == "/") return;  // not in a Git repository: nothing is ignored
    top = parent_of(top);
  }
  auto repo = std::make_unique<Repo>();
  repo->exclude = load_ignore(exclude_file_of(git_dir_of(top)), false);
  std::string below = real == top ? "" : real.substr(top == "/" ? 1 : top.size() + 1);
  std::string base, path = top;
  for (size_t pos = 0; pos < below.size();) {
    size_t slash = below.find('/', pos);
    if (slash == std::string::npos) slash = below.size();
    repo->above.emplace_back(base, load_ignore(join(path, ".gitignore"), true));
    std::string component = below.substr(pos, slash - pos);
    std::string rel = base + component;
    // The user named a directory Git ignores: they mean it, so its walk
    // ignores nothing (as a file named on the command line is linted).
    if (repo_verdict(repo->above, repo->exclude, rel, true) == ignore::GitVerdict::Ignored) return;
    base = rel + "/";
    path = join(path, component);
    pos = slash + 1;
  }
  repo->prefix = base;
  repos_.push_back(std::move(repo));
  enabled_ = true;
}

GitIgnores::~GitIgnores() = default;

void GitIgnores::enter(const std::string& path, const std::string& rel,
                       const std::vector<std::string>& names) {
  if (!enabled_) return;
  Level level;
  level.base = rel.empty() ? "" : rel + "/";
  if (!rel.empty() && holds(names, ".git")) {
    // A submodule or nested repository: the outer rules stop here.
    auto repo = std::make_unique<Repo>();
    repo->first_level = levels_.size();
    repo->strip = level.base.size();
    repo->exclude = load_ignore(exclude_file_of(git_dir_of(path)), false);
    repos_.push_back(std::move(repo));
    level.starts_repo = true;
  }
  if (holds(names, ".gitignore")) level.patterns = load_ignore(join(path, ".gitignore"), true);
  levels_.push_back(std::move(level));
}

void GitIgnores::leave() {
  if (!enabled_ || levels_.empty()) return;
  if (levels_.back().starts_repo) repos_.pop_back();
  levels_.pop_back();
}

std::string GitIgnores::repo_path(const Repo& repo, std::string_view rel) const {
  return repo.prefix + std::string(rel.substr(std::min(repo.strip, rel.size())));
}

ignore::GitVerdict GitIgnores::decide(std::string_view rel, bool is_dir) const {
  const Repo& repo = *repos_.back();
  for (size_t i = levels_.size(); i-- > repo.first_level;) {
    const Level& l = levels_[i];
    if (l.patterns.empty()) continue;
    ignore::GitVerdict v = l.patterns.match(rel.substr(l.base.size()), is_dir);
    if (v != ignore::GitVerdict::None) return v;
  }
  return repo_verdict(repo.above, repo.exclude, repo_path(repo, rel), is_dir);
}

bool GitIgnores::ignored(std::string_view rel, bool is_dir) const {
  if (!enabled_ || repos_.empty()) return false;
  return decide(rel, is_dir) == ignore::GitVerdict::Ignored;
}

}  // namespace dd
