// The workspace model of a build context; see workspace.h.
#include "manifest/workspace.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "knowledge/package_managers.h"
#include "model/image_files.h"

namespace dd::manifest {

namespace {

std::string dir_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

bool strictly_below(std::string_view dir, std::string_view root) {
  if (root.empty()) return !dir.empty();
  return dir.size() > root.size() && dir.substr(0, root.size()) == root && dir[root.size()] == '/';
}

std::string relative_to(std::string_view dir, std::string_view root) {
  if (root.empty()) return std::string(dir);
  return dir == root ? std::string() : std::string(dir.substr(root.size() + 1));
}

// The lockfiles that make a directory holding a manifest of `kind` a
// workspace root, from the package-manager knowledge. A file that is itself
// a manifest (pip-tools' requirements.txt) is no root lockfile.
std::vector<std::string> root_lockfile_names(Kind kind) {
  std::string manifest(kind == Kind::PnpmWorkspace ? "package.json" : kind_name(kind));
  std::vector<std::string> out;
  for (const PackageManager& pm : package_managers()) {
    if (std::find(pm.manifests.begin(), pm.manifests.end(), manifest) == pm.manifests.end())
      continue;
    for (const std::string& l : pm.lockfiles)
      if (!kind_of(l) && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

// The manifest kind a member directory must hold to be a package of a
// workspace declared by `kind`.
Kind member_kind(Kind kind) {
  return kind == Kind::PnpmWorkspace ? Kind::PackageJson : kind;
}

}  // namespace

std::optional<std::string> join_relative(std::string_view dir, std::string_view rel) {
  std::string joined = dir.empty() ? std::string(rel) : std::string(dir) + "/" + std::string(rel);
  std::string clean = clean_relative(joined);
  if (clean == ".." || clean.starts_with("../")) return std::nullopt;
  return clean;
}

bool member_matches(std::string_view pattern, std::string_view dir) {
  // Segment by segment; "**" matches any number of segments (pnpm, cargo
  // do not, npm does through its glob library).
  std::vector<std::string_view> p, d;
  auto split = [](std::string_view s, std::vector<std::string_view>& out) {
    size_t i = 0;
    while (i <= s.size()) {
      size_t slash = s.find('/', i);
      if (slash == std::string_view::npos) slash = s.size();
      if (slash > i) out.push_back(s.substr(i, slash - i));
      i = slash + 1;
    }
  };
  split(pattern, p);
  split(dir, d);
  // Iterative matching with one backtrack point for the last "**".
  size_t pi = 0, di = 0, star_p = SIZE_MAX, star_d = 0;
  while (di < d.size()) {
    if (pi < p.size() && p[pi] == "**") {
      star_p = pi++;
      star_d = di;
    } else if (pi < p.size() && path_match(p[pi], d[di])) {
      ++pi;
      ++di;
    } else if (star_p != SIZE_MAX) {
      pi = star_p + 1;
      di = ++star_d;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == "**") ++pi;
  return pi == p.size();
}

WorkspaceModel::WorkspaceModel(const std::vector<ModelInput>& manifests,
                               std::vector<std::string> lockfiles)
    : lockfiles_(std::move(lockfiles)) {
  files_.reserve(manifests.size());
  for (const ModelInput& in : manifests) {
    std::optional<Kind> kind = kind_of_path(in.path);
    if (!kind) continue;
    files_.push_back(ManifestFile{in.path, dir_of(in.path), parse(*kind, in.text)});
  }
  std::sort(files_.begin(), files_.end(),
            [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
  std::sort(lockfiles_.begin(), lockfiles_.end());
  std::set<std::string> lock_set(lockfiles_.begin(), lockfiles_.end());

  for (const ManifestFile& f : files_) {
    Kind kind = f.manifest.kind;
    if (kind != Kind::Pyproject && kind != Kind::PackageJson && kind != Kind::PnpmWorkspace &&
        kind != Kind::Cargo)
      continue;
    Workspace ws;
    ws.root = f.dir;
    ws.manifest = &f;
    for (const std::string& name : root_lockfile_names(kind)) {
      std::string path = f.dir.empty() ? name : f.dir + "/" + name;
      if (lock_set.count(path)) ws.lockfiles.push_back(path);
    }
    if (ws.lockfiles.empty()) continue;
    auto add = [&](const std::string& dir, Span by) {
      if (std::find(ws.members.begin(), ws.members.end(), dir) != ws.members.end()) return;
      ws.members.push_back(dir);
      ws.declared_by[dir] = by;
    };
    // Member globs against the directories that hold a package's manifest.
    Kind want = member_kind(kind);
    for (const ManifestFile& m : files_) {
      if (m.manifest.kind != want || !strictly_below(m.dir, f.dir)) continue;
      std::string rel = relative_to(m.dir, f.dir);
      const Member* hit = nullptr;
      for (const Member& pattern : f.manifest.members) {
        if (!member_matches(pattern.pattern, rel)) continue;
        hit = pattern.exclude ? nullptr : &pattern;  // the last match wins
      }
      if (hit) add(m.dir, hit->span);
    }
    // Local dependencies of the root that lie below it: the root's
    // lockfile pins their dependencies too (pdm's `-e file:///${PROJECT_ROOT}/...`).
    for (const ResolvedDep& d : local_deps(f))
      if (d.dir && strictly_below(*d.dir, f.dir)) add(*d.dir, d.dep->span);
    if (ws.members.empty() && !f.manifest.workspace_root) continue;
    workspaces_.push_back(std::move(ws));
  }
}

const ManifestFile* WorkspaceModel::file(std::string_view path) const {
  auto it = std::lower_bound(files_.begin(), files_.end(), path,
                             [](const ManifestFile& f, std::string_view p) { return f.path < p; });
  return it != files_.end() && it->path == path ? &*it : nullptr;
}

std::vector<ResolvedDep> WorkspaceModel::local_deps(const ManifestFile& f) const {
  std::vector<ResolvedDep> out;
  for (const LocalDep& d : f.manifest.deps) {
    ResolvedDep r;
    r.file = &f;
    r.dep = &d;
    if (d.form != DepForm::Workspace && !d.absolute && !d.from_cwd) {
      r.dir = join_relative(f.dir, d.path);
      r.outside = !r.dir.has_value();
    }
    out.push_back(std::move(r));
  }
  return out;
}

const Workspace* WorkspaceModel::governing(std::string_view dir) const {
  const Workspace* best = nullptr;
  for (const Workspace& ws : workspaces_) {
    if (!strictly_below(dir, ws.root)) continue;
    if (std::find(ws.members.begin(), ws.members.end(), dir) == ws.members.end()) continue;
    if (!best || ws.root.size() > best->root.size()) best = &ws;
  }
  return best;
}

}  // namespace dd::manifest
