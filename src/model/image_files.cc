// The COPY/ADD model of image_files.h: where each source lands, per stage.
#include "model/image_files.h"

#include <algorithm>

namespace dd {

namespace {

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool is_remote(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") ||
         s.starts_with("git://");
}

std::string_view basename_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

size_t segment_count(std::string_view path) {
  return path.empty() ? 0 : static_cast<size_t>(std::count(path.begin(), path.end(), '/')) + 1;
}

// The first `n` '/'-separated segments of `path`.
std::string_view first_segments(std::string_view path, size_t n) {
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) return path;
    if (i + 1 == n) return path.substr(0, slash);
    pos = slash + 1;
  }
  return path.substr(0, 0);
}

// A source as a path relative to its root: "./a/b/" -> "a/b", "." -> "".
std::string clean_source(std::string_view s) { return resolve_path("/", s).substr(1); }

bool excluded(const CopyOp& op, std::string_view path) {
  for (const std::string& pattern : op.excludes) {
    std::string p = clean_source(pattern);
    size_t k = segment_count(p);
    if (k == 0) continue;
    if (segment_count(path) >= k && path_match(p, first_segments(path, k))) return true;
  }
  return false;
}

}  // namespace

// Matches one segment-aware pattern. Iterative with one backtrack point per
// '*', like the classic linear wildcard matcher; '*' stops at '/'.
bool path_match(std::string_view pattern, std::string_view path) {
  size_t p = 0, s = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  auto match_class = [&](size_t& pi, char c) -> std::optional<bool> {
    // pattern[pi] == '['; on success pi moves past ']'.
    size_t i = pi + 1;
    bool negate = i < pattern.size() && (pattern[i] == '^' || pattern[i] == '!');
    if (negate) ++i;
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
      first = false;
      char lo = pattern[i];
      if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
      char hi = lo;
      if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
        hi = pattern[i + 2];
        if (hi == '\\' && i + 3 < pattern.size()) hi = pattern[++i + 2];
        i += 2;
      }
      if (lo <= c && c <= hi) matched = true;
      ++i;
    }
    if (i >= pattern.size()) return std::nullopt;  // no closing ']': a malformed pattern
    pi = i + 1;
    return matched != negate;
  };
  while (s < path.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        star_p = p++;
        star_s = s;
        continue;
      }
      if (pc == '?' && path[s] != '/') {
        ++p;
        ++s;
        continue;
      }
      if (pc == '[' && path[s] != '/') {
        size_t np = p;
        std::optional<bool> m = match_class(np, path[s]);
        if (!m) return false;
        if (*m) {
          p = np;
          ++s;
          continue;
        }
      } else if (pc == '\\' && p + 1 < pattern.size()) {
        if (pattern[p + 1] == path[s]) {
          p += 2;
          ++s;
          continue;
        }
      } else if (pc != '?' && pc != '[' && pc == path[s]) {
        ++p;
        ++s;
        continue;
      }
    }
    // Mismatch: let the last '*' swallow one more byte, unless that is a '/'.
    if (star_p != std::string_view::npos && path[star_s] != '/') {
      p = star_p + 1;
      s = ++star_s;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<const CopyOp*> ImageFiles::ops_before(const DockerfileScopes& scopes, size_t stage,
                                                  size_t before) const {
  std::vector<size_t> chain = scopes.ancestors(stage);
  std::reverse(chain.begin(), chain.end());
  chain.push_back(stage);
  std::vector<const CopyOp*> out;
  for (size_t s : chain)
    for (const CopyOp& op : ops)
      if (op.stage == s && (s != stage || op.instruction < before)) out.push_back(&op);
  return out;
}

ImageFiles compute_image_files(const Dockerfile& df, const DockerfileScopes& scopes) {
  ImageFiles files;
  for (const Stage& stage : df.stages) {
    // Directories known to exist in the stage: a COPY to one of them without
    // a trailing '/' still lands inside it.
    std::vector<std::string> known_dirs = {"/"};
    for (size_t idx : stage.body) {
      if (idx >= df.instructions.size()) continue;
      const Instruction& in = df.instructions[idx];
      const InstructionScope& sc = scopes.instructions[idx];
      if (sc.workdir) known_dirs.push_back(*sc.workdir);
      if (in.kind != Keyword::Copy && in.kind != Keyword::Add) continue;
      if (in.args.empty()) continue;
      CopyOp op;
      op.instruction = idx;
      op.stage = stage.index;
      op.add = in.kind == Keyword::Add;
      op.heredoc = !in.heredocs.empty();
      for (const Flag& f : in.flags) {
        if (f.name == "from" && f.value) {
          op.from = scopes.expand_at(idx, *f.value, df.escape).value_or(*f.value);
          const Stage* src = df.stage_ref(*op.from);
          if (src && src->index < stage.index) op.from_stage = src->index;
        } else if (f.name == "exclude" && f.value) {
          op.excludes.push_back(*f.value);
        } else if (f.name == "parents") {
          op.parents = !f.value || *f.value == "true";
        }
      }
      const Word& dest = in.args.back();
      op.dest_span = dest.span;
      std::optional<std::string> d = scopes.expand_at(idx, dest.text, df.escape);
      if (d && !d->empty()) {
        bool trailing = d->back() == '/' || *d == "." || *d == ".." || d->ends_with("/.");
        if ((*d)[0] == '/')
          op.dest = resolve_path("/", *d);
        else if (sc.workdir)
          op.dest = resolve_path(*sc.workdir, *d);
        op.dest_is_dir = trailing || in.args.size() > 2 ||
                         (op.dest && std::find(known_dirs.begin(), known_dirs.end(), *op.dest) != known_dirs.end());
      }
      for (size_t i = 0; i + 1 < in.args.size(); ++i) {
        const Word& w = in.args[i];
        // A heredoc operand (`<<EOF`) is inline content, not a source path.
        if (op.heredoc && w.text.starts_with("<<")) continue;
        CopySource src;
        src.written = w.text;
        src.span = w.span;
        std::optional<std::string> e = scopes.expand_at(idx, w.text, df.escape);
        src.known = e.has_value();
        std::string value = e.value_or(w.text);
        src.remote = op.add && is_remote(value);
        src.glob = has_glob(value);
        src.dir_hint = value == "." || value == "/" || value.ends_with('/') || value.ends_with("/.");
        src.path = src.remote ? value : clean_source(value);
        if (src.glob) op.dest_is_dir = true;
        op.sources.push_back(std::move(src));
      }
      if (op.dest && op.dest_is_dir) known_dirs.push_back(*op.dest);
      files.ops.push_back(std::move(op));
    }
  }
  std::stable_sort(files.ops.begin(), files.ops.end(),
                   [](const CopyOp& a, const CopyOp& b) { return a.instruction < b.instruction; });
  return files;
}

std::optional<std::string> landing_of(const CopyOp& op, const CopySource& source,
                                      std::string_view path) {
  if (!op.dest || !source.known || source.remote || op.heredoc) return std::nullopt;
  if (excluded(op, path)) return std::nullopt;
  const std::string& dest = *op.dest;
  if (op.parents) {
    // --parents keeps the source's directories under the destination.
    bool covered = source.path.empty() || path == source.path || path.starts_with(source.path + "/") ||
                   (source.glob && segment_count(path) >= segment_count(source.path) &&
                    path_match(source.path, first_segments(path, segment_count(source.path))));
    if (!covered) return std::nullopt;
    return resolve_path(dest, path);
  }
  if (source.path.empty()) return resolve_path(dest, path);  // "." copies the root's contents
  if (source.glob) {
    size_t k = segment_count(source.path);
    size_t n = segment_count(path);
    if (n < k || !path_match(source.path, first_segments(path, k))) return std::nullopt;
    if (n == k) return resolve_path(dest, basename_of(path));
    // A directory matched by the pattern: its contents go into dest.
    return resolve_path(dest, path.substr(first_segments(path, k).size() + 1));
  }
  if (path == source.path)
    return op.dest_is_dir && !source.dir_hint ? resolve_path(dest, basename_of(path)) : dest;
  if (path.size() > source.path.size() && path.starts_with(source.path) && path[source.path.size()] == '/')
    return resolve_path(dest, path.substr(source.path.size() + 1));
  return std::nullopt;
}

std::optional<Landing> landing_of(const CopyOp& op, std::string_view path) {
  for (const CopySource& s : op.sources)
    if (std::optional<std::string> at = landing_of(op, s, path))
      return Landing{&op, &s, std::string(path), *at};
  return std::nullopt;
}

namespace {

void collect_landings(const ImageFiles& files, const DockerfileScopes& scopes, size_t stage, size_t before,
                      std::string_view basename, const std::vector<std::string>* context_files, int depth,
                      std::vector<Landing>& out) {
  if (depth > 16) return;  // COPY --from chains only point backwards; this bounds the walk anyway
  for (const CopyOp* op : files.ops_before(scopes, stage, before)) {
    if (op->from_context()) {
      if (context_files) {
        for (const std::string& f : *context_files)
          if (basename_of(f) == basename)
            if (std::optional<Landing> l = landing_of(*op, f)) out.push_back(*l);
      } else {
        for (const CopySource& s : op->sources)
          if (!s.glob && basename_of(s.path) == basename)
            if (std::optional<std::string> at = landing_of(*op, s, s.path))
              out.push_back(Landing{op, &s, s.path, *at});
      }
    } else if (op->from_stage) {
      std::vector<Landing> inner;
      collect_landings(files, scopes, *op->from_stage, SIZE_MAX, basename, context_files, depth + 1, inner);
      for (const Landing& l : inner)
        if (std::optional<Landing> moved = landing_of(*op, l.image_path.substr(1))) out.push_back(*moved);
    }
  }
}

}  // namespace

std::vector<Landing> find_landings(const ImageFiles& files, const DockerfileScopes& scopes, size_t stage,
                                   size_t before, std::string_view basename,
                                   const std::vector<std::string>* context_files) {
  std::vector<Landing> out;
  collect_landings(files, scopes, stage, before, basename, context_files, 0, out);
  return out;
}

}  // namespace dd
