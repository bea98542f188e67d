// The layer-cache simulation (impact.h).
#include "project/impact.h"

#include <algorithm>
#include <set>

#include "knowledge/package_managers.h"

namespace dd {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// A glob source reads a file it matches, or any file below a directory it
// matches (`COPY src/* /app/` copies whole directories too).
bool glob_reads(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pat = segments(pattern), parts = segments(path);
  if (parts.size() < pat.size()) return false;
  for (size_t i = 0; i < pat.size(); ++i)
    if (!path_match(pat[i], parts[i])) return false;
  return true;
}

bool installs_dependencies(const ShellRun& run) {
  for (const PmCommand& c : package_manager_commands(run)) {
    PmAction a = c.classification.action;
    if (a == PmAction::InstallFrozen || a == PmAction::InstallUnfrozen ||
        a == PmAction::LockfileDisabled || a == PmAction::Resolve)
      return true;
  }
  return false;
}

// The context paths a RUN binds with --mount=type=bind (no from=): "" for
// the whole context. nullopt entries are sources that depend on unknown
// build arguments.
std::vector<std::optional<std::string>> bind_sources(const Instruction& run, size_t index,
                                                     const DockerfileScopes& scopes, char escape) {
  std::vector<std::optional<std::string>> out;
  for (const Flag& f : run.flags) {
    if (f.name != "mount") continue;
    std::optional<std::string_view> type = f.option("type");
    if ((type && *type != "bind") || f.option("from")) continue;
    std::optional<std::string_view> src = f.option("source");
    if (!src) src = f.option("src");
    if (!src) {
      // The whole context (no source=): an empty path, not "no source".
      // Not emplace_back(), which would make a disengaged optional.
      out.push_back(std::string());
      continue;
    }
    std::optional<std::string> value = scopes.expand_at(index, *src, escape);
    out.push_back(value ? std::optional<std::string>(resolve_path("/", *value).substr(1))
                        : std::nullopt);
  }
  return out;
}

// `--exclude` patterns apply to paths as the copy sees them: relative to
// the source's directory (`COPY --exclude=*.md docs/* /d/` leaves out
// docs/readme.md, not docs/guide/readme.md).
bool excluded(const CopyOp& op, const CopySource& source, std::string_view path) {
  std::string_view base = source.path;
  if (source.glob) {
    size_t slash = base.rfind('/');
    base = slash == std::string_view::npos ? std::string_view() : base.substr(0, slash);
  }
  std::string_view rel = path;
  if (!base.empty() && rel.size() > base.size() && rel.substr(0, base.size()) == base &&
      rel[base.size()] == '/')
    rel.remove_prefix(base.size() + 1);
  for (const std::string& pattern : op.excludes)
    if (glob_reads(pattern, rel)) return true;
  return false;
}

}  // namespace

std::function<bool(std::string_view)> sent_by(const BuildContextInfo& context) {
  return [&context](std::string_view path) {
    auto it = std::lower_bound(context.files.begin(), context.files.end(), path);
    if (it == context.files.end() || *it != path) return true;
    return !context.excluded(static_cast<size_t>(it - context.files.begin()));
  };
}

bool source_reads(const CopySource& source, std::string_view path) {
  if (!source.known || source.remote) return false;
  if (source.path.empty()) return true;
  if (source.glob) return glob_reads(source.path, path);
  return path == source.path ||
         (path.size() > source.path.size() && path.substr(0, source.path.size()) == source.path &&
          path[source.path.size()] == '/');
}

std::vector<StageImpact> simulate_change(const ImpactInput& in) {
  const Dockerfile& df = *in.dockerfile;
  std::vector<std::string> changed;
  for (const std::string& p : in.changed)
    if (!in.sent || in.sent(p)) changed.push_back(p);  // an ignored file never reaches the builder

  auto first_read = [&](auto&& reads) -> std::optional<std::string> {
    for (const std::string& p : changed)
      if (reads(p)) return p;
    return std::nullopt;
  };

  std::vector<StageImpact> out(df.stages.size());
  for (size_t s = 0; s < df.stages.size(); ++s) {
    StageImpact& impact = out[s];
    impact.stage = s;
    bool dirty = false;
    // A stage built FROM a rebuilt stage starts dirty.
    if (std::optional<size_t> parent = in.scopes->stages[s].parent;
        parent && *parent < s && out[*parent].rebuilt()) {
      dirty = true;
      impact.steps.push_back(
          {df.stages[s].from,
           "it is built FROM stage " + std::to_string(*parent) +
               (df.stages[*parent].name.empty() ? "" : " ('" + df.stages[*parent].name + "')") +
               ", which is rebuilt",
           false});
    }
    for (size_t index : df.stages[s].body) {
      const Instruction& ins = df.at(index);
      if (ins.kind == Keyword::Run) {
        const ShellRun* run = in.shell->run_at(index);
        bool installs = run && installs_dependencies(*run);
        if (!dirty) {
          for (const std::optional<std::string>& src :
               bind_sources(ins, index, *in.scopes, df.escape)) {
            if (!src) continue;
            CopySource bound;
            bound.path = *src;
            if (auto hit =
                    first_read([&](const std::string& p) { return source_reads(bound, p); })) {
              dirty = true;
              impact.steps.push_back({index,
                                      "it bind-mounts " +
                                          (src->empty() ? std::string("the context") : *src) +
                                          ", which holds " + *hit,
                                      installs});
              break;
            }
          }
        } else if (installs) {
          impact.steps.push_back({index, "an earlier step of the stage is rebuilt", true});
        }
        continue;
      }
      if (ins.kind != Keyword::Copy && ins.kind != Keyword::Add) continue;
      if (dirty) continue;
      const CopyOp* op = nullptr;
      for (const CopyOp& candidate : in.files->ops)
        if (candidate.instruction == index) op = &candidate;
      if (!op || op->heredoc) continue;
      if (op->from_stage) {
        if (*op->from_stage < s && out[*op->from_stage].rebuilt()) {
          dirty = true;
          const Stage& from = df.stages[*op->from_stage];
          impact.steps.push_back({index,
                                  "it copies from stage " + std::to_string(*op->from_stage) +
                                      (from.name.empty() ? "" : " ('" + from.name + "')") +
                                      ", which is rebuilt",
                                  false});
        }
        continue;
      }
      if (!op->from_context())
        continue;  // another image or named context: unaffected by this change
      for (const CopySource& source : op->sources) {
        auto hit = first_read([&](const std::string& p) {
          return source_reads(source, p) && !excluded(*op, source, p);
        });
        if (!hit) continue;
        dirty = true;
        impact.steps.push_back({index, "it copies " + *hit, false});
        break;
      }
    }
  }
  return out;
}

}  // namespace dd
