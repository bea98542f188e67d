// DD106 install-outside-workspace-root (rules/DD106.md): a package that a
// root lockfile governs is installed on its own, from its own directory.
#include <algorithm>
#include <string>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/local_deps.h"
#include "rules/lockfiles.h"

namespace dd {

void check_dd106(CheckContext& ctx) {
  if (!ctx.context_files() || !rules::runs_an_install(ctx)) return;
  const manifest::WorkspaceModel* model = ctx.workspace();
  if (!model) return;
  rules::FileFinder finder(ctx);
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.onbuild) continue;
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      std::optional<rules::InstallProject> project =
          rules::install_project(finder, *model, run, *pc.command, c);
      if (!project) continue;
      const PackageManager& pm = *c.manager;
      const manifest::ManifestFile& mf = *project->file;
      const manifest::Workspace* ws = model->governing(mf.dir);
      if (!ws) continue;
      // The root lockfile this manager would read there.
      const std::string* root_lock = nullptr;
      for (const std::string& l : ws->lockfiles)
        if (std::find(pm.lockfiles.begin(), pm.lockfiles.end(), rules::base_of(l)) !=
            pm.lockfiles.end())
          root_lock = &l;
      if (!root_lock) continue;
      // The root lockfile is in the image: whether this install reaches it
      // is DD104's question (install-outside-lockfile-dir), not this one's.
      bool root_lock_copied = false;
      std::optional<std::string> own_lock;
      for (const rules::ImageFile& l : finder.in_image(run, pm.lockfiles)) {
        if (l.context_path && *l.context_path == *root_lock) root_lock_copied = true;
        if (l.dir == *project->search.root) own_lock = l.path;
      }
      if (root_lock_copied) continue;
      if (std::optional<std::string> named = rules::lockfile_override(run, *pc.command, pm))
        own_lock = *named;

      std::string head = "`" + rules::command_head_text(*pc.command, c) + "`";
      auto by = ws->declared_by.find(mf.dir);
      std::string declared =
          by == ws->declared_by.end()
              ? ""
              : " (" + rules::manifest_place(ctx, *ws->manifest, by->second) + ")";
      std::string root_display = ws->root.empty() ? "the build context's root" : ws->root;
      ctx.report(rules::command_head(*pc.command, c),
                 head + " installs " + (mf.dir.empty() ? std::string(".") : mf.dir) +
                     " on its own, from " + *project->search.root + ", " +
                     (own_lock ? "with its own lockfile " + *own_lock
                               : std::string("without a lockfile")) +
                     ", but " + mf.dir + " is a member of the workspace at " + root_display +
                     declared + ", whose lockfile " + *root_lock +
                     " pins its dependencies: the image gets versions that lockfile never "
                     "recorded, and each "
                     "service resolves them differently; copy the root manifest and " +
                     rules::base_of(*root_lock) + " and install from the workspace root");
    }
  }
}

}  // namespace dd
