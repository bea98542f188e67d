// DD203 source-edit-reinstalls-dependencies (rules/DD203.md): editing an
// application source file re-runs a dependency install, through a bind mount
// or a stage the install copies from (the layer-cache simulation of
// project/impact.h; DD201 covers the copy before the install in its own stage).
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "project/impact.h"
#include "rules/cache_mounts.h"
#include "rules/check.h"
#include "rules/image_role.h"

namespace dd {

namespace {

// Manifest and lockfile names: editing one of these should re-run installs.
const std::set<std::string>& dependency_files() {
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    for (const PackageManager& pm : package_managers()) {
      out.insert(pm.manifests.begin(), pm.manifests.end());
      out.insert(pm.lockfiles.begin(), pm.lockfiles.end());
    }
    return out;
  }();
  return names;
}

bool is_source_file(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (dependency_files().count(name)) return false;
  if (name.rfind("requirements", 0) == 0 && name.size() > 4 &&
      name.substr(name.size() - 4) == ".txt")
    return false;
  if (name == ".dockerignore" || name.find("Dockerfile") != std::string::npos) return false;
  return true;
}

// The first source file of the context that `source` reads: the edit whose
// effect the rule simulates.
std::optional<std::string> sample_source(const CopySource& source,
                                         const std::vector<std::string>& context,
                                         const std::function<bool(std::string_view)>& sent) {
  for (const std::string& f : context)
    if (source_reads(source, f) && is_source_file(f) && (!sent || sent(f))) return f;
  return std::nullopt;
}

struct Sample {
  std::string file;
  size_t instruction;  // the COPY/ADD or RUN that reads it
};

// One sample per instruction that reads the context.
std::vector<Sample> samples(const Dockerfile& df, const DockerfileScopes& scopes,
                            const ImageFiles& files, const std::vector<std::string>& context,
                            const std::function<bool(std::string_view)>& sent) {
  std::vector<Sample> out;
  for (const CopyOp& op : files.ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources)
      if (auto f = sample_source(s, context, sent)) {
        out.push_back({*f, op.instruction});
        break;
      }
  }
  for (const Stage& stage : df.stages)
    for (size_t index : stage.body) {
      const Instruction& ins = df.at(index);
      if (ins.kind != Keyword::Run) continue;
      for (const Flag& f : ins.flags) {
        if (f.name != "mount") continue;
        std::optional<std::string_view> type = f.option("type");
        if ((type && *type != "bind") || f.option("from")) continue;
        std::optional<std::string_view> src = f.option("source");
        if (!src) src = f.option("src");
        std::optional<std::string> value =
            src ? scopes.expand_at(index, *src, df.escape) : std::string();
        if (!value) continue;
        CopySource bound;
        bound.path = value->empty() ? "" : resolve_path("/", *value).substr(1);
        if (auto file = sample_source(bound, context, sent)) out.push_back({*file, index});
      }
    }
  return out;
}

// The RUN's install that reads only manifests and lockfiles (`npm ci`,
// `pip install -r`, `poetry install --no-root`), for the finding's span. An
// install that builds or installs the project from its source (`go build`,
// `pip install -e .`, `poetry install`) is meant to re-run on a source edit.
std::optional<Span> manifest_install_span(CheckContext& ctx, const ShellRun& run) {
  for (const PmCommand& c : ctx.pm_commands(run)) {
    const PmClassification& k = c.classification;
    PmAction a = k.action;
    if (a != PmAction::InstallFrozen && a != PmAction::InstallUnfrozen &&
        a != PmAction::LockfileDisabled)
      continue;
    if (!rules::is_dependency_install(k, *c.command) || !k.subcommand || !k.packages.empty())
      continue;
    if (rules::passed_flag(*c.command, *k.manager, k.subcommand, PmEffect::Project)) continue;
    bool manifests_only =
        k.subcommand->source == PmSource::Manifests ||
        (k.subcommand->source == PmSource::Root &&
         rules::passed_flag(*c.command, *k.manager, k.subcommand, PmEffect::NoProject));
    if (!manifests_only) continue;
    return Span{c.command->name.span.start,
                k.subcommand_word ? k.subcommand_word->span.end : c.command->name.span.end};
  }
  return std::nullopt;
}

}  // namespace

void check_dd203(CheckContext& ctx) {
  const std::vector<std::string>* context = ctx.context_files();
  if (!context) return;  // without the context's files there is no edit to simulate
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  std::set<size_t> reported;
  // An ignored file never reaches the builder: editing it rebuilds nothing.
  std::function<bool(std::string_view)> sent;
  if (ctx.file() && ctx.file()->context) sent = sent_by(*ctx.file()->context);
  for (const Sample& sample : samples(df, scopes, ctx.image_files(), *context, sent)) {
    ImpactInput in{&df, &scopes, &ctx.image_files(), &ctx.shell(), {sample.file}, sent};
    std::vector<StageImpact> impact = simulate_change(in);
    size_t origin_stage = scopes.instructions[sample.instruction].stage;
    for (const StageImpact& s : impact) {
      for (const RebuiltStep& step : s.steps) {
        if (!step.installs_dependencies || reported.count(step.instruction)) continue;
        // A copy earlier in the install's own stage or a stage it is built
        // FROM is DD201's finding; a RUN that binds the source itself is ours.
        std::vector<size_t> lineage = rules::stage_lineage(scopes, s.stage);
        bool lineage_copy =
            sample.instruction != step.instruction &&
            std::find(lineage.begin(), lineage.end(), origin_stage) != lineage.end();
        if (lineage_copy) continue;
        const ShellRun* run = ctx.shell().run_at(step.instruction);
        std::optional<Span> at = run ? manifest_install_span(ctx, *run) : std::nullopt;
        if (!at) continue;
        reported.insert(step.instruction);
        int origin_line = df.at(sample.instruction).span.start.line;
        std::string how = sample.instruction == step.instruction
                              ? "this RUN bind-mounts it from the build context, so its cache key "
                                "changes with every file the "
                                "mount holds"
                              : rules::stage_label(df, origin_stage) + " copies it at line " +
                                    std::to_string(origin_line) + " and " +
                                    rules::stage_label(df, s.stage) + " is rebuilt from it (" +
                                    s.steps.front().reason + ")";
        ctx.report(
            *at,
            "editing " + sample.file + ", a source file, re-runs this dependency install: " + how +
                "; every code change then downloads and installs the dependencies again. Give the "
                "install only the manifests and lockfiles it reads (bind-mount or copy those files "
                "alone) and bring the source in after it");
      }
    }
  }
}

}  // namespace dd
