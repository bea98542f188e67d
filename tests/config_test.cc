// The configuration file: the loader, its errors (each with file:line:col),
// globs, per-path overrides, setting precedence, and agreement with the
// JSON Schema in docs/schema/config.schema.json.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/config.h"
#include "config/settings.h"
#include "config/starter.h"
#include "json_schema_util.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace dd::config {
namespace {

const fs::path kSamples = fs::path(DD_SOURCE_DIR) / "tests" / "config";

using dd::testing::slurp;

struct Loaded {
  bool ok = false;
  Config config;
  std::vector<ConfigError> errors;
};

Loaded load(const std::string& text, const std::string& path = "cfg/.docker-doctor.yaml") {
  Loaded l;
  l.ok = load_config(path, text, &l.config, &l.errors);
  return l;
}

Loaded load_sample(const std::string& name) {
  Loaded l;
  l.ok = load_config_file((kSamples / name).string(), &l.config, &l.errors);
  return l;
}

// The YAML as JSON for the schema, the way a YAML 1.2 editor reads it:
// `true`/`false` are booleans, every other scalar a string.
nlohmann::json to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = n.begin(); it != n.end(); ++it) out[it->first.Scalar()] = to_json(it->second);
    return out;
  }
  if (n.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const YAML::Node& item : n) out.push_back(to_json(item));
    return out;
  }
  if (n.IsScalar()) {
    if (n.Tag() == "!") return n.Scalar();  // quoted: always a string
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
    return n.Scalar();
  }
  return nullptr;
}

// Empty when `doc` is valid against the configuration schema.
std::string schema_errors(const nlohmann::json& doc) {
  static const nlohmann::json schema = testing::published_schema("config.schema.json");
  return testing::schema_errors(schema, doc);
}

std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kSamples))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ConfigSamples, LoaderAndSchemaAgree) {
  std::vector<std::string> names = samples();
  ASSERT_GE(names.size(), 10u);
  for (const std::string& name : names) {
    std::string text = slurp(kSamples / name);
    Loaded l = load_sample(name);
    bool good = name.rfind("good-", 0) == 0;
    EXPECT_EQ(l.ok, good) << name << (l.errors.empty() ? "" : ": " + l.errors.front().str());
    for (const ConfigError& e : l.errors) {
      EXPECT_GT(e.line, 0) << name << ": every error points into the file: " << e.str();
      EXPECT_GT(e.column, 0) << name << ": " << e.str();
      EXPECT_EQ(e.file, (kSamples / name).string());
    }
    YAML::Node node;
    try {
      node = YAML::Load(text);
    } catch (const YAML::Exception&) {
      EXPECT_FALSE(good) << name;
      continue;  // not YAML: nothing for the schema to judge
    }
    // A few checks need the rule table or a glob parser; such samples say so.
    bool schema_accepts = good || text.rfind("# schema-accepts:", 0) == 0;
    // An empty document is an empty configuration.
    std::string errors = schema_errors(node.IsNull() ? nlohmann::json::object() : to_json(node));
    EXPECT_EQ(errors.empty(), schema_accepts) << name << ": the schema and the loader disagree\n"
                                              << errors;
  }
}

TEST(ConfigSamples, StarterConfigIsValid) {
  Loaded l = load(std::string(starter_config()));
  ASSERT_TRUE(l.ok) << (l.errors.empty() ? "" : l.errors.front().str());
  EXPECT_EQ(schema_errors(to_json(YAML::Load(std::string(starter_config())))), "");
  EXPECT_EQ(l.config.fail_on->value, "warning");
}

struct BadCase {
  const char* file;
  int line, column;
  const char* fragment;
};

TEST(ConfigErrors, PointAtTheLineAndColumnWithAHint) {
  const BadCase cases[] = {
      {"bad-unknown-key.yaml", 3, 1,
       "unknown key 'fail_on' in the configuration; did you mean 'fail-on'?"},
      {"bad-unknown-nested-key.yaml", 3, 5,
       "unknown key 'severty' in rules.DD501; did you mean 'severity'?"},
      {"bad-wrong-type.yaml", 1, 10, "include must be a list of glob patterns, not a single value"},
      {"bad-glob.yaml", 3, 5, "bad glob 'services/[abc': '[' at character 10 is never closed"},
      {"bad-severity.yaml", 2, 10,
       "rules.DD605: 'fatal' is not one of on, off, error, warning, info, style"},
      {"bad-severity-mapping.yaml", 3, 15, "rules.DD605.severity: 'warn' is not one of"},
      {"bad-fail-on.yaml", 1, 10, "did you mean 'error'?"},
      {"bad-policy-enum.yaml", 2, 18, "did you mean 'per-service'?"},
      {"bad-override-no-files.yaml", 2, 5, "needs 'files'"},
      {"bad-option-type.yaml", 4, 21, "rules.DD501.options.dev-packages must be a list of strings"},
      {"bad-boolean.yaml", 1, 22, "'maybe' is not one of true, false"},
      {"bad-unknown-rule.yaml", 3, 3,
       "unknown rule 'relative-wokdir'; did you mean 'relative-workdir'?"},
      {"bad-unknown-option.yaml", 5, 7, "rule DD501 has no option 'dev-pakages'"},
      {"bad-yaml-syntax.yaml", 0, 0, "YAML syntax error"},
      {"bad-compose-outside.yaml", 4, 29,
       "compose.projects.files: '../other/compose.yaml' must be a path inside the configuration's directory"},
      {"bad-compose-no-files.yaml", 3, 7, "a compose.projects entry needs 'files'"},
  };
  for (const BadCase& c : cases) {
    Loaded l = load_sample(c.file);
    ASSERT_FALSE(l.ok) << c.file;
    ASSERT_EQ(l.errors.size(), 1u) << c.file << ": " << l.errors.front().str();
    const ConfigError& e = l.errors.front();
    if (c.line) {
      EXPECT_EQ(e.line, c.line) << c.file << ": " << e.str();
      EXPECT_EQ(e.column, c.column) << c.file << ": " << e.str();
    }
    EXPECT_NE(e.message.find(c.fragment), std::string::npos) << c.file << ": " << e.str();
    std::string prefix = (kSamples / c.file).string() + ":" + std::to_string(e.line) + ":" +
                         std::to_string(e.column) + ": ";
    EXPECT_EQ(e.str().rfind(prefix, 0), 0u) << e.str();
  }
}

TEST(ConfigErrors, EveryProblemIsReportedNotOnlyTheFirst) {
  Loaded l = load("rules:\n  DD605: fatal\n  nosuch: off\nexclude: [\"[\"]\n");
  ASSERT_FALSE(l.ok);
  ASSERT_EQ(l.errors.size(), 3u);
  EXPECT_EQ(l.errors[0].line, 2);
  EXPECT_EQ(l.errors[1].line, 3);
  EXPECT_EQ(l.errors[2].line, 4);
}

TEST(ConfigLoad, ReadsEveryKey) {
  Loaded l = load_sample("good-full.yaml");
  ASSERT_TRUE(l.ok);
  const Config& c = l.config;
  EXPECT_EQ(c.fail_on->value, "error");
  EXPECT_EQ(c.min_severity->value, "info");
  EXPECT_EQ(c.format->value, "json");
  EXPECT_EQ(c.format->line, 3);
  EXPECT_EQ(c.rules.at("DD602").enabled, false);
  EXPECT_EQ(c.rules.at("DD605").severity, Severity::Error);  // by name
  EXPECT_EQ(c.rules.at("DD501").options.at("dev-packages"),
            (std::vector<std::string>{"debugpy", "pytest"}));
  EXPECT_EQ(c.policy.at("build-context"), std::vector<std::string>{"per-service"});
  EXPECT_EQ(c.policy.at("dev-packages"), std::vector<std::string>{"ipdb"});
  ASSERT_EQ(c.overrides.size(), 1u);
  EXPECT_EQ(c.overrides[0].files.size(), 2u);
}

TEST(ConfigOptions, OverridesApplyByGlobAndLaterEntriesWin) {
  Loaded l = load(
      "rules:\n  DD605: off\n  DD601: error\n"
      "overrides:\n"
      "  - files: [\"services/**\"]\n    rules:\n      DD605: on\n      DD601: {severity: info}\n"
      "  - files: [\"services/legacy\"]\n    rules:\n      DD605: off\n");
  ASSERT_TRUE(l.ok);
  LintOptions top = options_for(l.config, "Dockerfile");
  EXPECT_EQ(top.disabled_rules, std::vector<std::string>{"DD605"});
  EXPECT_EQ(top.severities.at("DD601"), Severity::Error);

  LintOptions svc = options_for(l.config, "services/api/Dockerfile");
  EXPECT_TRUE(svc.disabled_rules.empty());
  EXPECT_EQ(svc.severities.at("DD601"), Severity::Info);

  LintOptions legacy = options_for(l.config, "services/legacy/sub/Dockerfile");
  EXPECT_EQ(legacy.disabled_rules, std::vector<std::string>{"DD605"});
  EXPECT_EQ(legacy.severities.at("DD601"), Severity::Info);
}

TEST(ConfigLoad, ReadsComposeProjectsNormalised) {
  Loaded l = load_sample("good-compose-projects.yaml");
  ASSERT_TRUE(l.ok) << l.errors.front().str();
  ASSERT_EQ(l.config.compose_projects.size(), 2u);
  EXPECT_EQ(l.config.compose_projects[0].files,
            (std::vector<std::string>{"docker-compose.yml", "docker-compose.dev.yml"}));
  EXPECT_EQ(l.config.compose_projects[1].files,
            (std::vector<std::string>{"deploy/compose.yaml", "deploy/compose.prod.yaml"}));
  EXPECT_EQ(l.config.compose_projects[1].line, 6);

  Loaded twice = load("compose:\n  projects:\n    - files: [a.yml, ./a.yml]\n");
  ASSERT_FALSE(twice.ok);
  EXPECT_NE(twice.errors.front().message.find("'a.yml' is listed twice"), std::string::npos);
}

// `on` turns a `default: off` rule on; an override can turn it on for some
// paths only, and `off` later wins.
TEST(ConfigOptions, OnEnablesDefaultOffRules) {
  Loaded l = load(
      "rules:\n  DD324: on\n"
      "overrides:\n  - files: [\"legacy/**\"]\n    rules:\n      DD324: off\n      DD325: style\n");
  ASSERT_TRUE(l.ok) << l.errors.front().str();
  LintOptions top = options_for(l.config, "compose.yaml");
  EXPECT_EQ(top.enabled_rules, std::vector<std::string>{"DD324"});
  EXPECT_TRUE(top.disabled_rules.empty());
  LintOptions legacy = options_for(l.config, "legacy/compose.yaml");
  EXPECT_EQ(legacy.enabled_rules, std::vector<std::string>{"DD325"});
  EXPECT_EQ(legacy.disabled_rules, std::vector<std::string>{"DD324"});
}

TEST(ConfigOptions, IncludeNarrowsTheWalkAndExcludeWins) {
  Loaded l = load("include: [\"services/**\"]\nexclude: [\"*.dev\", \"services/vendor\"]\n");
  ASSERT_TRUE(l.ok);
  EXPECT_TRUE(selected(l.config, "services/api/Dockerfile"));
  EXPECT_FALSE(selected(l.config, "tools/Dockerfile"));
  EXPECT_FALSE(selected(l.config, "services/api/Dockerfile.dev"));
  EXPECT_FALSE(selected(l.config, "services/vendor/x/Dockerfile"));
}

TEST(ConfigGlob, Matching) {
  auto m = [](const char* pattern, const char* path) {
    std::string error;
    std::optional<Glob> g = Glob::compile(pattern, &error);
    EXPECT_TRUE(g) << pattern << ": " << error;
    return g && g->matches(path);
  };
  EXPECT_TRUE(m("Dockerfile", "a/b/Dockerfile"));  // one segment floats
  EXPECT_FALSE(m("/Dockerfile", "a/Dockerfile"));  // unless anchored
  EXPECT_TRUE(m("/Dockerfile", "Dockerfile"));
  EXPECT_TRUE(m("services/*/Dockerfile", "services/api/Dockerfile"));
  EXPECT_FALSE(m("services/*/Dockerfile", "services/a/b/Dockerfile"));
  EXPECT_TRUE(m("services/**/Dockerfile", "services/Dockerfile"));
  EXPECT_TRUE(m("services/**/Dockerfile", "services/a/b/Dockerfile"));
  EXPECT_TRUE(m("services", "services/a/Dockerfile"));  // a directory covers what is below
  EXPECT_TRUE(m("Dockerfile.[!p]*", "x/Dockerfile.dev"));
  EXPECT_FALSE(m("Dockerfile.[!p]*", "x/Dockerfile.prod"));
  EXPECT_TRUE(m("Dockerfile.?ev", "Dockerfile.dev"));
  EXPECT_TRUE(m("a\\*b", "a*b"));
  EXPECT_FALSE(m("a\\*b", "axb"));
  EXPECT_TRUE(m("./apps/*", "apps/web/Dockerfile"));

  std::string error;
  EXPECT_FALSE(Glob::compile("a[b", &error));
  EXPECT_FALSE(Glob::compile("a\\", &error));
  EXPECT_FALSE(Glob::compile("", &error));
  EXPECT_FALSE(Glob::compile("a**/b", &error));
}

TEST(ConfigSettings, PrecedenceIsDefaultThenFileThenEnvironmentThenFlag) {
  static std::map<std::string, std::string> env;
  Getenv getenv = [](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  std::optional<Located<std::string>> file = Located<std::string>{"error", 2, 10};
  const char* var = "DOCKER_DOCTOR_FAIL_ON";

  env.clear();
  EXPECT_EQ(resolve(std::nullopt, "--fail-on", var, std::nullopt, "", "warning", getenv).value,
            "warning");
  Setting s = resolve(std::nullopt, "--fail-on", var, file, "c.yaml", "warning", getenv);
  EXPECT_EQ(s.value, "error");
  EXPECT_EQ(s.source, "c.yaml:2:10");
  env[var] = "info";
  s = resolve(std::nullopt, "--fail-on", var, file, "c.yaml", "warning", getenv);
  EXPECT_EQ(s.value, "info");
  EXPECT_EQ(s.source, var);
  s = resolve(std::string("none"), "--fail-on", var, file, "c.yaml", "warning", getenv);
  EXPECT_EQ(s.value, "none");
  EXPECT_EQ(s.source, "--fail-on");
  env[var] = "";  // set but empty: as if unset
  EXPECT_EQ(resolve(std::nullopt, "--fail-on", var, file, "c.yaml", "warning", getenv).value,
            "error");

  EXPECT_EQ(check_one_of(Setting{"eror", "DOCKER_DOCTOR_FAIL_ON"}, {"error", "warning"}),
            "DOCKER_DOCTOR_FAIL_ON: 'eror' is not one of error, warning; did you mean 'error'?");
  EXPECT_EQ(check_one_of(Setting{"error", "x"}, {"error"}), "");

  std::string error;
  env["B"] = "yes";
  EXPECT_TRUE(env_flag("B", getenv, &error));
  env["B"] = "0";
  EXPECT_FALSE(env_flag("B", getenv, &error));
  EXPECT_TRUE(error.empty());
  env["B"] = "perhaps";
  EXPECT_FALSE(env_flag("B", getenv, &error));
  EXPECT_NE(error.find("B: 'perhaps' is not a boolean"), std::string::npos);
}

TEST(ConfigFind, WalksUpToTheRepositoryRoot) {
  fs::path root = fs::temp_directory_path() / ("dd-config-find-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "repo" / ".git");
  fs::create_directories(root / "repo" / "services" / "api");
  std::ofstream(root / ".docker-doctor.yaml")
      << "fail-on: none\n";  // above the repository: never used
  EXPECT_EQ(find_config((root / "repo" / "services" / "api").string()), "");
  std::ofstream(root / "repo" / ".docker-doctor.yaml") << "fail-on: error\n";
  std::string found = find_config((root / "repo" / "services" / "api" / "Dockerfile").string());
  EXPECT_EQ(fs::weakly_canonical(found),
            fs::weakly_canonical(root / "repo" / ".docker-doctor.yaml"));
  std::ofstream(root / "repo" / "services" / ".docker-doctor.yaml") << "fail-on: info\n";
  found = find_config((root / "repo" / "services" / "api").string());
  EXPECT_EQ(fs::weakly_canonical(found),
            fs::weakly_canonical(root / "repo" / "services" / ".docker-doctor.yaml"));
  fs::remove_all(root);
}

TEST(ConfigRelative, GlobsAreRelativeToTheConfigurationsDirectory) {
  Config c;
  c.dir = "/repo";
  EXPECT_EQ(config_relative(c, "/repo/services/api/Dockerfile"), "services/api/Dockerfile");
  EXPECT_EQ(config_relative(c, "/elsewhere/Dockerfile"), "/elsewhere/Dockerfile");
}

}  // namespace
}  // namespace dd::config
