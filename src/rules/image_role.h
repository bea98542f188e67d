// What an image is for: which stages of a Dockerfile build production images
// (as opposed to development, test or CI images), and the chain of stages a
// production stage inherits from. Rules about what must not ship to
// production (DD501, DD502, DD503) share this one definition.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"

namespace dd::rules {

// True when a file's path says it builds a development, test or CI image:
// Dockerfile.dev, Dockerfile-debug, dev.Dockerfile, api.test.Dockerfile,
// .devcontainer/Dockerfile, tests/Dockerfile ... Only the file name's words
// and whole directory names count ("002-dev-prod-drift/" does not).
bool is_dev_file_path(std::string_view path);

// True when a stage name says the stage is for development ("dev",
// "debug", "test-runner", "devcontainer") or for production ("prod",
// "production", "runtime", "release", "final"). Words are separated by
// '-', '_' and '.'; a name with both kinds of words ("runtime-dev") is
// a development stage.
bool is_dev_stage_name(std::string_view name);
bool is_prod_stage_name(std::string_view name);

// The stages that build production images, in file order: the last stage,
// unless the file or that stage is named for development, and every stage
// named for production (a `--target` a deployment builds). A file named for
// development has none. `file` is null when the name is unknown (stdin):
// then only stage names count.
std::vector<size_t> production_stages(const Dockerfile& df, const FileInfo* file);

// `stage` and the stages it is built FROM, the root first and `stage` last:
// the order in which their instructions shaped the image.
std::vector<size_t> stage_lineage(const DockerfileScopes& scopes, size_t stage);

// The CMD and ENTRYPOINT a stage's image starts with, as BuildKit resolves
// them through the stages it is built FROM (null: not set in this file; the
// base image's own applies). An ENTRYPOINT clears a CMD inherited from
// the parent, as BuildKit does.
struct Launch {
  const Instruction* entrypoint = nullptr;
  const Instruction* cmd = nullptr;
  bool set() const { return entrypoint || cmd; }
};
Launch launch_of(const Dockerfile& df, const DockerfileScopes& scopes, size_t stage);

// Whether the image starts a bare interpreter or shell (`python3`, `node`,
// `php -a`, `bash`), possibly through an entrypoint script
// (docker-entrypoint.sh): a base or toolchain image for others to build
// on, not an application.
bool starts_bare_interpreter(const Launch& launch);

// How a production stage is named in messages: "the production image" (a
// single-stage file), "the production image (the final stage)", or "the
// production stage 'runtime'".
std::string production_label(const Dockerfile& df, size_t stage);

// Whether a package manager installs operating-system packages (apt, apk,
// dnf...) rather than a language's.
bool is_os_package_manager(const PackageManager& pm);

// How a stage is named in messages: "stage 'build'", or "the stage FROM
// python:3.12 (line 7)" when it has no name.
std::string stage_label(const Dockerfile& df, size_t stage);

}  // namespace dd::rules
