// Walking the linted tree and reading its Dockerfiles: see discover.h.
#include "cli/discover.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "compose/loader.h"
#include "core/paths.h"
#include "project/repository.h"

namespace dd::cli {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}


bool inside(const std::string& real, const std::string& root_real) {
  if (root_real == "/") return true;
  return real == root_real || starts_with(real, root_real + "/");
}

class Walker {
 public:
  Walker(std::string root, std::string root_real, std::string prefix, bool gitignore,
         Discovery* out)
      : root_(std::move(root)),
        root_real_(std::move(root_real)),
        prefix_(std::move(prefix)),
        ignores_(root_, gitignore),
        out_(out) {}

  // `dir` is the path to open; `rel` its path below the root ("" for the root).
  void walk(const std::string& dir, const std::string& rel) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      // The directory the user named must be readable. Below it, a private
      // directory (a database volume owned by another user, say) is common
      // and says nothing about the Dockerfiles: note it and go on.
      std::string why = std::strerror(errno);
      if (rel.empty())
        error(fmt::format("cannot read directory '{}': {}", dir, why));
      else
        note(fmt::format("skipping directory '{}': {}", dir, why));
      return;
    }
    std::vector<std::pair<std::string, unsigned char>> entries;  // name, d_type
    while (dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name != "." && name != "..") entries.emplace_back(name, e->d_type);
    }
    ::closedir(d);
    std::sort(entries.begin(), entries.end());
    std::vector<std::string> names;
    names.reserve(entries.size());
    for (const auto& entry : entries) names.push_back(entry.first);

    ignores_.enter(dir, rel, names);
    for (const auto& [name, type] : entries) {
      // Most entries are files with other names: the type readdir reports
      // spares them an lstat (most of a walk's cost otherwise). Directories
      // and candidates are still checked with lstat, which decides.
      if (type != DT_UNKNOWN && type != DT_DIR && !is_dockerfile_name(name) &&
          !is_compose_name(name))
        continue;
      std::string path = join(dir, name);
      std::string rel_name = rel.empty() ? name : rel + "/" + name;
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0) {
        // Gone since readdir (a build writing next to us): nothing to lint.
        if (errno != ENOENT) error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
        continue;
      }
      // A directory is walked whatever its name, `Dockerfile` included.
      if (S_ISDIR(st.st_mode)) {
        if (!is_skipped_directory(name) && !ignores_.ignored(rel_name, true)) walk(path, rel_name);
        continue;
      }
      if (!is_dockerfile_name(name) && !is_compose_name(name)) continue;
      if (ignores_.ignored(rel_name, false)) continue;
      if (S_ISLNK(st.st_mode)) {
        link(path, rel_name);
      } else if (S_ISREG(st.st_mode)) {
        add(path, rel_name);
      } else {
        note(fmt::format("skipping '{}': not a regular file", path));
      }
    }
    ignores_.leave();
  }

 private:
  // Symbolic links named like a Dockerfile are linted only when they resolve
  // to a regular file inside the root: the user asked about this tree, and a
  // link must not make us read (or report on) files elsewhere.
  void link(const std::string& path, const std::string& rel_name) {
    std::string real = real_path(path);
    if (real.empty()) {
      note(fmt::format("skipping '{}': broken symbolic link", path));
      return;
    }
    if (!inside(real, root_real_)) {
      note(fmt::format("skipping '{}': symbolic link leads outside '{}'", path, root_real_));
      return;
    }
    struct stat st;
    if (::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      note(fmt::format("skipping '{}': symbolic link to something other than a regular file", path));
      return;
    }
    add(path, rel_name, true);
  }

  void add(const std::string& path, const std::string& rel_name, bool via_link = false) {
    std::string root_display = prefix_.size() > 1 ? prefix_.substr(0, prefix_.size() - 1) : prefix_;
    out_->inputs.push_back(Input{path, prefix_ + rel_name, true, via_link, root_, root_display, rel_name});
    out_->inputs.back().compose = is_compose_name(rel_name.substr(rel_name.rfind('/') + 1));
  }
  void error(std::string message) { out_->diagnostics.push_back({true, std::move(message)}); }
  void note(std::string message) { out_->diagnostics.push_back({false, std::move(message)}); }

  std::string root_;
  std::string root_real_;
  std::string prefix_;
  GitIgnores ignores_;
  Discovery* out_;
};

// The display prefix for files under directory argument `arg` when several
// paths are given, so that `a/Dockerfile` and `b/Dockerfile` stay distinct.
std::string display_prefix(std::string arg) {
  while (arg.size() > 1 && arg.back() == '/') arg.pop_back();
  while (starts_with(arg, "./") && arg.size() > 2) arg.erase(0, 2);
  if (arg == "." || arg == "./") return "";
  return arg == "/" ? arg : arg + "/";
}

}  // namespace

bool is_compose_name(std::string_view name) {
  return !is_dockerfile_name(name) && compose::is_compose_file_name(name);
}

bool is_dockerfile_name(std::string_view name) {
  if (ends_with(name, ".dockerignore")) return false;
  return name == "Dockerfile" || name == "Containerfile" ||
         (starts_with(name, "Dockerfile.") && name.size() > 11) ||
         (starts_with(name, "Containerfile.") && name.size() > 14) ||
         (ends_with(name, ".Dockerfile") && name.size() > 11) ||
         (ends_with(name, ".dockerfile") && name.size() > 11);
}

bool is_skipped_directory(std::string_view name) {
  static const std::set<std::string_view> kSkipped = {
      ".git",        ".hg",           ".svn",        ".bzr",         "node_modules",
      "bower_components", ".venv",    "venv",        "__pypackages__", "__pycache__",
      "site-packages", "vendor",      ".tox",        ".nox",         ".mypy_cache",
      ".pytest_cache", ".ruff_cache", ".cache",      ".gradle",      ".terraform",
      ".next",       ".nuxt",         ".svelte-kit", ".turbo",       "dist",
      "target",
  };
  return kSkipped.count(name) > 0;
}

Discovery discover(const std::vector<std::string>& paths, const std::string& stdin_name,
                   const DiscoverOptions& options) {
  Discovery out;
  std::vector<std::string> args = paths;
  if (args.empty()) args.emplace_back(find_repository_root("."));
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.inputs.push_back(Input{"-", stdin_name, false});
      continue;
    }
    struct stat st;
    if (::stat(arg.c_str(), &st) != 0) {
      out.diagnostics.push_back({true, fmt::format("cannot read '{}': {}", arg, std::strerror(errno))});
    } else if (S_ISDIR(st.st_mode)) {
      std::string prefix = args.size() > 1 ? display_prefix(arg) : "";
      Walker(arg, real_path(arg), prefix, options.gitignore, &out).walk(arg, "");
    } else if (S_ISREG(st.st_mode)) {
      // A named file's linted root is its own directory.
      size_t slash = arg.rfind('/');
      std::string dir = slash == std::string::npos ? "" : arg.substr(0, slash == 0 ? 1 : slash);
      std::string rel = slash == std::string::npos ? arg : arg.substr(slash + 1);
      out.inputs.push_back(Input{arg, arg, false, false, dir.empty() ? "." : dir, dir, rel});
      out.inputs.back().compose = is_compose_name(rel);
    } else if (S_ISFIFO(st.st_mode)) {
      // A FIFO named on the command line is read: that is how `<(...)` works.
      // Its text was generated, so no directory is its build context.
      out.inputs.push_back(Input{arg, arg, false});
    } else {
      out.diagnostics.push_back(
          {true, fmt::format("cannot read '{}': not a regular file or directory", arg)});
    }
  }

  std::stable_sort(out.inputs.begin(), out.inputs.end(),
                   [](const Input& a, const Input& b) { return a.display < b.display; });
  // The same file reached twice (`docker-doctor . Dockerfile`, or a link to
  // a file the walk also finds) is linted once, under its own name if a link
  // was one of the ways to it.
  std::map<std::string, size_t> seen;
  std::vector<Input> unique;
  for (Input& in : out.inputs) {
    std::string key = in.path == "-" ? "-" : real_path(in.path);
    if (key.empty()) key = in.path;
    auto [it, fresh] = seen.emplace(key, unique.size());
    if (fresh) {
      unique.push_back(std::move(in));
    } else if (unique[it->second].via_link && !in.via_link) {
      unique[it->second] = std::move(in);
    }
  }
  // Replacing a link by its target can move a name: restore the order.
  std::stable_sort(unique.begin(), unique.end(),
                   [](const Input& a, const Input& b) { return a.display < b.display; });
  out.inputs = std::move(unique);
  return out;
}

bool read_input(const Input& input, std::string* text, std::string* error) {
  text->clear();
  bool is_stdin = input.path == "-";
  std::string name = is_stdin ? std::string("standard input") : "'" + input.path + "'";
  int fd = 0;
  if (!is_stdin) {
    // O_NONBLOCK: if a walked file was swapped for a FIFO after the walk saw
    // it, open() must not wait for a writer. The fstat below then refuses it.
    int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (input.walked ? O_NONBLOCK : 0);
    fd = ::open(input.path.c_str(), flags);
    if (fd < 0) {
      *error = fmt::format("cannot read {}: {}", name, std::strerror(errno));
      return false;
    }
  }
  auto fail = [&](std::string message) {
    *error = fmt::format("cannot read {}: {}", name, message);
    if (!is_stdin) ::close(fd);
    return false;
  };
  struct stat st;
  if (::fstat(fd, &st) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail(std::strerror(EISDIR));
  if (input.walked && !S_ISREG(st.st_mode)) return fail("not a regular file");
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > kMaxInputBytes)
    return fail(fmt::format("larger than {} MiB", kMaxInputBytes >> 20));

  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(std::strerror(errno));
    }
    text->append(buf, static_cast<size_t>(n));
    if (text->size() > kMaxInputBytes)
      return fail(fmt::format("larger than {} MiB", kMaxInputBytes >> 20));
  }
  if (!is_stdin) ::close(fd);
  return true;
}

}  // namespace dd::cli
