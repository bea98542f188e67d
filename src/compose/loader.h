// Loading compose files the way `docker compose` (compose-go) does: parse,
// resolve merge keys, interpolate, merge override files, resolve extends and
// include, validate against the compose-spec schema, normalise. Never throws;
// every problem is a Diagnostic in the returned project.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compose/model.h"

namespace dd::compose {

// Safety limits for hostile input: each one exceeded is a clear parse error.
struct Limits {
  // Real compose files are kilobytes; 8 MiB leaves room for generated ones
  // while keeping a hostile file from costing hundreds of MB of nodes.
  size_t max_file_bytes = 8u << 20;
  int max_depth = 512;           // nesting of mappings and sequences
  // Nodes after alias expansion (billion laughs). A node costs about 250
  // bytes, so the tree stays under ~64 MB; real compose files have a few
  // thousand nodes.
  size_t max_nodes = 250'000;
};

// A file named to the loader: where to read it and how findings show it.
struct FileRef {
  std::string path;
  std::string display;
};

// What the caller's reader found for a file `env_file:` names.
struct EnvFileRead {
  EnvFile::State state = EnvFile::State::NotRead;
  std::string text;     // State::Read
  std::string problem;  // State::Refused: why
  bool git_ignored = false;
};

struct LoadOptions {
  // Variables from the caller (the CLI passes the process environment). They
  // win over the project's `.env`, as in Compose.
  std::map<std::string, std::string> environment;
  bool read_dotenv = true;  // read `.env` in the project directory
  bool validate_schema = true;
  Limits limits;
  // Reads a file; tests replace it with an in-memory map. Returns false and
  // sets *error when the file cannot be read.
  std::function<bool(const std::string& path, std::string* text, std::string* error)> read_file;
  // Reads a file `env_file:` names (its path on disk, relative to the
  // directory of the compose file that names it). The reader enforces what
  // may be read (inside the linted tree, a regular file, a size limit). Unset:
  // env files are not read, and stay EnvFile::State::NotRead.
  std::function<EnvFileRead(const std::string& path)> read_env_file;
};

// Parses one YAML text into a Node tree (anchors, aliases and merge keys
// resolved; no interpolation). Problems are appended to *diagnostics.
Node parse_yaml(std::string_view text, const std::string& display, const Limits& limits,
                std::vector<Diagnostic>* diagnostics);

// Loads a project from `files` (base first, then overrides, as `-f` lists them).
Project load_project(const std::vector<FileRef>& files, const LoadOptions& options = {});

// The override companions Compose merges automatically: for `compose.yaml`,
// `compose.override.yaml`, and so on for the four base names. Empty for any
// other name.
std::string override_name(std::string_view base_name);
// The four base names Compose looks for, in its order of preference.
const std::vector<std::string>& default_compose_names();
// compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml, their
// override files, and other `compose.*.y[a]ml` / `docker-compose.*.y[a]ml`.
bool is_compose_file_name(std::string_view name);

}  // namespace dd::compose
