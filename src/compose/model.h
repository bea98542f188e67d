// The normalised compose model the compose rules read: a project (one or more
// files merged as `docker compose` merges them) and its services, with short
// and long syntax folded into one shape. Every field keeps the location of the
// value that set it, in the file that set it. The generic tree (`Node`) stays
// available for anything the model does not name.
//
// Rules include this header; it does not include yaml-cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compose/node.h"

namespace dd::compose {

// A scalar value with its location (after interpolation).
struct Scalar {
  std::string value;
  std::string raw;  // as written, before interpolation
  Location loc;
};

// `KEY=value` list entries and `KEY: value` mapping entries alike
// (environment, build args, labels, additional_contexts). `value` is absent
// for a bare `KEY` (list form) or a null value (`KEY:`).
struct KeyValue {
  Scalar key;
  std::optional<Scalar> value;
  Location loc;  // the whole entry (the list item, or the key for the mapping form)
};

struct BuildSpec {
  Location loc;                   // the `build` value
  bool short_syntax = false;      // `build: ./dir`: only `context` is set
  std::optional<Scalar> context;  // absent means "." (the project directory)
  std::optional<Scalar> dockerfile;
  std::optional<Scalar> dockerfile_inline;
  std::optional<Scalar> target;
  std::vector<KeyValue> args;
  std::vector<KeyValue> additional_contexts;
  std::vector<Scalar> cache_from;
  std::vector<Scalar> secrets;  // secret names (`- name` or `- source: name`)
  // The directory `context` is relative to: the directory of the file that
  // set it (display form, "" for the linted root). Extended and included
  // files resolve their contexts against their own directory.
  std::string base_dir;
};

// `command` / `entrypoint`: the string form is one item holding the whole
// string (Compose splits it like a shell would); the list form one item per
// argument.
struct CommandSpec {
  Location loc;
  bool list_form = false;
  std::vector<Scalar> items;
};

// A port mapping, short (`"127.0.0.1:8080:80/tcp"`, `"3000-3005"`, `80`) or
// long syntax.
struct PortSpec {
  Location loc;  // the whole entry
  bool long_syntax = false;
  std::string host_ip;    // "" = all interfaces
  std::string published;  // as written: "8080", "8080-8081", "" (not published)
  std::string target;     // "80", "80-81"
  std::string protocol;   // "tcp" unless given
  std::string mode;       // long syntax `mode`, "" otherwise
  std::string name;       // long syntax `name`
  // Numeric ranges (inclusive); 0 when absent or not a plain number (e.g. a
  // variable that stayed unset).
  int published_start = 0, published_end = 0;
  int target_start = 0, target_end = 0;
};

// A service volume, short (`src:dst:ro`, `/anon`, `name:/dst`) or long syntax.
struct VolumeMount {
  enum class Type { Volume, Bind, Tmpfs, Npipe, Cluster, Image };
  Location loc;  // the whole entry
  bool long_syntax = false;
  Type type = Type::Volume;
  std::string source;  // "" for an anonymous volume; the host path as written for a bind
  std::string target;  // the path inside the container
  bool read_only = false;
  std::string mode;  // short syntax options after the second ':' ("ro,z"), "" otherwise
  // Where source and target are written: the exact characters when the entry
  // is a plain one-line scalar or a long-syntax field, else the whole entry.
  Location source_loc;
  Location target_loc;
};

// One entry of `deploy.resources.reservations.devices`. The fields are as
// written; `node` is the entry itself, so rules can find malformed fields.
struct DeviceRequest {
  Location loc;
  std::optional<Scalar> driver;
  std::optional<Scalar> count;  // "all" or a number
  std::vector<Scalar> device_ids;
  std::vector<Scalar> capabilities;
  Node node;
};

struct Dependency {
  Scalar service;  // the service depended on (its location: the list item or the key)
  std::string condition = "service_started";
  bool restart = false;
  bool required = true;
  Location loc;
};

// A service's reference to a top-level secret or config (`- name` or
// `- source: name`).
struct ResourceRef {
  Scalar source;
  std::optional<Scalar> target;
  Location loc;
};

struct WatchRule {
  Location loc;
  std::optional<Scalar> path;
  std::optional<Scalar> action;  // sync, rebuild, sync+restart, sync+exec, restart
  std::optional<Scalar> target;
  std::vector<Scalar> ignore;
};

// A file `env_file:` names and what the engine read of it: KEY=VALUE data,
// never executed. Each variable keeps its place in the env file.
struct EnvFileVar {
  Scalar key;
  std::optional<Scalar> value;  // absent for a bare `KEY`
};

struct EnvFile {
  Scalar path;  // as the compose file writes it (its location there)
  bool required = true;  // long syntax `required: false`
  std::string display;   // the env file as findings show it
  enum class State {
    NotRead,  // nobody read it (no directory on disk, e.g. standard input)
    Read,     // read: `vars` holds it
    Missing,  // not there
    Refused,  // not read: outside the linted tree, not a regular file, too large
  };
  State state = State::NotRead;
  std::string problem;  // why it was refused
  // Git ignores it (the engine found a `.gitignore` pattern for it), so it is
  // not committed with the repository.
  bool git_ignored = false;
  std::vector<EnvFileVar> vars;
};

struct Service {
  Scalar name;   // its location is the key under `services:`
  Location loc;  // the service's mapping
  Node node;     // the merged mapping (after extends, overrides, interpolation)

  std::optional<BuildSpec> build;
  std::optional<Scalar> image;
  std::optional<Scalar> pull_policy;
  std::optional<Scalar> container_name;
  std::optional<CommandSpec> command;
  std::optional<CommandSpec> entrypoint;
  std::vector<KeyValue> environment;
  std::vector<Scalar> env_file;  // paths, short or long (`path:`) syntax
  std::vector<EnvFile> env_files;  // the same entries, with what was read of each
  std::vector<PortSpec> ports;
  std::vector<VolumeMount> volumes;
  std::vector<DeviceRequest> devices;  // deploy.resources.reservations.devices
  std::optional<Location> gpus;        // the `gpus:` value (`all` or a list), when set
  std::optional<Scalar> runtime;
  std::optional<Scalar> privileged;  // as written; privileged when value == "true"
  std::optional<Scalar> network_mode;
  std::optional<Scalar> pid;
  std::vector<Scalar> cap_add;
  std::vector<Dependency> depends_on;
  std::vector<Scalar> networks;  // names, from the list or the mapping form
  std::vector<ResourceRef> secrets;
  std::vector<ResourceRef> configs;
  std::vector<Scalar> profiles;
  std::vector<WatchRule> watch;  // develop.watch
  // The directory relative paths of this service resolve against (the
  // directory of the file that defined it; "" for the linted root).
  std::string base_dir;
};

// A top-level network, volume, secret or config definition.
struct Resource {
  Scalar name;
  Location loc;
  bool external = false;
  Node node;
};

struct IncludeSpec {
  Location loc;
  std::vector<Scalar> paths;
  std::optional<Scalar> project_directory;
  std::vector<Scalar> env_file;
};

// A problem found while loading. The lint run turns each kind into a finding
// of its rule.
struct Diagnostic {
  enum class Kind {
    ParseError,       // invalid YAML, multiple documents, limits exceeded, unreadable file: DD000
    SchemaViolation,  // the compose-spec JSON Schema rejects a value: DD300
    VariableUnset,    // `${VAR}` without default and VAR unset: DD306
    VariableError,    // `${VAR:?message}` / `${VAR?message}` triggered: DD306
    LoadError,        // extends/include that cannot be resolved, cycles: DD000
  };
  Kind kind = Kind::ParseError;
  Location loc;
  std::string message;
};

// A file the project was read from, with its text (reporters need it for the
// code frame).
struct SourceFile {
  std::string path;     // where it was read
  std::string display;  // as findings carry it
  std::string text;
  // The compose document as this file wrote it (merge keys resolved and
  // values interpolated, but before includes, extends and the merge of
  // override files), for rules about how a file is written, such as the
  // order of its keys. Null for a `.env` or `env_file` file.
  Node document{};
  // One of the files the project was loaded from (`-f`), not a file one of
  // them extends or includes.
  bool named = false;
};

struct Project {
  std::vector<SourceFile> files;  // the files named first, then extended/included ones
  std::string dir;                // the project directory (display form, "" for the root)
  std::optional<Scalar> name;
  std::optional<Scalar> version;  // obsolete top-level `version`
  std::vector<Service> services;  // in source order
  std::vector<Resource> networks;
  std::vector<Resource> volumes;
  std::vector<Resource> secrets;
  std::vector<Resource> configs;
  std::vector<IncludeSpec> includes;
  Node root;  // the merged document
  std::vector<Diagnostic> diagnostics;

  const Service* service(std::string_view name) const;
  const SourceFile* file(std::string_view display) const;
};

const char* volume_type_name(VolumeMount::Type t);  // "volume", "bind", ...

}  // namespace dd::compose
