// Image profiles for the drift rules (image_profile.h).
#include "rules/image_profile.h"

#include <algorithm>
#include <set>

#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "rules/image_role.h"

namespace dd::rules {

std::vector<size_t> stages_feeding(const ProjectDockerfileView& view, size_t stage) {
  const DockerfileScopes& scopes = view.facts->scopes();
  const ImageFiles& files = view.facts->image_files();
  std::vector<size_t> out;
  std::set<size_t> seen;
  std::vector<size_t> todo{stage};
  while (!todo.empty()) {
    size_t s = todo.back();
    todo.pop_back();
    for (size_t member : stage_lineage(scopes, s)) {
      if (!seen.insert(member).second) continue;
      out.push_back(member);
      for (const CopyOp& op : files.ops)
        if (op.stage == member && op.from_stage && !seen.count(*op.from_stage))
          todo.push_back(*op.from_stage);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string image_product(const ImageRef& ref) {
  size_t slash = ref.repository.rfind('/');
  return slash == std::string::npos ? ref.repository : ref.repository.substr(slash + 1);
}

ImageProfile profile_image(const ProjectDockerfileView& view, size_t stage) {
  const Dockerfile& df = *view.dockerfile;
  const DockerfileScopes& scopes = view.facts->scopes();
  ImageProfile p;
  p.stage = stage;
  p.root_stage = stage_lineage(scopes, stage).front();
  const Instruction& from = df.at(df.stages[p.root_stage].from);
  if (!from.args.empty()) {
    p.base_span = from.args.front().span;
    p.base_line = p.base_span.start.line;
  }
  if (const auto& base = scopes.stages[p.root_stage].base) {
    p.base_text = *base;
    p.base = parse_image_ref(*base);
  }

  const std::vector<std::string>* context_files =
      view.file && view.file->context ? &view.file->context->files : nullptr;
  std::set<std::string> lock_names;
  for (const PackageManager& pm : package_managers())
    if (!is_os_package_manager(pm)) lock_names.insert(pm.lockfiles.begin(), pm.lockfiles.end());
  std::vector<size_t> feeding = stages_feeding(view, stage);
  for (size_t s : feeding) {
    for (const std::string& name : lock_names) {
      for (const Landing& l : find_landings(view.facts->image_files(), scopes, s,
                                            df.instructions.size(), name, context_files)) {
        int line = df.at(l.op->instruction).span.start.line;
        auto [it, added] = p.lockfiles.emplace(name, line);
        if (!added) it->second = std::min(it->second, line);
      }
    }
    for (const ShellRun& run : view.facts->shell().runs) {
      if (run.stage != s || run.onbuild) continue;
      for (const PmCommand& c : view.facts->pm_commands(run)) {
        const PmClassification& k = c.classification;
        if (!k.manager || is_os_package_manager(*k.manager) || !k.packages.empty()) continue;
        if (k.action != PmAction::InstallFrozen && k.action != PmAction::InstallUnfrozen &&
            k.action != PmAction::LockfileDisabled)
          continue;
        // "poetry install": the program and its subcommand, where the user reads it.
        Span at{c.command->name.span.start,
                k.subcommand_word ? k.subcommand_word->span.end : c.command->name.span.end};
        p.installs.push_back({k.manager->id, k.manager->lockfiles, at, at.start.line});
      }
    }
  }
  return p;
}

}  // namespace dd::rules
