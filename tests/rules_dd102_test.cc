// DD102 install-not-frozen: installs that may rewrite the lockfile they were
// given, installs without the lockfile the context holds, and their fixes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

using Result = dd::testing::RuleResult;

Result lint(std::string text, const std::vector<std::string>* context = nullptr) {
  return dd::testing::lint_for_rule("DD102", std::move(text), context);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Applies every fix, as `--fix` would, and returns the new text.
std::string fixed(const Result& r) {
  std::vector<dd::Fix> fixes;
  for (const dd::Finding& f : r.findings)
    if (f.fix) fixes.push_back(*f.fix);
  return dd::apply_fixes(r.text, fixes).text;
}

TEST(RulesDD102, PnpmWithItsLockfile) {
  Result r = lint(
      "FROM node:22\n"
      "WORKDIR /app\n"
      "COPY package.json pnpm-lock.yaml ./\n"
      "RUN pnpm install --prod\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "install");
  const dd::Finding& f = r.findings[0];
  EXPECT_TRUE(has(f.message, "is not held to pnpm-lock.yaml (copied to /app, line 3)")) << f.message;
  EXPECT_TRUE(has(f.message, "only when it detects CI")) << f.message;
  ASSERT_TRUE(f.fix.has_value());
  EXPECT_FALSE(f.fix->safe);
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "RUN pnpm install --frozen-lockfile --prod\n")) << after;
  EXPECT_TRUE(lint(after).findings.empty());
}

TEST(RulesDD102, NpmInstallBecomesNpmCi) {
  Result r = lint(
      "FROM node:22\n"
      "WORKDIR /app\n"
      "COPY package.json package-lock.json ./\n"
      "RUN npm i --omit=dev\n"
      "RUN [\"npm\", \"install\"]\n");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.at(0), "i");
  EXPECT_EQ(r.at(1), "install");
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "RUN npm ci --omit=dev\n")) << after;
  EXPECT_TRUE(has(after, "RUN [\"npm\", \"ci\"]\n")) << after;
  EXPECT_TRUE(lint(after).findings.empty());
}

TEST(RulesDD102, ExecFormFlagInsertion) {
  Result r = lint(
      "FROM python:3.12\n"
      "WORKDIR /app\n"
      "COPY pyproject.toml uv.lock ./\n"
      "RUN [\"uv\", \"sync\", \"--no-dev\"]\n");
  ASSERT_EQ(r.findings.size(), 1u);
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "RUN [\"uv\", \"sync\", \"--locked\", \"--no-dev\"]\n")) << after;
  EXPECT_TRUE(lint(after).findings.empty());
}

TEST(RulesDD102, WrappersAndInheritance) {
  Result r = lint(
      "FROM python:3.12 AS base\n"
      "WORKDIR /app\n"
      "COPY pyproject.toml pdm.lock ./\n"
      "FROM base AS dev\n"
      "RUN sudo -E pdm install -G dev\n"
      "RUN sh -c 'pdm install --prod'\n"
      "RUN cd / && pdm install -p /app\n");
  ASSERT_EQ(r.findings.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(r.at(i), "install");
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "sudo -E pdm install --frozen-lockfile -G dev")) << after;
  EXPECT_TRUE(has(after, "sh -c 'pdm install --frozen-lockfile --prod'")) << after;
  EXPECT_TRUE(has(after, "pdm install --frozen-lockfile -p /app")) << after;
  EXPECT_TRUE(lint(after).findings.empty());
}

TEST(RulesDD102, SilentWhereTheLockfileIsNotAtStake) {
  // Frozen already, pinned requirements, global installs, another lockfile,
  // a re-lock in the same RUN (DD101), an explicit unfreezing flag (DD103),
  // a bare-variable operand, ONBUILD, and a shell that is not POSIX.
  Result r = lint(
      "FROM python:3.12\n"
      "WORKDIR /app\n"
      "COPY pyproject.toml pdm.lock requirements.txt package.json package-lock.json ./\n"
      "RUN pdm install --frozen-lockfile && pdm sync && pip install -r requirements.txt && npm ci\n"
      "RUN npm install -g pnpm && pdm install -L other.lock && pdm lock && pdm install\n"
      "RUN pnpm install --no-frozen-lockfile && pdm install $PDM_FLAGS\n"
      "ONBUILD RUN pdm install\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "SHELL [\"cmd\", \"/S\", \"/C\"]\n"
      "COPY package.json package-lock.json ./\n"
      "RUN npm install\n");
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].message;
}

TEST(RulesDD102, NoLockfileInSightWithoutTheContext) {
  // Only the manifest is copied and the linter does not know the context.
  Result r = lint(
      "FROM python:3.12\n"
      "WORKDIR /app/services/rag-backend\n"
      "COPY services/rag-backend/pyproject.toml ./\n"
      "RUN poetry install --no-root\n");
  EXPECT_TRUE(r.findings.empty());
}

TEST(RulesDD102, SeedDevImageInstallsWithoutTheLockfileInTheContext) {
  const std::string df =
      "FROM python:3.12-slim\n"
      "WORKDIR /app/services/rag-backend\n"
      "COPY libs/rag-core-lib /app/libs/rag-core-lib\n"
      "COPY services/rag-backend/pyproject.toml ./\n"
      "RUN poetry install --no-root\n";
  std::vector<std::string> files = {".dockerignore",
                                    "libs/rag-core-lib/pyproject.toml",
                                    "services/rag-backend/Dockerfile.dev",
                                    "services/rag-backend/poetry.lock",
                                    "services/rag-backend/pyproject.toml"};
  Result r = lint(df, &files);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "install");
  const dd::Finding& f = r.findings[0];
  EXPECT_TRUE(has(f.message, "`poetry install` finds no poetry.lock in /app/services/rag-backend")) << f.message;
  EXPECT_TRUE(has(f.message, "the build context has services/rag-backend/poetry.lock next to the pyproject.toml "
                             "copied at line 4: copy it too"))
      << f.message;
  ASSERT_TRUE(f.fix.has_value());
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "COPY services/rag-backend/pyproject.toml services/rag-backend/poetry.lock ./\n")) << after;
  EXPECT_TRUE(lint(after, &files).findings.empty());

  // A lockfile elsewhere in the context is another project's.
  std::vector<std::string> other = {"poetry.lock", "services/rag-backend/pyproject.toml"};
  EXPECT_TRUE(lint(df, &other).findings.empty());
}

TEST(RulesDD102, UnfrozenInstallWithoutTheLockfileGetsBothEdits) {
  const std::string df =
      "FROM node:22\n"
      "WORKDIR /app\n"
      "COPY web/package.json ./\n"
      "RUN npm install\n";
  std::vector<std::string> files = {"web/package-lock.json", "web/package.json"};
  Result r = lint(df, &files);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "copy it too, and use `npm ci`")) << r.findings[0].message;
  std::string after = fixed(r);
  EXPECT_TRUE(has(after, "COPY web/package.json web/package-lock.json ./\nRUN npm ci\n")) << after;
  EXPECT_TRUE(lint(after, &files).findings.empty());
}

TEST(RulesDD102, BindMountedLockfile) {
  Result r = lint(
      "FROM python:3.12\n"
      "WORKDIR /app\n"
      "RUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,"
      "target=pyproject.toml uv sync --no-install-project\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "(mounted at /app, line 3)")) << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "(fails when uv.lock is out of date)")) << r.findings[0].message;
}

TEST(RulesDD102, BundlerGetsTheVariableNotTheDeprecatedFlag) {
  Result r = lint("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "use `bundle install` with BUNDLE_FROZEN=true set")) << r.findings[0].message;
  EXPECT_FALSE(r.findings[0].fix.has_value());
  EXPECT_TRUE(lint("FROM ruby:3.3\nENV BUNDLE_FROZEN=true\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\n"
                   "RUN bundle install\n")
                  .findings.empty());
}

}  // namespace
