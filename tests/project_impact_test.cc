// The layer-cache simulation: what a change to the build context rebuilds.
#include "project/impact.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "model/image_files.h"
#include "shell/shell.h"

namespace {

struct Sim {
  dd::Dockerfile df;
  dd::DockerfileScopes scopes;
  dd::ImageFiles files;
  dd::ShellModel shell;

  explicit Sim(const std::string& text)
      : df(dd::parse_dockerfile(text)),
        scopes(dd::compute_scopes(df)),
        files(dd::compute_image_files(df, scopes)),
        shell(dd::build_shell_model(df, scopes)) {}

  // "stage:line reason [install]" for each rebuilt step.
  std::vector<std::string> run(std::vector<std::string> changed,
                               std::function<bool(std::string_view)> sent = nullptr) const {
    dd::ImpactInput in{&df, &scopes, &files, &shell, std::move(changed), std::move(sent)};
    std::vector<std::string> out;
    for (const dd::StageImpact& s : dd::simulate_change(in))
      for (const dd::RebuiltStep& step : s.steps)
        out.push_back(std::to_string(s.stage) + ":" +
                      std::to_string(df.at(step.instruction).span.start.line) + " " + step.reason +
                      (step.installs_dependencies ? " [install]" : ""));
    return out;
  }
};

using Lines = std::vector<std::string>;

// Seed 004's verification: a source edit must not reinstall dependencies,
// a manifest edit must.
const char* kGood =
    "FROM python:3.11-slim\n"                // 1
    "WORKDIR /app\n"                         // 2
    "COPY requirements.txt ./\n"             // 3
    "RUN pip install -r requirements.txt\n"  // 4
    "COPY src/ ./src/\n"                     // 5
    "CMD [\"python\", \"-m\", \"src\"]\n";   // 6

const char* kBad =
    "FROM python:3.11-slim\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "RUN pip install -r requirements.txt\n"
    "CMD [\"python\", \"-m\", \"src\"]\n";

TEST(ProjectImpact, SourceEditKeepsTheInstallCachedWhenManifestsComeFirst) {
  Sim sim(kGood);
  EXPECT_EQ(sim.run({"src/app.py"}), (Lines{"0:5 it copies src/app.py"}));
}

TEST(ProjectImpact, ManifestEditReinstalls) {
  Sim sim(kGood);
  EXPECT_EQ(sim.run({"requirements.txt"}),
            (Lines{"0:3 it copies requirements.txt",
                   "0:4 an earlier step of the stage is rebuilt [install]"}));
}

TEST(ProjectImpact, SourceEditReinstallsAfterCopyDotDot) {
  Sim sim(kBad);
  EXPECT_EQ(
      sim.run({"src/app.py"}),
      (Lines{"0:3 it copies src/app.py", "0:4 an earlier step of the stage is rebuilt [install]"}));
}

TEST(ProjectImpact, ReadmeEditRebuildsOnlyWhatCopiesIt) {
  EXPECT_TRUE(Sim(kGood).run({"README.md"}).empty());
  EXPECT_EQ(Sim(kBad).run({"README.md"}).size(), 2u);
}

TEST(ProjectImpact, IgnoredFilesNeverReachTheBuilder) {
  Sim sim(kBad);
  auto ignore_readme = [](std::string_view p) { return p != "README.md"; };
  EXPECT_TRUE(sim.run({"README.md"}, ignore_readme).empty());
  EXPECT_EQ(sim.run({"src/app.py"}, ignore_readme).size(), 2u);
}

TEST(ProjectImpact, LockfileEditReachesTheStageThatCopiesIt) {
  Sim sim(
      "FROM node:20 AS deps\n"                                 // 1
      "WORKDIR /app\n"                                         // 2
      "COPY package.json package-lock.json ./\n"               // 3
      "RUN npm ci\n"                                           // 4
      "FROM node:20 AS build\n"                                // 5
      "WORKDIR /app\n"                                         // 6
      "COPY --from=deps /app/node_modules ./node_modules\n"    // 7
      "COPY src ./src\n"                                       // 8
      "RUN npm run build\n"                                    // 9
      "FROM nginx:1.27 AS runtime\n"                           // 10
      "COPY --from=build /app/dist /usr/share/nginx/html\n");  // 11
  EXPECT_EQ(sim.run({"package-lock.json"}),
            (Lines{"0:3 it copies package-lock.json",
                   "0:4 an earlier step of the stage is rebuilt [install]",
                   "1:7 it copies from stage 0 ('deps'), which is rebuilt",
                   "2:11 it copies from stage 1 ('build'), which is rebuilt"}));
  EXPECT_EQ(sim.run({"src/index.js"}),
            (Lines{"1:8 it copies src/index.js",
                   "2:11 it copies from stage 1 ('build'), which is rebuilt"}));
}

TEST(ProjectImpact, StagesBuiltFromARebuiltStageRebuild) {
  Sim sim(
      "FROM python:3.12 AS base\n"
      "COPY pdm.lock pyproject.toml /app/\n"
      "FROM base AS dev\n"
      "RUN pdm install --dev\n");
  EXPECT_EQ(
      sim.run({"pdm.lock"}),
      (Lines{"0:2 it copies pdm.lock", "1:3 it is built FROM stage 0 ('base'), which is rebuilt",
             "1:4 an earlier step of the stage is rebuilt [install]"}));
}

TEST(ProjectImpact, BindMountsAndGlobsAndExcludes) {
  Sim sim(
      "# syntax=docker/dockerfile:1\n"
      "FROM python:3.12\n"
      "RUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install -r /r.txt\n"
      "COPY --exclude=*.md docs/* /docs/\n");
  EXPECT_EQ(sim.run({"requirements.txt"}),
            (Lines{"0:3 it bind-mounts requirements.txt, which holds requirements.txt [install]"}));
  EXPECT_EQ(sim.run({"docs/guide/x.txt"}), (Lines{"0:4 it copies docs/guide/x.txt"}));
  EXPECT_TRUE(sim.run({"docs/readme.md"}).empty());
  EXPECT_TRUE(sim.run({"other.txt"}).empty());
}

TEST(ProjectImpact, SourceMatching) {
  dd::CopySource all;
  EXPECT_TRUE(dd::source_reads(all, "anything/at/all"));
  dd::CopySource dir;
  dir.path = "src";
  EXPECT_TRUE(dd::source_reads(dir, "src"));
  EXPECT_TRUE(dd::source_reads(dir, "src/a.py"));
  EXPECT_FALSE(dd::source_reads(dir, "srcx/a.py"));
  dd::CopySource glob;
  glob.path = "*.txt";
  glob.glob = true;
  EXPECT_TRUE(dd::source_reads(glob, "a.txt"));
  EXPECT_FALSE(dd::source_reads(glob, "sub/a.txt"));
  dd::CopySource remote;
  remote.path = "x";
  remote.remote = true;
  EXPECT_FALSE(dd::source_reads(remote, "x"));
}

}  // namespace

namespace {

TEST(ProjectImpact, SentByFollowsTheContextsIgnoreDecisions) {
  dd::BuildContextInfo context;
  context.files = {"README.md", "src/app.py"};
  dd::IgnorePatternInfo readme;
  readme.written = readme.cleaned = "README.md";
  context.ignore_patterns = {readme};
  context.decided_by = {0, -1};
  auto sent = dd::sent_by(context);
  EXPECT_FALSE(sent("README.md"));
  EXPECT_TRUE(sent("src/app.py"));
  EXPECT_TRUE(sent("new-file.txt"));  // not listed yet: sent
}

}  // namespace
