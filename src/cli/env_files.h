// Reading the files compose `env_file:` entries name, for the loader
// (compose::LoadOptions::read_env_file): inside the linted tree only, regular
// files only, size-limited, and whether git ignores them.
#pragma once

#include <string>

#include "compose/loader.h"

namespace dd::cli {

// Env files are a few lines; anything larger is not one.
constexpr size_t kMaxEnvFileBytes = 1u << 20;

// Reads `path` for a project linted below `root` (a directory on disk). A
// file that resolves (through symbolic links or `..`) outside `root` is
// refused, not read.
compose::EnvFileRead read_env_file_within(const std::string& root, const std::string& path);

// Whether a `.gitignore` in the file's directory or one above it (up to the
// repository's top, the directory holding `.git`) ignores `file`, with Git's
// semantics (ignore/gitignore.h).
bool git_ignores(const std::string& file);

}  // namespace dd::cli
