// The build context's file list, only when it fits the Dockerfile. Shared by
// DD201 and DD108, which name context files in their findings.
#pragma once

#include <string>
#include <vector>

#include "rules/check.h"

namespace dd::rules {

// ctx.context_files() when every COPY/ADD source the Dockerfile names
// literally (not a glob, not from another stage or a URL) is in it as a file
// or a directory; else null. A context that lacks one is not the context the
// Dockerfile is built with (that build would fail), so judging by it would
// be judging the wrong tree.
const std::vector<std::string>* consistent_context_files(CheckContext& ctx);

}  // namespace dd::rules
