// The repository as one build graph: what builds from what. Nodes are
// build contexts, Dockerfiles, their stages, external images and the
// lockfiles installs read; edges say how one feeds the next. Compose
// services join as the entry points once a compose project is loaded.
// `docker-doctor graph` prints it as text, JSON, Graphviz DOT or Mermaid.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "model/image_files.h"

namespace dd {

enum class GraphNodeKind { Service, Context, Dockerfile, Stage, Image, File };

struct GraphNode {
  GraphNodeKind kind;
  std::string id;  // unique, stable: "dockerfile:services/api/Dockerfile",
                   // "stage:services/api/Dockerfile#1"
  std::string
      label;  // what a reader sees: "services/api/Dockerfile", "stage 'deps'", "python:3.12-slim"
  int line = 0;  // where it is defined, for Dockerfiles' stages (0: not in a file)
};

enum class GraphEdgeKind {
  Builds,             // service -> Dockerfile (note: its target)
  UsesContext,        // Dockerfile or service -> context
  AdditionalContext,  // service -> a named context (note: the name)
  Defines,            // Dockerfile -> stage
  From,               // stage -> stage or image it is built FROM
  CopiesFrom,         // stage -> stage or image it COPY --from's
  MountsFrom,         // stage -> stage or image a RUN --mount=from= binds
  Copies,             // stage -> context file it copies (lockfiles and manifests)
  BuiltBy,            // image -> the stage of this repository that builds it (note: who says so)
};

struct GraphEdge {
  size_t from;  // node indices
  size_t to;
  GraphEdgeKind kind;
  int line = 0;        // the instruction that makes the edge, 0 when none
  std::string note{};  // what else the reader needs: a target, a context's name, an origin
};

class BuildGraph {
 public:
  // Adds a node, or returns the existing one with that id.
  size_t node(GraphNodeKind kind, const std::string& id, const std::string& label, int line = 0);
  void edge(size_t from, size_t to, GraphEdgeKind kind, int line = 0, std::string note = "");
  // The node with that id, or SIZE_MAX.
  size_t find(const std::string& id) const;

  // Adds a Dockerfile (shown as `path`), its stages and what they build on,
  // built from the context shown as `context_dir` ("" when unknown).
  // `dependency_files` are the manifest and lockfile names whose copies are
  // worth drawing.
  size_t add_dockerfile(const std::string& path, const std::string& context_dir,
                        const Dockerfile& dockerfile, const DockerfileScopes& scopes,
                        const ImageFiles& files, const std::vector<std::string>& dependency_files);

  // A compose service (defined in `compose_file` at `line`) that builds
  // `dockerfile` (a path add_dockerfile was or will be given; "" for an
  // inline one) from `context_dir`, with its `target` ("" = the last stage)
  // and its additional contexts (name, value as written).
  size_t add_service(const std::string& compose_file, const std::string& name, int line,
                     const std::string& context_dir, const std::string& dockerfile,
                     const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& additional);

  // Links the stage `stage` of `dockerfile`, built FROM `image`, to the
  // stage `built_stage` of `built_dockerfile`, which builds that image as
  // `origin` says (all added already). The stage's FROM then points at an
  // image node of its own (`image:REF@PATH#N`): elsewhere the same name may
  // still mean the registry's image. False when a node is missing.
  bool link_image(const std::string& dockerfile, size_t stage, const std::string& image,
                  const std::string& built_dockerfile, size_t built_stage,
                  const std::string& origin);

  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<GraphEdge>& edges() const { return edges_; }

 private:
  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
};

std::string_view graph_node_kind_name(GraphNodeKind k);  // "service", "context", ...
std::string_view graph_edge_kind_name(GraphEdgeKind k);  // "builds", "from", ...

std::string render_graph_text(const BuildGraph& g);
std::string render_graph_json(const BuildGraph& g);
std::string render_graph_dot(const BuildGraph& g);
std::string render_graph_mermaid(const BuildGraph& g);

}  // namespace dd
