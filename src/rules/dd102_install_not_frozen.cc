// DD102 install-not-frozen (rules/DD102.md): an install that may re-resolve
// and rewrite the lockfile it was given, or installs without the lockfile
// that sits in the build context.
#include <set>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/lockfiles.h"
#include "rules/util.h"

namespace dd {

namespace {

std::string line_ref(int line) { return "line " + std::to_string(line); }

std::string freeze_advice(const rules::FrozenWay& way) {
  std::string out = "use " + rules::describe(way) + ", which installs exactly what the lockfile lists";
  if (!way.note.empty()) out += " (" + way.note + ")";
  return out;
}

// Adds the lockfile beside the manifest's source in the COPY that brought
// the manifest: `COPY svc/pyproject.toml ./` becomes `COPY svc/pyproject.toml svc/poetry.lock ./`.
std::optional<Edit> copy_lockfile_edit(const Dockerfile& df, const rules::ImageFile& manifest,
                                       const std::string& lockfile) {
  if (manifest.mount || !manifest.named || !manifest.context_path) return std::nullopt;
  for (const Instruction& ins : df.instructions) {
    if (ins.span.start.line != manifest.line || (ins.kind != Keyword::Copy && ins.kind != Keyword::Add)) continue;
    if (ins.json_form || !ins.heredocs.empty() || ins.args.size() < 2) return std::nullopt;
    const Word& dest = ins.args.back();
    // A second source needs a directory destination.
    bool dest_dir = !dest.text.empty() && (dest.text.back() == '/' || dest.text == "." || ins.args.size() > 2);
    if (!dest_dir) return std::nullopt;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const Word& src = ins.args[i];
      if (src.text.find_first_of("$*?[\"'") != std::string::npos) continue;
      if (rules::base_of(src.text) != manifest.name) continue;
      std::string dir = rules::dir_of(src.text);
      std::string written = dir.empty() ? lockfile : dir + "/" + lockfile;
      return Edit{Span{src.span.end, src.span.end}, " " + written};
    }
  }
  return std::nullopt;
}

}  // namespace

void check_dd102(CheckContext& ctx) {
  rules::FileFinder finder(ctx);
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.onbuild) continue;  // runs in another build, with files this one cannot see
    // Managers that re-locked earlier in this RUN: their install reads the
    // fresh lockfile, and DD101 reports the re-lock.
    std::set<const PackageManager*> relocked;
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      const Command& command = *pc.command;
      const PackageManager& pm = *c.manager;
      if (c.action == PmAction::Resolve) {
        if (!rules::installs_globally(command, pm)) relocked.insert(&pm);
        continue;
      }
      // Only the subcommand's own default: flags and variables that unfreeze
      // on purpose are DD103's, and named packages (`cargo install ripgrep`)
      // do not come from this project.
      bool unfrozen = c.action == PmAction::InstallUnfrozen && c.decisive.source == PmReason::Source::Default;
      bool if_present = c.action == PmAction::InstallFrozen && c.condition == PmCondition::LockfilePresent;
      if (!unfrozen && !if_present) continue;
      if (relocked.count(&pm) || !pm.project || !c.project_dir || pm.lockfiles.empty()) continue;
      if (rules::installs_globally(command, pm) || rules::may_hide_flags(c) || rules::lockfile_override(run, command, pm) ||
          rules::project_override(run, command, pm))
        continue;

      const std::vector<rules::ImageFile>& markers = finder.in_image(run, pm.project->markers);
      rules::ProjectSearch search = rules::search_project(*pm.project, *c.project_dir, markers);
      const std::vector<rules::ImageFile>& locks = finder.in_image(run, pm.lockfiles);
      const rules::ImageFile* used = nullptr;
      bool maybe = false;
      for (const rules::ImageFile& l : locks) {
        rules::LockUse use = rules::lock_use(search, l.dir);
        if (use == rules::LockUse::Used && !used) used = &l;
        maybe = maybe || use == rules::LockUse::Unknown;
      }
      std::optional<rules::FrozenWay> way = rules::frozen_way(command, c);
      Span head = rules::command_head(command, c);
      Span at = c.subcommand_word ? c.subcommand_word->span : head;

      if (used) {
        if (!unfrozen) continue;  // frozen while the lockfile is there, and it is
        std::string message = "`" + rules::command_head_text(command, c) + "` is not held to " + used->name + " (" +
                              (used->mount ? "mounted at " : "copied to ") + used->dir + ", " + line_ref(used->line) +
                              "): when the lockfile and the manifest disagree it resolves again instead of failing, "
                              "so the image can get versions the lockfile in git does not list, and the build never "
                              "says so";
        if (c.subcommand && !c.subcommand->note.empty()) message += " (" + c.subcommand->note + ")";
        std::optional<Fix> fix;
        if (way) {
          message += "; " + freeze_advice(*way);
          if (std::optional<Edit> e = rules::frozen_edit(run, command, c, *way, nullptr))
            fix = Fix{"install exactly the lockfile with `" + way->text + "` (the build then fails when it is stale)",
                      {*e}, false};
        }
        ctx.report(at, message, std::move(fix));
        continue;
      }
      if (maybe) continue;  // a lockfile the manager may read after all

      // No lockfile this install reads: is there one in the build context,
      // beside the manifest it installs from?
      if (!search.marker || !search.marker->context_path || !finder.context_known()) continue;
      std::string near = rules::dir_of(*search.marker->context_path);
      std::string lock_path;
      for (const std::string& lockfile : pm.lockfiles) {
        std::string p = near.empty() ? lockfile : near + "/" + lockfile;
        if (lock_path.empty() && finder.in_context(p)) lock_path = p;
      }
      if (lock_path.empty()) continue;
      std::string lockfile = rules::base_of(lock_path);
      std::string message = "`" + rules::command_head_text(command, c) + "` finds no " + lockfile + " in " +
                            *search.root + ", so it resolves " + search.marker->name +
                            "'s version ranges afresh and writes a new lockfile: the image gets whatever versions "
                            "are newest that day, not the ones in git; the build context has " + lock_path +
                            " next to the " + search.marker->name + " copied at " + line_ref(search.marker->line) +
                            ": copy it too" + rules::dockerignore_caveat(ctx, lock_path);
      std::vector<Edit> edits;
      if (std::optional<Edit> e = copy_lockfile_edit(ctx.dockerfile(), *search.marker, lockfile))
        edits.push_back(*e);
      if (unfrozen && way) {
        message += ", and " + freeze_advice(*way);
        std::optional<Edit> e = rules::frozen_edit(run, command, c, *way, nullptr);
        if (e && !edits.empty()) edits.push_back(*e);
        else edits.clear();
      }
      std::optional<Fix> fix;
      if (!edits.empty())
        fix = Fix{"copy " + lock_path + " with " + search.marker->name + (edits.size() > 1 ? " and install it exactly" : ""),
                  std::move(edits), false};
      ctx.report(at, message, std::move(fix));
    }
  }
}

}  // namespace dd
