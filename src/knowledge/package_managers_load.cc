// Reading and validating a package-manager knowledge document
// (package_managers.h). The build runs this through dd-pmgen to compile the
// built-in document into a table; tests and custom documents call it directly.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "knowledge/package_managers.h"

namespace dd {
namespace {

const std::vector<std::string> kTruthy = {"1", "true", "yes", "on", "y"};
const std::vector<std::string> kFalsy = {"0", "false", "no", "off", "n"};

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

}  // namespace

std::string_view pm_effect_name(PmEffect e) {
  for (const auto& [name, effect] : effect_names())
    if (effect == e) return name;
  return "?";
}

const PmSubcommand* PackageManager::subcommand(std::string_view name) const {
  for (const PmSubcommand& s : subcommands)
    if (std::find(s.names.begin(), s.names.end(), name) != s.names.end()) return &s;
  return nullptr;
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

}  // namespace dd
