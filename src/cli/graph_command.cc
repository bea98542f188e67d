// `docker-doctor graph`: what builds from what, as text, JSON, DOT or Mermaid.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/discover.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "project/build_context.h"
#include "project/graph.h"

namespace dd::cli {

namespace {

struct GraphArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  bool no_gitignore = false;
};

// Manifest and lockfile names: the files worth drawing as install inputs.
std::vector<std::string> dependency_files() {
  std::set<std::string> names;
  for (const PackageManager& pm : package_managers()) {
    for (const std::string& n : pm.manifests)
      if (n.find('*') == std::string::npos) names.insert(n);
    for (const std::string& n : pm.lockfiles)
      if (n.find('*') == std::string::npos) names.insert(n);
  }
  return {names.begin(), names.end()};
}

int run_graph(const GraphArgs& args) {
  Discovery found = discover(args.paths, "<stdin>", {.gitignore = !args.no_gitignore});
  bool input_error = false;
  for (const Diagnostic& d : found.diagnostics) {
    (d.error ? print_error : print_note)(d.message);
    input_error = input_error || d.error;
  }
  BuildContexts contexts;
  BuildGraph graph;
  std::vector<std::string> deps = dependency_files();
  for (const Input& input : found.inputs) {
    std::string text, error;
    if (!read_input(input, &text, &error)) {
      print_error(error);
      input_error = true;
      continue;
    }
    Dockerfile df = parse_dockerfile(text);
    const BuildContextInfo* context =
        input.root.empty() ? nullptr
                           : contexts.infer({input.root, input.root_display, input.rel}, df);
    for (const std::string& note : contexts.take_notes()) print_note(note);
    DockerfileScopes scopes = compute_scopes(df);
    ImageFiles files = compute_image_files(df, scopes);
    graph.add_dockerfile(input.display, context ? context->dir : "", df, scopes, files, deps);
  }
  std::string out;
  if (args.format == "json")
    out = render_graph_json(graph);
  else if (args.format == "dot")
    out = render_graph_dot(graph);
  else if (args.format == "mermaid")
    out = render_graph_mermaid(graph);
  else
    out = render_graph_text(graph);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return input_error ? kExitUsage : kExitClean;
}

}  // namespace

CommandRun define_graph(CLI::App& app) {
  auto args = std::make_shared<GraphArgs>();
  app.add_option("paths", args->paths,
                 "Files and directories to look for Dockerfiles in (default: the repository)")
      ->type_name("PATH");
  app.add_option("--format", args->format, "Output format: text, json, dot (Graphviz) or mermaid")
      ->check(CLI::IsMember({"text", "json", "dot", "mermaid"}));
  app.add_flag("--no-gitignore", args->no_gitignore, "Also look in what Git ignores");
  return [args] { return run_graph(*args); };
}

}  // namespace dd::cli
