// Cache directories, cache mounts and deletions for DD201/DD202/DD204
// (cache_mounts.h).
#include "rules/cache_mounts.h"

#include <algorithm>

#include "rules/util.h"

namespace dd::rules {

bool path_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path[0] == '/';
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

std::string_view dirname_of(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  return slash == 0 ? std::string_view("/") : path.substr(0, slash);
}

std::string_view basename_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<CacheMount> cache_mounts(const Dockerfile& df, const DockerfileScopes& scopes, const ShellRun& run) {
  std::vector<CacheMount> out;
  if (!run.instruction) return out;
  for (const Flag& f : run.instruction->flags) {
    if (f.name != "mount" || !f.value) continue;
    std::optional<std::string_view> type = f.option("type");
    if (!type || ascii_lower(*type) != "cache") continue;
    CacheMount m;
    m.flag = &f;
    m.span = f.span;
    std::optional<MountOption> target;
    for (std::string_view key : {"target", "dst", "destination"})
      if ((target = mount_option(f, key))) break;
    if (target) {
      m.span = target->span;
      std::optional<std::string> value = scopes.expand_at(run.instruction_index, target->value, df.escape);
      if (value && !value->empty()) {
        if ((*value)[0] == '/')
          m.target = join_path("/", *value);
        else if (run.workdir)
          m.target = join_path(*run.workdir, *value);
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool runs_as_root(const ShellRun& run, const Command& command) {
  auto root = [](std::string_view user) {
    user = user.substr(0, user.find(':'));  // USER may name a group too ("app:app")
    return user.empty() || user == "root" || user == "0" || user == "#0";
  };
  // `sudo -u app ...` runs as app whatever the stage's USER.
  if (const Wrapper* sudo = command.wrapper(WrapperKind::Sudo)) {
    const std::vector<ShellWord>& w = sudo->words;
    for (size_t i = 1; i < w.size(); ++i) {
      std::string_view v = w[i].value;
      if ((v == "-u" || v == "--user") && i + 1 < w.size()) return root(w[i + 1].value);
      if (v.starts_with("--user=")) return root(v.substr(7));
      if (v.starts_with("-u") && v.size() > 2) return root(v.substr(2));
    }
    return true;
  }
  return root(run.user);
}

std::optional<std::string> home_of(const ShellRun& run, const Command& command) {
  if (std::optional<EnvValue> home = run.env_for(command, "HOME")) {
    if (home->known && !home->value.empty() && home->value[0] == '/') return join_path("/", home->value);
    return std::nullopt;
  }
  if (runs_as_root(run, command)) return "/root";
  return std::nullopt;
}

namespace {

// "~/.cache/pip" against an absolute path when the home is unknown: they
// overlap when the absolute path ends with the part after "~", with a
// leading part of it (an ancestor such as /home/app/.cache), or holds it
// followed by more (a directory inside).
bool tilde_overlaps(std::string_view tilde, std::string_view absolute) {
  std::string_view rel = tilde.substr(1);  // "/.cache/pip"
  if (rel.empty()) return true;            // the unknown home itself
  auto ends_with = [&](std::string_view tail) {
    return absolute.size() >= tail.size() && absolute.substr(absolute.size() - tail.size()) == tail;
  };
  if (ends_with(rel) || absolute.find(std::string(rel) + "/") != std::string_view::npos) return true;
  for (size_t end = rel.find('/', 1); end != std::string_view::npos; end = rel.find('/', end + 1))
    if (ends_with(rel.substr(0, end))) return true;
  return false;
}

}  // namespace

bool paths_may_overlap(std::string_view a, std::string_view b) {
  bool ta = !a.empty() && a[0] == '~', tb = !b.empty() && b[0] == '~';
  if (ta == tb) return paths_overlap(a, b);
  return ta ? tilde_overlaps(a, b) : tilde_overlaps(b, a);
}

ManagerCache manager_cache(const PackageManager& pm, const ShellRun& run, const Command& command) {
  ManagerCache cache;
  std::optional<std::string> home = home_of(run, command);
  cache.home_known = home.has_value();
  cache.dirs = home ? pm.cache_paths(*home) : pm.cache_dirs;
  for (size_t i = 0; i < pm.cache_env.size(); ++i) {
    std::optional<EnvValue> v = run.env_for(command, pm.cache_env[i]);
    if (!v) continue;
    bool absolute = v->known && !v->value.empty() && v->value[0] == '/';
    if (!absolute) {
      if (i == 0) cache.moved_unknown = true;
      continue;
    }
    std::string dir = join_path("/", v->value);
    if (i == 0) {
      cache.moved_var = pm.cache_env[i];
      cache.moved_to = dir;
    } else {
      // Variables that hold the cache somewhere below them (XDG_CACHE_HOME,
      // CARGO_HOME, GOPATH): count the whole directory.
      cache.dirs.push_back(dir);
    }
  }
  return cache;
}

bool touches_cache(const ManagerCache& cache, std::string_view path) {
  if (cache.moved_to && paths_may_overlap(*cache.moved_to, path)) return true;
  for (const std::string& d : cache.dirs)
    if (paths_may_overlap(d, path)) return true;
  return false;
}

std::vector<std::string> suggested_mount_dirs(const PackageManager& pm, const ManagerCache& cache) {
  if (cache.moved_to) return {*cache.moved_to};
  size_t n = std::min(pm.cache_dirs.size(), cache.dirs.size());
  if (n == 0) return {};
  if (pm.cache_sharing.empty()) n = 1;
  return std::vector<std::string>(cache.dirs.begin(), cache.dirs.begin() + static_cast<long>(n));
}

std::optional<std::string> deleted_path(const ShellWord& word, const Command& command,
                                        const std::optional<std::string>& home) {
  std::string value = word.value;
  if (word.dynamic) {
    // Only a leading ~ or $HOME is understood; anything else is unknowable.
    std::string rest;
    for (std::string_view prefix : {"~/", "$HOME/", "${HOME}/"})
      if (value.starts_with(prefix)) rest = value.substr(prefix.size() - 1);
    // assign(1, '/'), not = "/": GCC 12 warns (-Wrestrict, a known false
    // positive) about assigning the literal here.
    if (value == "~" || value == "$HOME" || value == "${HOME}") rest.assign(1, '/');
    if (rest.empty() || rest.find_first_of("$`~{") != std::string::npos) return std::nullopt;
    value = (home ? *home : std::string("~")) + rest;
  }
  if (word.glob) {
    size_t g = value.find_first_of("*?[");
    value = value.substr(0, g);
  }
  if (value.empty()) return std::nullopt;
  if (value[0] == '~') {
    std::string cut = value.size() > 1 ? join_path("/", value.substr(1)) : "/";
    return cut == "/" ? std::string("~") : "~" + cut;
  }
  if (value[0] == '/') return join_path("/", value);
  if (!command.workdir) return std::nullopt;
  return join_path(*command.workdir, value);
}

std::vector<Deletion> deletions(const Command& command, const std::optional<std::string>& home) {
  std::vector<Deletion> out;
  if (command.program() != "rm") return out;
  bool options = true;
  for (const ShellWord& w : command.args) {
    if (options && w.is("--")) {
      options = false;
      continue;
    }
    if (options && w.value.size() > 1 && w.value[0] == '-') continue;
    if (std::optional<std::string> p = deleted_path(w, command, home)) out.push_back({&w, *p});
  }
  return out;
}

bool is_dependency_install(const PmClassification& c, const Command& command) {
  if (!c.manager || !c.subcommand || c.subcommand->kind != PmSubcommandKind::Install) return false;
  const PackageManager& pm = *c.manager;
  if (c.subcommand_word || pm.default_subcommand.empty()) return true;
  for (const auto& [exe, sub] : pm.implied)
    if (command.program() == exe) return true;
  auto known = [&](std::string_view option) {
    std::string_view name = option.substr(0, option.find('='));
    for (const std::vector<PmFlag>* flags : {&c.subcommand->flags, &pm.flags})
      for (const PmFlag& f : *flags)
        if (f.flag == name) return true;
    for (const std::vector<std::string>* names : {&pm.value_flags, &pm.project_dir_flags})
      if (std::find(names->begin(), names->end(), name) != names->end()) return true;
    return false;
  };
  for (const ShellWord& w : command.args)
    if (!w.dynamic && w.value.size() > 1 && w.value[0] == '-' && !known(w.value)) return false;
  return true;
}

const PmFlag* passed_flag(const Command& command, const PackageManager& pm, const PmSubcommand* sub,
                          PmEffect effect) {
  auto find = [&](const std::vector<PmFlag>& flags) -> const PmFlag* {
    for (const PmFlag& f : flags)
      if (f.effect == effect && !f.value && command.find_flag(f.flag)) return &f;
    return nullptr;
  };
  if (sub)
    if (const PmFlag* f = find(sub->flags)) return f;
  return find(pm.flags);
}

CommandLabel command_label(const Command& command, const PmClassification& c) {
  CommandLabel label{std::string(command.program()), command.name.span};
  if (!c.subcommand_word || !c.subcommand) return label;
  const std::vector<ShellWord>& args = command.args;
  for (size_t i = 0; i < args.size(); ++i) {
    if (&args[i] != c.subcommand_word) continue;
    label.text += " " + args[i].value;
    label.span.end = args[i].span.end;
    if (i + 1 < args.size()) {
      std::string two = args[i].value + " " + args[i + 1].value;
      const std::vector<std::string>& names = c.subcommand->names;
      if (std::find(names.begin(), names.end(), two) != names.end()) {
        label.text += " " + args[i + 1].value;
        label.span.end = args[i + 1].span.end;
      }
    }
    break;
  }
  return label;
}

}  // namespace dd::rules
