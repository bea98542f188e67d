// Reading a build context's manifests for the workspace model; see
// context_manifests.h.
#include "project/context_manifests.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "knowledge/package_managers.h"

namespace dd {

namespace {

std::string_view base_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

const std::set<std::string, std::less<>>& lockfile_names() {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> s;
    for (const PackageManager& pm : package_managers())
      for (const std::string& l : pm.lockfiles)
        if (!manifest::kind_of(l)) s.insert(l);
    return s;
  }();
  return names;
}

// Reads at most kMaxManifestBytes + 1 bytes: the parser refuses larger files
// anyway, and a FIFO or a huge file must not stall the run.
std::string read_bounded(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string s(manifest::kMaxManifestBytes + 1, '\0');
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

}  // namespace

bool ContextManifests::wanted(std::string_view path) {
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) break;  // the last segment is the file
    std::string_view seg = path.substr(i, slash - i);
    if (seg == "node_modules" || seg == ".git" || seg == ".venv" || seg == "venv" ||
        seg == "__pypackages__" || seg == "site-packages" || seg == ".tox" || seg == "vendor" ||
        seg == "target")
      return false;
    i = slash + 1;
  }
  return true;
}

bool ContextManifests::is_manifest(std::string_view path) {
  return manifest::kind_of_path(path).has_value() && wanted(path);
}

bool ContextManifests::is_lockfile(std::string_view path) {
  return lockfile_names().count(base_of(path)) > 0 && wanted(path);
}

ContextManifests::ContextManifests(std::string dir, std::vector<std::string> manifests,
                                   std::vector<std::string> lockfiles)
    : dir_(std::move(dir)), manifests_(std::move(manifests)), lockfiles_(std::move(lockfiles)) {}

std::shared_ptr<ContextManifests> ContextManifests::from_listing(
    std::string dir, const std::vector<std::string>& files) {
  std::vector<std::string> manifests, locks;
  for (const std::string& f : files) {
    if (is_manifest(f))
      manifests.push_back(f);
    else if (is_lockfile(f))
      locks.push_back(f);
  }
  return std::make_shared<ContextManifests>(std::move(dir), std::move(manifests), std::move(locks));
}

std::shared_ptr<ContextManifests> ContextManifests::from_texts(
    const std::map<std::string, std::string>& manifests, std::vector<std::string> lockfiles) {
  std::vector<std::string> paths;
  paths.reserve(manifests.size());
  for (const auto& [p, _] : manifests) paths.push_back(p);
  auto out = std::make_shared<ContextManifests>("", std::move(paths), std::move(lockfiles));
  out->texts_ = manifests;
  out->in_memory_ = true;
  return out;
}

const manifest::WorkspaceModel& ContextManifests::model() const {
  // Dockerfiles built from one context share it, and `--jobs` checks them
  // on several threads at once: the first caller builds, the rest wait.
  std::call_once(built_, [this] { build_model(); });
  return *model_;
}

void ContextManifests::build_model() const {
  std::vector<std::string> paths = manifests_;
  std::sort(paths.begin(), paths.end());
  bool cut = paths.size() > kMaxManifests;
  if (cut) paths.resize(kMaxManifests);
  std::vector<manifest::ModelInput> inputs;
  inputs.reserve(paths.size());
  for (const std::string& p : paths) {
    if (in_memory_) {
      auto it = texts_.find(p);
      inputs.push_back({p, it == texts_.end() ? std::string() : it->second});
    } else {
      inputs.push_back({p, read_bounded(dir_.empty() ? p : dir_ + "/" + p)});
    }
  }
  model_ = std::make_unique<manifest::WorkspaceModel>(inputs, lockfiles_);
  if (cut)
    model_->notes.push_back("more than " + std::to_string(kMaxManifests) +
                            " manifests; the workspace model holds the first of them");
}

}  // namespace dd
