// Lockfile facts shared by DD101-DD104 (see lockfiles.h).
#include "rules/lockfiles.h"

#include <algorithm>

#include "dockerfile/scope.h"
#include "model/image_files.h"
#include "rules/context_ignore.h"
#include "rules/util.h"

namespace dd::rules {

std::string dir_of(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string base_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool is_within(std::string_view path, std::string_view dir) {
  if (path == dir) return true;
  if (dir == "/") return !path.empty() && path[0] == '/';
  return path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/';
}

namespace {

// How many directories a manager starting in `start` visits to reach
// `dir` (1 for `start` itself); `dir` must contain `start`.
int levels(std::string_view start, std::string_view dir) {
  int n = 1;
  for (std::string d(start); d != dir && d != "/"; d = dir_of(d)) ++n;
  return n;
}

bool within_depth(const PmProject& p, std::string_view start, std::string_view dir) {
  return is_within(start, dir) && (p.max_depth <= 0 || levels(start, dir) <= p.max_depth);
}

std::string clean_relative(std::string_view p) {
  std::string joined = resolve_path("/", p);  // collapses ./, ../ and doubled slashes
  return joined == "/" ? "" : joined.substr(1);
}

}  // namespace

const std::vector<std::string>* FileFinder::named(const std::string& base) {
  const std::vector<std::string>* all = ctx_.context_files();
  if (!all) return nullptr;
  auto it = by_name_.find(base);
  if (it == by_name_.end()) {
    std::vector<std::string> hits;
    for (const std::string& f : *all)
      if (f.size() >= base.size() && f.compare(f.size() - base.size(), base.size(), base) == 0 &&
          (f.size() == base.size() || f[f.size() - base.size() - 1] == '/'))
        hits.push_back(f);
    it = by_name_.emplace(base, std::move(hits)).first;
  }
  return &it->second;
}

bool FileFinder::in_context(std::string_view path) {
  const std::vector<std::string>* hits = named(base_of(path));
  return hits && std::find(hits->begin(), hits->end(), path) != hits->end();
}

const std::vector<FileFinder::Copied>& FileFinder::copied(size_t stage, const std::string& name) {
  auto [it, fresh] = by_stage_.try_emplace({stage, name});
  if (!fresh) return it->second;
  const Dockerfile& df = ctx_.dockerfile();
  // Only the context's files of that name matter to find_landings: hand it
  // those instead of the whole listing.
  for (const Landing& l : find_landings(ctx_.image_files(), ctx_.scopes(), stage, SIZE_MAX, name, named(name))) {
    ImageFile f;
    f.path = l.image_path;
    f.dir = dir_of(f.path);
    f.name = name;
    f.line = df.at(l.op->instruction).span.start.line;
    f.named = l.source->glob || base_of(l.source->path) == name;
    if (l.op->from_context()) f.context_path = l.source_path;
    it->second.push_back(Copied{l.op, std::move(f)});
  }
  return it->second;
}

const std::vector<ImageFile>& FileFinder::in_image(const ShellRun& run, const std::vector<std::string>& names) {
  std::string key;
  for (const std::string& n : names) key += n + "\n";
  auto [it, fresh] = by_run_.try_emplace({run.instruction_index, key});
  if (!fresh) return it->second;
  std::vector<ImageFile>& out = it->second;
  if (run.onbuild || run.stage == SIZE_MAX || !run.instruction) return out;
  auto visible = [&](const Copied& c) { return c.op->stage != run.stage || c.op->instruction < run.instruction_index; };
  size_t count = 0;
  for (const std::string& name : names)
    for (const Copied& c : copied(run.stage, name)) count += visible(c);
  if (count > kMaxFiles) return out;
  out.reserve(count);
  for (const std::string& name : names)
    for (const Copied& c : copied(run.stage, name))
      if (visible(c)) out.push_back(c.file);
  // `RUN --mount=type=bind,source=uv.lock,target=uv.lock`: the file is there
  // for this RUN only, which is all an install needs.
  for (const Flag& flag : run.instruction->flags) {
    if (flag.name != "mount") continue;
    std::string type(flag.option("type").value_or("bind"));
    if (ascii_lower(type) != "bind") continue;
    std::optional<std::string_view> source = flag.option("source");
    if (!source) source = flag.option("src");
    std::optional<std::string_view> target = flag.option("target");
    if (!target) target = flag.option("dst");
    if (!target) target = flag.option("destination");
    if (!source || !target || source->find('$') != std::string_view::npos ||
        target->find('$') != std::string_view::npos)
      continue;
    std::string name = base_of(*target);
    if (base_of(*source) != name || std::find(names.begin(), names.end(), name) == names.end()) continue;
    std::optional<std::string> path;
    if (!target->empty() && (*target)[0] == '/')
      path = resolve_path("/", *target);
    else if (run.workdir)
      path = resolve_path(*run.workdir, *target);
    if (!path) continue;
    ImageFile f;
    f.path = *path;
    f.dir = dir_of(f.path);
    f.name = name;
    f.line = run.instruction->span.start.line;
    f.named = true;
    f.mount = true;
    if (!flag.option("from")) f.context_path = clean_relative(*source);
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

// A source operand that is plainly one file: written without a trailing
// '/', no pattern, and a name with an extension or one a package manager
// uses (Gemfile, Pipfile). Anything else may be a directory.
bool file_like(const CopySource& s) {
  if (s.glob || s.dir_hint || !s.known || s.remote) return false;
  std::string base = base_of(s.path);
  if (base.find('.', 1) != std::string::npos) return true;
  for (const PackageManager& pm : package_managers())
    for (const std::vector<std::string>* names : {&pm.manifests, &pm.lockfiles})
      if (std::find(names->begin(), names->end(), base) != names->end()) return true;
  return false;
}

}  // namespace

bool may_hold_unseen_files(CheckContext& ctx, const ShellRun& run, std::string_view dir) {
  if (run.stage == SIZE_MAX) return true;
  bool listed = ctx.context_files() != nullptr;
  for (const CopyOp* op : ctx.image_files().ops_before(ctx.scopes(), run.stage, run.instruction_index)) {
    if (op->heredoc) continue;
    if (!op->dest) return true;  // lands who knows where
    for (const CopySource& s : op->sources) {
      // With the context's listing a context source is exact; a stage's
      // output never is (its RUNs made it).
      bool exact = op->from_context() && ((listed && s.known && !s.remote) || file_like(s));
      if (exact) continue;
      if (op->dest_is_dir || !file_like(s) ? is_within(dir, *op->dest) : dir == dir_of(*op->dest)) return true;
    }
  }
  for (const Flag& flag : run.instruction->flags) {
    if (flag.name != "mount" || ascii_lower(std::string(flag.option("type").value_or("bind"))) != "bind") continue;
    std::optional<std::string_view> target = flag.option("target");
    if (!target) target = flag.option("dst");
    if (!target) target = flag.option("destination");
    if (!target) continue;
    std::optional<std::string_view> source = flag.option("source");
    if (!source) source = flag.option("src");
    if (source && base_of(*source) == base_of(*target) && base_of(*source).find('.', 1) != std::string::npos)
      continue;  // one named file
    if (target->empty() || target->find('$') != std::string_view::npos) return true;
    std::string t = (*target)[0] == '/' ? resolve_path("/", *target)
                                        : (run.workdir ? resolve_path(*run.workdir, *target) : std::string("/"));
    if (is_within(dir, t)) return true;
  }
  return false;
}

ProjectSearch search_project(const PmProject& project, std::string_view start,
                             const std::vector<ImageFile>& markers) {
  ProjectSearch s;
  s.project = &project;
  s.start = std::string(start);
  if (start.empty() || start[0] != '/') return s;
  std::string dir(start);
  for (int depth = 1; project.max_depth <= 0 || depth <= project.max_depth; ++depth) {
    for (const ImageFile& m : markers) {
      if (m.dir == dir) {
        s.root = dir;
        s.marker = m;
        return s;
      }
    }
    if (dir == "/") break;
    dir = dir_of(dir);
  }
  return s;
}

LockUse lock_use(const ProjectSearch& s, std::string_view lock_dir) {
  const PmProject& p = *s.project;
  bool on_path = within_depth(p, s.start, lock_dir);
  if (s.root) {
    if (lock_dir == *s.root) return LockUse::Used;
    // Above the project root: only a workspace root there can own the lockfile.
    if (is_within(*s.root, lock_dir)) return p.workspace ? LockUse::Unknown : LockUse::Unused;
    // Between the start and the root: a marker the Dockerfile does not show
    // (a directory copy) would make it the project root.
    return on_path ? LockUse::Unknown : LockUse::Unused;
  }
  if (!on_path) return LockUse::Unused;
  return lock_dir == s.start ? LockUse::Used : LockUse::Unknown;
}

bool installs_globally(const Command& command, const PackageManager& pm) {
  for (const std::string& f : pm.global_flags)
    if (command.find_flag(f)) return true;
  return false;
}

std::optional<std::string> lockfile_override(const ShellRun& run, const Command& command, const PackageManager& pm) {
  if (!pm.project) return std::nullopt;
  for (const std::string& f : pm.project->lockfile_flags) {
    const ShellWord* w = command.find_flag(f);
    if (!w) continue;
    if (w->value.size() > f.size() && w->value[f.size()] == '=') return w->value.substr(f.size() + 1);
    for (size_t i = 0; i + 1 < command.args.size(); ++i)
      if (&command.args[i] == w) return command.args[i + 1].value;  // `-L pdm.lock.docker`
    return w->value;
  }
  for (const std::string& name : pm.project->lockfile_env)
    if (std::optional<EnvValue> v = run.env_for(command, name)) return v->value;
  return std::nullopt;
}

std::optional<std::string> project_override(const ShellRun& run, const Command& command, const PackageManager& pm) {
  if (!pm.project) return std::nullopt;
  for (const std::string& name : pm.project->env)
    if (std::optional<EnvValue> v = run.env_for(command, name)) return name + "=" + v->value;
  return std::nullopt;
}

bool may_hide_flags(const PmClassification& c) {
  for (const ShellWord* w : c.packages)
    if (w->dynamic && !w->value.empty() && w->value[0] == '$') return true;
  return false;
}

namespace {

// The executable that runs `sub` of `pm` ("pip-sync" for an implied one).
std::string head_for(const PackageManager& pm, const PmSubcommand& sub) {
  for (const auto& [exe, name] : pm.implied)
    if (std::find(sub.names.begin(), sub.names.end(), name) != sub.names.end()) return exe;
  return pm.executables.front() + " " + sub.names.front();
}

// The first flag that freezes `sub`, fit to be written into a command.
const PmFlag* freezing_flag(const PackageManager& pm, const PmSubcommand& sub) {
  for (const std::vector<PmFlag>* list : {&sub.flags, &pm.flags})
    for (const PmFlag& f : *list)
      if (f.effect == PmEffect::Frozen && !f.deprecated) return &f;
  return nullptr;
}

std::string flag_text(const PmFlag& f) { return f.value ? f.flag + "=" + *f.value : f.flag; }

const PmEnv* freezing_env(const PackageManager& pm, const PmSubcommand& sub) {
  for (const std::vector<PmEnv>* list : {&sub.env, &pm.env})
    for (const PmEnv& e : *list)
      if (e.effect == PmEffect::Frozen && e.contains.empty()) return &e;
  return nullptr;
}

std::string env_text(const PmEnv& e) {
  if (e.values.empty()) return e.name + "=1";
  for (const std::string& v : e.values)
    if (v == "true") return e.name + "=true";
  return e.name + "=" + e.values.front();
}

}  // namespace

std::optional<FrozenWay> frozen_way(const PackageManager& pm) {
  std::optional<FrozenWay> primary;
  const PmSubcommand* primary_sub = nullptr;
  // A subcommand that is frozen by itself (npm ci, pdm sync) or one flag away.
  for (const PmSubcommand& sub : pm.subcommands) {
    if (sub.kind != PmSubcommandKind::Install) continue;
    if (sub.install_default == PmInstallDefault::Frozen) {
      if (!primary) {
        primary = FrozenWay{head_for(pm, sub), "", "", sub.names.front(), "", "", false};
        primary_sub = &sub;
      } else if (primary_sub && primary->alternative.empty() && !primary->flag.empty() &&
                 sub.dev_default == primary_sub->dev_default) {
        // Only one that installs the same groups is an alternative (pdm
        // sync for pdm install; not pnpm fetch, which fills the store only).
        primary->alternative = head_for(pm, sub);
      }
      continue;
    }
    if (const PmFlag* f = freezing_flag(pm, sub); f && !primary) {
      primary = FrozenWay{head_for(pm, sub) + " " + flag_text(*f), "", flag_text(*f), "", "", f->note, false};
      primary_sub = &sub;
    }
  }
  if (primary) return primary;
  for (const PmSubcommand& sub : pm.subcommands)
    if (sub.kind == PmSubcommandKind::Install)
      if (const PmEnv* e = freezing_env(pm, sub)) return FrozenWay{head_for(pm, sub), "", "", "", env_text(*e), e->note, false};
  for (const PmSubcommand& sub : pm.subcommands)
    if (sub.kind == PmSubcommandKind::Install && sub.install_default == PmInstallDefault::FrozenIfLockfile)
      return FrozenWay{head_for(pm, sub), "", "", "", "", "", true};
  return std::nullopt;
}

std::optional<FrozenWay> frozen_way(const Command& command, const PmClassification& c) {
  if (!c.manager) return std::nullopt;
  const PackageManager& pm = *c.manager;
  if (c.subcommand && c.subcommand->kind == PmSubcommandKind::Install) {
    if (const PmFlag* f = freezing_flag(pm, *c.subcommand)) {
      std::string head = command_head_text(command, c);
      FrozenWay way{head + " " + flag_text(*f), "", flag_text(*f), "", "", f->note, false};
      // A subcommand frozen by itself that installs the same groups (pdm sync).
      for (const PmSubcommand& sub : pm.subcommands)
        if (&sub != c.subcommand && sub.kind == PmSubcommandKind::Install &&
            sub.install_default == PmInstallDefault::Frozen && sub.dev_default == c.subcommand->dev_default) {
          way.alternative = head_for(pm, sub);
          break;
        }
      return way;
    }
  }
  return frozen_way(pm);
}

std::string describe(const FrozenWay& way) {
  std::string out = "`" + way.text + "`";
  if (!way.env.empty()) out += " with " + way.env + " set";
  if (!way.alternative.empty()) out += " (or `" + way.alternative + "`)";
  return out;
}

Span command_head(const Command& command, const PmClassification& c) {
  Span s = command.name.span;
  if (!c.subcommand_word) return s;
  s.end = c.subcommand_word->span.end;
  // Two-word subcommands ("mod download", "workspaces focus").
  for (size_t i = 0; i + 1 < command.args.size(); ++i) {
    if (&command.args[i] != c.subcommand_word) continue;
    std::string two = command.args[i].value + " " + command.args[i + 1].value;
    if (c.subcommand && std::find(c.subcommand->names.begin(), c.subcommand->names.end(), two) !=
                            c.subcommand->names.end())
      s.end = command.args[i + 1].span.end;
  }
  return s;
}

std::string command_head_text(const Command& command, const PmClassification& c) {
  std::string text(command.program());
  if (text.empty()) text = command.name.value;
  if (!c.subcommand_word) return text;
  bool in = false;
  for (const ShellWord& w : command.args) {
    if (&w == c.subcommand_word) in = true;
    if (!in) continue;
    text += " " + w.value;
    if (w.span.end.offset >= command_head(command, c).end.offset) break;
  }
  return text;
}

std::optional<Edit> frozen_edit(const ShellRun& run, const Command& command, const PmClassification& c,
                                const FrozenWay& way, const Span* replace) {
  bool exec_words = run.exec_form && !command.context.inner_script;
  if (!way.flag.empty()) {
    if (replace) return Edit{*replace, way.flag};
    const ShellWord* anchor = &command.name;
    Span head = command_head(command, c);
    for (const ShellWord& w : command.args)
      if (w.span.end.offset == head.end.offset) anchor = &w;
    if (anchor->dynamic) return std::nullopt;
    Span at{anchor->span.end, anchor->span.end};
    // In exec form the word's span stops before its closing quote:
    // `"install"` + `", "--frozen-lockfile` gives two elements.
    return Edit{at, exec_words ? "\", \"" + way.flag : " " + way.flag};
  }
  if (!way.subcommand.empty() && !replace && c.subcommand_word && !c.subcommand_word->dynamic &&
      c.subcommand && c.subcommand->kind == PmSubcommandKind::Install) {
    // Only within one manager: the way's subcommand must be one of its own.
    if (!c.manager->subcommand(way.subcommand)) return std::nullopt;
    return Edit{c.subcommand_word->span, way.subcommand};
  }
  return std::nullopt;
}

std::vector<std::string> context_lockfiles(FileFinder& finder, const PackageManager& pm, std::string_view dir) {
  std::vector<std::string> out;
  if (!finder.context_known()) return out;
  std::string d(dir);
  while (true) {
    for (const std::string& lock : pm.lockfiles) {
      std::string path = d.empty() ? lock : d + "/" + lock;
      if (finder.in_context(path)) out.push_back(path);
    }
    if (d.empty()) break;
    d = dir_of(d);
  }
  return out;
}

std::string dockerignore_caveat(const CheckContext& ctx, std::string_view context_path) {
  const BuildContextInfo* context = ctx.context();
  if (!context) return "";
  int pattern = excluding_pattern(*context, files_under(*context, context_path));
  if (pattern < 0) return "";
  return " (but .dockerignore pattern " + describe_pattern(*context, pattern) +
         " excludes it: remove that pattern too)";
}

std::string context_place(std::string_view context_path) {
  std::string dir = dir_of(context_path);
  if (dir.empty()) return "at its root";
  return "at " + std::string(context_path);
}

}  // namespace dd::rules
