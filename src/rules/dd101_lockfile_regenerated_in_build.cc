// DD101 lockfile-regenerated-in-build (rules/DD101.md): a RUN resolves the
// dependencies afresh and writes a lockfile instead of installing the one in git.
#include <algorithm>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/lockfiles.h"
#include "rules/util.h"

namespace dd {

namespace {

// Where the finding points: the subcommand word(s) of `pdm lock`, the flag of
// `npm install --package-lock-only`, the packages of `npm install express`.
Span finding_span(const Command& command, const PmClassification& c, bool adds_packages) {
  if (adds_packages) return Span{c.packages.front()->span.start, c.packages.back()->span.end};
  if (c.decisive.source == PmReason::Source::Default && c.subcommand_word) {
    Span head = rules::command_head(command, c);
    return Span{c.subcommand_word->span.start, head.end};
  }
  return c.decisive.span;
}

std::string what_it_does(const Command& command, const PmClassification& c, const std::string& lockfile,
                         bool adds_packages) {
  std::string head = "`" + rules::command_head_text(command, c) + "`";
  if (adds_packages) {
    std::string names = "`" + c.packages.front()->value + "`";
    if (c.packages.size() > 1) names += " and " + std::to_string(c.packages.size() - 1) + " more";
    return head + " adds " + names + " to the project and resolves " + lockfile + " again";
  }
  switch (c.decisive.source) {
    case PmReason::Source::Package:
    case PmReason::Source::Flag:
    case PmReason::Source::Env:
      return "`" + c.decisive.text + "` makes " + head + " resolve every dependency again and write " + lockfile;
    case PmReason::Source::Default:
      break;
  }
  return head + " resolves every dependency again and writes " + lockfile;
}

// A RUN that makes the lockfile as its product: it copies the fresh
// lockfile out after resolving (`go mod tidy && cp go.mod go.sum /out`), for
// `docker build --output` or a check stage to pick up.
bool copies_lockfile_out(const ShellRun& run, const Command& resolve, const PackageManager& pm) {
  for (const Command& c : run.commands) {
    if (c.index <= resolve.index) continue;
    std::string_view p = c.program();
    if (p != "cp" && p != "mv" && p != "install" && p != "rsync" && p != "tar") continue;
    for (const ShellWord& a : c.args)
      if (!a.dynamic && !a.value.empty() && a.value[0] != '-' &&
          std::find(pm.lockfiles.begin(), pm.lockfiles.end(), rules::base_of(a.value)) != pm.lockfiles.end())
        return true;
  }
  return false;
}

// A stage whose files go into a `FROM scratch` stage: an export of build
// products (vendor-update stages), not an image that runs.
bool exported_to_scratch(CheckContext& ctx, size_t stage) {
  const DockerfileScopes& scopes = ctx.scopes();
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.from_stage || op.stage >= scopes.stages.size()) continue;
    const std::optional<std::string>& base = scopes.stages[op.stage].base;
    if (!base || rules::ascii_lower(*base) != "scratch") continue;
    if (*op.from_stage == stage) return true;
    std::vector<size_t> up = scopes.ancestors(*op.from_stage);
    if (std::find(up.begin(), up.end(), stage) != up.end()) return true;
  }
  return false;
}

}  // namespace

void check_dd101(CheckContext& ctx) {
  rules::FileFinder finder(ctx);
  for (const ShellRun& run : ctx.shell().runs) {
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      const Command& command = *pc.command;
      if (c.action != PmAction::Resolve) continue;
      const PackageManager& pm = *c.manager;
      if (rules::installs_globally(command, pm) || rules::may_hide_flags(c)) continue;
      // Making a lockfile on purpose, to take it out of the build.
      if (copies_lockfile_out(run, command, pm) || (run.stage != SIZE_MAX && exported_to_scratch(ctx, run.stage)))
        continue;
      // Naming packages outside a project installs tools (`go get` in GOPATH
      // mode, `npm install x` in an empty directory); only a project the
      // Dockerfile puts in the image makes it a change of its lockfile.
      bool adds_packages = !c.packages.empty() && c.subcommand && c.subcommand->packages != PmPackagesRule::None;
      // `go get -d ./...` names the project's own packages: it resolves what
      // they import, it adds nothing by name.
      bool own_packages = adds_packages && std::all_of(c.packages.begin(), c.packages.end(), [](const ShellWord* w) {
        return !w->value.empty() && (w->value[0] == '.' || w->value[0] == '/');
      });
      const std::vector<rules::ImageFile>& manifests = finder.in_image(run, pm.manifests);
      if (adds_packages) {
        bool in_project = false;
        for (const rules::ImageFile& m : manifests)
          in_project = in_project || (c.project_dir && rules::is_within(*c.project_dir, m.dir));
        if (!in_project) continue;
      }

      std::string lockfile = pm.lockfiles.empty() ? "the pinned requirements" : pm.lockfiles.front();
      std::string written = lockfile;
      if (std::optional<std::string> other = rules::lockfile_override(run, command, pm))
        written = rules::base_of(*other);
      std::string message = what_it_does(command, c, pm.lockfiles.empty() ? "them" : written,
                                         adds_packages && !own_packages) +
                            " on every build: minutes of network time that no layer cache saves, and versions "
                            "that differ from the lockfile in git and from one build to the next";
      std::optional<rules::FrozenWay> way = rules::frozen_way(pm);
      std::string instead = way ? " with " + rules::describe(*way) : "";
      if (adds_packages && !own_packages)
        message += "; declare the dependency in the manifest and " + lockfile + " in git, and install from them" +
                   instead + " instead";
      else
        message += "; install from the committed " + lockfile + instead + " instead";
      if (way && way->if_lockfile) message += " (it installs the lockfile as it is when one is present)";

      // Say where the lockfile to use already is.
      const std::vector<rules::ImageFile>& locks = finder.in_image(run, pm.lockfiles);
      if (!locks.empty()) {
        message += "; " + locks.front().name + " is already in the image at " + locks.front().path + " (line " +
                   std::to_string(locks.front().line) + ")";
      } else if (ctx.context_files()) {
        // The lockfile beside the manifest this command works on, or above it.
        std::string near;
        for (const rules::ImageFile& m : manifests)
          if (m.context_path && c.project_dir && m.dir == *c.project_dir) near = rules::dir_of(*m.context_path);
        std::vector<std::string> in_context = rules::context_lockfiles(finder, pm, near);
        if (!in_context.empty())
          message += "; the build context has " + rules::base_of(in_context.front()) + " " +
                     rules::context_place(in_context.front()) + ": copy it into the image" +
                     rules::dockerignore_caveat(ctx, in_context.front());
      }
      ctx.report(finding_span(command, c, adds_packages && !own_packages), message);
    }
  }
}

}  // namespace dd
