// What an image is made of, for rules that compare images of different
// Dockerfiles (DD505 dev/prod drift, DD506 drift across services): the
// external base image it starts from, the lockfiles it copies in, and the
// project installs it runs, over every stage that goes into it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "docker_doctor/source.h"
#include "rules/image_ref.h"
#include "rules/project_check.h"

namespace dd::rules {

// A package-manager install of the project's dependencies (not of named
// tools such as `pip install poetry`).
struct ProjectInstall {
  std::string manager;                 // "poetry", "pnpm"
  std::vector<std::string> lockfiles;  // the manager's lockfile names
  Span span;                           // the command
  int line = 0;
};

struct ImageProfile {
  size_t stage = 0;              // the stage that is the image
  size_t root_stage = 0;         // the stage its FROM chain starts at
  std::optional<ImageRef> base;  // what the root stage is built FROM; nullopt: scratch or unknown
  std::string base_text;         // as expanded ("python:3.11-slim")
  Span base_span;                // the image word of the root's FROM
  int base_line = 0;
  // Lockfile base name -> line of the COPY/ADD that brings it into the image
  // or into a stage the image copies files from.
  std::map<std::string, int> lockfiles;
  std::vector<ProjectInstall> installs;  // in the image and the stages it copies from
};

// The profile of stage `stage` of `view`.
ImageProfile profile_image(const ProjectDockerfileView& view, size_t stage);

// The stages that make up an image: its FROM chain and, recursively, the
// chains of the stages it copies files from (COPY --from), each once.
std::vector<size_t> stages_feeding(const ProjectDockerfileView& view, size_t stage);

// The language or product an image repository stands for in messages:
// "python" for "python" or "ghcr.io/acme/python".
std::string image_product(const ImageRef& ref);

}  // namespace dd::rules
