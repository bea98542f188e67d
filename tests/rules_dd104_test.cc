// DD104 install-outside-lockfile-dir: where each manager looks for its
// project and lockfile, what the Dockerfile shows of it, and the fix.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

using Result = dd::testing::RuleResult;

Result lint(std::string text, const std::vector<std::string>* context = nullptr) {
  return dd::testing::lint_for_rule("DD104", std::move(text), context);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Seed 000's production Dockerfile, as the problem report shows it.
const char* kSeedProd =
    "FROM python:3.11-slim\n"
    "ENV PYTHONUNBUFFERED=1 PDM_USE_VENV=false PROJECT_ROOT=/app\n"
    "RUN pip install --no-cache-dir pdm\n"
    "WORKDIR /app/services/nlp_service\n"
    "COPY pdm.lock pyproject.toml /app/\n"
    "COPY services/nlp_service/ ./\n"
    "RUN pdm install --prod --frozen-lockfile\n"
    "USER 10001\n";

const std::vector<std::string> kSeedFiles = {
    "docker-compose.dev.yml", "libs/common_core/pyproject.toml", "pdm.lock", "pyproject.toml",
    "services/nlp_service/Dockerfile", "services/nlp_service/Dockerfile.dev",
    "services/nlp_service/pyproject.toml", "services/nlp_service/src/nlp_service/app.py"};

TEST(RulesDD104, SeedProductionImageWithTheContext) {
  Result r = lint(kSeedProd, &kSeedFiles);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "pdm install");
  const dd::Finding& f = r.findings[0];
  EXPECT_EQ(f.severity, dd::Severity::Error);
  EXPECT_TRUE(has(f.message, "`pdm install` runs in /app/services/nlp_service, where pdm takes "
                             "/app/services/nlp_service as the project (its pyproject.toml, line 6)"))
      << f.message;
  EXPECT_TRUE(has(f.message, "the pdm.lock copied to /app (line 5) is not used")) << f.message;
  EXPECT_TRUE(has(f.message, "run it from /app (`WORKDIR /app`, or `pdm install -p /app`)")) << f.message;
  ASSERT_TRUE(f.fix.has_value());
  EXPECT_FALSE(f.fix->safe);
  std::string after = dd::apply_fixes(r.text, {*f.fix}).text;
  EXPECT_TRUE(has(after, "RUN pdm install -p /app --prod --frozen-lockfile\n")) << after;
  EXPECT_TRUE(lint(after, &kSeedFiles).findings.empty());
}

TEST(RulesDD104, SeedProductionImageWithoutTheContextSaysNothing) {
  // `COPY services/nlp_service/ ./` may or may not bring a pyproject.toml:
  // without it pdm walks up to /app and uses the lockfile.
  EXPECT_TRUE(lint(kSeedProd).findings.empty());
  std::vector<std::string> no_service_manifest = {"pdm.lock", "pyproject.toml", "services/nlp_service/app.py"};
  EXPECT_TRUE(lint(kSeedProd, &no_service_manifest).findings.empty());
}

TEST(RulesDD104, WorkspaceAwareManagersMayUseAParentLockfile) {
  for (const char* install : {"npm ci", "pnpm install --frozen-lockfile", "yarn install --immutable",
                              "uv sync --locked", "cargo build --locked", "bun install --frozen-lockfile"}) {
    std::string df = std::string("FROM debian\nWORKDIR /repo\n") +
                     "COPY package.json package-lock.json pnpm-lock.yaml yarn.lock uv.lock Cargo.lock bun.lock "
                     "pyproject.toml Cargo.toml ./\n"
                     "COPY api/package.json api/pyproject.toml api/Cargo.toml api/\n"
                     "WORKDIR /repo/api\nRUN " +
                     install + "\n";
    EXPECT_TRUE(lint(df).findings.empty()) << install;
  }
}

TEST(RulesDD104, LockfileBesideOrBelow) {
  Result r = lint(
      "FROM python:3.12\n"
      "WORKDIR /app\n"
      "COPY services/api/pyproject.toml services/api/poetry.lock services/api/\n"
      "RUN poetry install --no-root\n"
      "RUN cd services && poetry install\n"
      "RUN cd services/api && poetry install\n"
      "RUN poetry -C services/api install\n");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].span.start.line, 4);
  EXPECT_TRUE(has(r.findings[0].message, "poetry looks for its project there and in the directories above, "
                                         "never below or beside"))
      << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "`poetry install -C /app/services/api`")) << r.findings[0].message;
  EXPECT_EQ(r.findings[1].span.start.line, 5);
}

TEST(RulesDD104, AnotherProjectsLockfileIsNotThisInstallsBusiness) {
  // /srv is a project with its own lockfile; /admin is another project.
  EXPECT_TRUE(lint("FROM node:22\n"
                   "COPY srv/package.json srv/package-lock.json /srv/\n"
                   "COPY admin/package.json /admin/\n"
                   "RUN cd /admin && npm install\n")
                  .findings.empty());
  // An orphan lockfile next to no project: it belongs beside the manifest.
  Result r = lint(
      "FROM node:22\n"
      "WORKDIR /app\n"
      "COPY package.json ./\n"
      "COPY package-lock.json /srv/\n"
      "RUN npm ci\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "copy it into /app, next to the package.json of line 3"))
      << r.findings[0].message;
  EXPECT_FALSE(r.findings[0].fix.has_value());
}

TEST(RulesDD104, UnseenFilesOnTheWayUpKeepItQuiet) {
  // `COPY . .` may hold the lockfile that is used.
  EXPECT_TRUE(lint("FROM node:22\nWORKDIR /app\nCOPY . .\nCOPY package-lock.json /srv/\nRUN npm ci\n").findings.empty());
  EXPECT_TRUE(lint("FROM node:22\nWORKDIR /app\nCOPY --from=build /out ./\nCOPY package-lock.json /srv/\n"
                   "RUN npm ci\n")
                  .findings.empty());
  EXPECT_TRUE(lint("FROM node:22\nWORKDIR /app\nCOPY package-lock.json /srv/\n"
                   "RUN --mount=type=bind,target=/app npm ci\n")
                  .findings.empty());
}

TEST(RulesDD104, OverridesAndPdmSearchDepth) {
  const std::string base =
      "FROM python:3.12\n"
      "WORKDIR /app/svc\n"
      "COPY pyproject.toml pdm.lock /app/\n"
      "COPY svc/pyproject.toml ./\n";
  EXPECT_EQ(lint(base + "RUN pdm install\n").findings.size(), 1u);
  EXPECT_TRUE(lint(base + "RUN pdm install -p /app\n").findings.empty());
  EXPECT_TRUE(lint(base + "RUN pdm install -L /app/pdm.lock\n").findings.empty());
  EXPECT_TRUE(lint(base + "ENV PDM_PROJECT=/app\nRUN pdm install\n").findings.empty());
  EXPECT_TRUE(lint(base + "RUN pdm install --frozen-lockfile $FLAGS\n").findings.empty());
  EXPECT_TRUE(lint(base + "ONBUILD RUN pdm install\n").findings.empty());
  // Five directories up is as far as pdm looks.
  Result deep = lint("FROM python:3.12\nWORKDIR /a/b/c/d/e/f\nCOPY pdm.lock /a/\nRUN pdm install\n");
  ASSERT_EQ(deep.findings.size(), 1u);
  EXPECT_TRUE(has(deep.findings[0].message, "at most 4 directories above")) << deep.findings[0].message;
  EXPECT_TRUE(lint("FROM python:3.12\nWORKDIR /a/b/c/d/e\nCOPY pdm.lock /a/\nRUN pdm install\n").findings.empty());
}

TEST(RulesDD104, BindMountsExecFormAndShells) {
  Result r = lint(
      "FROM python:3.12 AS base\n"
      "WORKDIR /app/api\n"
      "COPY api/pyproject.toml ./\n"
      "RUN --mount=type=bind,source=pdm.lock,target=/app/pdm.lock pdm install\n"
      "FROM base\n"
      "COPY pdm.lock /app/\n"
      "RUN [\"pdm\", \"install\"]\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "SHELL [\"powershell\", \"-Command\"]\n"
      "WORKDIR /app/api\n"
      "COPY pdm.lock /app/\n"
      "COPY api/pyproject.toml ./\n"
      "RUN pdm install\n");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_TRUE(has(r.findings[0].message, "the pdm.lock mounted at /app (line 4)")) << r.findings[0].message;
  EXPECT_EQ(r.at(1), "pdm\", \"install");
  EXPECT_FALSE(r.findings[1].fix.has_value());  // exec form: no `-p DIR` pair written in
}

}  // namespace
