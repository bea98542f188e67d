// The manifests of one build context, read and modelled on first use: the
// engine notes their paths while it lists the context (only file names
// matter there, so a 200,000-file context costs one name check per file),
// and reads and parses them only when a rule asks for the workspace model.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "manifest/workspace.h"

namespace dd {

class ContextManifests {
 public:
  // Manifests in directories no build installs from (installed packages,
  // virtual environments) are not the context's own.
  static bool wanted(std::string_view context_path);
  // Whether `context_path` names a manifest or a root lockfile.
  static bool is_manifest(std::string_view context_path);
  static bool is_lockfile(std::string_view context_path);

  // A context on disk: `dir`, with the manifest and lockfile paths picked
  // from its listing.
  ContextManifests(std::string dir, std::vector<std::string> manifests,
                   std::vector<std::string> lockfiles);
  // Picks them from a whole listing.
  static std::shared_ptr<ContextManifests> from_listing(std::string dir,
                                                        const std::vector<std::string>& files);
  // A context held in memory (tests, editor buffers): path -> text.
  static std::shared_ptr<ContextManifests> from_texts(
      const std::map<std::string, std::string>& manifests, std::vector<std::string> lockfiles);

  // Reads and parses on the first call. A context with more than
  // kMaxManifests manifests is modelled from the first ones (sorted by
  // path), with a note.
  const manifest::WorkspaceModel& model() const;

  static constexpr size_t kMaxManifests = 2000;

 private:
  std::string dir_;
  std::vector<std::string> manifests_, lockfiles_;
  std::map<std::string, std::string> texts_;  // in-memory contexts
  bool in_memory_ = false;
  void build_model() const;
  mutable std::once_flag built_;
  mutable std::unique_ptr<manifest::WorkspaceModel> model_;
};

}  // namespace dd
