// Loading, validating and applying the package-manager knowledge
// (package_managers.h). The data is package_managers_data.cc; nothing here
// names a particular manager or flag.
#include "knowledge/package_managers.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace dd {
namespace knowledge {
extern const std::string_view kPackageManagersYaml;
}  // namespace knowledge

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

const std::vector<std::string> kTruthy = {"1", "true", "yes", "on", "y"};
const std::vector<std::string> kFalsy = {"0", "false", "no", "off", "n"};

bool is_truthy(std::string_view v) {
  return std::find(kTruthy.begin(), kTruthy.end(), lower(v)) != kTruthy.end();
}

const std::map<std::string, PmEffect, std::less<>>& effect_names() {
  static const std::map<std::string, PmEffect, std::less<>> m = {
      {"frozen", PmEffect::Frozen},     {"unfrozen", PmEffect::Unfrozen},
      {"resolve", PmEffect::Resolve},   {"no-lockfile", PmEffect::NoLockfile},
      {"frozen-if-pinned", PmEffect::FrozenIfPinned}, {"verify", PmEffect::Verify},
      {"dev", PmEffect::Dev},           {"prod", PmEffect::Prod},
      {"no-cache", PmEffect::NoCache},
      {"no-project", PmEffect::NoProject}, {"project", PmEffect::Project},
      {"offline", PmEffect::Offline},
  };
  return m;
}

const std::map<std::string, WrapperKind, std::less<>>& wrapper_names() {
  static const std::map<std::string, WrapperKind, std::less<>> m = {
      {"sudo", WrapperKind::Sudo},     {"env", WrapperKind::Env},         {"uv", WrapperKind::Uv},
      {"python", WrapperKind::Python}, {"pipx", WrapperKind::Pipx},       {"npx", WrapperKind::Npx},
      {"corepack", WrapperKind::Corepack}, {"shell", WrapperKind::Shell}, {"xargs", WrapperKind::Xargs},
  };
  return m;
}

// --- loading -----------------------------------------------------------------

class Loader {
 public:
  explicit Loader(std::vector<std::string>& errors) : errors_(errors) {}

  void load(const YAML::Node& root, std::vector<PackageManager>& out) {
    if (!root.IsMap() || !root["managers"] || !root["managers"].IsSequence()) {
      error(root, "the document must be a map with a `managers` list");
      return;
    }
    known_keys(root, {"managers"}, "document");
    std::set<std::string> ids;
    for (const YAML::Node& m : root["managers"]) {
      PackageManager pm = manager(m);
      if (pm.id.empty()) continue;
      if (!ids.insert(pm.id).second) error(m, "duplicate manager id `" + pm.id + "`");
      out.push_back(std::move(pm));
    }
  }

 private:
  void error(const YAML::Node& at, const std::string& message) {
    std::string where = at.Mark().is_null() ? "" : "line " + std::to_string(at.Mark().line + 1) + ": ";
    if (!context_.empty()) where += context_ + ": ";
    errors_.push_back(where + message);
  }

  // Unknown keys are typos: `efect: frozen` must not silently do nothing.
  void known_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys, std::string_view what) {
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        error(kv.first, "unknown key `" + key + "` in " + std::string(what));
    }
  }

  std::string scalar(const YAML::Node& map, const char* key, bool required) {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) {
      if (required) error(map, std::string("missing `") + key + "`");
      return {};
    }
    if (!n.IsScalar()) {
      error(n, std::string("`") + key + "` must be a string");
      return {};
    }
    return n.Scalar();
  }

  std::vector<std::string> strings(const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) {
      error(n, std::string("`") + key + "` must be a list");
      return out;
    }
    for (const YAML::Node& e : n) {
      if (!e.IsScalar() || e.Scalar().empty()) {
        error(e, std::string("`") + key + "` entries must be non-empty strings");
        continue;
      }
      out.push_back(e.Scalar());
    }
    return out;
  }

  bool boolean(const YAML::Node& map, const char* key) {
    YAML::Node n = map[key];
    if (!n) return false;
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
    error(n, std::string("`") + key + "` must be true or false");
    return false;
  }

  PmEffect effect(const YAML::Node& map) {
    std::string e = scalar(map, "effect", true);
    auto it = effect_names().find(e);
    if (it == effect_names().end()) {
      if (!e.empty()) error(map["effect"], "unknown effect `" + e + "`");
      return PmEffect::Frozen;
    }
    return it->second;
  }

  std::vector<PmFlag> flags(const YAML::Node& map) {
    std::vector<PmFlag> out;
    YAML::Node list = map["flags"];
    if (!list) return out;
    if (!list.IsSequence()) {
      error(list, "`flags` must be a list");
      return out;
    }
    for (const YAML::Node& f : list) {
      if (!f.IsMap()) {
        error(f, "a flag must be a map");
        continue;
      }
      known_keys(f, {"flag", "value", "effect", "takes_value", "deprecated", "note"}, "a flag");
      PmFlag flag;
      flag.flag = scalar(f, "flag", true);
      if (!flag.flag.empty() && (flag.flag.size() < 2 || flag.flag[0] != '-' ||
                                 flag.flag.find('=') != std::string::npos))
        error(f, "flag `" + flag.flag + "` must start with '-' and hold no '=' (use `value`)");
      if (f["value"]) flag.value = scalar(f, "value", true);
      flag.effect = effect(f);
      flag.takes_value = boolean(f, "takes_value");
      flag.deprecated = boolean(f, "deprecated");
      flag.note = scalar(f, "note", false);
      out.push_back(std::move(flag));
    }
    return out;
  }

  std::vector<PmEnv> envs(const YAML::Node& map) {
    std::vector<PmEnv> out;
    YAML::Node list = map["env"];
    if (!list) return out;
    if (!list.IsSequence()) {
      error(list, "`env` must be a list");
      return out;
    }
    for (const YAML::Node& e : list) {
      if (!e.IsMap()) {
        error(e, "an env entry must be a map");
        continue;
      }
      known_keys(e, {"name", "values", "contains", "effect", "ignore_case", "note"}, "an env entry");
      PmEnv env;
      env.name = scalar(e, "name", true);
      YAML::Node values = e["values"];
      if (values && values.IsScalar()) {
        if (values.Scalar() == "truthy")
          env.values = kTruthy;
        else if (values.Scalar() == "falsy")
          env.values = kFalsy;
        else
          error(values, "`values` must be a list, `truthy` or `falsy`");
      } else if (values) {
        env.values = strings(e, "values");
      }
      env.contains = scalar(e, "contains", false);
      env.effect = effect(e);
      env.ignore_case = boolean(e, "ignore_case");
      env.note = scalar(e, "note", false);
      out.push_back(std::move(env));
    }
    return out;
  }

  PmSubcommand subcommand(const YAML::Node& s) {
    PmSubcommand sub;
    known_keys(s, {"names", "action", "default", "packages", "dev_default", "source", "flags", "env", "note"},
               "a subcommand");
    sub.names = strings(s, "names");
    if (sub.names.empty()) error(s, "a subcommand needs `names`");
    static const std::map<std::string, PmSubcommandKind, std::less<>> kinds = {
        {"resolve", PmSubcommandKind::Resolve}, {"install", PmSubcommandKind::Install},
        {"verify", PmSubcommandKind::Verify},   {"refresh", PmSubcommandKind::Refresh},
        {"run", PmSubcommandKind::Run},         {"other", PmSubcommandKind::Other},
        {"remove", PmSubcommandKind::Remove},   {"clean-cache", PmSubcommandKind::CleanCache}};
    std::string action = scalar(s, "action", true);
    auto k = kinds.find(action);
    if (k == kinds.end()) {
      if (!action.empty()) error(s["action"], "unknown action `" + action + "`");
    } else {
      sub.kind = k->second;
    }
    std::string def = scalar(s, "default", false);
    if (sub.kind == PmSubcommandKind::Install && def.empty())
      error(s, "an install subcommand needs `default` (frozen, unfrozen or frozen-if-lockfile)");
    if (!def.empty() && sub.kind != PmSubcommandKind::Install)
      error(s["default"], "`default` applies to install subcommands only");
    if (def == "frozen")
      sub.install_default = PmInstallDefault::Frozen;
    else if (def == "unfrozen")
      sub.install_default = PmInstallDefault::Unfrozen;
    else if (def == "frozen-if-lockfile")
      sub.install_default = PmInstallDefault::FrozenIfLockfile;
    else if (!def.empty())
      error(s["default"], "unknown default `" + def + "`");
    std::string packages = scalar(s, "packages", false);
    if (packages == "resolve")
      sub.packages = PmPackagesRule::Resolve;
    else if (packages == "unfrozen")
      sub.packages = PmPackagesRule::Unfrozen;
    else if (!packages.empty())
      error(s["packages"], "unknown packages rule `" + packages + "`");
    sub.dev_default = boolean(s, "dev_default");
    std::string source = scalar(s, "source", false);
    if (!source.empty() && sub.kind != PmSubcommandKind::Install)
      error(s["source"], "`source` applies to install subcommands only");
    if (source == "project")
      sub.source = PmSource::Project;
    else if (source == "root")
      sub.source = PmSource::Root;
    else if (!source.empty() && source != "manifests")
      error(s["source"], "unknown source `" + source + "` (manifests, project or root)");
    sub.flags = flags(s);
    sub.env = envs(s);
    sub.note = scalar(s, "note", false);
    return sub;
  }

  PmProject project_spec(const YAML::Node& n) {
    PmProject p;
    if (!n.IsMap()) {
      error(n, "`project` must be a map");
      return p;
    }
    known_keys(n, {"markers", "max_depth", "workspace", "env", "lockfile_flags", "lockfile_env"}, "project");
    p.markers = strings(n, "markers");
    if (p.markers.empty()) error(n, "`project` needs `markers`");
    if (YAML::Node d = n["max_depth"]) {
      std::string v = d.IsScalar() ? d.Scalar() : "";
      if (v.empty() || v.size() > 3 || !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        error(d, "`max_depth` must be a small non-negative integer");
      else
        p.max_depth = std::stoi(v);
    }
    p.workspace = boolean(n, "workspace");
    p.env = strings(n, "env");
    p.lockfile_flags = strings(n, "lockfile_flags");
    p.lockfile_env = strings(n, "lockfile_env");
    return p;
  }

  PackageManager manager(const YAML::Node& m) {
    PackageManager pm;
    context_.clear();
    if (!m.IsMap()) {
      error(m, "a manager must be a map");
      return pm;
    }
    pm.id = scalar(m, "id", true);
    context_ = "manager `" + pm.id + "`";
    if (pm.id.empty()) return pm;
    if (!std::all_of(pm.id.begin(), pm.id.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        }))
      error(m["id"], "an id is lower-case letters, digits and '-'");
    known_keys(m, {"id", "name", "ecosystem", "executables", "wrapper", "implied", "default_subcommand",
                   "manifests", "lockfiles", "pins", "cache", "value_flags", "project_dir_flags", "flags",
                   "env", "config", "subcommands", "project", "global_flags", "config_set"},
               "a manager");
    pm.name = scalar(m, "name", true);
    pm.ecosystem = scalar(m, "ecosystem", true);
    pm.executables = strings(m, "executables");
    if (pm.executables.empty()) error(m, "a manager needs `executables`");
    std::string wrapper = scalar(m, "wrapper", false);
    if (!wrapper.empty()) {
      auto it = wrapper_names().find(wrapper);
      if (it == wrapper_names().end())
        error(m["wrapper"], "unknown wrapper `" + wrapper + "`");
      else
        pm.wrapper = it->second;
    }
    pm.default_subcommand = scalar(m, "default_subcommand", false);
    pm.manifests = strings(m, "manifests");
    pm.lockfiles = strings(m, "lockfiles");
    pm.pins = strings(m, "pins");
    if (YAML::Node cache = m["cache"]) {
      if (!cache.IsMap()) {
        error(cache, "`cache` must be a map");
      } else {
        known_keys(cache, {"dirs", "env", "sharing"}, "cache");
        pm.cache_dirs = strings(cache, "dirs");
        pm.cache_env = strings(cache, "env");
        pm.cache_sharing = scalar(cache, "sharing", false);
        if (!pm.cache_sharing.empty() && pm.cache_sharing != "shared" && pm.cache_sharing != "private" &&
            pm.cache_sharing != "locked")
          error(cache["sharing"], "`sharing` must be shared, private or locked");
        for (const std::string& d : pm.cache_dirs)
          if (d[0] != '/' && d.substr(0, 2) != "~/") error(cache, "cache dir `" + d + "` must be absolute or start with ~/");
      }
    }
    pm.value_flags = strings(m, "value_flags");
    pm.project_dir_flags = strings(m, "project_dir_flags");
    if (YAML::Node project = m["project"]) pm.project = project_spec(project);
    pm.global_flags = strings(m, "global_flags");
    pm.config_set = scalar(m, "config_set", false);
    pm.flags = flags(m);
    pm.env = envs(m);
    if (YAML::Node config = m["config"]) {
      for (const YAML::Node& c : config) {
        known_keys(c, {"file", "key", "value", "effect", "note"}, "a config entry");
        PmConfig pc;
        pc.file = scalar(c, "file", true);
        pc.key = scalar(c, "key", true);
        pc.value = scalar(c, "value", true);
        pc.effect = effect(c);
        pc.note = scalar(c, "note", false);
        pm.config.push_back(std::move(pc));
      }
    }
    if (YAML::Node subs = m["subcommands"]; subs && subs.IsSequence()) {
      std::set<std::string> names;
      for (const YAML::Node& s : subs) {
        if (!s.IsMap()) {
          error(s, "a subcommand must be a map");
          continue;
        }
        PmSubcommand sub = subcommand(s);
        for (const std::string& n : sub.names)
          if (!names.insert(n).second) error(s, "subcommand `" + n + "` is listed twice");
        pm.subcommands.push_back(std::move(sub));
      }
    } else {
      error(m, "a manager needs a `subcommands` list");
    }
    if (!pm.default_subcommand.empty() && !pm.subcommand(pm.default_subcommand))
      error(m["default_subcommand"], "default_subcommand `" + pm.default_subcommand + "` is not a subcommand");
    if (YAML::Node implied = m["implied"]) {
      if (!implied.IsMap()) {
        error(implied, "`implied` must be a map of executable: subcommand");
      } else {
        for (const auto& kv : implied) {
          std::string exe = kv.first.Scalar(), sub = kv.second.Scalar();
          if (std::find(pm.executables.begin(), pm.executables.end(), exe) == pm.executables.end())
            error(kv.first, "implied executable `" + exe + "` is not in executables");
          if (!pm.subcommand(sub)) error(kv.second, "implied subcommand `" + sub + "` is not a subcommand");
          pm.implied.emplace_back(exe, sub);
        }
      }
    }
    return pm;
  }

  std::vector<std::string>& errors_;
  std::string context_;
};

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

std::string_view pm_effect_name(PmEffect e) {
  for (const auto& [name, effect] : effect_names())
    if (effect == e) return name;
  return "?";
}

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

const PmSubcommand* PackageManager::subcommand(std::string_view name) const {
  for (const PmSubcommand& s : subcommands)
    if (std::find(s.names.begin(), s.names.end(), name) != s.names.end()) return &s;
  return nullptr;
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

PmLoadResult load_package_managers(std::string_view yaml) {
  PmLoadResult result;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    Loader(result.errors).load(root, result.managers);
  } catch (const YAML::Exception& e) {
    result.errors.push_back("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return result;
}

namespace {
const PmLoadResult& builtin() {
  static const PmLoadResult data = load_package_managers(knowledge::kPackageManagersYaml);
  return data;
}
}  // namespace

const std::vector<PackageManager>& package_managers() { return builtin().managers; }
const std::vector<std::string>& package_manager_errors() { return builtin().errors; }

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
