// What is on disk for the builds of a compose project's services: the
// context directory, its .dockerignore and the parsed Dockerfile. The compose
// rules read this (rules never read files themselves).
#pragma once

#include "compose/model.h"
#include "rules/compose_check.h"

namespace dd::cli {

// Facts for every service with a local `build` whose files could be placed
// on disk (a project loaded from standard input has none).
ServiceBuilds read_service_builds(const compose::Project& project);

}  // namespace dd::cli
