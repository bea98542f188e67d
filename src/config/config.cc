// Loading `.docker-doctor.yaml` (config.h). yaml-cpp throws; every call into
// it happens under one try so that a broken file becomes a ConfigError.
#include "config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "docker_doctor/rule.h"
#include "dockerfile/parse_internal.h"
#include "rules/doc_options.h"

namespace dd::config {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string_view> kTopKeys = {"rules",        "overrides", "policy",
                                                "include",      "exclude",   "fail-on",
                                                "min-severity", "format",    "inline-suppressions",
                                                "compose"};
const std::vector<std::string_view> kRuleKeys = {"enabled", "severity", "options"};
const std::vector<std::string_view> kOverrideKeys = {"files", "rules"};
const std::vector<std::string_view> kComposeKeys = {"projects"};
const std::vector<std::string_view> kComposeProjectKeys = {"files"};
const std::vector<std::string_view> kPolicyKeys = {"build-context", "trusted-registries",
                                                   "allowed-base-images", "production-files",
                                                   "dev-packages"};
const std::vector<std::string_view> kBuildContexts = {"auto", "monorepo-root", "per-service"};
const std::vector<std::string_view> kSeverities = {"error", "warning", "info", "style"};
const std::vector<std::string_view> kFailOn = {"error", "warning", "info", "style", "none"};

class Loader {
 public:
  Loader(const std::string& path, std::vector<ConfigError>* errors)
      : path_(path), errors_(errors) {}

  void error(const YAML::Node& at, std::string message) {
    YAML::Mark m = at.Mark();
    errors_->push_back(ConfigError{path_, m.is_null() ? 0 : m.line + 1,
                                   m.is_null() ? 0 : m.column + 1, std::move(message)});
  }

  static std::string did_you_mean(std::string_view value,
                                  const std::vector<std::string_view>& options) {
    std::string s = dfparse::suggest(value, options, false);
    return s.empty() ? "" : "; did you mean '" + s + "'?";
  }

  static std::string list(const std::vector<std::string_view>& options) {
    std::string out;
    for (std::string_view o : options) out += (out.empty() ? "" : ", ") + std::string(o);
    return out;
  }

  bool scalar(const YAML::Node& n, std::string_view what, std::string* out) {
    if (!n.IsScalar()) {
      error(n, std::string(what) + " must be a single value, not " + kind(n));
      return false;
    }
    *out = n.Scalar();
    return true;
  }

  static std::string kind(const YAML::Node& n) {
    if (n.IsSequence()) return "a list";
    if (n.IsMap()) return "a mapping";
    if (n.IsNull()) return "an empty value";
    return "a single value";
  }

  bool one_of(const YAML::Node& n, std::string_view what,
              const std::vector<std::string_view>& options, std::string* out) {
    if (!scalar(n, what, out)) return false;
    if (std::find(options.begin(), options.end(), *out) != options.end()) return true;
    error(n, std::string(what) + ": '" + *out + "' is not one of " + list(options) +
                 did_you_mean(*out, options));
    return false;
  }

  bool strings(const YAML::Node& n, std::string_view what, std::vector<std::string>* out) {
    if (n.IsNull()) return true;  // `key:` with nothing (or only comments) under it
    if (!n.IsSequence()) {
      error(n, std::string(what) + " must be a list of strings, not " + kind(n));
      return false;
    }
    bool ok = true;
    for (const YAML::Node& item : n) {
      std::string s;
      if (scalar(item, std::string(what) + " entries", &s))
        out->push_back(s);
      else
        ok = false;
    }
    return ok;
  }

  bool globs(const YAML::Node& n, std::string_view what, std::vector<Glob>* out) {
    if (n.IsNull()) return true;
    if (!n.IsSequence()) {
      error(n, std::string(what) + " must be a list of glob patterns, not " + kind(n));
      return false;
    }
    bool ok = true;
    for (const YAML::Node& item : n) {
      std::string s, why;
      if (!scalar(item, std::string(what) + " entries", &s)) {
        ok = false;
        continue;
      }
      if (std::optional<Glob> g = Glob::compile(s, &why)) {
        out->push_back(std::move(*g));
      } else {
        error(item, std::string(what) + ": bad glob '" + s + "': " + why);
        ok = false;
      }
    }
    return ok;
  }

  // A mapping whose keys must come from `keys`; calls `each(key, value)`.
  template <class F>
  bool mapping(const YAML::Node& n, std::string_view what,
               const std::vector<std::string_view>& keys, F each) {
    if (n.IsNull()) return true;
    if (!n.IsMap()) {
      error(n, std::string(what) + " must be a mapping, not " + kind(n));
      return false;
    }
    bool ok = true;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key;
      if (!scalar(it->first, "a key", &key)) {
        ok = false;
        continue;
      }
      if (!keys.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
        error(it->first, "unknown key '" + key + "' in " + std::string(what) +
                             did_you_mean(key, keys) + " (known: " + list(keys) + ")");
        ok = false;
        continue;
      }
      if (!each(key, it->second, it->first)) ok = false;
    }
    return ok;
  }

  const RuleInfo* rule(const YAML::Node& key_node, const std::string& key) {
    const RuleInfo* r = find_rule(key);
    if (r) return r;
    std::vector<std::string_view> names;
    for (const RuleInfo& info : all_rules()) {
      names.push_back(info.id);
      names.push_back(info.name);
    }
    error(key_node, "unknown rule '" + key + "'" + did_you_mean(key, names) +
                        " ('docker-doctor rules' lists them)");
    return nullptr;
  }

  bool rule_setting(const RuleInfo& r, const YAML::Node& n, RuleSetting* out) {
    std::string label = "rules." + std::string(r.id);
    if (n.IsScalar()) {
      // `DD501: off`, `DD501: error`: the short forms.
      const std::string& v = n.Scalar();
      if (v == "off" || v == "false") {
        out->enabled = false;
      } else if (v == "on" || v == "true") {
        out->enabled = true;
      } else if (std::optional<Severity> s = parse_severity(v)) {
        out->enabled = true;
        out->severity = *s;
      } else {
        std::vector<std::string_view> options = {"on", "off", "error", "warning", "info", "style"};
        error(n, label + ": '" + v + "' is not one of " + list(options) + did_you_mean(v, options));
        return false;
      }
      return true;
    }
    return mapping(
        n, label, kRuleKeys, [&](const std::string& key, const YAML::Node& v, const YAML::Node&) {
          if (key == "enabled") {
            std::string s;
            if (!one_of(v, label + ".enabled", {"true", "false"}, &s)) return false;
            out->enabled = s == "true";
          } else if (key == "severity") {
            std::string s;
            if (!one_of(v, label + ".severity", kSeverities, &s)) return false;
            out->severity = parse_severity(s);
          } else {
            return mapping(
                v, label + ".options", {},
                [&](const std::string& name, const YAML::Node& words, const YAML::Node& name_node) {
                  if (rules::doc_option_words(r.doc_body, name).empty()) {
                    error(name_node, label + ".options: rule " + std::string(r.id) +
                                         " has no option '" + name + "'" +
                                         " ('docker-doctor explain " + std::string(r.id) +
                                         "' lists its options)");
                    return false;
                  }
                  return strings(words, label + ".options." + name, &out->options[name]);
                });
          }
          return true;
        });
  }

  bool rules_map(const YAML::Node& n, std::string_view what,
                 std::map<std::string, RuleSetting>* out) {
    return mapping(n, what, {},
                   [&](const std::string& key, const YAML::Node& v, const YAML::Node& key_node) {
                     const RuleInfo* r = rule(key_node, key);
                     if (r && v.IsNull()) {
                       // An empty value has no position in yaml-cpp: point at the key.
                       error(key_node, "rules." + std::string(r->id) +
                                           " needs a value: on, off, a severity, or a mapping");
                       return false;
                     }
                     return r && rule_setting(*r, v, &(*out)[std::string(r->id)]);
                   });
  }

  bool policy(const YAML::Node& n, Config* c) {
    return mapping(n, "policy", kPolicyKeys,
                   [&](const std::string& key, const YAML::Node& v, const YAML::Node&) {
                     if (key == "build-context") {
                       std::string s;
                       if (!one_of(v, "policy.build-context", kBuildContexts, &s)) return false;
                       c->policy[key] = {s};
                       return true;
                     }
                     if (key == "production-files") {
                       std::vector<std::string> words;
                       if (!globs(v, "policy.production-files", &c->production_files)) return false;
                       for (const Glob& g : c->production_files) words.push_back(g.pattern());
                       c->policy[key] = words;
                       return true;
                     }
                     return strings(v, "policy." + key, &c->policy[key]);
                   });
  }

  bool overrides(const YAML::Node& n, Config* c) {
    if (n.IsNull()) return true;
    if (!n.IsSequence()) {
      error(n, "overrides must be a list of {files, rules} entries, not " + kind(n));
      return false;
    }
    bool ok = true;
    for (const YAML::Node& entry : n) {
      Override o;
      bool has_files = false;
      bool entry_ok = mapping(entry, "an overrides entry", kOverrideKeys,
                              [&](const std::string& key, const YAML::Node& v, const YAML::Node&) {
                                if (key == "files") {
                                  has_files = true;
                                  return globs(v, "overrides.files", &o.files);
                                }
                                return rules_map(v, "overrides.rules", &o.rules);
                              });
      if (entry_ok && !has_files) {
        error(entry, "an overrides entry needs 'files': the globs it applies to");
        entry_ok = false;
      }
      if (entry_ok) c->overrides.push_back(std::move(o));
      ok = ok && entry_ok;
    }
    return ok;
  }

  // `compose: {projects: [{files: [base, override...]}]}`.
  bool compose(const YAML::Node& n, Config* c) {
    return mapping(n, "compose", kComposeKeys, [&](const std::string&, const YAML::Node& v, const YAML::Node&) {
      if (v.IsNull()) return true;
      if (!v.IsSequence()) {
        error(v, "compose.projects must be a list of {files: [...]} entries, not " + kind(v));
        return false;
      }
      bool ok = true;
      for (const YAML::Node& entry : v) {
        ComposeProjectDecl p;
        YAML::Mark m = entry.Mark();
        p.line = m.is_null() ? 0 : m.line + 1;
        p.column = m.is_null() ? 0 : m.column + 1;
        bool entry_ok = mapping(entry, "a compose.projects entry", kComposeProjectKeys,
                                [&](const std::string&, const YAML::Node& files, const YAML::Node&) {
                                  return compose_files(files, &p.files);
                                });
        if (entry_ok && p.files.empty()) {
          error(entry, "a compose.projects entry needs 'files': the compose files, base first, as `docker compose -f` takes them");
          entry_ok = false;
        }
        if (entry_ok) c->compose_projects.push_back(std::move(p));
        ok = ok && entry_ok;
      }
      return ok;
    });
  }

  bool compose_files(const YAML::Node& n, std::vector<std::string>* out) {
    if (!strings(n, "compose.projects.files", out)) return false;
    bool ok = true;
    size_t i = 0;
    for (std::string& f : *out) {
      const YAML::Node item = n[i++];
      fs::path p = fs::path(f).lexically_normal();
      if (f.empty() || p.is_absolute() || (!p.empty() && *p.begin() == "..")) {
        error(item, "compose.projects.files: '" + f + "' must be a path inside the configuration's directory, relative to it");
        ok = false;
        continue;
      }
      f = p.generic_string();
    }
    for (size_t a = 0; a < out->size(); ++a)
      for (size_t b = a + 1; b < out->size(); ++b)
        if ((*out)[a] == (*out)[b]) {
          error(n[b], "compose.projects.files: '" + (*out)[b] + "' is listed twice");
          ok = false;
        }
    return ok;
  }

  bool severity_key(const YAML::Node& v, std::string_view what,
                    const std::vector<std::string_view>& options,
                    std::optional<Located<std::string>>* out) {
    std::string s;
    if (!one_of(v, what, options, &s)) return false;
    YAML::Mark m = v.Mark();
    *out = Located<std::string>{s, m.line + 1, m.column + 1};
    return true;
  }

  bool top(const YAML::Node& root, Config* c) {
    if (root.IsNull()) return true;  // an empty file: the defaults
    return mapping(root, "the configuration", kTopKeys,
                   [&](const std::string& key, const YAML::Node& v, const YAML::Node&) {
                     if (key == "rules") return rules_map(v, "rules", &c->rules);
                     if (key == "overrides") return overrides(v, c);
                     if (key == "policy") return policy(v, c);
                     if (key == "compose") return compose(v, c);
                     if (key == "include") return globs(v, "include", &c->include);
                     if (key == "exclude") return globs(v, "exclude", &c->exclude);
                     if (key == "fail-on") return severity_key(v, "fail-on", kFailOn, &c->fail_on);
                     if (key == "min-severity")
                       return severity_key(v, "min-severity", kSeverities, &c->min_severity);
                     if (key == "format") {
                       // Which formats exist is the CLI's business; it checks the value.
                       std::string s;
                       if (!scalar(v, "format", &s)) return false;
                       YAML::Mark m = v.Mark();
                       c->format = Located<std::string>{s, m.line + 1, m.column + 1};
                       return true;
                     }
                     std::string s;
                     if (!one_of(v, "inline-suppressions", {"true", "false"}, &s)) return false;
                     c->inline_suppressions = s == "true";
                     return true;
                   });
  }

 private:
  std::string path_;
  std::vector<ConfigError>* errors_;
};

void apply(const std::map<std::string, RuleSetting>& rules, std::map<std::string, bool>& enabled,
           LintOptions& out) {
  for (const auto& [id, s] : rules) {
    if (s.enabled) enabled[id] = *s.enabled;
    if (s.severity) out.severities[id] = *s.severity;
    for (const auto& [name, words] : s.options) out.rule_options[id][name] = words;
  }
}

}  // namespace

std::string ConfigError::str() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out + ": " + message;
}

bool load_config(const std::string& path, std::string_view text, Config* out,
                 std::vector<ConfigError>* errors) {
  size_t before = errors->size();
  Config c;
  c.path = path;
  c.dir = fs::path(path).parent_path().generic_string();
  Loader loader(path, errors);
  try {
    YAML::Node root = YAML::Load(std::string(text));
    loader.top(root, &c);
  } catch (const YAML::Exception& e) {
    // A syntax error: yaml-cpp's mark is 0-based.
    errors->push_back(ConfigError{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                                  e.mark.is_null() ? 0 : e.mark.column + 1,
                                  "YAML syntax error: " + e.msg});
  }
  if (errors->size() != before) return false;
  *out = std::move(c);
  return true;
}

bool load_config_file(const std::string& path, Config* out, std::vector<ConfigError>* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back(ConfigError{path, 0, 0, "cannot read the configuration file"});
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_config(path, ss.str(), out, errors);
}

std::string find_config(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? "." : start, ec);
  if (ec) return "";
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (;;) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      // Shown relative to the current directory when it lies below it.
      fs::path rel = candidate.lexically_relative(fs::current_path(ec));
      return (!rel.empty() && *rel.begin() != ".." ? rel : candidate).generic_string();
    }
    if (fs::exists(dir / ".git", ec) || dir == dir.root_path() || !dir.has_parent_path()) return "";
    dir = dir.parent_path();
  }
}

std::string config_relative(const Config& config, const std::string& file_on_disk) {
  std::error_code ec;
  fs::path base = fs::absolute(config.dir.empty() ? "." : config.dir, ec).lexically_normal();
  fs::path file = fs::absolute(file_on_disk, ec).lexically_normal();
  fs::path rel = file.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..")
    return fs::path(file_on_disk).lexically_normal().generic_string();
  return rel.generic_string();
}

bool selected(const Config& config, std::string_view rel) {
  if (!config.include.empty() && !any_matches(config.include, rel)) return false;
  return !any_matches(config.exclude, rel);
}

LintOptions options_for(const Config& config, std::string_view rel) {
  LintOptions out;
  std::map<std::string, bool> enabled;
  apply(config.rules, enabled, out);
  for (const Override& o : config.overrides)
    if (any_matches(o.files, rel)) apply(o.rules, enabled, out);
  // `on` matters for the `default: off` rules; for the others it only
  // undoes an earlier `off`.
  for (const auto& [id, on] : enabled) (on ? out.enabled_rules : out.disabled_rules).push_back(id);
  out.policy = config.policy;
  if (config.inline_suppressions) out.inline_suppressions = *config.inline_suppressions;
  return out;
}

const std::vector<std::string_view>& top_level_keys() {
  return kTopKeys;
}

}  // namespace dd::config
