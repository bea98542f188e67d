// Tests of the per-instruction scopes (dockerfile/scope.h) and the COPY/ADD
// landing model (model/image_files.h).
#include <gtest/gtest.h>

#include "dockerfile/scope.h"
#include "model/image_files.h"

namespace dd {
namespace {

struct Parsed {
  Dockerfile df;
  DockerfileScopes scopes;
  ImageFiles files;
};

Parsed parse(std::string_view text) {
  Parsed p;
  p.df = parse_dockerfile(text);
  p.scopes = compute_scopes(p.df);
  p.files = compute_image_files(p.df, p.scopes);
  return p;
}

TEST(Scope, WorkdirEnvAndArgFollowBuildKit) {
  Parsed p = parse(
      "ARG BASE=python:3.12\n"
      "FROM ${BASE} AS base\n"
      "ENV ROOT=/app A=1\n"
      "ENV A=2 B=$A\n"
      "WORKDIR $ROOT\n"
      "WORKDIR services/nlp\n"
      "RUN true\n"
      "FROM base AS prod\n"
      "ARG MODE\n"
      "WORKDIR ../x\n"
      "RUN echo $MODE\n");
  ASSERT_TRUE(p.df.errors.empty());
  ASSERT_EQ(p.scopes.stages.size(), 2u);
  EXPECT_EQ(p.scopes.stages[0].base, "python:3.12");
  EXPECT_EQ(p.scopes.instructions[6].workdir, "/app/services/nlp");
  // ENV B=$A sees A from before the instruction, as BuildKit expands the line first.
  EXPECT_EQ(p.scopes.expand_at(6, "$B", '\\'), "1");
  EXPECT_EQ(p.scopes.stages[1].parent, 0u);
  EXPECT_EQ(p.scopes.instructions[10].workdir, "/app/services/x");
  // An ARG without default makes dependent values unknown.
  EXPECT_EQ(p.scopes.expand_at(10, "a-$MODE", '\\'), std::nullopt);
  // ENV carries into the child stage; ARGs do not.
  EXPECT_EQ(p.scopes.expand_at(10, "$ROOT", '\\'), "/app");
}

TEST(Scope, HugeEnvListStaysFast) {
  std::string text = "FROM alpine\n";
  for (int i = 0; i < 20000; ++i) text += "ENV V" + std::to_string(i) + "=${V" + std::to_string(i / 2) + "}x\n";
  Parsed p = parse(text);
  EXPECT_EQ(p.scopes.stages[0].variables.size(), 20000u);
  EXPECT_EQ(p.scopes.expand_at(20000, "$V3", '\\'), "xxx");
}

TEST(PathMatch, GoFilepathMatchSemantics) {
  EXPECT_TRUE(path_match("*.toml", "pyproject.toml"));
  EXPECT_FALSE(path_match("*.toml", "a/pyproject.toml"));
  EXPECT_TRUE(path_match("services/*/pyproject.toml", "services/nlp/pyproject.toml"));
  EXPECT_TRUE(path_match("req?.txt", "req1.txt"));
  EXPECT_TRUE(path_match("[a-c]x", "bx"));
  EXPECT_FALSE(path_match("[^a-c]x", "bx"));
  EXPECT_FALSE(path_match("[a-c", "a"));
  EXPECT_TRUE(path_match("a\\*b", "a*b"));
  EXPECT_FALSE(path_match("a\\*b", "axb"));
  EXPECT_TRUE(path_match("*", ""));
  EXPECT_FALSE(path_match("?", ""));
}

TEST(ImageFiles, LandingsFollowCopySemantics) {
  Parsed p = parse(
      "FROM python:3.12 AS deps\n"
      "WORKDIR /app/services/nlp\n"
      "COPY pdm.lock pyproject.toml /app/\n"   // 3: into /app/
      "COPY services/nlp/ ./\n"                 // 4: dir contents into workdir
      "COPY setup.cfg /app\n"                   // 5: /app is not known as a dir yet... it is (dest of line 3)
      "COPY . /src\n"                           // 6: whole context
      "COPY --exclude=*.lock . /x/\n"           // 7
      "COPY *.toml /t/\n"                       // 8
      "FROM deps AS final\n"
      "COPY --from=deps /app/pdm.lock /final/\n");
  ASSERT_TRUE(p.df.errors.empty()) << p.df.errors[0].message;
  const auto& ops = p.files.ops;
  ASSERT_EQ(ops.size(), 7u);
  EXPECT_EQ(landing_of(ops[0], "pdm.lock")->image_path, "/app/pdm.lock");
  EXPECT_FALSE(landing_of(ops[0], "other.lock"));
  EXPECT_EQ(landing_of(ops[1], "services/nlp/app.py")->image_path, "/app/services/nlp/app.py");
  EXPECT_FALSE(landing_of(ops[1], "services/nlp2/app.py"));
  EXPECT_EQ(landing_of(ops[2], "setup.cfg")->image_path, "/app/setup.cfg");
  EXPECT_EQ(landing_of(ops[3], "a/b.txt")->image_path, "/src/a/b.txt");
  EXPECT_FALSE(landing_of(ops[4], "pdm.lock"));
  EXPECT_EQ(landing_of(ops[4], "pyproject.toml")->image_path, "/x/pyproject.toml");
  EXPECT_EQ(landing_of(ops[5], "pyproject.toml")->image_path, "/t/pyproject.toml");
  EXPECT_FALSE(landing_of(ops[5], "a/pyproject.toml"));

  // Without a context listing only explicitly named sources count.
  auto before_line4 = find_landings(p.files, p.scopes, 0, 3, "pdm.lock", nullptr);
  ASSERT_EQ(before_line4.size(), 1u);
  EXPECT_EQ(before_line4[0].image_path, "/app/pdm.lock");
  EXPECT_TRUE(find_landings(p.files, p.scopes, 0, 2, "pdm.lock", nullptr).empty());
  // With a listing, `COPY . /src` brings the nested lockfile too.
  std::vector<std::string> context = {"pdm.lock", "services/nlp/pdm.lock", "services/nlp/app.py"};
  auto all = find_landings(p.files, p.scopes, 0, 100, "pdm.lock", &context);
  std::vector<std::string> paths;
  for (const Landing& l : all) paths.push_back(l.image_path);
  // --exclude=*.lock matches at the context root only, as .dockerignore patterns do.
  EXPECT_EQ(paths, (std::vector<std::string>{"/app/pdm.lock", "/app/services/nlp/pdm.lock", "/src/pdm.lock",
                                             "/src/services/nlp/pdm.lock", "/x/services/nlp/pdm.lock"}));
  // The final stage inherits deps' files and copies one more through --from.
  auto final_stage = find_landings(p.files, p.scopes, 1, 100, "pdm.lock", nullptr);
  ASSERT_EQ(final_stage.size(), 2u);
  EXPECT_EQ(final_stage[1].image_path, "/final/pdm.lock");
}

TEST(ImageFiles, UnknownArgsAndRemoteSourcesDoNotLand) {
  Parsed p = parse(
      "FROM alpine\n"
      "ARG SRC\n"
      "COPY $SRC /app/\n"
      "ADD https://example.com/pdm.lock /app/\n"
      "COPY --parents services/*/pyproject.toml /app/\n");
  ASSERT_EQ(p.files.ops.size(), 3u);
  EXPECT_FALSE(p.files.ops[0].sources[0].known);
  EXPECT_FALSE(landing_of(p.files.ops[0], "pdm.lock"));
  EXPECT_TRUE(p.files.ops[1].sources[0].remote);
  EXPECT_FALSE(landing_of(p.files.ops[1], "pdm.lock"));
  EXPECT_EQ(landing_of(p.files.ops[2], "services/nlp/pyproject.toml")->image_path,
            "/app/services/nlp/pyproject.toml");
}

}  // namespace
}  // namespace dd
