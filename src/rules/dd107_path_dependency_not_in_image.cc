// DD107 path-dependency-not-in-image (rules/DD107.md): an install needs a
// local directory its manifest names, and the build never copies it there.
#include <algorithm>
#include <string>

#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "rules/check.h"
#include "rules/local_deps.h"
#include "rules/lockfiles.h"

namespace dd {

namespace {

std::string describe_dep(const manifest::LocalDep& dep) {
  std::string what =
      dep.name.empty() ? "`" + dep.written + "`" : dep.name + " (`" + dep.written + "`)";
  return what;
}

// The context directory a workspace dependency names: the member of the
// workspace that holds `file` whose package has that name.
std::optional<std::string> workspace_member(const manifest::WorkspaceModel& model,
                                            const manifest::ManifestFile& file,
                                            const std::string& name) {
  if (name.empty()) return std::nullopt;
  for (const manifest::Workspace& ws : model.workspaces()) {
    bool holds = ws.root == file.dir ||
                 std::find(ws.members.begin(), ws.members.end(), file.dir) != ws.members.end();
    if (!holds) continue;
    for (const std::string& m : ws.members)
      for (const manifest::ManifestFile& f : model.files())
        if (f.dir == m && f.manifest.name == name) return m;
  }
  return std::nullopt;
}

bool context_holds_dir(const std::vector<std::string>& files, const std::string& dir) {
  std::string prefix = dir.empty() ? std::string() : dir + "/";
  auto it = std::lower_bound(files.begin(), files.end(), prefix);
  return it != files.end() && it->starts_with(prefix);
}

// A requirements file the install reads (`pip install -r FILE`), as the
// context's manifest it was copied from, with the files it includes (`-r`,
// `-c`), which pip reads relative to the including file.
void requirements_closure(const manifest::WorkspaceModel& model, const manifest::ManifestFile& file,
                          std::vector<const manifest::ManifestFile*>& out) {
  if (out.size() >= 16 || std::find(out.begin(), out.end(), &file) != out.end()) return;
  out.push_back(&file);
  for (const std::string& inc : file.manifest.includes)
    if (std::optional<std::string> p = manifest::join_relative(file.dir, inc))
      if (const manifest::ManifestFile* f = model.file(*p)) requirements_closure(model, *f, out);
}

// pip has no project: the requirements file named on the command line is
// the manifest, and its paths are relative to where pip runs. Judged only
// when the file was copied into that directory, so that the working
// directory stands for the file's directory of the context.
void check_requirements(CheckContext& ctx, rules::FileFinder& finder,
                        const manifest::WorkspaceModel& model, const ShellRun& run,
                        const PmCommand& pc) {
  const PmClassification& c = pc.classification;
  if (c.condition != PmCondition::RequirementsPinned || !c.condition_word || !c.project_dir) return;
  if (c.action != PmAction::InstallFrozen && c.action != PmAction::InstallUnfrozen) return;
  const ShellWord& word = *c.condition_word;
  if (word.dynamic || word.value.empty()) return;
  std::string image_path = resolve_path(*c.project_dir, word.value);
  const rules::ImageFile* copied = nullptr;
  for (const rules::ImageFile& f : finder.in_image(run, {rules::base_of(image_path)}))
    if (f.path == image_path && f.context_path) copied = &f;
  if (!copied || copied->dir != *c.project_dir) return;
  const manifest::ManifestFile* top = model.file(*copied->context_path);
  if (!top) return;
  std::vector<const manifest::ManifestFile*> files;
  requirements_closure(model, *top, files);
  std::string head = "`" + rules::command_head_text(*pc.command, c) + "`";
  for (const manifest::ManifestFile* f : files) {
    for (const manifest::LocalDep& dep : f->manifest.deps) {
      if (dep.absolute) continue;
      std::string where = rules::manifest_place(ctx, *f, dep.span);
      std::string image_dir = resolve_path(*c.project_dir, dep.path.empty() ? "." : dep.path);
      std::optional<std::string> dir = manifest::join_relative(top->dir, dep.path);
      if (!dir) {
        ctx.report(rules::command_head(*pc.command, c),
                   head + " installs `" + dep.written + "`, declared at " + where + ", from " +
                       image_dir +
                       ", but that directory lies outside the build context: Docker cannot copy it "
                       "into the image");
        continue;
      }
      if (rules::dir_in_image(ctx, run, *dir, image_dir) != rules::Presence::Absent) continue;
      ctx.report(rules::command_head(*pc.command, c),
                 head + " installs `" + dep.written + "`, declared at " + where + ", from " +
                     image_dir +
                     ", but nothing is copied there before this RUN: the install fails; copy the "
                     "package first "
                     "(`COPY " +
                     *dir + "/ " + image_dir + "/`)");
    }
  }
}

}  // namespace

void check_dd107(CheckContext& ctx) {
  if (!ctx.context_files() || !rules::runs_an_install(ctx)) return;
  const manifest::WorkspaceModel* model = ctx.workspace();
  const std::vector<std::string>* files = ctx.context_files();
  if (!model || !files) return;
  rules::FileFinder finder(ctx);
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.onbuild) continue;
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      if (c.manager && !c.manager->project) {
        check_requirements(ctx, finder, *model, run, pc);
        continue;
      }
      std::optional<rules::InstallProject> project =
          rules::install_project(finder, *model, run, *pc.command, c);
      if (!project) continue;
      const manifest::ManifestFile& mf = *project->file;
      const std::string& image_root = *project->search.root;
      std::string head = "`" + rules::command_head_text(*pc.command, c) + "`";
      for (const manifest::ResolvedDep& d : model->local_deps(mf)) {
        const manifest::LocalDep& dep = *d.dep;
        if (dep.absolute || dep.from_cwd) continue;
        if (dep.dev && !c.installs_dev) continue;  // a group this install leaves out
        std::string where = rules::manifest_place(ctx, mf, dep.span);
        if (d.outside) {
          ctx.report(
              rules::command_head(*pc.command, c),
              head + " installs " + describe_dep(dep) + ", declared at " + where + ", from " +
                  rules::image_dir_of(image_root, "", dep.path) +
                  ", but that directory lies outside the build context (" +
                  (ctx.file()->context->dir.empty() ? "." : ctx.file()->context->dir) +
                  "): Docker cannot copy it into the image, so the install fails or takes another "
                  "copy of the package; build from a context that holds both directories (a common "
                  "parent, with `-f` for this Dockerfile)");
          continue;
        }
        std::optional<std::string> dir = d.dir;
        if (dep.form == manifest::DepForm::Workspace) dir = workspace_member(*model, mf, dep.name);
        if (!dir) continue;
        std::string image_dir = rules::image_dir_of(image_root, mf.dir, *dir);
        if (!context_holds_dir(*files, *dir)) {
          // Only a written path can be missing; a workspace name found no member.
          if (dep.form == manifest::DepForm::Workspace) continue;
          ctx.report(
              rules::command_head(*pc.command, c),
              head + " installs " + describe_dep(dep) + ", declared at " + where + ", from " +
                  image_dir + ", but " + (dir->empty() ? "." : *dir) +
                  " holds no files in the build context: the install cannot find the package");
          continue;
        }
        if (rules::dir_in_image(ctx, run, *dir, image_dir) != rules::Presence::Absent) continue;
        ctx.report(
            rules::command_head(*pc.command, c),
            head + " runs on " + image_root + " and installs " + describe_dep(dep) +
                ", declared at " + where + ", from " + image_dir +
                ", but nothing is copied there before this RUN: the install "
                "fails (or builds without the local package); copy the package first (`COPY " +
                *dir + "/ " + image_dir + "/`)");
      }
    }
  }
}

}  // namespace dd
