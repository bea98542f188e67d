// The interface between the rule engine and a compose-scope check
// (`scope: compose` in rules/DDnnn.md). The engine calls the check once per
// compose project (a base file merged with its override files, or a
// stand-alone compose file); the check reads the loaded model and reports a
// location (file + span), a message and an optional fix. The engine attaches
// the rule's id, name and severity.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "docker_doctor/finding.h"
#include "dockerfile/ast.h"

namespace dd {

// What the engine read from disk for one service's `build` (rules never read
// files). Absent for a service without `build`, for a remote context (a Git
// URL) and when the compose file is linted without a directory (standard
// input, the rule-doc examples).
struct ServiceBuildFacts {
  std::string context_dir;      // display form, '/'-separated ("" = the linted root)
  std::string context_path;     // the same directory on disk, for the lint run's context listing
  bool context_exists = false;  // the context directory is there
  // A `.dockerignore` at the context's top, or `<Dockerfile>.dockerignore`
  // beside the Dockerfile (BuildKit reads that one first).
  bool has_dockerignore = false;
  std::string dockerfile;       // display path of the Dockerfile ("" for dockerfile_inline)
  std::string dockerfile_path;  // where it is on disk ("" for dockerfile_inline)
  // The Dockerfile, when it (or dockerfile_inline) could be read.
  std::optional<Dockerfile> parsed;
  // COPY/ADD/RUN --mount sources of the Dockerfile that are not in the
  // context directory (relative to it, as the Dockerfile writes them).
  std::vector<std::string> missing_sources;
  // When sources are missing: the nearest ancestor of the context (up to the
  // directory of the compose file) that holds all of them, relative to the
  // compose file's directory ("." for itself); "" when none does (then the
  // tree is incomplete or the sources are generated, and nothing is judged).
  std::string context_with_sources;
};
using ServiceBuilds = std::map<std::string, ServiceBuildFacts, std::less<>>;

struct ComposeReport {
  std::string file;  // display path of the file the span is in (one of project().files)
  Span span;
  std::string message;
  std::optional<Fix> fix;
};

class ComposeCheckContext {
 public:
  explicit ComposeCheckContext(const compose::Project& project,
                               const ServiceBuilds* builds = nullptr)
      : project_(project), builds_(builds) {}

  const compose::Project& project() const { return project_; }
  // What is on disk for the build of the service named `service`, or null.
  const ServiceBuildFacts* build(std::string_view service) const {
    if (!builds_) return nullptr;
    auto it = builds_->find(service);
    return it == builds_->end() ? nullptr : &it->second;
  }

  void report(const std::string& file, Span span, std::string message,
              std::optional<Fix> fix = std::nullopt) {
    reports_.push_back(ComposeReport{file, span, std::move(message), std::move(fix)});
  }
  // Reports at a value's location (the usual case).
  void report(const compose::Location& at, std::string message,
              std::optional<Fix> fix = std::nullopt) {
    report(at.file, at.span, std::move(message), std::move(fix));
  }
  const std::vector<ComposeReport>& reports() const { return reports_; }

 private:
  const compose::Project& project_;
  const ServiceBuilds* builds_;
  std::vector<ComposeReport> reports_;
};

using ComposeCheckFn = void (*)(ComposeCheckContext&);

// The check behind each compose-scope rule id, generated from rules/*.md:
// rule DDnnn's check is `void check_ddnnn(ComposeCheckContext&)` in src/rules/.
struct ComposeRuleCheck {
  std::string_view id;
  ComposeCheckFn check;
};
const std::vector<ComposeRuleCheck>& compose_rule_checks();

}  // namespace dd
