// Static simulation of BuildKit's layer cache: which instructions of a
// Dockerfile rebuild when some files of its build context change. An
// instruction's cache key depends on its parent layer, its own text (after
// ARG expansion) and, for COPY/ADD and RUN bind mounts from the context, the
// content of the files it reads after .dockerignore. So a change reaches an
// instruction when a changed file is among the files it reads, and then
// every later instruction of the stage, every stage built FROM it and every
// COPY --from it rebuilds too. `docker-doctor impact` prints this; DD203
// uses it to find installs that re-run on a source edit.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "model/image_files.h"
#include "shell/shell.h"

namespace dd {

// An instruction that rebuilds, and why.
struct RebuiltStep {
  size_t instruction = 0;  // index in Dockerfile::instructions
  std::string reason;      // "it copies services/nlp/app.py", "stage 'deps' is rebuilt"
  // The step installs dependencies (a package-manager install in a RUN):
  // the expensive kind of rebuild a layout should avoid.
  bool installs_dependencies = false;
};

struct StageImpact {
  size_t stage = 0;
  // The first instruction that rebuilds (the cause), then every dependency
  // install that re-runs because of it. Empty: the stage is fully cached.
  std::vector<RebuiltStep> steps;
  bool rebuilt() const { return !steps.empty(); }
};

struct ImpactInput {
  const Dockerfile* dockerfile = nullptr;
  const DockerfileScopes* scopes = nullptr;
  const ImageFiles* files = nullptr;
  const ShellModel* shell = nullptr;
  // The changed paths, relative to the build context, '/'-separated.
  std::vector<std::string> changed;
  // Whether the context sends `path` to the builder (.dockerignore); null:
  // everything is sent.
  std::function<bool(std::string_view path)> sent;
};

// One entry per stage of the Dockerfile, in order.
std::vector<StageImpact> simulate_change(const ImpactInput& input);

// What `context` sends after its .dockerignore, as ImpactInput::sent wants
// it. A path the listing does not hold (a file added since) counts as sent.
// `context` must outlive the function.
std::function<bool(std::string_view)> sent_by(const BuildContextInfo& context);

// Whether the COPY/ADD source `source` (relative to the context, cleaned;
// "" is the whole context) reads the context file `path`.
bool source_reads(const CopySource& source, std::string_view path);

}  // namespace dd
