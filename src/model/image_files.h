// Which files each stage's filesystem receives from COPY and ADD, and where
// they land: "pdm.lock from the context is at /app/pdm.lock before line 9".
// Rules about lockfiles, manifests, install order and path dependencies ask
// this model instead of re-reading COPY arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/scope.h"

namespace dd {

// One source operand of a COPY or ADD.
struct CopySource {
  std::string written;  // as written
  // Expanded and cleaned, relative to the source root (the build context or
  // the other stage's "/"): "pdm.lock", "services/nlp", "" for "." or "/".
  std::string path;
  Span span;
  bool known = true;     // false: depends on a build argument with no default
  bool glob = false;     // holds *, ? or [ : matched against the source's files
  bool remote = false;   // ADD of a URL or git repository
  bool dir_hint = false; // certainly a directory: ".", "/" or a trailing '/'
};

struct CopyOp {
  size_t instruction = 0;  // index in Dockerfile::instructions
  size_t stage = 0;        // the stage whose filesystem it changes
  bool add = false;        // ADD (else COPY)
  bool heredoc = false;    // COPY <<EOF: the content is inline, not from a source
  bool parents = false;    // --parents: the source's directories are kept
  std::optional<std::string> from;   // --from value (expanded); nullopt: the build context
  std::optional<size_t> from_stage;  // --from naming an earlier stage of this file
  std::vector<CopySource> sources;
  std::vector<std::string> excludes;  // --exclude patterns
  std::optional<std::string> dest;    // absolute and normalised; nullopt when unknown
  bool dest_is_dir = false;  // trailing '/', several sources, or a glob: sources go inside
  Span dest_span;

  bool from_context() const { return !from.has_value(); }
};

// A source file that a CopyOp puts into the image.
struct Landing {
  const CopyOp* op = nullptr;
  const CopySource* source = nullptr;
  std::string source_path;  // relative to the op's source root
  std::string image_path;   // absolute path in the receiving stage
};

struct ImageFiles {
  std::vector<CopyOp> ops;  // every COPY and ADD, in file order

  // The ops that shaped stage `stage`'s filesystem before instruction
  // `before` (ops of the stages it is built FROM first), in order.
  std::vector<const CopyOp*> ops_before(const DockerfileScopes& scopes, size_t stage, size_t before) const;
};

ImageFiles compute_image_files(const Dockerfile& dockerfile, const DockerfileScopes& scopes);

// Where `op` puts the file at `source_path` (relative to its source root, '/'
// separated), or nullopt when it does not copy it.
std::optional<std::string> landing_of(const CopyOp& op, const CopySource& source,
                                      std::string_view source_path);
std::optional<Landing> landing_of(const CopyOp& op, std::string_view source_path);

// Files named `basename` that reach stage `stage` before instruction
// `before`, from the build context (and through COPY --from of earlier
// stages). `context_files` lists the build context's files (relative,
// '/'-separated) when known; without it only sources that name such a file
// explicitly (or by a glob matching the name) count, since what `COPY . .`
// brings is unknown.
std::vector<Landing> find_landings(const ImageFiles& files, const DockerfileScopes& scopes, size_t stage,
                                   size_t before, std::string_view basename,
                                   const std::vector<std::string>* context_files);

// Go's filepath.Match for one '/'-separated path: '*' and '?' never match
// '/', classes `[a-z]` and `[^x]`, '\\' escapes. Bounded work, no recursion.
bool path_match(std::string_view pattern, std::string_view path);

}  // namespace dd
