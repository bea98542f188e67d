// `docker-doctor graph`: what builds from what, as text, JSON, DOT or Mermaid.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/discover.h"
#include "cli/repo_builds.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "project/build_context.h"
#include "project/graph.h"
#include "rules/image_ref.h"
#include "rules/util.h"

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
  // Compose services first: they are the entry points of the tree.
  RepoBuilds repo = collect_repo_builds(found);
  for (const ComposeServiceBuild& b : repo.services)
    graph.add_service(b.compose_file, b.service, b.line, b.facts.context_dir, b.facts.dockerfile,
                      b.target, b.additional_contexts);
  struct Parsed {
    std::string path;
    Dockerfile df;
    DockerfileScopes scopes;
  };
  std::vector<Parsed> parsed;
  for (const Input& input : found.inputs) {
    if (input.compose) continue;  // drawn through its services above
    std::string text, error;
    if (!read_input(input, &text, &error)) {
      print_error(error);
      input_error = true;
      continue;
    }
    Dockerfile df = parse_dockerfile(text);
    // The context compose builds it with, as the lint run uses it.
    std::string context_dir;
    if (auto c = repo.contexts.find(input.display); c != repo.contexts.end()) {
      context_dir = c->second.front().display.empty() ? "." : c->second.front().display;
    } else if (const BuildContextInfo* context =
                   input.root.empty()
                       ? nullptr
                       : contexts.infer({input.root, input.root_display, input.rel}, df)) {
      context_dir = context->dir;
    }
    for (const std::string& note : contexts.take_notes()) print_note(note);
    DockerfileScopes scopes = compute_scopes(df);
    ImageFiles files = compute_image_files(df, scopes);
    graph.add_dockerfile(input.display, context_dir, df, scopes, files, deps);
    parsed.push_back({input.display, std::move(df), std::move(scopes)});
  }
  // FROM an image the repository builds: link it to the stage that builds it.
  for (const Parsed& p : parsed)
    for (const Stage& s : p.df.stages) {
      const StageScope& scope = p.scopes.stages[s.index];
      if (scope.parent || !scope.base) continue;
      for (const RepoImage& image : repo.images) {
        if (image.dockerfile == p.path || !image.visible_from(p.path) ||
            !rules::same_image(*scope.base, image.name))
          continue;
        auto built = std::find_if(parsed.begin(), parsed.end(),
                                  [&](const Parsed& o) { return o.path == image.dockerfile; });
        if (built == parsed.end() || built->df.stages.empty()) continue;
        const Stage* target = image.target.empty()
                                  ? &built->df.stages.back()
                                  : built->df.stage_named(rules::ascii_lower(image.target));
        if (target && graph.link_image(p.path, s.index, *scope.base, image.dockerfile,
                                       target->index, image.origin))
          break;
      }
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
