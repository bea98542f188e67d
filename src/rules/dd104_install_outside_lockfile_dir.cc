// DD104 install-outside-lockfile-dir (rules/DD104.md): an install runs where
// its package manager will not find the lockfile the Dockerfile copied.
#include <algorithm>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/lockfiles.h"
#include "rules/util.h"

namespace dd {

namespace {

std::string line_ref(int line) { return "line " + std::to_string(line); }

// Whether the manager's way up from `start` (to `stop`, or as far as it
// looks) holds only files the Dockerfile shows: otherwise a manifest or a
// lockfile the rule cannot see may be the one it uses.
bool way_up_is_known(CheckContext& ctx, const ShellRun& run, const rules::ProjectSearch& search,
                     const std::optional<std::string>& stop) {
  std::string dir = search.start;
  for (int depth = 1; search.project->max_depth <= 0 || depth <= search.project->max_depth; ++depth) {
    if (rules::may_hold_unseen_files(ctx, run, dir)) return false;
    if ((stop && dir == *stop) || dir == "/") break;
    dir = rules::dir_of(dir);
  }
  return true;
}

// The lockfile the install reads, when the build context shows it was made
// for another project: copied from a directory of the context that has its
// own manifest, while the manifest beside it in the image comes from
// elsewhere (the root pdm.lock copied next to a service's pyproject.toml).
// Only for managers whose lockfile belongs to one project: a workspace
// lockfile next to a member's manifest is a pattern of its own.
const rules::ImageFile* borrowed_lockfile(rules::FileFinder& finder, const PackageManager& pm,
                                          const rules::ProjectSearch& search,
                                          const std::vector<rules::ImageFile>& locks) {
  if (!finder.context_known() || pm.project->workspace || !search.root || !search.marker || !search.marker->context_path) return nullptr;
  std::string manifest_dir = rules::dir_of(*search.marker->context_path);
  for (const rules::ImageFile& l : locks) {
    if (l.dir != *search.root || !l.named || !l.context_path) continue;
    std::string lock_dir = rules::dir_of(*l.context_path);
    if (lock_dir == manifest_dir) continue;
    for (const std::string& marker : pm.project->markers) {
      std::string owner = lock_dir.empty() ? marker : lock_dir + "/" + marker;
      if (finder.in_context(owner)) return &l;
    }
  }
  return nullptr;
}

}  // namespace

void check_dd104(CheckContext& ctx) {
  rules::FileFinder finder(ctx);
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.onbuild) continue;
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      const Command& command = *pc.command;
      const PackageManager& pm = *c.manager;
      if (c.action != PmAction::InstallFrozen && c.action != PmAction::InstallUnfrozen) continue;
      if (!pm.project || !c.project_dir || c.decisive.source == PmReason::Source::Package) continue;
      // Another lockfile or project named elsewhere: not what the COPY shows.
      if (rules::installs_globally(command, pm) || rules::may_hide_flags(c) || rules::lockfile_override(run, command, pm) ||
          rules::project_override(run, command, pm))
        continue;
      const std::vector<rules::ImageFile>& locks = finder.in_image(run, pm.lockfiles);
      if (locks.empty()) continue;
      const std::vector<rules::ImageFile>& markers = finder.in_image(run, pm.project->markers);
      rules::ProjectSearch search = rules::search_project(*pm.project, *c.project_dir, markers);

      if (const rules::ImageFile* l = borrowed_lockfile(finder, pm, search, locks)) {
        std::string from = rules::dir_of(*l->context_path);
        std::string owner = from.empty() ? "the build context's root" : from;
        ctx.report(rules::command_head(command, c),
                   "`" + rules::command_head_text(command, c) + "` reads " + l->path + ", but that is the lockfile of " +
                       owner + " (" + *l->context_path + ", copied at " + line_ref(l->line) +
                       "), resolved for the manifest there, while the project here is " +
                       *search.marker->context_path + " (" + line_ref(search.marker->line) +
                       "): the install follows a lockfile made for another project, so it installs that project's "
                       "dependency set or refuses the lockfile as stale; run the install where the lockfile's own "
                       "manifest is (copy both into one directory and install there), or commit a lockfile for " +
                       rules::dir_of(*search.marker->context_path));
        continue;
      }

      // Report only when no lockfile of the manager can be the one it reads,
      // and one of them was plainly meant for it: one lying in a parent
      // directory that a nearer project hides, or one copied by name to a
      // directory off the manager's way up that is no other project's (no
      // manifest beside it) while this install has none in sight either.
      const rules::ImageFile* meant = nullptr;
      bool usable = false;
      for (const rules::ImageFile& l : locks) {
        if (rules::lock_use(search, l.dir) != rules::LockUse::Unused) {
          usable = true;
          break;
        }
        bool hidden = search.root && rules::is_within(*search.root, l.dir);
        bool orphan = true;
        for (const rules::ImageFile& m : markers) orphan = orphan && m.dir != l.dir;
        if (!meant && (hidden || (l.named && (orphan || !search.root)))) meant = &l;
      }
      if (usable || !meant) continue;
      // A directory copy on the way up may hold a manifest or a lockfile the
      // Dockerfile does not name (without the context's listing, `COPY . .`).
      if (!way_up_is_known(ctx, run, search, search.root)) continue;

      std::string program(command.program());
      std::string head = "`" + rules::command_head_text(command, c) + "`";
      std::string message = head + " runs in " + *c.project_dir;
      if (search.root) {
        message += ", where " + program + " takes " + *search.root + " as the project (its " +
                   search.marker->name + ", " + line_ref(search.marker->line) + ") and reads " + meant->name +
                   " from there";
      } else {
        int depth = pm.project->max_depth;
        message += ", and " + program + " looks for its project there and in " +
                   (depth > 0 ? "at most " + std::to_string(depth - 1) + " directories above" : "the directories above") +
                   ", never below or beside";
      }
      message += "; the " + meant->name + " " + (meant->mount ? "mounted at " : "copied to ") + meant->dir + " (" +
                 line_ref(meant->line) + ") is not used, so this install does not follow it";
      bool hidden = search.root && rules::is_within(*search.root, meant->dir);
      std::optional<Fix> fix;
      if (search.root && !hidden) {
        // A lockfile on its own beside a project that has none: it belongs
        // next to that project's manifest.
        message += "; copy it into " + *search.root + ", next to the " + search.marker->name + " of " +
                   line_ref(search.marker->line);
        ctx.report(rules::command_head(command, c), message);
        continue;
      }
      std::string flag = pm.project_dir_flags.empty() ? "" : pm.project_dir_flags.front();
      message += "; run it from " + meant->dir + " (`WORKDIR " + meant->dir + "`" +
                 (flag.empty() || c.project_dir_flag ? "" : ", or `" + rules::command_head_text(command, c) + " " +
                                                                 flag + " " + meant->dir + "`") +
                 ")";
      if (hidden)
        message += ", or copy the lockfile next to " + *search.root + "/" + search.marker->name +
                   " if that directory is a project of its own";
      if (!flag.empty() && !c.project_dir_flag && meant->dir.find_first_of(" \t'\"$\\") == std::string::npos) {
        rules::FrozenWay way;
        way.flag = flag + " " + meant->dir;
        if (std::optional<Edit> e = rules::frozen_edit(run, command, c, way, nullptr)) {
          if (!run.exec_form || command.context.inner_script)
            fix = Fix{"run " + program + " on the project in " + meant->dir, {*e}, false};
        }
      }
      ctx.report(rules::command_head(command, c), message, std::move(fix));
    }
  }
}

}  // namespace dd
