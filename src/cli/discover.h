// Finding the Dockerfiles to lint from the paths on the command line, and
// reading them without ever blocking on a FIFO or leaving the linted tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd::cli {

// One file to lint.
struct Input {
  std::string path;     // where to read it; "-" is standard input
  std::string display;  // the name findings carry: relative to its root, '/' separators
  bool walked = false;  // found by walking a directory (not named by the user)
  bool via_link = false;  // reached through a symbolic link
  // Where the file sits in the tree being linted, for its build context:
  // the directory named on the command line (a named file's own directory),
  // how paths below it are shown ("" or the prefix without its '/'), and the
  // file's path below it. `root` is empty for standard input and named pipes,
  // which have no context.
  std::string root{};
  std::string root_display{};
  std::string rel{};
  // A compose file (compose.yaml, docker-compose.*.yml, ...) rather than a
  // Dockerfile.
  bool compose = false;
};

// Something to tell the user about a path: an error makes the run exit 2,
// a note (a skipped entry) does not.
struct Diagnostic {
  bool error = false;
  std::string message;
};

struct Discovery {
  std::vector<Input> inputs;  // sorted by display name, each real file once
  std::vector<Diagnostic> diagnostics;
};

struct DiscoverOptions {
  // Skip what Git ignores in a walk (.gitignore, .git/info/exclude);
  // `--no-gitignore` turns it off. Files named on the command line are
  // read whatever Git says.
  bool gitignore = true;
};

// `paths` as given on the command line ("-" for stdin, named `stdin_name`).
// Directories are walked; see docs/cli.md for what is linted and skipped.
// No path means the repository the current directory is in
// (find_repository_root), with names relative to its root.
Discovery discover(const std::vector<std::string>& paths, const std::string& stdin_name,
                   const DiscoverOptions& options = {});

// A name the walk lints as a compose file (see compose::is_compose_file_name).
bool is_compose_name(std::string_view name);

// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`,
// `Containerfile.*`; never a `*.dockerignore` (BuildKit's per-Dockerfile ignore file).
bool is_dockerfile_name(std::string_view name);

// Directories a walk never enters: VCS metadata, dependency trees, virtual
// environments, caches and build output.
bool is_skipped_directory(std::string_view name);

// Reads an input whole. Walked files are opened so that a FIFO or device put
// in place of a regular file is refused, not waited on. Files above
// `kMaxInputBytes` are refused. On failure returns false and sets *error to a
// message naming the file.
constexpr size_t kMaxInputBytes = 64u << 20;
bool read_input(const Input& input, std::string* text, std::string* error);

}  // namespace dd::cli
