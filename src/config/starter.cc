// The starter configuration (starter.h): every key present or shown in a
// comment, with the defaults, so a user edits rather than looks things up.
#include "config/starter.h"

namespace dd::config {

std::string_view starter_config() {
  return R"(# docker-doctor configuration (docs/configuration.md; the JSON Schema
# docs/schema/config.schema.json lets editors check this file).
#
# Precedence: built-in defaults < this file < DOCKER_DOCTOR_* environment
# variables < command-line flags.

# The least severe finding that fails the run: error, warning, info, style, none.
fail-on: warning
# Show only findings at least this severe: error, warning, info, style.
min-severity: style

# Rules by id or name: off, on, a severity (error, warning, info, style), or
# a mapping with enabled, severity and options (see `docker-doctor explain`).
rules:
  # DD602: off
  # relative-workdir: error
  # DD501:
  #   severity: error
  #   options:
  #     dev-packages: [debugpy, pytest]

# Settings for some paths only (globs relative to this file); later entries win.
overrides: []
  # - files: ["legacy/**"]
  #   rules:
  #     DD503: off

# Policy that rules and the engine share.
policy:
  # Which directory a Dockerfile is built from: auto (inferred from its
  # COPY sources), per-service (its own directory), monorepo-root.
  build-context: auto
  # dev-packages: [debugpy, pytest]        # replaces DD501's default list
  # trusted-registries: [ghcr.io/acme]
  # allowed-base-images: ["python:3.12-*"]
  # production-files: ["**/Dockerfile"]

# Which files a directory walk lints (globs relative to this file). `exclude`
# also applies to files named on the command line.
include: []
exclude: []
  # - third_party/**

# Honour `# docker-doctor ignore=...` comments (false: policy enforcement).
inline-suppressions: true
)";
}

}  // namespace dd::config
