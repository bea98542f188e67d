// DD204 cache-cleanup-under-cache-mount (rules/DD204.md): a RUN mounts a
// cache and then turns the cache off or empties it, so the mount never pays.
#include <set>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/cache_mounts.h"
#include "rules/check.h"

namespace dd {

namespace {

// The bytes to delete to drop a flag word: the word and the blanks before it.
Span word_with_leading_blanks(const Dockerfile& df, const Span& word) {
  Span s = word;
  size_t at = s.start.offset;
  while (at > 0 && (df.text[at - 1] == ' ' || df.text[at - 1] == '\t')) --at;
  s.start.column -= static_cast<int>(s.start.offset - at);
  s.start.offset = at;
  return s;
}

std::string line_ref(const Span& s) { return "line " + std::to_string(s.start.line); }

}  // namespace

void check_dd204(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  std::set<size_t> reported;  // span start offsets: an ENV may turn the cache off for several RUNs
  auto report = [&](const Span& s, std::string message, std::optional<Fix> fix = std::nullopt) {
    if (reported.insert(s.start.offset).second) ctx.report(s, std::move(message), std::move(fix));
  };
  for (const ShellRun& run : ctx.shell().runs) {
    std::vector<rules::CacheMount> mounts = rules::cache_mounts(df, scopes, run);
    std::erase_if(mounts, [](const rules::CacheMount& m) { return m.target.empty(); });
    if (mounts.empty()) continue;

    const std::vector<PmCommand>& commands = ctx.pm_commands(run);
    for (const PmCommand& pc : commands) {
      const PmClassification& c = pc.classification;
      rules::ManagerCache cache = rules::manager_cache(*c.manager, run, *pc.command);
      const rules::CacheMount* mount = nullptr;
      for (const rules::CacheMount& m : mounts)
        if (!mount && rules::touches_cache(cache, m.target)) mount = &m;
      if (!mount) continue;
      if (c.no_cache && (c.action != PmAction::CleanCache)) {
        const PmReason& r = *c.no_cache;
        bool in_command = r.span.start.offset >= pc.command->span.start.offset &&
                          r.span.end.offset <= pc.command->span.end.offset;
        std::string where = in_command ? "" : " (for the RUN on " + line_ref(run.instruction->span) + ")";
        std::optional<Fix> fix;
        // Only a flag written on the command is removed: a variable may serve other RUNs.
        if (r.source == PmReason::Source::Flag && in_command && !run.onbuild)
          fix = Fix{"remove `" + r.text + "`", {Edit{word_with_leading_blanks(df, r.span), ""}}, true};
        report(r.span,
               "`" + r.text + "`" + where + " turns " + c.manager->name + "'s cache off, so the cache mount on " +
                   mount->target + " is never filled or read and every build downloads every package again; drop `" +
                   r.text + "` (a cache mount stays out of the image, so there is nothing to keep small)",
               std::move(fix));
      }
      if (c.action == PmAction::CleanCache) {
        rules::CommandLabel label = rules::command_label(*pc.command, c);
        report(label.span, "`" + label.text + "` empties the cache mount on " + mount->target +
                               ", so the next build starts from an empty cache and downloads every package again; "
                               "drop it (a cache mount stays out of the image, so it needs no cleaning)");
      }
    }

    // An `rm` inside a mount that holds the cache of a manager this RUN uses.
    for (const Command& cmd : run.commands) {
      std::optional<std::string> home = rules::home_of(run, cmd);
      for (const rules::Deletion& d : rules::deletions(cmd, home)) {
        const rules::CacheMount* hit = nullptr;
        const PackageManager* pm = nullptr;
        for (const rules::CacheMount& m : mounts) {
          if (hit || !rules::paths_may_overlap(d.path, m.target)) continue;
          for (const PmCommand& pc : commands)
            if (!pm && rules::touches_cache(rules::manager_cache(*pc.classification.manager, run, *pc.command), m.target))
              pm = pc.classification.manager;
          if (pm) hit = &m;
        }
        if (!hit) continue;
        report(d.word->span, "`rm` of " + d.word->value + " deletes what the cache mount on " + hit->target +
                                 " keeps of " + pm->name + "'s downloads, so the next build starts from an empty "
                                 "cache and downloads every package again; drop it (a cache mount stays out of the "
                                 "image, so it needs no cleaning)");
      }
    }
  }
}

}  // namespace dd
