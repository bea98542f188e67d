// DD103 lockfile-disabled: flags, variables and written settings that turn a
// lockfile (or its enforcement) off, and what the message explains.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

using Result = dd::testing::RuleResult;

Result lint(std::string text, const std::vector<std::string>* context = nullptr) {
  return dd::testing::lint_for_rule("DD103", std::move(text), context);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const char* kSeed =
    "FROM node:20-alpine\n"
    "RUN corepack enable\n"
    "WORKDIR /app\n"
    "COPY package.json pnpm-workspace.yaml ./\n"
    "COPY backend/package.json backend/\n"
    "RUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store pnpm install --ignore-scripts "
    "--lockfile=false\n";

TEST(RulesDD103, SeedLockfileFalse) {
  Result r = lint(kSeed);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "--lockfile=false");
  const std::string& m = r.findings[0].message;
  EXPECT_TRUE(has(m, "`--lockfile=false` makes `pnpm install` ignore pnpm-lock.yaml")) << m;
  EXPECT_TRUE(has(m, "the same commit can install different versions on different days")) << m;
  EXPECT_TRUE(has(m, "`pnpm audit` on the lockfile in git no longer describes the image")) << m;
  EXPECT_TRUE(has(m, "install it with `pnpm install --frozen-lockfile`")) << m;
  // The lockfile is not in the image: replacing the flag would break the build.
  EXPECT_FALSE(r.findings[0].fix.has_value());

  std::vector<std::string> files = {".dockerignore", "backend/package.json", "package.json", "pnpm-lock.yaml",
                                    "pnpm-workspace.yaml"};
  Result c = lint(kSeed, &files);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_TRUE(has(c.findings[0].message, "; the build context has one at its root")) << c.findings[0].message;
}

TEST(RulesDD103, FixWhenTheLockfileIsThere) {
  Result r = lint(
      "FROM node:20\n"
      "WORKDIR /app\n"
      "COPY package.json pnpm-lock.yaml ./\n"
      "RUN pnpm install --lockfile=false --prod\n");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "--lockfile=false");
  ASSERT_TRUE(r.findings[0].fix.has_value());
  EXPECT_FALSE(r.findings[0].fix->safe);
  std::string after = dd::apply_fixes(r.text, {*r.findings[0].fix}).text;
  EXPECT_TRUE(has(after, "RUN pnpm install --frozen-lockfile --prod\n")) << after;
  EXPECT_TRUE(lint(after).findings.empty());
}

TEST(RulesDD103, UnfreezingFlags) {
  Result r = lint(
      "FROM node:20\n"
      "RUN pnpm install --no-frozen-lockfile\n"
      "RUN pnpm i --frozen-lockfile=false\n"
      "RUN yarn install --no-immutable\n"
      "RUN go build -mod=mod ./...\n");
  ASSERT_EQ(r.findings.size(), 4u);
  EXPECT_EQ(r.at(0), "--no-frozen-lockfile");
  EXPECT_TRUE(has(r.findings[0].message, "stop enforcing pnpm-lock.yaml")) << r.findings[0].message;
  EXPECT_EQ(r.at(1), "--frozen-lockfile=false");
  EXPECT_EQ(r.at(2), "--no-immutable");
  EXPECT_EQ(r.at(3), "-mod=mod");
  // Not enforcing is not rewriting: --pure-lockfile never writes yarn.lock.
  Result pure = lint("FROM node:20\nRUN yarn install --pure-lockfile\n");
  ASSERT_EQ(pure.findings.size(), 1u);
  EXPECT_TRUE(has(pure.findings[0].message, "stop enforcing yarn.lock and resolve again, instead of failing, "
                                            "whenever it no longer matches the manifest"))
      << pure.findings[0].message;
}

TEST(RulesDD103, VariablesFromEnvArgPrefixAndExport) {
  Result r = lint(
      "FROM node:20 AS base\n"
      "ENV NPM_CONFIG_PACKAGE_LOCK=false\n"
      "FROM base\n"
      "RUN npm install && sudo npm install --omit=dev\n"
      "ARG YARN_ENABLE_IMMUTABLE_INSTALLS=false\n"
      "RUN yarn\n"
      "RUN npm_config_lockfile=false pnpm install\n"
      "RUN export PIPENV_SKIP_LOCK=1; pipenv install\n");
  ASSERT_EQ(r.findings.size(), 4u);
  EXPECT_EQ(r.at(0), "NPM_CONFIG_PACKAGE_LOCK=false");  // once, for both installs
  EXPECT_TRUE(has(r.findings[0].message, "`NPM_CONFIG_PACKAGE_LOCK=false` (line 2) makes `npm install`"))
      << r.findings[0].message;
  EXPECT_EQ(r.at(1), "YARN_ENABLE_IMMUTABLE_INSTALLS=false");
  EXPECT_EQ(r.at(2), "npm_config_lockfile=false");
  EXPECT_EQ(r.findings[3].span.start.line, 8);
  // A variable without a known value decides nothing.
  EXPECT_TRUE(lint("FROM node:20\nARG NPM_CONFIG_PACKAGE_LOCK\nRUN npm install\n").findings.empty());
}

TEST(RulesDD103, SettingsWrittenByTheDockerfile) {
  Result r = lint(
      "FROM node:20\n"
      "WORKDIR /app\n"
      "RUN echo 'package-lock=false' >> .npmrc\n"
      "RUN echo -e \"fund=false\\nlockfile=false\" | tee -a /app/.npmrc > /dev/null\n"
      "RUN npm config set package-lock=false\n"
      "COPY <<EOF /root/.npmrc\n"
      "package-lock = false\n"
      "EOF\n"
      "RUN npm install && pnpm install\n");
  ASSERT_EQ(r.findings.size(), 4u);
  EXPECT_EQ(r.at(0), "package-lock=false");
  EXPECT_TRUE(has(r.findings[0].message, "`package-lock=false` in .npmrc makes `npm install` (line 9) ignore"))
      << r.findings[0].message;
  EXPECT_EQ(r.at(1), "lockfile=false");
  EXPECT_TRUE(has(r.findings[1].message, "makes `pnpm install` (line 9)")) << r.findings[1].message;
  EXPECT_EQ(r.at(2), "package-lock=false");
  EXPECT_EQ(r.at(3), "package-lock = false");
}

TEST(RulesDD103, SettingsNobodyReads) {
  Result r = lint(
      "FROM node:20\n"
      "WORKDIR /app\n"
      "RUN echo 'package-lock=false' >> /opt/elsewhere/.npmrc && npm install\n"
      "RUN echo 'package-lock=true' >> .npmrc && npm install\n"
      "RUN echo 'package-lock=false' >> .npmrc && npm install -g x\n");  // after the last project install
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].message;
}

TEST(RulesDD103, WrappersAndShells) {
  Result r = lint(
      "FROM node:20\n"
      "RUN sh -c \"pnpm install --lockfile=false\"\n"
      "RUN [\"yarn\", \"install\", \"--no-lockfile\"]\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "SHELL [\"powershell\", \"-Command\"]\n"
      "RUN pnpm install --lockfile=false\n");
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.at(0), "--lockfile=false");
  EXPECT_EQ(r.at(1), "--no-lockfile");
}

}  // namespace
