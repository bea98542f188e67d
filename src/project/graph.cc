// The build graph and its renderings (graph.h).
#include "project/graph.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace dd {

namespace {

std::string stage_label(const Stage& s) {
  return s.name.empty() ? "stage " + std::to_string(s.index) : "stage '" + s.name + "'";
}

// Where a `--from=` or `FROM` reference points: a stage of this file, or
// an image (named context or registry image) outside it.
size_t reference(BuildGraph& g, const std::string& path, const Dockerfile& df,
                 const std::string& ref) {
  if (const Stage* s = df.stage_ref(ref))
    return g.node(GraphNodeKind::Stage, "stage:" + path + "#" + std::to_string(s->index),
                  stage_label(*s), df.at(s->from).span.start.line);
  return g.node(GraphNodeKind::Image, "image:" + ref, ref);
}

// Nodes worth drawing: every node but an image no edge reaches any more (a
// FROM that link_image pointed at the repository's own image instead).
std::vector<bool> linked_nodes(const BuildGraph& g) {
  std::vector<bool> used(g.nodes().size(), false);
  for (const GraphEdge& e : g.edges()) used[e.from] = used[e.to] = true;
  for (size_t i = 0; i < used.size(); ++i)
    used[i] = used[i] || g.nodes()[i].kind != GraphNodeKind::Image;
  return used;
}

std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Mermaid labels go inside ["..."]; a quote would end them.
std::string mermaid_label(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '"' ? '\'' : c;
  return out;
}

}  // namespace

std::string_view graph_node_kind_name(GraphNodeKind k) {
  switch (k) {
    case GraphNodeKind::Service:
      return "service";
    case GraphNodeKind::Context:
      return "context";
    case GraphNodeKind::Dockerfile:
      return "dockerfile";
    case GraphNodeKind::Stage:
      return "stage";
    case GraphNodeKind::Image:
      return "image";
    case GraphNodeKind::File:
      return "file";
  }
  return "node";
}

std::string_view graph_edge_kind_name(GraphEdgeKind k) {
  switch (k) {
    case GraphEdgeKind::Builds:
      return "builds";
    case GraphEdgeKind::UsesContext:
      return "context";
    case GraphEdgeKind::Defines:
      return "stage";
    case GraphEdgeKind::From:
      return "from";
    case GraphEdgeKind::CopiesFrom:
      return "copies-from";
    case GraphEdgeKind::MountsFrom:
      return "mounts-from";
    case GraphEdgeKind::Copies:
      return "copies";
    case GraphEdgeKind::AdditionalContext:
      return "additional-context";
    case GraphEdgeKind::BuiltBy:
      return "built-by";
  }
  return "edge";
}

size_t BuildGraph::node(GraphNodeKind kind, const std::string& id, const std::string& label,
                        int line) {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].id == id) return i;
  nodes_.push_back({kind, id, label, line});
  return nodes_.size() - 1;
}

void BuildGraph::edge(size_t from, size_t to, GraphEdgeKind kind, int line, std::string note) {
  for (const GraphEdge& e : edges_)
    if (e.from == from && e.to == to && e.kind == kind && e.note == note) return;
  edges_.push_back({from, to, kind, line, std::move(note)});
}

size_t BuildGraph::find(const std::string& id) const {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].id == id) return i;
  return SIZE_MAX;
}

size_t BuildGraph::add_service(const std::string& compose_file, const std::string& name, int line,
                               const std::string& context_dir, const std::string& dockerfile,
                               const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& additional) {
  std::string shown = context_dir.empty() ? "." : context_dir;
  size_t service = node(GraphNodeKind::Service, "service:" + compose_file + "#" + name, name, line);
  edge(service, node(GraphNodeKind::Context, "context:" + shown, "context " + shown),
       GraphEdgeKind::UsesContext);
  for (const auto& [key, value] : additional) {
    // A value is another context directory, an image (docker-image://), a
    // URL or a stage of another service's build (service:NAME); shown as
    // written, a directory relative to the compose file's directory.
    edge(service, node(GraphNodeKind::Context, "additional-context:" + value, value),
         GraphEdgeKind::AdditionalContext, 0, key);
  }
  if (!dockerfile.empty())
    edge(service, node(GraphNodeKind::Dockerfile, "dockerfile:" + dockerfile, dockerfile),
         GraphEdgeKind::Builds, 0, target.empty() ? "" : "target " + target);
  return service;
}

bool BuildGraph::link_image(const std::string& dockerfile, size_t stage, const std::string& image,
                            const std::string& built_dockerfile, size_t built_stage,
                            const std::string& origin) {
  std::string target = built_dockerfile + "#" + std::to_string(built_stage);
  size_t from = find("stage:" + dockerfile + "#" + std::to_string(stage));
  size_t plain = find("image:" + image);
  size_t to = find("stage:" + target);
  if (from == SIZE_MAX || plain == SIZE_MAX || to == SIZE_MAX) return false;
  size_t built = node(GraphNodeKind::Image, "image:" + image + "@" + target, image);
  for (GraphEdge& e : edges_)
    if (e.from == from && e.to == plain && e.kind == GraphEdgeKind::From) e.to = built;
  edge(built, to, GraphEdgeKind::BuiltBy, 0, origin);
  return true;
}

size_t BuildGraph::add_dockerfile(const std::string& path, const std::string& context_dir,
                                  const Dockerfile& df, const DockerfileScopes& scopes,
                                  const ImageFiles& files,
                                  const std::vector<std::string>& dependency_files) {
  size_t file = node(GraphNodeKind::Dockerfile, "dockerfile:" + path, path);
  size_t context = SIZE_MAX;
  if (!context_dir.empty()) {
    context = node(GraphNodeKind::Context, "context:" + context_dir, "context " + context_dir);
    edge(file, context, GraphEdgeKind::UsesContext);
  }
  for (const Stage& s : df.stages) {
    int line = df.at(s.from).span.start.line;
    size_t stage = node(GraphNodeKind::Stage, "stage:" + path + "#" + std::to_string(s.index),
                        stage_label(s), line);
    edge(file, stage, GraphEdgeKind::Defines, line);
    if (std::optional<size_t> parent = scopes.stages[s.index].parent) {
      const Stage& p = df.stages[*parent];
      edge(stage,
           node(GraphNodeKind::Stage, "stage:" + path + "#" + std::to_string(p.index),
                stage_label(p), df.at(p.from).span.start.line),
           GraphEdgeKind::From, line);
    } else if (const auto& base = scopes.stages[s.index].base) {
      if (*base != "scratch")
        edge(stage, node(GraphNodeKind::Image, "image:" + *base, *base), GraphEdgeKind::From, line);
    }
    for (size_t index : s.body) {
      const Instruction& ins = df.at(index);
      if (ins.kind != Keyword::Run) continue;
      for (const Flag& f : ins.flags) {
        if (f.name != "mount") continue;
        if (std::optional<std::string_view> from = f.option("from"))
          edge(stage, reference(*this, path, df, std::string(*from)), GraphEdgeKind::MountsFrom,
               ins.span.start.line);
      }
    }
  }
  std::set<std::string> wanted(dependency_files.begin(), dependency_files.end());
  for (const CopyOp& op : files.ops) {
    size_t stage =
        node(GraphNodeKind::Stage, "stage:" + path + "#" + std::to_string(op.stage),
             stage_label(df.stages[op.stage]), df.at(df.stages[op.stage].from).span.start.line);
    int line = df.at(op.instruction).span.start.line;
    if (op.from) {
      edge(stage, reference(*this, path, df, *op.from), GraphEdgeKind::CopiesFrom, line);
      continue;
    }
    if (context == SIZE_MAX) continue;
    for (const CopySource& src : op.sources) {
      if (!src.known || src.remote || src.glob) continue;
      size_t slash = src.path.rfind('/');
      std::string name = slash == std::string::npos ? src.path : src.path.substr(slash + 1);
      if (!wanted.count(name)) continue;
      std::string shown = context_dir == "." ? src.path : context_dir + "/" + src.path;
      edge(stage, node(GraphNodeKind::File, "file:" + shown, shown), GraphEdgeKind::Copies, line);
    }
  }
  return file;
}

namespace {

// The Dockerfile a stage node belongs to ("stage:PATH#N" -> PATH).
std::string stage_file(const GraphNode& n) {
  std::string id = n.id.substr(std::string("stage:").size());
  return id.substr(0, id.rfind('#'));
}

// One line per edge below `at`; the tree edges (a service's Dockerfile, a
// Dockerfile's stages) are expanded in place, the others are leaves.
// `parent_context` is the context of the service a Dockerfile is drawn
// under: the Dockerfile's own line for it would only repeat it.
void print_below(const BuildGraph& g, const std::map<size_t, std::vector<const GraphEdge*>>& out,
                 size_t at, int depth, std::set<size_t>& shown, std::string& text,
                 size_t parent_context = SIZE_MAX) {
  auto it = out.find(at);
  if (it == out.end()) return;
  size_t own_context = SIZE_MAX;
  for (const GraphEdge* e : it->second)
    if (e->kind == GraphEdgeKind::UsesContext) own_context = e->to;
  for (const GraphEdge* e : it->second) {
    if (e->kind == GraphEdgeKind::UsesContext && e->to == parent_context) continue;
    const GraphNode& to = g.nodes()[e->to];
    bool tree = e->kind == GraphEdgeKind::Builds || e->kind == GraphEdgeKind::Defines;
    // A stage or context names itself ("stage 'deps'", "context ."); other
    // edges say how they link ("from python:3.12", "copies pdm.lock").
    bool self_named = tree || e->kind == GraphEdgeKind::UsesContext;
    std::string line = std::string(static_cast<size_t>(depth) * 2, ' ');
    if (e->kind == GraphEdgeKind::AdditionalContext)
      line += "additional context " + e->note + "=" + to.label;
    else
      line += (self_named ? std::string() : std::string(graph_edge_kind_name(e->kind)) + " ") +
              (e->kind == GraphEdgeKind::Builds ? "dockerfile " : "") + to.label;
    if (e->kind == GraphEdgeKind::Builds && !e->note.empty()) line += " (" + e->note + ")";
    if (e->line && !self_named) line += " (line " + std::to_string(e->line) + ")";
    if (self_named && to.line && e->kind != GraphEdgeKind::Builds)
      line += " (line " + std::to_string(to.line) + ")";
    // An image the repository builds: say which stage builds it.
    if (auto built = out.find(e->to); to.kind == GraphNodeKind::Image && built != out.end())
      for (const GraphEdge* b : built->second)
        if (b->kind == GraphEdgeKind::BuiltBy)
          line += ", built by " + stage_file(g.nodes()[b->to]) + " " + g.nodes()[b->to].label +
                  " (" + b->note + ")";
    text += line + "\n";
    if (tree && shown.insert(e->to).second)
      print_below(g, out, e->to, depth + 1, shown, text,
                  e->kind == GraphEdgeKind::Builds ? own_context : SIZE_MAX);
  }
}

}  // namespace

std::string render_graph_text(const BuildGraph& g) {
  std::map<size_t, std::vector<const GraphEdge*>> out;
  std::set<size_t> has_parent;
  for (const GraphEdge& e : g.edges()) {
    out[e.from].push_back(&e);
    if (e.kind == GraphEdgeKind::Builds) has_parent.insert(e.to);
  }
  std::string text;
  std::set<size_t> shown;
  for (size_t i = 0; i < g.nodes().size(); ++i) {
    const GraphNode& n = g.nodes()[i];
    if (has_parent.count(i) ||
        (n.kind != GraphNodeKind::Service && n.kind != GraphNodeKind::Dockerfile))
      continue;
    std::string where;  // a service's compose file: "service:FILE#NAME"
    if (n.kind == GraphNodeKind::Service) {
      where = n.id.substr(std::string("service:").size());
      where = " (" + where.substr(0, where.rfind('#')) +
              (n.line ? ":" + std::to_string(n.line) : "") + ")";
    }
    text += std::string(graph_node_kind_name(n.kind)) + " " + n.label + where + "\n";
    shown.insert(i);
    print_below(g, out, i, 1, shown, text);
  }
  return text;
}

std::string render_graph_json(const BuildGraph& g) {
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  std::vector<bool> used = linked_nodes(g);
  for (size_t i = 0; i < g.nodes().size(); ++i) {
    if (!used[i]) continue;
    const GraphNode& n = g.nodes()[i];
    nlohmann::json j = {{"id", n.id}, {"kind", graph_node_kind_name(n.kind)}, {"label", n.label}};
    if (n.line) j["line"] = n.line;
    nodes.push_back(j);
  }
  for (const GraphEdge& e : g.edges()) {
    nlohmann::json j = {{"from", g.nodes()[e.from].id},
                        {"to", g.nodes()[e.to].id},
                        {"kind", graph_edge_kind_name(e.kind)}};
    if (e.line) j["line"] = e.line;
    if (!e.note.empty()) j["note"] = e.note;
    edges.push_back(j);
  }
  return nlohmann::json({{"nodes", nodes}, {"edges", edges}}).dump(2) + "\n";
}

namespace {

// What a node is called in a picture: a service also names its compose
// file, since a base file and a dev file often define services of one name.
std::string picture_label(const GraphNode& n, const std::string& separator) {
  if (n.kind != GraphNodeKind::Service) return n.label;
  std::string file = n.id.substr(std::string("service:").size());
  return n.label + separator + file.substr(0, file.rfind('#'));
}

}  // namespace

std::string render_graph_dot(const BuildGraph& g) {
  static const std::map<GraphNodeKind, std::string> kShape = {
      {GraphNodeKind::Service, "shape=box,style=\"rounded,filled\",fillcolor=\"#dbeafe\""},
      {GraphNodeKind::Context, "shape=folder"},
      {GraphNodeKind::Dockerfile, "shape=note,style=filled,fillcolor=\"#fef3c7\""},
      {GraphNodeKind::Stage, "shape=box"},
      {GraphNodeKind::Image, "shape=box,style=dashed"},
      {GraphNodeKind::File, "shape=plaintext"},
  };
  std::string out =
      "digraph build {\n  rankdir=LR;\n  node [fontname=\"Helvetica\",fontsize=10];\n"
      "  edge [fontname=\"Helvetica\",fontsize=9];\n";
  std::vector<bool> used = linked_nodes(g);
  for (size_t i = 0; i < g.nodes().size(); ++i)
    if (used[i])
      out += "  n" + std::to_string(i) + " [label=" + dot_quote(picture_label(g.nodes()[i], "\n")) +
             "," + kShape.at(g.nodes()[i].kind) + "];\n";
  for (const GraphEdge& e : g.edges()) {
    std::string label(graph_edge_kind_name(e.kind));
    if (e.line) label += " :" + std::to_string(e.line);
    if (!e.note.empty()) label += "\n" + e.note;
    out += "  n" + std::to_string(e.from) + " -> n" + std::to_string(e.to) +
           " [label=" + dot_quote(label) + "];\n";
  }
  return out + "}\n";
}

std::string render_graph_mermaid(const BuildGraph& g) {
  std::string out = "flowchart LR\n";
  std::vector<bool> used = linked_nodes(g);
  for (size_t i = 0; i < g.nodes().size(); ++i) {
    if (!used[i]) continue;
    const GraphNode& n = g.nodes()[i];
    std::string open = "[\"", close = "\"]";
    if (n.kind == GraphNodeKind::Service) open = "([\"", close = "\"])";
    if (n.kind == GraphNodeKind::Image) open = "[/\"", close = "\"/]";
    if (n.kind == GraphNodeKind::Context) open = "[(\"", close = "\")]";
    out += "  n" + std::to_string(i) + open + mermaid_label(picture_label(n, " · ")) + close + "\n";
  }
  for (const GraphEdge& e : g.edges()) {
    std::string label(graph_edge_kind_name(e.kind));
    if (!e.note.empty()) label += " " + e.note;
    out += "  n" + std::to_string(e.from) + " -->|\"" + mermaid_label(label) + "\"| n" +
           std::to_string(e.to) + "\n";
  }
  return out;
}

}  // namespace dd
