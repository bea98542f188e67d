// The interface between the rule engine and a project-scope check: one that
// compares several Dockerfiles of a run (a dev and a production image, the
// services of one repository). Like a Dockerfile check, it reads the model
// and reports spans; the engine attaches the rule's metadata and the file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "rules/check.h"

namespace dd {

// One Dockerfile of the run, parsed once and shared by every project check.
struct ProjectDockerfileView {
  const FileInfo* file;  // path (as findings carry it) and build context
  const Dockerfile* dockerfile;
  DockerfileFacts* facts;  // scopes, shell model, image files: computed on first use
  // Its stages built FROM images another Dockerfile of the run builds
  // (LinkedBase::file indexes dockerfiles()); null when there are none.
  const std::vector<LinkedBase>* links = nullptr;
};

struct ProjectReport {
  size_t file;  // index into ProjectCheckContext::dockerfiles()
  Span span;
  std::string message;
  std::optional<Fix> fix;
};

class ProjectCheckContext {
 public:
  explicit ProjectCheckContext(std::vector<ProjectDockerfileView> dockerfiles)
      : dockerfiles_(std::move(dockerfiles)) {}

  // In the order the run read them (sorted by path).
  const std::vector<ProjectDockerfileView>& dockerfiles() const { return dockerfiles_; }

  void report(size_t file, Span span, std::string message, std::optional<Fix> fix = std::nullopt) {
    reports_.push_back(ProjectReport{file, span, std::move(message), std::move(fix)});
  }
  const std::vector<ProjectReport>& reports() const { return reports_; }

 private:
  std::vector<ProjectDockerfileView> dockerfiles_;
  std::vector<ProjectReport> reports_;
};

using ProjectCheckFn = void (*)(ProjectCheckContext&);

// The checks of the rules with `scope: project`, generated from rules/*.md.
struct ProjectRuleCheck {
  std::string_view id;
  ProjectCheckFn check;
};
const std::vector<ProjectRuleCheck>& project_rule_checks();

}  // namespace dd
