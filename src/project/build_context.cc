// Build contexts: inference from COPY/ADD sources and the raw listing; see
// build_context.h.
#include "project/build_context.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/paths.h"
#include "dockerfile/scope.h"
#include "ignore/ignore_file.h"
#include "model/image_files.h"
#include "project/context_manifests.h"

namespace dd {

namespace {

std::string join(const std::string& dir, const std::string& rel) {
  if (rel.empty()) return dir;
  if (dir.empty()) return rel;
  return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

std::string parent_of(const std::string& rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string::npos ? std::string() : rel.substr(0, slash);
}


bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// A glob like `*/*/*` over a wide tree could look at every directory in it;
// inference only needs to know whether something matches.
constexpr size_t kGlobEntryBudget = 20'000;

bool glob_exists(const std::string& dir, const std::vector<std::string>& segs, size_t i, bool want_dir,
                 size_t* budget) {
  if (i == segs.size()) {
    struct stat st;
    if (!want_dir) return ::lstat(dir.c_str(), &st) == 0;
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }
  if (!has_glob(segs[i])) return glob_exists(join(dir, segs[i]), segs, i + 1, want_dir, budget);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return false;
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    if (*budget == 0) break;
    --*budget;
    if (path_match(segs[i], name)) names.emplace_back(name);
  }
  ::closedir(d);
  for (const std::string& name : names)
    if (glob_exists(join(dir, name), segs, i + 1, want_dir, budget)) return true;
  return false;
}

}  // namespace

std::vector<ContextSource> context_sources(const Dockerfile& df) {
  DockerfileScopes scopes = compute_scopes(df);
  ImageFiles files = compute_image_files(df, scopes);
  std::vector<ContextSource> out;
  std::set<std::string> seen;
  auto add = [&](ContextSource s) {
    if (seen.insert(s.path + (s.dir ? "/" : "")).second) out.push_back(std::move(s));
  };
  for (const CopyOp& op : files.ops) {
    if (!op.from_context()) continue;
    for (const CopySource& s : op.sources)
      if (s.known && !s.remote) add({s.path, s.glob, s.dir_hint && !s.path.empty()});
  }
  // RUN --mount=type=bind without from= binds a path of the build context.
  for (const Stage& stage : df.stages) {
    for (size_t idx : stage.body) {
      if (idx >= df.instructions.size()) continue;
      const Instruction& in = df.instructions[idx];
      if (in.kind != Keyword::Run) continue;
      for (const Flag& f : in.flags) {
        if (f.name != "mount") continue;
        std::optional<std::string_view> type = f.option("type");
        if ((type && *type != "bind") || f.option("from")) continue;
        std::optional<std::string_view> src = f.option("source");
        if (!src) src = f.option("src");
        if (!src) continue;  // the context's root: exists wherever the context is
        std::optional<std::string> value = scopes.expand_at(idx, *src, df.escape);
        if (!value) continue;
        add({resolve_path("/", *value).substr(1), false, false});
      }
    }
  }
  return out;
}

bool source_exists(const std::string& dir, const ContextSource& source) {
  size_t budget = kGlobEntryBudget;
  return glob_exists(dir, segments(source.path), 0, source.dir, &budget);
}

std::string infer_context_dir(const std::string& root, const std::string& dockerfile_dir,
                              const std::vector<ContextSource>& sources) {
  // `COPY pop /usr/local/bin/pop` in pop/Dockerfile names a file built next
  // to the Dockerfile; that the repository root has a directory `pop` (the
  // Dockerfile's own) says nothing about the context. A bare name that
  // resolves, from an ancestor, to a directory the Dockerfile sits in does
  // not vote there; `COPY services/api/ ./` or `COPY api/ api/` does.
  auto holds_dockerfile = [&](const std::string& rel) {
    return rel == dockerfile_dir || dockerfile_dir.starts_with(rel + "/");
  };
  auto score = [&](const std::string& rel) {
    std::string dir = join(root, rel);
    size_t n = 0;
    for (const ContextSource& s : sources) {
      if (rel != dockerfile_dir && !s.dir && !s.glob && !s.path.empty() &&
          s.path.find('/') == std::string::npos && holds_dockerfile(join(rel, s.path)))
        continue;
      n += source_exists(dir, s) ? 1 : 0;
    }
    return n;
  };
  size_t own = score(dockerfile_dir);
  if (own == sources.size()) return dockerfile_dir;  // everything is beside the Dockerfile
  // An ancestor must hold most of the sources ("mostly do not exist beside
  // it, but do up there"), more than the Dockerfile's own directory, and more
  // than any nearer ancestor: a stray match far up is not a context.
  std::string best = dockerfile_dir;
  size_t best_score = own;
  std::string rel = dockerfile_dir;
  while (!rel.empty()) {
    rel = parent_of(rel);
    size_t s = score(rel);
    if (s > best_score && 2 * s > sources.size()) {
      best = rel;
      best_score = s;
      if (s == sources.size()) break;
    }
  }
  return best;
}

ContextListing list_context(const std::string& dir, size_t max_entries) {
  ContextListing out;
  std::vector<std::pair<std::string, unsigned long long>> listed;  // file, size
  std::vector<std::string> pending = {""};  // directories to read, relative to dir
  while (!pending.empty() && out.complete) {
    std::string rel = std::move(pending.back());
    pending.pop_back();
    std::string path = join(dir, rel);
    DIR* d = ::opendir(path.c_str());
    if (!d) {
      if (rel.empty()) {
        out.complete = false;
        out.notes.push_back(fmt::format("cannot read directory '{}': {}", path, std::strerror(errno)));
      } else {
        // Docker would fail on it unless .dockerignore excludes it, which it
        // usually does (a database volume owned by another user): list the rest.
        out.notes.push_back(
            fmt::format("skipping directory '{}': {} (its files are not listed)", path, std::strerror(errno)));
      }
      continue;
    }
    while (dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      if (out.entries >= max_entries) {
        out.complete = false;
        out.notes.push_back(fmt::format("more than {} entries", max_entries));
        break;
      }
      ++out.entries;
      bool is_dir = e->d_type == DT_DIR;
      if (e->d_type == DT_UNKNOWN) {
        struct stat st;
        if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone
        is_dir = S_ISDIR(st.st_mode);
      }
      std::string child = rel.empty() ? std::string(name) : rel + "/" + std::string(name);
      if (is_dir) {
        pending.push_back(std::move(child));
      } else {
        if (rel.empty() && name == ".dockerignore") out.has_dockerignore = true;
        // What would be sent is counted in bytes (DD401): one lstat per file.
        struct stat st;
        unsigned long long size =
            ::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_size : 0;
        listed.emplace_back(std::move(child), size);
      }
    }
    ::closedir(d);
  }
  std::sort(listed.begin(), listed.end());
  out.files.reserve(listed.size());
  out.sizes.reserve(listed.size());
  for (auto& [file, size] : listed) {
    out.files.push_back(std::move(file));
    out.sizes.push_back(size);
  }
  return out;
}

BuildContexts::BuildContexts(size_t max_entries, size_t run_budget)
    : max_entries_(max_entries), run_budget_(run_budget), budget_left_(run_budget) {}

namespace {

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// A .dockerignore larger than this is no hand-kept list: leave it unread.
constexpr size_t kMaxIgnoreBytes = 16 << 20;

// The file's text, or why it could not be read.
bool read_small_file(const std::string& path, std::string* out, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > kMaxIgnoreBytes) {
      *error = "larger than 16 MiB";
      break;
    }
  }
  if (n < 0) *error = std::strerror(errno);
  ::close(fd);
  return error->empty();
}

}  // namespace

void BuildContexts::apply_ignore(BuildContextInfo& info, const std::string& path,
                                 const std::string& display) {
  info.decided_by.assign(info.files.size(), -1);
  info.ignore_patterns.clear();
  info.ignore_file.clear();
  if (!path.empty()) {
    std::string text, error;
    bool from_reader = ignore_reader_ && ignore_reader_(path, &text);
    if (!from_reader && !read_small_file(path, &text, &error)) {
      notes_.push_back(
          fmt::format("{}: cannot read it ({}); its patterns are not applied", display, error));
    } else {
      info.ignore_file = display;
      ignore::IgnoreFile parsed = ignore::parse_ignore_file(text);
      ignore::Matcher matcher = ignore::compile_ignore_file(parsed);
      // Docker refuses the whole file; the linter reports the line and
      // judges the context with the patterns that remain.
      for (const ignore::IgnoreError& e : parsed.errors)
        notes_.push_back(fmt::format("{}:{}:{}: {} (Docker fails the build on it)", display,
                                     e.span.start.line, e.span.start.column, e.message));
      for (ignore::IgnorePattern& p : parsed.patterns)
        info.ignore_patterns.push_back(
            {std::move(p.written), std::move(p.cleaned), p.exception, p.span});
      // A directory's verdict (its own match or a parent's) is shared by
      // everything below it: each directory is matched once.
      std::unordered_map<std::string, long> dir_verdict;
      auto verdict = [&](auto& self, std::string_view d) -> long {
        auto it = dir_verdict.find(std::string(d));
        if (it != dir_verdict.end()) return it->second;
        long v = matcher.last_match(d);
        size_t slash = d.rfind('/');
        if (slash != std::string_view::npos) v = std::max(v, self(self, d.substr(0, slash)));
        dir_verdict.emplace(std::string(d), v);
        return v;
      };
      if (matcher.size() > 0) {
        for (size_t i = 0; i < info.files.size(); ++i) {
          std::string_view f = info.files[i];
          long v = matcher.last_match(f);
          size_t slash = f.rfind('/');
          if (slash != std::string_view::npos)
            v = std::max(v, verdict(verdict, f.substr(0, slash)));
          info.decided_by[i] = static_cast<int>(v);
        }
      }
    }
  }
  info.sent_files = 0;
  info.sent_bytes = 0;
  for (size_t i = 0; i < info.files.size(); ++i) {
    if (info.excluded(i)) continue;
    ++info.sent_files;
    info.sent_bytes += i < info.sizes.size() ? info.sizes[i] : 0;
  }
}

BuildContextInfo* BuildContexts::at(const std::string& dir, const std::string& display,
                                    const std::string& dockerfile,
                                    const std::string& dockerfile_display) {
  std::string real = real_path(dir);
  if (real.empty()) {
    int error = errno;
    notes_.push_back(
        fmt::format("build context '{}': cannot resolve '{}': {}", display, dir, std::strerror(error)));
    return nullptr;
  }
  auto [it, fresh] = by_real_path_.try_emplace(real);
  Entry& entry = it->second;
  if (fresh) {
    size_t cap = std::min(max_entries_, budget_left_);
    // Several huge contexts in one run share one budget, so that many
    // Dockerfiles in many nested directories cannot multiply the walk.
    bool budget_bound = cap < max_entries_;
    ContextListing listing;
    if (cap > 0) {
      ++walks_;
      listing = list_context(dir, cap);
      budget_left_ -= std::min(budget_left_, listing.entries);
    } else {
      listing.complete = false;
    }
    for (const std::string& note : listing.notes)
      notes_.push_back(fmt::format("build context '{}': {}", display, note));
    if (!listing.complete)
      notes_.push_back(fmt::format(
          "build context '{}' is not listed{}; rules that need its files skip it", display,
          budget_bound ? fmt::format(": this run has already listed its budget of {} entries", run_budget_)
                       : ""));
    if (listing.complete) {
      entry.info = std::make_unique<BuildContextInfo>();
      entry.info->files = std::move(listing.files);
      entry.info->sizes = std::move(listing.sizes);
      entry.info->has_dockerignore = listing.has_dockerignore;
      entry.info->manifests = ContextManifests::from_listing(dir, entry.info->files);
    }
  }
  if (!entry.info) return nullptr;
  BuildContextInfo* info = entry.info.get();
  // BuildKit prefers the Dockerfile's own ignore file, `NAME.dockerignore`
  // beside it, to the context's `.dockerignore`. Rare: that variant copies
  // the listing (not the walk) and is kept per ignore file.
  std::string own = dockerfile.empty() ? std::string() : dockerfile + ".dockerignore";
  if (!own.empty() && is_regular_file(own)) {
    std::string key = real_path(own);
    auto [it, fresh_variant] = entry.specific.try_emplace(key);
    if (fresh_variant) {
      it->second = std::make_unique<BuildContextInfo>();
      it->second->files = info->files;
      it->second->sizes = info->sizes;
      it->second->has_dockerignore = info->has_dockerignore;
      apply_ignore(
          *it->second, own,
          (dockerfile_display.empty() ? dockerfile : dockerfile_display) + ".dockerignore");
    }
    info = it->second.get();
  } else if (!entry.ignore_applied) {
    // Only now: a context's .dockerignore that every Dockerfile overrides
    // with its own is never read, by Docker or here (its errors would be noise).
    entry.ignore_applied = true;
    std::string ignore_path = join(dir, ".dockerignore");
    std::string unsaved;  // an ignore file the reader has but the disk may not yet
    if (!info->has_dockerignore && !(ignore_reader_ && ignore_reader_(ignore_path, &unsaved)))
      ignore_path.clear();
    apply_ignore(*info, ignore_path,
                 display == "." ? ".dockerignore" : join(display, ".dockerignore"));
  }
  info->dir = display;  // the same directory may be reached from two roots
  return info;
}

BuildContextInfo* BuildContexts::infer(const DockerfileLocation& where, const Dockerfile& dockerfile) {
  std::string rel = infer_context_dir(where.root, parent_of(where.rel), context_sources(dockerfile));
  std::string display = join(where.root_display, rel);
  return at(join(where.root, rel), display.empty() ? "." : display, join(where.root, where.rel),
            join(where.root_display, where.rel));
}

BuildContextInfo* BuildContexts::locate(const DockerfileLocation& where, const Dockerfile& dockerfile,
                                         const std::string& policy) {
  if (policy != "per-service" && policy != "monorepo-root") return infer(where, dockerfile);
  std::string rel = policy == "per-service" ? parent_of(where.rel) : "";
  std::string display = join(where.root_display, rel);
  return at(join(where.root, rel), display.empty() ? "." : display);
}

std::vector<std::string> BuildContexts::take_notes() { return std::exchange(notes_, {}); }

}  // namespace dd
