// Applying the package-manager knowledge (package_managers.h). The data is
// package_managers_data.cc, compiled into a table at build time (dd-pmgen);
// nothing here names a particular manager or flag.
#include "knowledge/package_managers.h"

#include <algorithm>
#include <cctype>

namespace dd {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

bool is_truthy(std::string_view v) {
  for (std::string_view t : {"1", "true", "yes", "on", "y"})
    if (iequals(v, t)) return true;
  return false;
}

// --- matching ----------------------------------------------------------------

// `pip3.12` -> `pip3` -> `pip`, `pnpm@9.1` -> `pnpm`: names a version may hide.
std::vector<std::string> name_candidates(std::string_view program) {
  std::vector<std::string> out{std::string(program)};
  size_t at = program.find('@', 1);
  if (at != std::string_view::npos) out.emplace_back(program.substr(0, at));
  std::string base = out.back();
  while (!base.empty() && (std::isdigit(static_cast<unsigned char>(base.back())) || base.back() == '.')) {
    base.pop_back();
    if (!base.empty() && base != out.back() && std::isalpha(static_cast<unsigned char>(base.back())))
      out.push_back(base);
  }
  return out;
}

// `names` are a program's name_candidates(), computed once per command: the
// managers are tried one after the other for every command of every RUN,
// and building the candidates for each try was a third of a corpus lint.
bool runs(const std::vector<std::string>& executables, const std::vector<std::string>& names) {
  for (const std::string& cand : names)
    if (std::find(executables.begin(), executables.end(), cand) != executables.end()) return true;
  return false;
}

// A flag's value, split the way list-valued options are written (--without dev,test).
bool value_matches(std::string_view given, std::string_view wanted) {
  if (iequals(given, wanted)) return true;
  size_t i = 0;
  while (i <= given.size()) {
    size_t j = given.find_first_of(", :", i);
    if (j == std::string_view::npos) j = given.size();
    if (iequals(given.substr(i, j - i), wanted)) return true;
    i = j + 1;
  }
  return false;
}

// How many words (1 or 2) of args[i...] the spec matches; 0 for none.
size_t match_flag(const PmFlag& spec, const std::vector<ShellWord>& args, size_t i) {
  const ShellWord& w = args[i];
  std::string_view v = w.value;
  std::string_view f = spec.flag;
  if (v == f) {
    if (!spec.value) return 1;
    if (spec.takes_value && i + 1 < args.size() && !args[i + 1].dynamic &&
        value_matches(args[i + 1].value, *spec.value))
      return 2;
    return 0;
  }
  if (v.size() > f.size() && v.substr(0, f.size()) == f) {
    std::string_view rest = v.substr(f.size());
    if (rest[0] == '=') {
      rest.remove_prefix(1);
      if (spec.value) return !w.dynamic && value_matches(rest, *spec.value) ? 1 : 0;
      if (spec.takes_value) return 1;  // --requirement=file
      return !w.dynamic && is_truthy(rest) ? 1 : 0;
    }
    // -Gdev, -rfile: a one-letter option with its value attached.
    if (f.size() == 2 && f[1] != '-' && spec.takes_value) {
      if (!spec.value) return 1;
      return !w.dynamic && value_matches(rest, *spec.value) ? 1 : 0;
    }
  }
  // -qP holds -P: a group of one-letter flags without values.
  if (f.size() == 2 && f[1] != '-' && !spec.value && !spec.takes_value && v.size() > 2 && v[0] == '-' &&
      v[1] != '-' && !w.dynamic &&
      std::all_of(v.begin() + 1, v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
      v.find(f[1], 1) != std::string_view::npos)
    return 1;
  return 0;
}

bool is_value_flag(const PackageManager& pm, const PmSubcommand* sub, std::string_view v) {
  if (std::find(pm.value_flags.begin(), pm.value_flags.end(), v) != pm.value_flags.end()) return true;
  if (sub)
    for (const PmFlag& f : sub->flags)
      if (f.takes_value && f.flag == v) return true;
  return false;
}

PmReason reason_of(const ShellWord& first, const ShellWord& last, PmReason::Source source) {
  PmReason r;
  r.span = Span{first.span.start, last.span.end};
  r.text = first.value;
  if (&first != &last) r.text += " " + last.value;
  r.source = source;
  return r;
}

}  // namespace

std::string_view pm_action_name(PmAction a) {
  switch (a) {
    case PmAction::Other: return "other";
    case PmAction::Resolve: return "resolve";
    case PmAction::InstallFrozen: return "install-frozen";
    case PmAction::InstallUnfrozen: return "install-unfrozen";
    case PmAction::LockfileDisabled: return "lockfile-disabled";
    case PmAction::Verify: return "verify";
    case PmAction::Refresh: return "refresh";
    case PmAction::Run: return "run";
    case PmAction::Remove: return "remove";
    case PmAction::CleanCache: return "clean-cache";
  }
  return "?";
}

bool PmEnv::matches(std::string_view value) const {
  if (!contains.empty()) return lower(value).find(lower(contains)) != std::string::npos;
  if (values.empty()) return !value.empty();
  for (const std::string& v : values)
    if (iequals(v, value)) return true;
  return false;
}

std::vector<std::string> PackageManager::cache_paths(std::string_view home) const {
  std::vector<std::string> out;
  for (const std::string& d : cache_dirs) {
    if (d.substr(0, 2) == "~/")
      out.push_back(join_path(home.empty() ? "/" : home, d.substr(2)));
    else
      out.push_back(d);
  }
  return out;
}

// Parsing the 49 kB document with yaml-cpp at first use was 93% of a
// one-file run; the generated table is built from plain initialisers instead.
const std::vector<PackageManager>& package_managers() {
  static const std::vector<PackageManager> managers = knowledge::generated_package_managers();
  return managers;
}

const PackageManager* manager_by_id(std::string_view id) {
  for (const PackageManager& pm : package_managers())
    if (pm.id == id) return &pm;
  return nullptr;
}

const PackageManager* find_manager(const Command& command, const std::vector<PackageManager>& managers) {
  std::string_view program = command.program();
  if (program.empty()) return nullptr;
  // A manager that only exists through a wrapper (uv pip) wins over the
  // plain one (pip) when the command's innermost wrapper is that wrapper.
  const Wrapper* innermost = command.wrappers.empty() ? nullptr : &command.wrappers.back();
  std::vector<std::string> names = name_candidates(program);
  for (const PackageManager& pm : managers)
    if (pm.wrapper && innermost && innermost->kind == *pm.wrapper && runs(pm.executables, names))
      return &pm;
  for (const PackageManager& pm : managers)
    if (!pm.wrapper && runs(pm.executables, names)) return &pm;
  return nullptr;
}

const PackageManager* find_manager(const Command& command) {
  return find_manager(command, package_managers());
}

PmClassification classify_command(const Command& command, const ShellRun* run) {
  return classify_command(command, run, package_managers());
}

std::vector<PmCommand> package_manager_commands(const ShellRun& run) {
  std::vector<PmCommand> out;
  for (const Command& c : run.commands) {
    PmClassification k = classify_command(c, &run);
    if (k.recognized()) out.push_back({&c, std::move(k)});
  }
  return out;
}

PmClassification classify_command(const Command& command, const ShellRun* run,
                                  const std::vector<PackageManager>& managers) {
  PmClassification c;
  c.manager = find_manager(command, managers);
  c.project_dir = command.workdir;
  if (!c.manager) return c;
  const PackageManager& pm = *c.manager;
  const std::vector<ShellWord>& args = command.args;
  c.decisive = reason_of(command.name, command.name, PmReason::Source::Default);

  // The subcommand: the first operand after the global options.
  size_t i = 0;
  while (i < args.size() && args[i].value.size() > 1 && args[i].value[0] == '-' && args[i].value != "--")
    i += is_value_flag(pm, nullptr, args[i].value) ? 2 : 1;
  size_t sub_begin = i, sub_end = i;
  std::string_view program = command.program();
  std::vector<std::string> names = name_candidates(program);
  for (const auto& [exe, sub] : pm.implied)
    if (std::find(names.begin(), names.end(), exe) != names.end())
      c.subcommand = pm.subcommand(sub);
  if (!c.subcommand && i < args.size() && !args[i].dynamic) {
    if (i + 1 < args.size() && !args[i + 1].dynamic)
      c.subcommand = pm.subcommand(args[i].value + " " + args[i + 1].value);
    if (c.subcommand) {
      sub_end = i + 2;
    } else if ((c.subcommand = pm.subcommand(args[i].value))) {
      sub_end = i + 1;
    }
    if (c.subcommand) c.subcommand_word = &args[i];
  }
  if (!c.subcommand && i >= args.size() && !pm.default_subcommand.empty())
    c.subcommand = pm.subcommand(pm.default_subcommand);
  if (c.subcommand_word) {  // by default the subcommand decides: "pdm lock"
    c.decisive.span = Span{command.name.span.start, args[sub_end - 1].span.end};
    c.decisive.text = std::string(program);
    for (size_t k = sub_begin; k < sub_end; ++k) c.decisive.text += " " + args[k].value;
  }
  if (!c.subcommand) {
    if (i < args.size()) c.decisive = reason_of(args[i], args[i], PmReason::Source::Default);
    c.action = PmAction::Other;
    return c;
  }
  const PmSubcommand& sub = *c.subcommand;

  // Flags, in order; the words a wrapper (uv --no-cache pip) carries count too.
  struct Hit {
    PmEffect effect;
    PmReason reason;
    const ShellWord* value = nullptr;  // the flag's value word (frozen-if-pinned)
  };
  std::vector<Hit> flag_hits, env_hits;
  auto scan = [&](const std::vector<ShellWord>& words, size_t from, bool collect_operands) {
    for (size_t k = from; k < words.size(); ++k) {
      if (collect_operands && k >= sub_begin && k < sub_end) continue;
      const ShellWord& w = words[k];
      if (w.is("--")) {
        if (collect_operands)
          for (size_t r = k + 1; r < words.size(); ++r) c.packages.push_back(&words[r]);
        break;
      }
      bool is_flag = w.value.size() > 1 && w.value[0] == '-';
      size_t used = 0;
      for (const std::vector<PmFlag>* list : {&sub.flags, &pm.flags}) {
        for (const PmFlag& f : *list) {
          size_t n = match_flag(f, words, k);
          if (!n) continue;
          const ShellWord* value = nullptr;
          if (f.takes_value && !f.value && k + 1 < words.size() && w.value == f.flag) {
            value = &words[k + 1];  // -r requirements.txt: the reason covers both words
            n = 2;
          }
          if (f.takes_value && !f.value && w.value.size() > f.flag.size() && !value) value = &w;
          flag_hits.push_back({f.effect, reason_of(w, words[k + n - 1], PmReason::Source::Flag), value});
          used = std::max(used, n);
        }
      }
      // Project directory options (-C dir, --cwd=dir).
      for (const std::string& pf : pm.project_dir_flags) {
        const ShellWord* dir = nullptr;
        std::string dir_value;
        if (w.value == pf && k + 1 < words.size()) {
          dir = &words[k + 1];
          dir_value = dir->value;
        } else if (w.value.size() > pf.size() + 1 && w.value.substr(0, pf.size() + 1) == pf + "=") {
          dir = &w;
          dir_value = w.value.substr(pf.size() + 1);
        }
        if (!dir) continue;
        c.project_dir_flag = reason_of(w, *dir, PmReason::Source::Flag);
        if (dir->dynamic)
          c.project_dir = std::nullopt;
        else if (!dir_value.empty() && dir_value[0] == '/')
          c.project_dir = join_path("/", dir_value);
        else
          c.project_dir = command.workdir ? std::optional(join_path(*command.workdir, dir_value)) : std::nullopt;
      }
      if (is_flag) {
        if (used < 2 && w.value.find('=') == std::string::npos && is_value_flag(pm, &sub, w.value)) used = 2;
        k += used ? used - 1 : 0;
        continue;
      }
      if (used) {
        k += used - 1;
        continue;
      }
      if (collect_operands && k >= sub_end) c.packages.push_back(&w);
    }
  };
  for (const Wrapper& wr : command.wrappers)
    if (pm.wrapper && wr.kind == *pm.wrapper) scan(wr.words, 1, false);
  scan(args, 0, true);

  // Environment variables: the command's own, the script's, the stage's.
  for (const std::vector<PmEnv>* list : {&sub.env, &pm.env}) {
    for (const PmEnv& e : *list) {
      std::optional<EnvValue> v;
      if (run) {
        v = run->env_for(command, e.name, e.ignore_case);
      } else {
        for (auto it = command.env.rbegin(); it != command.env.rend() && !v; ++it)
          if (e.ignore_case ? iequals(it->name, e.name) : it->name == e.name)
            v = EnvValue{it->value.value, !it->value.dynamic, it->span};
      }
      if (!v || !v->known || !e.matches(v->value)) continue;
      PmReason r;
      r.span = v->span;
      r.text = e.name + "=" + v->value;
      r.source = PmReason::Source::Env;
      env_hits.push_back({e.effect, r, nullptr});
    }
  }

  // Development dependencies and the cache: a flag beats a variable; the
  // last flag wins.
  bool group_dev = sub.dev_default;
  for (const std::vector<Hit>* hits : {&env_hits, &flag_hits}) {
    for (const Hit& h : *hits) {
      if (h.effect == PmEffect::Dev || h.effect == PmEffect::Prod) {
        group_dev = h.effect == PmEffect::Dev;
        (group_dev ? c.dev : c.prod) = h.reason;
        (group_dev ? c.prod : c.dev) = std::nullopt;
      }
      if (h.effect == PmEffect::NoCache) c.no_cache = h.reason;
      if (h.effect == PmEffect::Offline) c.offline = h.reason;
    }
  }
  c.installs_dev = group_dev;

  switch (sub.kind) {
    case PmSubcommandKind::Other: c.action = PmAction::Other; return c;
    case PmSubcommandKind::Run: c.action = PmAction::Run; return c;
    case PmSubcommandKind::Refresh: c.action = PmAction::Refresh; return c;
    case PmSubcommandKind::Verify: c.action = PmAction::Verify; return c;
    case PmSubcommandKind::Remove: c.action = PmAction::Remove; return c;
    case PmSubcommandKind::CleanCache: c.action = PmAction::CleanCache; return c;
    case PmSubcommandKind::Resolve: {
      c.action = PmAction::Resolve;
      for (const std::vector<Hit>* hits : {&env_hits, &flag_hits})
        for (const Hit& h : *hits) {
          if (h.effect == PmEffect::Verify) {
            c.action = PmAction::Verify;
            c.decisive = h.reason;
          } else if (h.effect == PmEffect::NoLockfile) {
            c.action = PmAction::LockfileDisabled;
            c.decisive = h.reason;
          }
        }
      return c;
    }
    case PmSubcommandKind::Install:
      break;
  }

  // An install: the default, then variables, then flags in order.
  enum class Mode { Frozen, Unfrozen, FrozenIfLockfile, FrozenIfPinned } mode;
  switch (sub.install_default) {
    case PmInstallDefault::Frozen: mode = Mode::Frozen; break;
    case PmInstallDefault::Unfrozen: mode = Mode::Unfrozen; break;
    case PmInstallDefault::FrozenIfLockfile: mode = Mode::FrozenIfLockfile; break;
  }
  bool explicit_mode = false;
  std::optional<PmReason> resolve_only, disabled, pinned;
  for (const std::vector<Hit>* hits : {&env_hits, &flag_hits}) {
    for (const Hit& h : *hits) {
      switch (h.effect) {
        case PmEffect::Frozen:
        case PmEffect::Unfrozen:
          mode = h.effect == PmEffect::Frozen ? Mode::Frozen : Mode::Unfrozen;
          explicit_mode = true;
          c.decisive = h.reason;
          break;
        case PmEffect::FrozenIfPinned:
          if (!pinned) {
            pinned = h.reason;
            c.condition_word = h.value;
          }
          break;
        case PmEffect::Resolve: resolve_only = h.reason; break;
        case PmEffect::NoLockfile: disabled = h.reason; break;
        default: break;
      }
    }
  }
  if (!explicit_mode && pinned) {
    mode = Mode::FrozenIfPinned;
    c.decisive = *pinned;
  }
  // Packages named on the command line: added to the lockfile, or installed
  // at whatever version resolves (unless pinned).
  if (!c.packages.empty() && sub.packages != PmPackagesRule::None) {
    const ShellWord* unpinned = nullptr;
    for (const ShellWord* p : c.packages) {
      bool is_pinned = !p->dynamic && std::any_of(pm.pins.begin(), pm.pins.end(), [&](const std::string& m) {
        return p->value.find(m) != std::string::npos;
      });
      if (!is_pinned) {
        unpinned = p;
        break;
      }
    }
    if (sub.packages == PmPackagesRule::Resolve) {
      resolve_only = reason_of(*c.packages.front(), *c.packages.back(), PmReason::Source::Package);
    } else if (unpinned) {
      mode = Mode::Unfrozen;
      c.decisive = reason_of(*unpinned, *unpinned, PmReason::Source::Package);
    }
  }
  if (disabled) {
    c.action = PmAction::LockfileDisabled;
    c.decisive = *disabled;
  } else if (resolve_only) {
    c.action = PmAction::Resolve;
    c.decisive = *resolve_only;
  } else {
    switch (mode) {
      case Mode::Frozen: c.action = PmAction::InstallFrozen; break;
      case Mode::Unfrozen: c.action = PmAction::InstallUnfrozen; break;
      case Mode::FrozenIfLockfile:
        c.action = PmAction::InstallFrozen;
        c.condition = PmCondition::LockfilePresent;
        break;
      case Mode::FrozenIfPinned:
        c.action = PmAction::InstallFrozen;
        c.condition = PmCondition::RequirementsPinned;
        break;
    }
  }
  return c;
}

}  // namespace dd
