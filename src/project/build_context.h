// Which directory a Dockerfile is built from, and which files that build
// context holds. A compose service names its context; a Dockerfile found on
// its own gets one inferred from what its COPY and ADD instructions read.
// The listing is the raw tree: .dockerignore is not applied here.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"

namespace dd {

// A path a Dockerfile reads from its build context: a COPY/ADD source
// (not --from, not a heredoc, not a URL) or a `RUN --mount=type=bind`
// source, expanded with the build arguments' defaults.
struct ContextSource {
  std::string path;  // relative, cleaned: "services/nlp/pyproject.toml"; "" is the context itself
  bool glob = false;  // holds *, ? or [ (matched segment by segment)
  bool dir = false;   // written with a trailing '/': must be a directory
};

// Every context source of `dockerfile` whose value the linter can know
// (one that depends on a build argument without a default is left out).
std::vector<ContextSource> context_sources(const Dockerfile& dockerfile);

// True when `source` exists below the directory `dir` on disk. A glob is
// matched one path segment at a time against directory listings, with a
// bound on the entries looked at. Never reads a file's contents.
bool source_exists(const std::string& dir, const ContextSource& source);

// The context directory of a Dockerfile in `dockerfile_dir` ('/'-separated,
// relative to `root`; "" is the root itself): its own directory, unless an
// ancestor up to `root` holds more of `sources`, and more than half of them;
// of such ancestors the one holding the most wins, a tie going to the
// nearest. So a Dockerfile with no sources, or whose sources all exist
// beside it, keeps its own directory. A bare name (`COPY pop /bin/`) that
// from an ancestor names a directory the Dockerfile sits in does not count
// there. Returns a path relative to root.
std::string infer_context_dir(const std::string& root, const std::string& dockerfile_dir,
                              const std::vector<ContextSource>& sources);

// The files of a context directory, as Docker would send them before
// .dockerignore: every non-directory entry (symbolic links included, never
// followed), relative and sorted.
struct ContextListing {
  std::vector<std::string> files;
  std::vector<unsigned long long> sizes;  // parallel to files: bytes (a link's own size)
  bool has_dockerignore = false;  // a `.dockerignore` at the context's top
  bool complete = true;           // false: the entry cap or an unreadable directory cut it short
  size_t entries = 0;             // directory entries looked at (files and directories)
  std::vector<std::string> notes;  // why the listing is incomplete
};

// A huge tree (a home directory, a data set) must not stall the run.
constexpr size_t kMaxContextEntries = 200'000;

ContextListing list_context(const std::string& dir, size_t max_entries = kMaxContextEntries);

// Where a Dockerfile found on disk lives.
struct DockerfileLocation {
  std::string root;          // the linted root on disk ("services", "/repo", ".")
  std::string root_display;  // how paths below it are shown: "" when bare, "services" with a prefix
  std::string rel;           // the Dockerfile's path below root, '/'-separated
};

// The build contexts of one run: each distinct directory is walked once,
// however many Dockerfiles share it.
class BuildContexts {
 public:
  explicit BuildContexts(size_t max_entries = kMaxContextEntries,
                         size_t run_budget = 5 * kMaxContextEntries);

  // The context of a Dockerfile whose context directory is known: `dir` on
  // disk, shown as `display`. Null when it cannot be listed completely (too
  // large, unreadable): rules then treat the context as unknown rather than
  // judge a partial listing.
  // `dockerfile` (on disk, shown as `dockerfile_display`) picks the ignore
  // file: its own `NAME.dockerignore` when it has one, else the context's
  // `.dockerignore`; without it only the latter is looked for.
  BuildContextInfo* at(const std::string& dir, const std::string& display,
                       const std::string& dockerfile = "",
                       const std::string& dockerfile_display = "");

  // The inferred context of the Dockerfile at `where` (see infer_context_dir).
  BuildContextInfo* infer(const DockerfileLocation& where, const Dockerfile& dockerfile);
  // The context the configuration's `policy.build-context` gives it:
  // "per-service" is the Dockerfile's own directory, "monorepo-root" the
  // linted root, anything else (the default, "auto") infer().
  BuildContextInfo* locate(const DockerfileLocation& where, const Dockerfile& dockerfile,
                           const std::string& policy);

  // Notes for the user (a context too large or unreadable), each once; the
  // call empties the list.
  std::vector<std::string> take_notes();

  size_t walks() const { return walks_; }  // directories listed so far
  // Supplies an ignore file's text instead of the disk (the language
  // server's unsaved buffers): true with *text set when it has `path`.
  using IgnoreReader = std::function<bool(const std::string& path, std::string* text)>;
  void set_ignore_reader(IgnoreReader reader) { ignore_reader_ = std::move(reader); }

 private:
  struct Entry {
    std::unique_ptr<BuildContextInfo> info;  // null when the listing was incomplete
    // The same listing under a Dockerfile-specific ignore file, by its real path.
    std::map<std::string, std::unique_ptr<BuildContextInfo>> specific;
    bool ignore_applied = false;  // `info` has the context's own .dockerignore applied
  };
  // Applies the ignore file at `path` (shown as `display`) to `info`.
  void apply_ignore(BuildContextInfo& info, const std::string& path, const std::string& display);
  size_t max_entries_;
  size_t run_budget_;
  size_t budget_left_;
  size_t walks_ = 0;
  std::map<std::string, Entry> by_real_path_;
  std::vector<std::string> notes_;
  IgnoreReader ignore_reader_;
};


}  // namespace dd
