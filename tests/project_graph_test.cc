// The build graph: nodes and edges of a Dockerfile, and each rendering.
#include "project/graph.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

dd::BuildGraph graph_of(const std::string& text, const std::string& path = "api/Dockerfile",
                        const std::string& context = ".") {
  dd::Dockerfile df = dd::parse_dockerfile(text);
  dd::DockerfileScopes scopes = dd::compute_scopes(df);
  dd::ImageFiles files = dd::compute_image_files(df, scopes);
  dd::BuildGraph g;
  g.add_dockerfile(path, context, df, scopes, files, {"package.json", "package-lock.json"});
  return g;
}

const char* kMultiStage =
    "FROM node:20 AS deps\n"                                    // 1
    "COPY package.json package-lock.json ./\n"                  // 2
    "RUN npm ci\n"                                              // 3
    "FROM deps AS build\n"                                      // 4
    "RUN --mount=type=bind,from=golang:1.22,target=/go true\n"  // 5
    "FROM nginx:1.27\n"                                         // 6
    "COPY --from=build /app/dist /usr/share/nginx/html\n";      // 7

TEST(ProjectGraph, TextShowsStagesAndWhatTheyBuildOn) {
  EXPECT_EQ(dd::render_graph_text(graph_of(kMultiStage)),
            "dockerfile api/Dockerfile\n"
            "  context .\n"
            "  stage 'deps' (line 1)\n"
            "    from node:20 (line 1)\n"
            "    copies package.json (line 2)\n"
            "    copies package-lock.json (line 2)\n"
            "  stage 'build' (line 4)\n"
            "    from stage 'deps' (line 4)\n"
            "    mounts-from golang:1.22 (line 5)\n"
            "  stage 2 (line 6)\n"
            "    from nginx:1.27 (line 6)\n"
            "    copies-from stage 'build' (line 7)\n");
}

TEST(ProjectGraph, JsonHasStableIdsAndKinds) {
  nlohmann::json doc = nlohmann::json::parse(dd::render_graph_json(graph_of(kMultiStage)));
  ASSERT_TRUE(doc["nodes"].is_array());
  std::set<std::string> ids;
  for (const auto& n : doc["nodes"]) ids.insert(n["id"].get<std::string>());
  EXPECT_TRUE(ids.count("dockerfile:api/Dockerfile"));
  EXPECT_TRUE(ids.count("stage:api/Dockerfile#1"));
  EXPECT_TRUE(ids.count("image:nginx:1.27"));
  EXPECT_TRUE(ids.count("file:package-lock.json"));
  bool copies_from = false;
  for (const auto& e : doc["edges"])
    copies_from =
        copies_from || (e["kind"] == "copies-from" && e["from"] == "stage:api/Dockerfile#2" &&
                        e["to"] == "stage:api/Dockerfile#1" && e["line"] == 7);
  EXPECT_TRUE(copies_from);
}

TEST(ProjectGraph, SharedImagesAndContextsAreOneNode) {
  dd::BuildGraph g;
  for (const char* path : {"a/Dockerfile", "b/Dockerfile"}) {
    dd::Dockerfile df = dd::parse_dockerfile("FROM python:3.12\nCOPY package.json .\n");
    dd::DockerfileScopes scopes = dd::compute_scopes(df);
    dd::ImageFiles files = dd::compute_image_files(df, scopes);
    g.add_dockerfile(path, ".", df, scopes, files, {"package.json"});
  }
  size_t images = 0, contexts = 0, files = 0;
  for (const dd::GraphNode& n : g.nodes()) {
    images += n.kind == dd::GraphNodeKind::Image;
    contexts += n.kind == dd::GraphNodeKind::Context;
    files += n.kind == dd::GraphNodeKind::File;
  }
  EXPECT_EQ(images, 1u);
  EXPECT_EQ(contexts, 1u);
  EXPECT_EQ(files, 1u);
}

TEST(ProjectGraph, DotAndMermaidQuoteLabels) {
  dd::BuildGraph g;
  g.node(dd::GraphNodeKind::Service, "service:compose.yaml#x", "say \"hi\"\\now");
  std::string dot = dd::render_graph_dot(g);
  EXPECT_NE(dot.find("digraph build {"), std::string::npos);
  // A service also names its compose file.
  EXPECT_NE(dot.find("label=\"say \\\"hi\\\"\\\\now\\ncompose.yaml\""), std::string::npos) << dot;
  std::string mermaid = dd::render_graph_mermaid(g);
  EXPECT_NE(mermaid.find("n0([\"say 'hi'\\now · compose.yaml\"])"), std::string::npos) << mermaid;
}

TEST(ProjectGraph, DotRendersEveryEdge) {
  dd::BuildGraph g = graph_of(kMultiStage);
  std::string dot = dd::render_graph_dot(g);
  size_t arrows = 0;
  for (size_t at = dot.find("->"); at != std::string::npos; at = dot.find("->", at + 2)) ++arrows;
  EXPECT_EQ(arrows, g.edges().size());
  EXPECT_EQ(dot.back(), '\n');
}

// A compose service is the entry point: its context, additional contexts and
// the Dockerfile (with its target) it builds, whose stages follow below it.
TEST(ProjectGraph, ServicesLeadToTheirDockerfileAndContexts) {
  dd::BuildGraph g;
  g.add_service("compose.yaml", "api", 3, "", "api/Dockerfile", "runtime",
                {{"shared", "../shared"}});
  dd::Dockerfile df = dd::parse_dockerfile("FROM python:3.12 AS runtime\n");
  dd::DockerfileScopes scopes = dd::compute_scopes(df);
  dd::ImageFiles files = dd::compute_image_files(df, scopes);
  g.add_dockerfile("api/Dockerfile", ".", df, scopes, files, {});
  EXPECT_EQ(dd::render_graph_text(g),
            "service api (compose.yaml:3)\n"
            "  context .\n"
            "  additional context shared=../shared\n"
            "  dockerfile api/Dockerfile (target runtime)\n"
            "    stage 'runtime' (line 1)\n"
            "      from python:3.12 (line 1)\n");
  nlohmann::json doc = nlohmann::json::parse(dd::render_graph_json(g));
  bool builds = false;
  for (const auto& e : doc["edges"])
    builds = builds || (e["kind"] == "builds" && e["from"] == "service:compose.yaml#api" &&
                        e["to"] == "dockerfile:api/Dockerfile" && e["note"] == "target runtime");
  EXPECT_TRUE(builds) << doc.dump(2);
  EXPECT_NE(dd::render_graph_mermaid(g).find("-->|\"builds target runtime\"|"), std::string::npos);
}

// A FROM naming an image the repository builds links to the stage that builds it.
TEST(ProjectGraph, ImagesTheRepositoryBuildsLinkToTheirStage) {
  dd::BuildGraph g;
  for (auto [path, text] : {std::pair<std::string, std::string>{"deps/Dockerfile",
                                                                "FROM python:3.12 AS deps\nRUN true\n"},
                            {"api/Dockerfile", "ARG BASE=app-deps:dev\nFROM ${BASE}\n"}}) {
    dd::Dockerfile df = dd::parse_dockerfile(text);
    dd::DockerfileScopes scopes = dd::compute_scopes(df);
    dd::ImageFiles files = dd::compute_image_files(df, scopes);
    g.add_dockerfile(path, "", df, scopes, files, {});
  }
  EXPECT_FALSE(g.link_image("api/Dockerfile", 0, "app-deps:dev", "deps/Dockerfile", 4,
                            "Makefile:3"));  // no such stage
  EXPECT_FALSE(g.link_image("api/Dockerfile", 0, "other:1", "deps/Dockerfile", 0,
                            "Makefile:3"));  // no such image
  EXPECT_TRUE(g.link_image("api/Dockerfile", 0, "app-deps:dev", "deps/Dockerfile", 0,
                           "Makefile:3"));
  // The FROM now points at the repository's image; the registry's name is no node left.
  nlohmann::json doc = nlohmann::json::parse(dd::render_graph_json(g));
  std::set<std::string> ids;
  for (const auto& n : doc["nodes"]) ids.insert(n["id"].get<std::string>());
  EXPECT_TRUE(ids.count("image:app-deps:dev@deps/Dockerfile#0"));
  EXPECT_FALSE(ids.count("image:app-deps:dev"));
  std::string text = dd::render_graph_text(g);
  EXPECT_NE(text.find("    from app-deps:dev (line 2), built by deps/Dockerfile stage 'deps' "
                      "(Makefile:3)\n"),
            std::string::npos)
      << text;
  std::string dot = dd::render_graph_dot(g);
  EXPECT_NE(dot.find("label=\"built-by\\nMakefile:3\""), std::string::npos) << dot;
}

}  // namespace
