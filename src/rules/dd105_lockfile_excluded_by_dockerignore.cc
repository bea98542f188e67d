// DD105 lockfile-excluded-by-dockerignore (rules/DD105.md): the lockfile an install needs never
// reaches the build.
#include <fmt/format.h>

#include <set>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/context_ignore.h"
#include "rules/lockfiles.h"

namespace dd {

namespace {

bool installs(PmAction a) {
  return a == PmAction::InstallFrozen || a == PmAction::InstallUnfrozen ||
         a == PmAction::LockfileDisabled;
}

// A COPY/ADD source naming `path` itself: the build then fails on it,
// which DD402 (`copy-source-ignored-or-missing`) reports.
bool named_by_a_copy(const ImageFiles& files, const std::string& path) {
  for (const CopyOp& op : files.ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources)
      if (s.known && !s.glob && s.path == path) return true;
  }
  return false;
}

}  // namespace

void check_dd105(CheckContext& ctx) {
  const BuildContextInfo* context = ctx.context();
  if (!context || context->ignore_file.empty()) return;
  rules::FileFinder finder(ctx);
  std::set<std::string> reported;  // one finding per lockfile
  for (const ShellRun& run : ctx.shell().runs) {
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      if (!installs(c.action) || !c.project_dir) continue;
      const PackageManager& pm = *c.manager;
      if (pm.lockfiles.empty() || !pm.project || rules::installs_globally(*pc.command, pm))
        continue;
      if (rules::lockfile_override(run, *pc.command, pm) ||
          rules::project_override(run, *pc.command, pm))
        continue;
      // The manifest the install works on, as the context holds it: the
      // nearest one at or above the directory it runs in.
      const rules::ImageFile* manifest = nullptr;
      for (const rules::ImageFile& m : finder.in_image(run, pm.manifests))
        if (m.context_path && rules::is_within(*c.project_dir, m.dir) &&
            (!manifest || m.dir.size() > manifest->dir.size()))
          manifest = &m;
      if (!manifest) continue;
      std::vector<std::string> locks =
          rules::context_lockfiles(finder, pm, rules::dir_of(*manifest->context_path));
      if (locks.empty()) continue;
      const std::string& lock = locks.front();  // the nearest: the one the manager settles on
      rules::FileRange range = rules::files_under(*context, lock);
      int pattern = rules::excluding_pattern(*context, range);
      if (pattern < 0 || named_by_a_copy(ctx.image_files(), lock) || !reported.insert(lock).second)
        continue;
      std::string head = rules::command_head_text(*pc.command, c);
      ctx.report(
          rules::command_head(*pc.command, c),
          fmt::format(
              "`{}` runs without {}: .dockerignore pattern {} keeps {} out of the build context, "
              "so the install resolves every dependency afresh instead of installing the locked "
              "versions; remove the pattern (or add `!{}` after it) and copy {} beside {}",
              head, rules::base_of(lock), rules::describe_pattern(*context, pattern), lock, lock,
              rules::base_of(lock), manifest->name));
    }
  }
}

}  // namespace dd
