// DD101 lockfile-regenerated-in-build: which commands re-lock, where the
// finding points, and what the message says about the lockfile to use.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

using Result = dd::testing::RuleResult;

Result lint(std::string text, const std::vector<std::string>* context = nullptr) {
  return dd::testing::lint_for_rule("DD101", std::move(text), context);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(RulesDD101, SeedDevImageRelocksPerService) {
  const std::string df =
      "FROM python:3.11-slim AS base\n"
      "RUN pip install pdm\n"
      "WORKDIR /app/services/nlp_service\n"
      "COPY services/nlp_service/pyproject.toml ./\n"
      "RUN pdm lock --lockfile pdm.lock.docker && pdm install --dev --lockfile pdm.lock.docker\n";
  Result r = lint(df);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "lock");
  EXPECT_EQ(r.findings[0].span.start.line, 5);
  const std::string& m = r.findings[0].message;
  EXPECT_TRUE(has(m, "`pdm lock` resolves every dependency again and writes pdm.lock.docker")) << m;
  EXPECT_TRUE(has(m, "install from the committed pdm.lock with `pdm install --frozen-lockfile` (or `pdm sync`)")) << m;
  EXPECT_FALSE(has(m, "build context")) << "no context was given: " << m;
  EXPECT_FALSE(r.findings[0].fix.has_value());

  // With the build context's listing the message says where the lockfile is.
  std::vector<std::string> files = {"pdm.lock", "pyproject.toml", "services/nlp_service/pyproject.toml",
                                    "services/nlp_service/src/nlp_service/app.py"};
  Result c = lint(df, &files);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_TRUE(has(c.findings[0].message, "the build context has pdm.lock at its root: copy it into the image"))
      << c.findings[0].message;
  // A service lockfile wins over the root one.
  files.push_back("services/nlp_service/pdm.lock");
  std::sort(files.begin(), files.end());
  Result s = lint(df, &files);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_TRUE(has(s.findings[0].message, "at services/nlp_service/pdm.lock")) << s.findings[0].message;
}

TEST(RulesDD101, SeedPoetryLockNoUpdatePointsAtTheLockfileInTheImage) {
  Result r = lint(
      "FROM python:3.11-slim\n"
      "WORKDIR /app/services/rag-backend\n"
      "COPY services/rag-backend/pyproject.toml services/rag-backend/poetry.lock ./\n"
      "RUN poetry lock --no-update && poetry install --no-root --with dev\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "lock");
  EXPECT_TRUE(has(r.findings[0].message,
                  "poetry.lock is already in the image at /app/services/rag-backend/poetry.lock (line 3)"))
      << r.findings[0].message;
}

TEST(RulesDD101, ChecksAndGlobalInstallsAreFine) {
  Result r = lint(
      "FROM node:22\n"
      "WORKDIR /app\n"
      "COPY package.json pyproject.toml ./\n"
      "RUN pdm lock --check && poetry check --lock && poetry lock --check && uv lock --locked\n"
      "RUN npm install -g pnpm && npm i --global yarn && pnpm add -g tsx && bun add -g serve\n"
      "RUN npm ci && npm run build\n");
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].message;
}

TEST(RulesDD101, PackagesNamedOutsideAProjectInstallTools) {
  // No go.mod / package.json in the image: GOPATH-mode tool installs.
  EXPECT_TRUE(lint("FROM golang:1.15\nRUN go get golang.org/x/tools/cmd/goimports\n").findings.empty());
  EXPECT_TRUE(lint("FROM node:22\nWORKDIR /tools\nRUN npm install prettier\n").findings.empty());
  // Inside a project they change its lockfile; the span is the package.
  Result r = lint("FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm install express lodash\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "express lodash");
  EXPECT_TRUE(has(r.findings[0].message, "adds `express` and 1 more to the project")) << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "install from them with `npm ci` instead")) << r.findings[0].message;
}

TEST(RulesDD101, GoGetOfTheModulesOwnPackagesResolves) {
  Result r = lint("FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go get -d -v ./...\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "get");
  EXPECT_TRUE(has(r.findings[0].message, "`go get` resolves every dependency again and writes go.sum"))
      << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "with `go mod download` instead")) << r.findings[0].message;
}

TEST(RulesDD101, LockfileExportsAreTheirPurpose) {
  // `docker buildx bake vendor`: the stage makes go.sum for the repository.
  EXPECT_TRUE(lint("FROM golang:1.22 AS vendored\nWORKDIR /src\nCOPY go.mod go.sum ./\n"
                   "RUN go mod tidy && mkdir /out && cp go.mod go.sum /out\n")
                  .findings.empty());
  EXPECT_TRUE(lint("FROM python:3.12 AS lock\nWORKDIR /src\nCOPY pyproject.toml ./\nRUN poetry lock\n"
                   "FROM scratch AS export\nCOPY --from=lock /src/poetry.lock /\n")
                  .findings.empty());
  // Exporting something else does not make the re-lock a product.
  EXPECT_EQ(lint("FROM python:3.12 AS build\nWORKDIR /src\nCOPY pyproject.toml ./\n"
                 "RUN poetry lock && poetry export -o requirements.txt && cp requirements.txt /out/\n")
                .findings.size(),
            1u);
}

TEST(RulesDD101, FlagsAndVariablesThatOnlyLock) {
  Result r = lint(
      "FROM node:22\n"
      "WORKDIR /app\n"
      "RUN npm install --package-lock-only\n"
      "RUN pnpm install --lockfile-only\n"
      "RUN npm_config_package_lock_only=true npm install\n");
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(r.at(0), "--package-lock-only");
  EXPECT_EQ(r.at(1), "--lockfile-only");
  EXPECT_EQ(r.at(2), "npm_config_package_lock_only=true");
}

TEST(RulesDD101, WrappersExecFormHeredocAndOnbuild) {
  Result r = lint(
      "FROM python:3.12\n"
      "RUN sudo -u app sh -c 'cd /app && poetry lock'\n"
      "RUN [\"poetry\", \"lock\"]\n"
      "RUN <<EOF\n"
      "set -e\n"
      "uv lock\n"
      "EOF\n"
      "RUN python -m pipenv lock\n"
      "ONBUILD RUN bundle lock\n");
  ASSERT_EQ(r.findings.size(), 5u);
  EXPECT_EQ(r.at(0), "lock");
  EXPECT_EQ(r.findings[0].span.start.column, 42);
  EXPECT_EQ(r.at(1), "lock");
  EXPECT_EQ(r.findings[2].span.start.line, 6);
  EXPECT_TRUE(has(r.findings[2].message, "`uv sync --locked`")) << r.findings[2].message;
  EXPECT_TRUE(has(r.findings[3].message, "`pipenv install --deploy` (or `pipenv sync`)")) << r.findings[3].message;
  EXPECT_TRUE(has(r.findings[4].message, "`bundle install` with BUNDLE_FROZEN=true set")) << r.findings[4].message;
}

TEST(RulesDD101, UnknowableFlagsAndNonPosixShells) {
  // `$LOCK_FLAGS` may be --check: the rule cannot know what the command does.
  EXPECT_TRUE(lint("FROM python:3.12\nARG LOCK_FLAGS=--check\nRUN pdm lock $LOCK_FLAGS\n").findings.empty());
  EXPECT_TRUE(lint("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                   "RUN poetry lock\n")
                  .findings.empty());
}

TEST(RulesDD101, InheritedStagesSeeTheLockfile) {
  Result r = lint(
      "FROM python:3.12 AS base\n"
      "WORKDIR /app\n"
      "COPY pyproject.toml uv.lock ./\n"
      "FROM base AS dev\n"
      "RUN uv lock --upgrade\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "uv.lock is already in the image at /app/uv.lock (line 3)"))
      << r.findings[0].message;
}

}  // namespace
