// docker-doctor's own YAML tree for compose files. Only src/compose/ sees
// yaml-cpp; rules and reporters read this tree, which keeps, for every value,
// the file and the exact bytes that set it (through merges, extends and
// interpolation).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd::compose {

// Where a value was written: the file as shown to the user (relative to the
// linted root, '/'-separated) and the byte span of the value in that file.
struct Location {
  std::string file;
  Span span;

  friend bool operator==(const Location&, const Location&) = default;
};

struct MapEntry;

// One YAML node after anchors, aliases and merge keys are resolved.
class Node {
 public:
  enum class Kind { Null, Scalar, Sequence, Mapping };

  Kind kind = Kind::Null;
  // The explicit tag as written ("!reset", "!override", "!!str"), or empty.
  std::string tag;
  // A scalar written in quotes or as a block scalar (`|`, `>`): always a
  // string, never typed as a number, bool or null.
  bool quoted = false;
  // Scalar text. After interpolation it holds the interpolated value; `raw`
  // keeps the text as written (they differ only where `$` was expanded).
  std::string value;
  std::string raw;
  Location loc;
  std::vector<Node> items;        // Kind::Sequence
  std::vector<MapEntry> entries;  // Kind::Mapping, in source order, keys unique

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_mapping() const { return kind == Kind::Mapping; }
  // True when the scalar's value came (partly) from a variable.
  bool interpolated() const { return kind == Kind::Scalar && value != raw; }

  // The value under `key` of a mapping, or null when absent (or not a mapping).
  const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  // The location of the key `key` itself (null when absent).
  const Location* key_location(std::string_view key) const;
};

struct MapEntry {
  Node key;  // a scalar in every compose file; its value is the key text
  Node value;
};

// YAML 1.2 core schema reading of a plain scalar, as Compose reads it:
// `true`/`false` (any case of those words only) are booleans, `null`/`~`/""
// null, decimal/0o/0x integers and floats numbers. Quoted scalars are strings.
enum class ScalarType { String, Bool, Int, Float, Null };
ScalarType scalar_type(const Node& n);
// `true` for a scalar Compose reads as boolean true ("true", "True", "TRUE";
// also "yes"/"on" are NOT true under YAML 1.2).
bool is_true(const Node& n);

}  // namespace dd::compose
