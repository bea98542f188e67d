// DD201 source-copied-before-install: which copies are application source,
// which installs need only manifests, the split for installs of the project
// itself, inheritance, wrappers and what the build context adds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

struct Hit {
  std::string text;  // the finding's span
  int line;
  std::string message;
};

std::vector<Hit> dd201(const std::string& text, const std::vector<std::string>* context = nullptr) {
  dd::testing::RuleResult r = dd::testing::lint_for_rule("DD201", text, context, "svc/Dockerfile");
  std::vector<Hit> out;
  for (size_t i = 0; i < r.findings.size(); ++i) out.push_back({r.at(i), r.findings[i].span.start.line, r.findings[i].message});
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(RulesDD201, Seed004CopyAllBeforePipInstall) {
  auto hits = dd201(
      "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\n"
      "RUN apt-get update && apt-get install -y python3 python3-pip\n"
      "WORKDIR /app\n"
      "COPY . .\n"
      "RUN sh scripts/install_deps.sh\n"
      "RUN pip3 install -r requirements.txt\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, ".");
  EXPECT_EQ(hits[0].line, 4);
  EXPECT_TRUE(has(hits[0].message, "before `pip3 install` (line 6)")) << hits[0].message;
  EXPECT_TRUE(has(hits[0].message, "(`COPY requirements.txt ./`)")) << hits[0].message;
}

TEST(RulesDD201, NamesTheManifestsOfTheManagerWithoutAContext) {
  auto hits = dd201("FROM node:22\nWORKDIR /w\nCOPY . .\nRUN npm ci\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`COPY package.json package-lock.json ./`")) << hits[0].message;
  // A requirements file in a subdirectory is copied to its own directory.
  hits = dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`COPY requirements/prod.txt /app/requirements/`")) << hits[0].message;
}

TEST(RulesDD201, NamesTheFilesTheContextHolds) {
  std::vector<std::string> ctx = {"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "src/index.ts"};
  auto hits = dd201("FROM node:22\nWORKDIR /w\nCOPY . .\nRUN pnpm install --frozen-lockfile\n", &ctx);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`COPY package.json pnpm-workspace.yaml pnpm-lock.yaml ./`")) << hits[0].message;
  // The service directory's manifest, not a lockfile the service does not have.
  ctx = {"pdm.lock", "pyproject.toml", "services/nlp/pyproject.toml", "services/nlp/src/nlp/app.py"};
  hits = dd201(
      "FROM python:3.11-slim\nWORKDIR /app/services/nlp\nCOPY pdm.lock pyproject.toml /app/\n"
      "COPY services/nlp/ ./\nRUN pdm install --prod --frozen-lockfile\n",
      &ctx);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "services/nlp/");
  EXPECT_TRUE(has(hits[0].message, "`COPY services/nlp/pyproject.toml ./`")) << hits[0].message;
}

TEST(RulesDD201, ContextSaysWhatACopyBrings) {
  std::string df = "FROM python:3.12\nWORKDIR /app\nCOPY deps/ ./\nRUN pip install -r requirements.txt\n";
  // Only what the install reads: no source.
  std::vector<std::string> ctx = {"deps/requirements.txt"};
  EXPECT_TRUE(dd201(df, &ctx).empty());
  ctx = {"deps/requirements.txt", "deps/tool.py"};
  EXPECT_EQ(dd201(df, &ctx).size(), 1u);
  // A requirements file the context lacks is made in the image.
  ctx = {"app.py", "pyproject.toml"};
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n", &ctx).empty());
  // Without the file list a RUN that mentions the file counts as making it.
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\n"
                    "RUN pip install poetry && poetry export -o requirements.txt\n"
                    "RUN pip install -r requirements.txt\n")
                  .empty());
}

TEST(RulesDD201, AContextThatLacksANamedSourceIsNotTrusted) {
  // `libs/core/pyproject.toml` is not in this listing: the build could not run
  // with it, so the rule judges without it (and finds the source directory).
  std::vector<std::string> ctx = {"Dockerfile", "src/app.py"};
  auto hits = dd201(
      "FROM python:3.12\nWORKDIR /app\nCOPY libs/core/pyproject.toml libs/core/\nCOPY src ./src\n"
      "COPY requirements.txt ./\nRUN pip install -r requirements.txt\n",
      &ctx);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "src");
}

TEST(RulesDD201, PathDependenciesAreNotApplicationSource) {
  // Seed 002 (after) and seed 000 (after): libraries the manifest points at.
  EXPECT_TRUE(dd201("FROM python:3.11-slim AS build\nWORKDIR /app/services/rag-backend\n"
                    "COPY libs/rag-core-lib /app/libs/rag-core-lib\n"
                    "COPY services/rag-backend/pyproject.toml services/rag-backend/poetry.lock ./\n"
                    "RUN poetry install --no-root --only main\n"
                    "COPY services/rag-backend/src ./src\n"
                    "RUN poetry install --only-root\n")
                  .empty());
  EXPECT_TRUE(dd201("FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml pdm.lock ./\n"
                    "COPY libs/common_core/pyproject.toml libs/common_core/pyproject.toml\n"
                    "COPY libs/common_core/src/ libs/common_core/src/\n"
                    "RUN pdm install --prod --frozen-lockfile\n")
                  .empty());
  // The same `src` of the project itself is source.
  EXPECT_EQ(dd201("FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml pdm.lock ./\nCOPY src/ src/\n"
                  "RUN pdm install --prod --frozen-lockfile\n")
                .size(),
            1u);
}

TEST(RulesDD201, InstallsThatInstallTheProjectGetTheSplit) {
  auto hits = dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`COPY pyproject.toml poetry.lock ./`")) << hits[0].message;
  EXPECT_TRUE(has(hits[0].message, "alone with `--no-root`, then, after copying the source, "
                                   "`poetry install --only-root` installs the project alone"))
      << hits[0].message;
  hits = dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pdm sync --prod\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`--no-self`")) << hits[0].message;
  hits = dd201("FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "`--no-scripts`")) << hits[0].message;
  // Dependencies alone: the usual message.
  hits = dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-install-project\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "install, then copy the source")) << hits[0].message;
  // The project alone needs the source.
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --only-root\n").empty());
}

TEST(RulesDD201, InstallsThatNeedTheSourceAreLeftAlone) {
  for (const char* run : {"pip install .", "pip install -e . -r requirements.txt", "pip install --editable=.",
                          "pip install gunicorn", "go build ./...", "go mod vendor", "cargo build --release",
                          "cargo fetch", "cargo install --path .", "uv run pytest", "pnpm deploy --prod /out",
                          "npm install express", "yarn --version", "apt-get install -y curl"}) {
    std::string df = std::string("FROM base\nWORKDIR /app\nCOPY . .\nRUN ") + run + "\n";
    EXPECT_TRUE(dd201(df).empty()) << run;
  }
}

TEST(RulesDD201, WrappersHeredocsAndTheExecForm) {
  for (const char* run : {"sudo -H pip install -r requirements.txt", "python3 -m pip install -r requirements.txt",
                          "sh -c 'pip install -r requirements.txt'", "[\"pip\", \"install\", \"-r\", \"requirements.txt\"]",
                          "<<EOF\nset -e\npip install -r requirements.txt\nEOF",
                          "--mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"}) {
    std::string df = std::string("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN ") + run + "\n";
    auto hits = dd201(df);
    ASSERT_EQ(hits.size(), 1u) << run;
    EXPECT_EQ(hits[0].text, ".") << run;
  }
}

TEST(RulesDD201, ParentStagesCountAndEachCopyIsReportedOnce) {
  auto hits = dd201(
      "FROM node:22 AS base\nWORKDIR /app\nCOPY . .\n"
      "FROM base AS dev\nRUN npm ci\n"
      "FROM base AS prod\nRUN npm ci --omit=dev\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].line, 3);
  EXPECT_TRUE(has(hits[0].message, "`npm ci` (line 5)")) << hits[0].message;
  // A stage that does not build on the one with the copy is not affected.
  EXPECT_TRUE(dd201("FROM node:22 AS src\nWORKDIR /app\nCOPY . .\nFROM node:22\nWORKDIR /app\nRUN npm ci\n").empty());
  // From another stage, not the context.
  EXPECT_TRUE(dd201("FROM node:22 AS src\nWORKDIR /app\nCOPY . .\n"
                    "FROM node:22\nWORKDIR /app\nCOPY --from=src /app /app\nRUN npm ci\n")
                  .empty());
}

TEST(RulesDD201, BuildArgumentsInPaths) {
  EXPECT_EQ(dd201("FROM python:3.12\nARG DIR=/srv/app\nWORKDIR ${DIR}\nCOPY . $DIR\nRUN pip install -r requirements.txt\n")
                .size(),
            1u);
  // Without a default the directory is unknown: nothing can be said.
  EXPECT_TRUE(dd201("FROM python:3.12\nARG DIR\nWORKDIR ${DIR}\nCOPY . .\nRUN pip install -r requirements.txt\n").empty());
}

TEST(RulesDD201, SplitLayersAndOverlaysAreFine) {
  EXPECT_TRUE(dd201("FROM node:22\nWORKDIR /w\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n"
                    "RUN npm ci --omit=dev\n")
                  .empty());
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt ./\nCOPY rootfs/ /\n"
                    "RUN pip install -r requirements.txt\n")
                  .empty());
  // Single files are not judged, only directories.
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY main.py Makefile requirements.txt ./\n"
                    "RUN pip install -r requirements.txt\n")
                  .empty());
  EXPECT_TRUE(dd201("FROM python:3.12\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n").empty());
}

TEST(RulesDD201, NonPosixShellHasNoCommands) {
  EXPECT_TRUE(dd201("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                    "WORKDIR C:/app\nCOPY . .\nRUN npm ci\n")
                  .empty());
}

TEST(RulesDD201, HugeInputStaysFast) {
  std::string df = "FROM node:22\nWORKDIR /w\n";
  for (int i = 0; i < 2000; ++i) df += "COPY dir" + std::to_string(i) + "/ ./d" + std::to_string(i) + "/\n";
  for (int i = 0; i < 200; ++i) df += "RUN npm ci\n";
  EXPECT_TRUE(dd201(df).empty());
}
