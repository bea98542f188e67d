// DD202 install-without-cache (rules/DD202.md): a dependency install whose
// RUN keeps no cache mount on the manager's download cache, while nothing in
// the stage says the author wants no cache.
#include <set>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/cache_mounts.h"
#include "rules/check.h"

namespace dd {

namespace {

using rules::ManagerCache;

struct RunCommands {
  const ShellRun* run;
  const std::vector<PmCommand>* commands;
};

// The managers whose cache the stage's author visibly chose not to keep: a
// no-cache flag or variable, a cache-cleaning command, or an `rm` of the
// cache directory, anywhere in the stage.
void note_intent(const RunCommands& rc, std::set<const PackageManager*>& intent,
                 const std::set<const PackageManager*>& used) {
  const ShellRun& run = *rc.run;
  for (const PmCommand& pc : *rc.commands)
    if (pc.classification.no_cache || pc.classification.action == PmAction::CleanCache)
      intent.insert(pc.classification.manager);
  for (const Command& cmd : run.commands) {
    std::vector<rules::Deletion> gone = rules::deletions(cmd, rules::home_of(run, cmd));
    if (gone.empty()) continue;
    for (const PackageManager* pm : used) {
      ManagerCache cache = rules::manager_cache(*pm, run, cmd);
      for (const rules::Deletion& d : gone)
        if (rules::touches_cache(cache, d.path)) intent.insert(pm);
    }
  }
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string mount_flags(const PackageManager& pm, const std::vector<std::string>& dirs) {
  std::vector<std::string> flags;
  flags.reserve(dirs.size());
  for (const std::string& d : dirs)
    flags.push_back("--mount=type=cache,target=" + d +
                    (pm.cache_sharing.empty() ? "" : ",sharing=" + pm.cache_sharing));
  return join(flags, " ");
}

// How to say "no cache at all" with this manager: its no-cache flag or variable.
std::string no_cache_hint(const PackageManager& pm, const PmSubcommand* sub) {
  for (const std::vector<PmFlag>* flags : {sub ? &sub->flags : nullptr, &pm.flags})
    if (flags)
      for (const PmFlag& f : *flags)
        if (f.effect == PmEffect::NoCache && !f.value) return "pass `" + f.flag + "`";
  for (const PmEnv& e : pm.env)
    if (e.effect == PmEffect::NoCache && e.contains.empty())
      return "set " + e.name + (e.values.empty() ? "" : "=" + e.values.front());
  return "clean the cache in the same RUN";
}

// A file in the image that keeps the manager from filling its cache (APT's
// docker-clean), with why.
const PmConfig* cache_blocking_file(const PackageManager& pm) {
  for (const PmConfig& c : pm.config)
    if (c.effect == PmEffect::NoCache && !c.file.empty() && c.file[0] == '/') return &c;
  return nullptr;
}

bool refreshes_before(const RunCommands& rc, const PackageManager* pm, const Command& install) {
  for (const PmCommand& pc : *rc.commands)
    if (pc.classification.manager == pm && pc.classification.action == PmAction::Refresh &&
        pc.command->index < install.index)
      return true;
  return false;
}

bool has_refresh(const PackageManager& pm) {
  for (const PmSubcommand& s : pm.subcommands)
    if (s.kind == PmSubcommandKind::Refresh) return true;
  return false;
}

}  // namespace

void check_dd202(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  std::vector<RunCommands> runs;
  std::set<const PackageManager*> used;
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.stage >= df.stages.size()) continue;
    runs.push_back({&run, &ctx.pm_commands(run)});
    for (const PmCommand& pc : *runs.back().commands) used.insert(pc.classification.manager);
  }
  if (used.empty()) return;

  std::vector<std::set<const PackageManager*>> intent(df.stages.size());
  for (const RunCommands& rc : runs) note_intent(rc, intent[rc.run->stage], used);

  for (const RunCommands& rc : runs) {
    const ShellRun& run = *rc.run;
    std::vector<size_t> chain = scopes.ancestors(run.stage);
    chain.push_back(run.stage);
    std::vector<rules::CacheMount> mounts = rules::cache_mounts(df, scopes, run);
    std::set<const PackageManager*> seen;
    for (const PmCommand& pc : *rc.commands) {
      const PmClassification& c = pc.classification;
      const PackageManager& pm = *c.manager;
      const Command& cmd = *pc.command;
      // One finding per manager and RUN, about its first install.
      if (!rules::is_dependency_install(c, cmd) || pm.cache_dirs.empty() ||
          !seen.insert(&pm).second)
        continue;
      bool chosen = false;
      for (size_t s : chain) chosen = chosen || intent[s].count(&pm);
      if (chosen || c.offline) continue;
      // A build (go build, cargo build) downloads only what is missing, and
      // whether earlier steps (a vendored tree, `make deps`) put it there is
      // beyond what the linter sees.
      if (c.subcommand->source == PmSource::Project) continue;
      ManagerCache cache = rules::manager_cache(pm, run, cmd);
      ManagerCache unmoved = cache;  // where the cache would be without the variable
      unmoved.moved_to.reset();
      bool covered = false;
      const rules::CacheMount* misplaced = nullptr;
      for (const rules::CacheMount& m : mounts) {
        // A target the linter cannot work out, or a cache moved to a place it
        // cannot know: give the author the benefit of the doubt.
        if (m.target.empty() || cache.moved_unknown)
          covered = true;
        else if (cache.moved_to ? rules::paths_overlap(m.target, *cache.moved_to)
                                : rules::touches_cache(cache, m.target))
          covered = true;
        else if (cache.moved_to && rules::touches_cache(unmoved, m.target))
          misplaced = &m;
        // An explicit cache location on the command line (--cache-dir /x).
        for (const ShellWord& w : cmd.args) {
          std::string_view v = w.value;
          if (size_t eq = v.find('='); eq != std::string_view::npos && v[0] == '-')
            v = v.substr(eq + 1);
          if (!w.dynamic && !m.target.empty() && !v.empty() && v[0] == '/' &&
              rules::path_within(join_path("/", v), m.target))
            covered = true;
        }
      }
      if (covered) continue;

      std::vector<std::string> dirs = rules::suggested_mount_dirs(pm, cache);
      if (dirs.empty()) continue;
      rules::CommandLabel label = rules::command_label(cmd, c);
      std::string flags = mount_flags(pm, dirs);
      const PmConfig* blocker = cache_blocking_file(pm);
      std::string message;
      if (misplaced) {
        message = "`" + label.text + "` caches in " + *cache.moved_to + " here (" +
                  *cache.moved_var + " moves it), not in the mounted " + misplaced->target +
                  ", so every build downloads every package again; mount the cache where it is: `" +
                  flags + "`";
      } else if (dirs.front()[0] == '~' || !rules::runs_as_root(run, cmd)) {
        // The stage runs as a user whose home the Dockerfile does not state;
        // a cache mount is root's unless told otherwise.
        message = "`" + label.text +
                  "` downloads every package again whenever this layer is rebuilt: nothing keeps "
                  "its download cache (" +
                  join(dirs, ", ") + " of user " + (run.user.empty() ? "?" : run.user) +
                  ") between builds; add a cache mount there, owned by that user: "
                  "`--mount=type=cache,target=" +
                  (dirs.front()[0] == '~' ? "<home>" + dirs.front().substr(1) : dirs.front()) +
                  ",uid=<uid>`";
      } else {
        message = "`" + label.text +
                  "` downloads every package again whenever this layer is rebuilt: nothing keeps "
                  "its download cache (" +
                  join(dirs, ", ") + ") between builds; add `" + flags + "` to the RUN";
        if (blocker)
          message += " and delete " + blocker->file + " in an earlier RUN (" + blocker->note + ")";
        message += ", or " + no_cache_hint(pm, c.subcommand) + " if you want no cache at all";
      }
      // Inserting the mount is safe when it points where the cache is, hides
      // no index the install needs (a manager with an update step must run
      // it in this RUN) and no file in the image disables the cache.
      std::optional<Fix> fix;
      bool absolute = dirs.front()[0] == '/';
      if (absolute && rules::runs_as_root(run, cmd) && !run.onbuild && !blocker && !misplaced &&
          (!has_refresh(pm) || refreshes_before(rc, &pm, cmd)))
        fix = Fix{"add a cache mount on " + join(dirs, ", "),
                  {Edit{Span{run.instruction->keyword_span.end, run.instruction->keyword_span.end},
                        " " + flags}},
                  true};
      ctx.report(label.span, std::move(message), std::move(fix));
    }
  }
}

}  // namespace dd
