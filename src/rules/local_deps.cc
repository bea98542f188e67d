// Install projects and context directories in the image (see local_deps.h).
#include "rules/local_deps.h"

#include <algorithm>

#include "dockerfile/scope.h"
#include "model/image_files.h"

namespace dd::rules {

bool runs_an_install(CheckContext& ctx) {
  for (const ShellRun& run : ctx.shell().runs)
    for (const PmCommand& pc : ctx.pm_commands(run))
      if (pc.classification.action == PmAction::InstallFrozen ||
          pc.classification.action == PmAction::InstallUnfrozen)
        return true;
  return false;
}

std::optional<InstallProject> install_project(FileFinder& finder,
                                              const manifest::WorkspaceModel& model,
                                              const ShellRun& run, const Command& command,
                                              const PmClassification& c) {
  if (!c.manager || !c.manager->project || !c.project_dir) return std::nullopt;
  if (c.action != PmAction::InstallFrozen && c.action != PmAction::InstallUnfrozen)
    return std::nullopt;
  if (c.decisive.source == PmReason::Source::Package)
    return std::nullopt;  // installs named packages
  const PackageManager& pm = *c.manager;
  if (installs_globally(command, pm) || may_hide_flags(c) || project_override(run, command, pm))
    return std::nullopt;
  const std::vector<ImageFile>& markers = finder.in_image(run, pm.project->markers);
  InstallProject out;
  out.search = search_project(*pm.project, *c.project_dir, markers);
  if (!out.search.root || !out.search.marker || !out.search.marker->context_path)
    return std::nullopt;
  out.file = model.file(*out.search.marker->context_path);
  if (!out.file) return std::nullopt;
  return out;
}

std::string relative_path(std::string_view from, std::string_view to) {
  auto segs = [](std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
      size_t slash = s.find('/', i);
      if (slash == std::string_view::npos) slash = s.size();
      if (slash > i) out.push_back(s.substr(i, slash - i));
      i = slash + 1;
    }
    return out;
  };
  std::vector<std::string_view> a = segs(from), b = segs(to);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i) out += out.empty() ? ".." : "/..";
  for (size_t i = common; i < b.size(); ++i) {
    if (!out.empty()) out += '/';
    out += b[i];
  }
  return out;
}

std::string image_dir_of(std::string_view image_root, std::string_view project_dir,
                         std::string_view dir) {
  std::string rel = relative_path(project_dir, dir);
  return rel.empty() ? std::string(image_root) : resolve_path(image_root, rel);
}

Presence dir_in_image(CheckContext& ctx, const ShellRun& run, std::string_view dir,
                      std::string_view image_dir) {
  const std::vector<std::string>* files = ctx.context_files();
  if (!files || run.stage == SIZE_MAX) return Presence::Unknown;
  // The context's files below `dir` (the listing is sorted): a bounded
  // sample is enough, one landing inside `image_dir` settles it.
  std::string prefix = dir.empty() ? std::string() : std::string(dir) + "/";
  std::vector<std::string_view> below;
  for (auto it = std::lower_bound(files->begin(), files->end(), prefix);
       it != files->end() && it->starts_with(prefix) && below.size() < 256; ++it)
    below.push_back(*it);
  if (below.empty()) return Presence::Absent;
  for (const CopyOp* op :
       ctx.image_files().ops_before(ctx.scopes(), run.stage, run.instruction_index)) {
    if (!op->from_context() || op->heredoc || !op->dest) continue;
    for (std::string_view f : below) {
      std::optional<Landing> l = landing_of(*op, f);
      if (l && is_within(l->image_path, image_dir)) return Presence::Present;
    }
  }
  return may_hold_unseen_files(ctx, run, image_dir) ? Presence::Unknown : Presence::Absent;
}

std::string manifest_place(const CheckContext& ctx, const manifest::ManifestFile& file,
                           const Span& span) {
  std::string path = file.path;
  if (ctx.file() && ctx.file()->context && ctx.file()->context->dir != "." &&
      !ctx.file()->context->dir.empty())
    path = ctx.file()->context->dir + "/" + path;
  return path + ":" + std::to_string(span.start.line);
}

}  // namespace dd::rules
