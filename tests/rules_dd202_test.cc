// DD202 install-without-cache: where each manager's cache is, which mounts
// count, what says "no cache on purpose", APT's special needs and the fix.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "knowledge/package_managers.h"
#include "shell/shell.h"

namespace {

struct Hit {
  std::string text;
  std::string message;
  std::optional<dd::Fix> fix;
};

std::vector<Hit> dd202(const std::string& text) {
  std::vector<Hit> out;
  for (const dd::Finding& f : dd::lint_dockerfile_text("svc/Dockerfile", text))
    if (f.rule_id == "DD202")
      out.push_back({text.substr(f.span.start.offset, f.span.end.offset - f.span.start.offset), f.message, f.fix});
  return out;
}

// The text after applying the first finding's fix.
std::string fixed(const std::string& text) {
  auto hits = dd202(text);
  if (hits.empty() || !hits[0].fix) return "(no fix)";
  return dd::apply_fixes(text, {*hits[0].fix}).text;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

dd::PmAction action_of(const std::string& script) {
  dd::ShellRun run = dd::analyze_script(script, dd::Position{});
  return run.commands.empty() ? dd::PmAction::Other : dd::classify_command(run.commands[0], &run).action;
}

}  // namespace

TEST(RulesDD202, CacheCleaningAndOfflineAreKnowledge) {
  for (const char* s : {"pip cache purge", "npm cache clean --force", "yarn cache clean", "apt-get clean",
                        "apt-get dist-clean", "apk cache clean", "dnf clean all", "yum clean all", "conda clean -afy",
                        "composer clear-cache", "pnpm store prune", "uv cache clean", "poetry cache clear --all pypi"})
    EXPECT_EQ(action_of(s), dd::PmAction::CleanCache) << s;
  EXPECT_EQ(action_of("pip cache list"), dd::PmAction::Other);
  for (const char* s : {"npm ci --offline", "cargo build --frozen", "go build -mod=vendor ./...",
                        "GOFLAGS=-mod=vendor go build ./...", "pip install --no-index -f /wheels app"}) {
    dd::ShellRun run = dd::analyze_script(s, dd::Position{});
    ASSERT_FALSE(run.commands.empty()) << s;
    EXPECT_TRUE(dd::classify_command(run.commands.back(), &run).offline.has_value()) << s;
  }
}

TEST(RulesDD202, PointsAtTheCommandAndFixesByInsertingTheMount) {
  std::string df = "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n";
  auto hits = dd202(df);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "pip install");
  ASSERT_TRUE(hits[0].fix);
  EXPECT_TRUE(hits[0].fix->safe);
  EXPECT_EQ(fixed(df),
            "FROM python:3.12\nCOPY requirements.txt .\n"
            "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n");
  EXPECT_TRUE(dd202(fixed(df)).empty());
  // Exec form and existing flags keep working.
  EXPECT_EQ(fixed("FROM node:22\nRUN --network=host [\"npm\", \"ci\"]\n"),
            "FROM node:22\nRUN --mount=type=cache,target=/root/.npm --network=host [\"npm\", \"ci\"]\n");
}

TEST(RulesDD202, WrappersAndOneFindingPerManagerAndRun) {
  auto hits = dd202("FROM python:3.12\nRUN python -m pip install -U pip && sudo pip install flask && npm ci\n");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].text, "pip install");
  EXPECT_EQ(hits[1].text, "npm ci");
  hits = dd202("FROM python:3.12\nRUN sh -c 'uv pip install -r r.txt'\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "/root/.cache/uv")) << hits[0].message;
}

TEST(RulesDD202, MountsCountOnTheDirectoryAboveOrInsideAndByAnyKey) {
  for (const char* mount : {"target=/root/.cache/pip", "dst=/root/.cache", "destination=/root/.cache/pip/http",
                            "target=.cache/pip", "target=${CACHE}", "id=pip,target=$PIPC"}) {
    std::string df = std::string("FROM python:3.12\nARG CACHE=/root/.cache\nARG PIPC=/root/.cache/pip\n"
                                 "WORKDIR /root\nRUN --mount=type=cache,") +
                     mount + " pip install flask\n";
    EXPECT_TRUE(dd202(df).empty()) << mount;
  }
  // A bind mount or a cache elsewhere does not count.
  EXPECT_EQ(dd202("FROM python:3.12\nRUN --mount=type=bind,target=/root/.cache/pip pip install flask\n").size(), 1u);
  EXPECT_EQ(dd202("FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install flask\n").size(), 1u);
  // A target that depends on an argument without a default: benefit of the doubt.
  EXPECT_TRUE(dd202("FROM python:3.12\nARG C\nRUN --mount=type=cache,target=$C pip install flask\n").empty());
}

TEST(RulesDD202, CacheVariablesMoveTheCache) {
  EXPECT_TRUE(dd202("FROM python:3.12\nENV PIP_CACHE_DIR=/var/cache/pip\n"
                    "RUN --mount=type=cache,target=/var/cache/pip pip install flask\n")
                  .empty());
  auto hits = dd202("FROM python:3.12\nENV PIP_CACHE_DIR=/var/cache/pip\n"
                    "RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "caches in /var/cache/pip here (PIP_CACHE_DIR moves it), not in the mounted "
                                   "/root/.cache/pip"))
      << hits[0].message;
  EXPECT_FALSE(hits[0].fix);
  // Set by the script itself, or on the command.
  EXPECT_TRUE(dd202("FROM python:3.12\nRUN --mount=type=cache,target=/pc export PIP_CACHE_DIR=/pc && pip install x\n")
                  .empty());
  hits = dd202("FROM node:22\nRUN npm_config_cache=/tmp/n npm ci\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "--mount=type=cache,target=/tmp/n")) << hits[0].message;
  // An explicit cache location on the command line that a mount covers.
  EXPECT_TRUE(dd202("FROM python:3.12\nRUN --mount=type=cache,target=/pc pip install --cache-dir /pc/pip x\n").empty());
}

TEST(RulesDD202, NoCacheOnPurposeIsRespected) {
  for (const char* df :
       {"FROM python:3.12\nRUN pip install --no-cache-dir flask\n",
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
        "FROM python:3.12\nRUN pip install -U pip && pip install --no-cache-dir flask\n",
        "FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache\n",
        "FROM python:3.12\nRUN pip install flask\nRUN rm -rf ~/.cache/pip\n",
        "FROM python:3.12\nRUN pip install flask && pip cache purge\n",
        "FROM node:22\nRUN npm ci && npm cache clean --force\n",
        "FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
        "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
        "FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get clean\n",
        "FROM alpine\nRUN apk add --no-cache curl\n",
        "FROM fedora\nRUN dnf install -y gcc && dnf clean all\n",
        "FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -afy\n",
        "FROM debian AS base\nRUN rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get update && apt-get install -y x\n"})
    EXPECT_TRUE(dd202(df).empty()) << df;
  // A cleanup in a stage built later does not speak for this one.
  EXPECT_EQ(dd202("FROM debian AS base\nRUN apt-get update && apt-get install -y x\n"
                  "FROM base\nRUN rm -rf /var/lib/apt/lists/*\n")
                .size(),
            1u);
}

TEST(RulesDD202, AptNeedsLockedMountsAndDockerClean) {
  auto hits = dd202("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "apt-get install");
  EXPECT_TRUE(has(hits[0].message, "`--mount=type=cache,target=/var/cache/apt,sharing=locked "
                                   "--mount=type=cache,target=/var/lib/apt,sharing=locked`"))
      << hits[0].message;
  EXPECT_TRUE(has(hits[0].message, "delete /etc/apt/apt.conf.d/docker-clean")) << hits[0].message;
  EXPECT_FALSE(hits[0].fix);
  EXPECT_TRUE(dd202("FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked "
                    "--mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y x\n")
                  .empty());
}

TEST(RulesDD202, FixOnlyWhenTheMountCannotHideAnIndex) {
  // apk: with `apk update` in the RUN the mount hides nothing it needs.
  EXPECT_EQ(fixed("FROM alpine\nRUN apk update && apk add git\n"),
            "FROM alpine\nRUN --mount=type=cache,target=/etc/apk/cache apk update && apk add git\n");
  EXPECT_EQ(fixed("FROM alpine\nRUN apk add git\n"), "(no fix)");
}

TEST(RulesDD202, UsersOtherThanRootGetNoFix) {
  auto hits = dd202("FROM python:3.12\nUSER app\nRUN pip install --user flask\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "(~/.cache/pip of user app)")) << hits[0].message;
  EXPECT_TRUE(has(hits[0].message, "target=<home>/.cache/pip,uid=<uid>")) << hits[0].message;
  EXPECT_FALSE(hits[0].fix);
  hits = dd202("FROM python:3.12\nENV HOME=/home/app\nUSER app\nRUN pip install --user flask\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "target=/home/app/.cache/pip,uid=<uid>")) << hits[0].message;
  EXPECT_FALSE(hits[0].fix);
  // sudo -u switches the user for one command; a mount on that user's cache counts.
  EXPECT_TRUE(dd202("FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache sudo -u app pip install x\n").empty());
  EXPECT_EQ(fixed("FROM python:3.12\nUSER root\nRUN pip install x\n"),
            "FROM python:3.12\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n");
}

TEST(RulesDD202, BuildsQueriesAndOfflineInstallsAreLeftAlone) {
  for (const char* run : {"go build ./...", "cargo build --release", "npm ci --offline", "yarn --version",
                          "bundle --help", "pip install --no-index --find-links /wheels app", "pip download x",
                          "npm run build", "pip uninstall -y x"}) {
    std::string df = std::string("FROM base\nRUN ") + run + "\n";
    if (std::string(run) == "pip download x") {
      EXPECT_EQ(dd202(df).size(), 1u) << run;  // downloads through the cache too
      continue;
    }
    EXPECT_TRUE(dd202(df).empty()) << run;
  }
  EXPECT_EQ(dd202("FROM node:22\nRUN yarn\n").size(), 1u);
  EXPECT_EQ(dd202("FROM node:22\nRUN yarn --frozen-lockfile --production\n").size(), 1u);
}

TEST(RulesDD202, HeredocOnbuildAndNonPosixShell) {
  auto hits = dd202("FROM python:3.12\nRUN <<EOF\nset -e\npip install flask\nEOF\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "pip install");
  ASSERT_TRUE(hits[0].fix);
  hits = dd202("FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_FALSE(hits[0].fix);
  EXPECT_TRUE(dd202("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                    "RUN pip install flask\n")
                  .empty());
}
