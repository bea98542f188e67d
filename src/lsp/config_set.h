// The configuration each document is linted with, for the language server:
// the `.docker-doctor.yaml` the CLI would find for that file (or the one the
// client or DOCKER_DOCTOR_CONFIG names), with the same per-file overrides.
// An open, unsaved configuration buffer counts as it is in the editor. A
// configuration that stops loading keeps its last good version in force, so
// a half-typed edit does not flood every open file with default findings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "docker_doctor/linter.h"

namespace dd::lsp {

// Whether `basename` is a configuration file's name.
bool is_config_name(std::string_view basename);

class ConfigSet {
 public:
  // What applies to one document.
  struct ForFile {
    LintOptions options;
    bool excluded = false;                    // the configuration's `exclude` leaves it out
    Severity min_severity = Severity::Style;  // `min-severity`: less severe findings are not shown
  };
  // A configuration file whose problems changed since the last take_changes():
  // its errors now (none: it loads again) and the text they point into.
  struct Status {
    std::string path;
    std::string text;
    std::vector<config::ConfigError> errors;
  };

  // A configuration file named by the client or the environment: it applies
  // to every document, and discovery is off. Empty: discover per document.
  void set_fixed(std::string path);
  // `no_inline`: DOCKER_DOCTOR_NO_INLINE_SUPPRESSIONS, which wins over the file.
  void set_no_inline_suppressions(bool no_inline) { no_inline_ = no_inline; }
  // DOCKER_DOCTOR_MIN_SEVERITY, which wins over the file's `min-severity`.
  void set_min_severity(std::optional<Severity> s) { min_severity_ = s; }
  // The editor's buffer of a configuration file (nullopt: closed, read the disk).
  void set_buffer(const std::string& path, std::optional<std::string> text);
  // Forgets what was read from disk (the files changed); the last good
  // configurations stay as the fallback for files that now fail to load.
  void reload();

  // The options for the document at `path` (absolute; "" for a buffer with no file).
  ForFile for_file(const std::string& path);
  // Loads the configuration at `path` now (an edited buffer), so its
  // problems show without waiting for a document's lint.
  void check(const std::string& path) { load(path); }

  std::vector<Status> take_changes();

 private:
  struct Slot {
    std::optional<config::Config> good;  // the last version that loaded
    std::vector<config::ConfigError> errors;
    bool fresh = false;  // read since the last reload()
  };
  const config::Config* load(const std::string& path);
  std::string discover(const std::string& path);

  std::string fixed_;
  bool no_inline_ = false;
  std::optional<Severity> min_severity_;
  std::map<std::string, std::string> buffers_;  // open configuration files
  std::map<std::string, std::string> found_;    // directory -> its configuration ("" when none)
  std::map<std::string, Slot> slots_;           // by configuration path
  std::vector<Status> changes_;
};

}  // namespace dd::lsp
