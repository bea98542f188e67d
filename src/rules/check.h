// The interface between the rule engine and one rule's check function.
// A check reads the model and reports spans and messages; the engine attaches
// the rule's id, name and severity (from rules/DDnnn.md) and the file.
#pragma once

#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "manifest/workspace.h"
#include "model/image_files.h"
#include "project/context_manifests.h"
#include "shell/shell.h"

namespace dd {

// Facts derived from one Dockerfile that several rules need: computed on
// first use and shared by every check of that file, so the shell is parsed
// once per RUN however many rules look at it.
class DockerfileFacts {
 public:
  explicit DockerfileFacts(const Dockerfile& dockerfile) : dockerfile_(dockerfile) {}

  const DockerfileScopes& scopes() {
    if (!scopes_) scopes_ = std::make_unique<DockerfileScopes>(compute_scopes(dockerfile_));
    return *scopes_;
  }
  const ShellModel& shell() {
    if (!shell_) {
      shell_ = std::make_unique<ShellModel>(build_shell_model(dockerfile_, scopes()));
      // Classified with the model rather than on first use: checks of other
      // files read a linked file's facts from other threads, and may only read.
      pm_.reserve(shell_->runs.size());
      for (const ShellRun& run : shell_->runs) {
        pm_.push_back(package_manager_commands(run));
        pm_.back().shrink_to_fit();
      }
    }
    return *shell_;
  }
  // The package-manager commands of a run, classified once for every rule
  // that asks (a dozen do; classifying them again in each was a sixth of a
  // corpus lint). A run that is not one of shell()'s is classified on the spot.
  const std::vector<PmCommand>& pm_commands(const ShellRun& run) {
    const std::vector<ShellRun>& runs = shell().runs;
    // Constant time: the checks ask once per run, and a file may have thousands.
    std::less<const ShellRun*> before;  // a total order, unlike < on unrelated pointers
    if (!before(&run, runs.data()) && before(&run, runs.data() + runs.size()))
      return pm_[static_cast<size_t>(&run - runs.data())];
    return other_pm_.emplace_back(package_manager_commands(run));
  }
  const ImageFiles& image_files() {
    if (!files_) files_ = std::make_unique<ImageFiles>(compute_image_files(dockerfile_, scopes()));
    return *files_;
  }

 private:
  const Dockerfile& dockerfile_;
  std::unique_ptr<DockerfileScopes> scopes_;
  std::unique_ptr<ShellModel> shell_;
  std::vector<std::vector<PmCommand>> pm_;     // parallel to shell_->runs
  std::list<std::vector<PmCommand>> other_pm_;  // stable references for other runs
  std::unique_ptr<ImageFiles> files_;
};

// A stage built FROM an image that another Dockerfile of the run builds
// (RepoImage): the image's instructions are that Dockerfile's target stage
// and the stages it is built FROM.
struct LinkedBase {
  size_t stage = 0;          // the stage of this Dockerfile whose FROM names the image
  const RepoImage* image = nullptr;
  size_t file = 0;  // the linked Dockerfile's index among the run's parsed files (as dockerfiles())
  const FileInfo* file_info = nullptr;
  const Dockerfile* dockerfile = nullptr;
  DockerfileFacts* facts = nullptr;  // its scopes and shell model are computed before checks run
  size_t target = 0;                 // the stage the image is
  // The linked Dockerfile's own links, for images built on images.
  const std::vector<LinkedBase>* next = nullptr;
};

struct Report {
  Span span;
  std::string message;
  std::optional<Fix> fix;
};

class CheckContext {
 public:
  explicit CheckContext(const Dockerfile* dockerfile, DockerfileFacts* facts = nullptr,
                        const FileInfo* file = nullptr,
                        const std::vector<LinkedBase>* links = nullptr)
      : dockerfile_(dockerfile), facts_(facts), file_(file), links_(links) {
    if (!facts_) {
      own_facts_ = std::make_unique<DockerfileFacts>(*dockerfile_);
      facts_ = own_facts_.get();
    }
  }

  // The Dockerfile under check (rules with `scope: dockerfile`).
  const Dockerfile& dockerfile() const { return *dockerfile_; }
  const DockerfileScopes& scopes() { return facts_->scopes(); }
  const ShellModel& shell() { return facts_->shell(); }
  const std::vector<PmCommand>& pm_commands(const ShellRun& run) { return facts_->pm_commands(run); }
  const ImageFiles& image_files() { return facts_->image_files(); }
  DockerfileFacts& facts() { return *facts_; }
  // Where the file is and what its build context holds, when the engine
  // knows (null for a Dockerfile read from stdin or an editor buffer alone).
  const FileInfo* file() const { return file_; }
  const std::vector<std::string>* context_files() const {
    return file_ && file_->context ? &file_->context->files : nullptr;
  }
  // The whole build context: its files, what .dockerignore excludes, sizes.
  const BuildContextInfo* context() const { return file_ ? file_->context : nullptr; }

  // The build context's manifests and workspaces, when the context is known.
  const manifest::WorkspaceModel* workspace() const {
    return file_ && file_->context && file_->context->manifests ? &file_->context->manifests->model() : nullptr;
  }

  // The Dockerfile that builds the image stage `stage` is FROM, when the
  // repository builds that image itself (null otherwise, and when the file
  // is linted alone).
  const LinkedBase* linked_base(size_t stage) const {
    if (links_)
      for (const LinkedBase& l : *links_)
        if (l.stage == stage) return &l;
    return nullptr;
  }

  // The words of an option of the rule under check: the configuration's
  // value for this rule, else its `policy` value of that name, else the
  // default documented in the rule's `## Options` (rules/doc_options.h).
  const std::vector<std::string>& option_words(std::string_view option) const;
  // Set by the engine before the check runs.
  void set_rule(std::string_view rule_id, const LintOptions* options) {
    rule_id_ = rule_id;
    options_ = options;
  }

  void report(Span span, std::string message, std::optional<Fix> fix = std::nullopt) {
    reports_.push_back(Report{span, std::move(message), std::move(fix)});
  }
  const std::vector<Report>& reports() const { return reports_; }

 private:
  const Dockerfile* dockerfile_;
  DockerfileFacts* facts_;
  const FileInfo* file_;
  const std::vector<LinkedBase>* links_;
  std::unique_ptr<DockerfileFacts> own_facts_;
  std::vector<Report> reports_;
  std::string_view rule_id_;
  const LintOptions* options_ = nullptr;
};

using CheckFn = void (*)(CheckContext&);

// The check behind each rule id, generated from rules/*.md: rule DDnnn's check
// is the function `check_ddnnn` defined in src/rules/.
struct RuleCheck {
  std::string_view id;
  CheckFn check;
};
const std::vector<RuleCheck>& rule_checks();

}  // namespace dd
