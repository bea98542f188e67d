// The configuration file, `.docker-doctor.yaml` (docs/configuration.md,
// docs/schema/config.schema.json). yaml-cpp stays inside config.cc: the
// loader turns the YAML into these plain structs, and every mistake into a
// ConfigError that points at the offending line and column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/glob.h"
#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"

namespace dd::config {

inline constexpr std::string_view kConfigFileName = ".docker-doctor.yaml";

// A value and where the configuration file wrote it, so that a value judged
// later (an output format the CLI does not know) can still be pointed at.
template <class T>
struct Located {
  T value{};
  int line = 0;
  int column = 0;
};

// One rule's settings: `DD501: off`, `DD501: error` or the mapping form.
struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::map<std::string, std::vector<std::string>> options;  // option name -> words
};

// `overrides: [{files: [...], rules: {...}}]`: later entries win.
struct Override {
  std::vector<Glob> files;
  std::map<std::string, RuleSetting> rules;  // keyed by rule id
};

// `compose: {projects: [{files: [...]}]}`: compose files read together as
// `docker compose -f a -f b` reads them, in order. Paths are relative to the
// configuration's directory, normalised ("docker-compose.dev.yml").
struct ComposeProjectDecl {
  std::vector<std::string> files;
  int line = 0, column = 0;  // the entry in the configuration file
};

struct Config {
  std::string path;  // the file it was read from; empty for the defaults
  std::string dir;   // globs are relative to this directory ("" = the current one)
  std::map<std::string, RuleSetting> rules;  // keyed by rule id
  std::vector<Override> overrides;
  // Options shared by every rule that documents an option of the same name,
  // and engine policy (`build-context`): name -> words.
  std::map<std::string, std::vector<std::string>> policy;
  std::vector<Glob> include, exclude;
  std::vector<Glob> production_files;
  std::optional<Located<std::string>> fail_on, min_severity, format;
  std::optional<bool> inline_suppressions;
  std::vector<ComposeProjectDecl> compose_projects;
};

struct ConfigError {
  std::string file;
  int line = 0;  // 1-based; 0 when the error belongs to no place in the file
  int column = 0;
  std::string message;
  std::string str() const;  // "file:line:col: message"
};

// Parses `text`, the contents of the configuration file `path`. Never
// throws: returns false with every problem found in `errors`.
bool load_config(const std::string& path, std::string_view text, Config* out,
                 std::vector<ConfigError>* errors);
// Reads and parses the file at `path`.
bool load_config_file(const std::string& path, Config* out, std::vector<ConfigError>* errors);

// The configuration file that applies to `start` (a file or directory): the
// first `.docker-doctor.yaml` in it or a directory above it, stopping at the
// repository root (the first directory holding `.git`). Empty when none.
std::string find_config(const std::string& start);

// The path of a file on disk relative to the configuration's directory, for
// matching globs: "services/api/Dockerfile". Files outside that directory
// keep their path as given.
std::string config_relative(const Config& config, const std::string& file_on_disk);

// Whether a file found by a directory walk is linted: matched by `include`
// (when there is one) and not by `exclude`. `rel` is config_relative().
bool selected(const Config& config, std::string_view rel);

// The lint options for the file at `rel`: the top-level rules, then each
// override whose `files` match, in order, then the policy.
LintOptions options_for(const Config& config, std::string_view rel);

// The valid values of keys the loader checks, shared with the schema test.
const std::vector<std::string_view>& top_level_keys();

}  // namespace dd::config
