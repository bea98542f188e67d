// DD502 build-tools-in-runtime-stage: package words of OS installs in the
// production image, the official images' install-and-purge patterns,
// removal in later layers, inheritance and the advice per layout.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"
#include "knowledge/package_managers.h"
#include "rules/doc_options.h"
#include "shell/shell.h"

namespace {

struct Hit {
  std::string text;
  std::string message;
};

std::vector<Hit> dd502(const std::string& text, const std::string& path = "svc/Dockerfile") {
  dd::testing::RuleResult r = dd::testing::lint_for_rule("DD502", text, nullptr, path);
  std::vector<Hit> out;
  for (size_t i = 0; i < r.findings.size(); ++i) out.push_back({r.at(i), r.findings[i].message});
  return out;
}

std::vector<std::string> texts(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits) out.push_back(h.text);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(RulesDD502, OptionDefaultsComeFromTheRuleDoc) {
  for (const char* option : {"compilers", "header-packages", "vcs-clients"})
    EXPECT_FALSE(dd::rules::rule_option_words("DD502", option).empty()) << option;
}

TEST(RulesDD502, RemovalSubcommandsAreKnowledge) {
  for (const char* script : {"apt-get purge -y --auto-remove gcc", "apk del .build-deps", "dnf remove -y gcc",
                             "pip uninstall -y debugpy", "apt-get autoremove -y"}) {
    dd::ShellRun run = dd::analyze_script(script, dd::Position{});
    ASSERT_EQ(run.commands.size(), 1u) << script;
    EXPECT_EQ(dd::classify_command(run.commands[0], &run).action, dd::PmAction::Remove) << script;
  }
}

TEST(RulesDD502, Seed004SingleStageGpuImage) {
  std::string text =
      "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\n"
      "RUN apt-get update && apt-get install -y python3 python3-pip build-essential python3-dev git\n"
      "WORKDIR /app\n"
      "COPY . .\n"
      "RUN sh scripts/install_deps.sh\n"
      "RUN pip3 install -r requirements.txt\n"
      "CMD [\"python3\", \"serve.py\"]\n";
  std::vector<Hit> hits = dd502(text, "services/pose/Dockerfile");
  ASSERT_EQ(texts(hits), (V{"build-essential", "python3-dev", "git"}));
  EXPECT_NE(hits[0].message.find("`build-essential` (a compiler or build tool) is installed in the only stage"),
            std::string::npos)
      << hits[0].message;
  EXPECT_NE(hits[0].message.find("split the Dockerfile into a build stage"), std::string::npos);
  EXPECT_NE(hits[1].message.find("(development headers)"), std::string::npos);
  EXPECT_NE(hits[2].message.find("(a version-control client)"), std::string::npos);
  EXPECT_TRUE(dd502(text, "services/pose/Dockerfile.dev").empty());
}

TEST(RulesDD502, MultiStageReinstallsWhatTheBuildStageHas) {
  std::vector<Hit> hits = dd502(
      "FROM python:3.12 AS build\n"
      "RUN apt-get update && apt-get install -y gcc libpq-dev\n"
      "FROM python:3.12-slim\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev=15.* libpq5\n"
      "COPY . /app\n"
      "RUN pip install /app\n");
  ASSERT_EQ(texts(hits), (V{"libpq-dev"}));
  EXPECT_NE(hits[0].message.find("stage 'build' already installs it (line 2)"), std::string::npos) << hits[0].message;
  hits = dd502("FROM alpine AS build\nRUN true\nFROM alpine\nRUN apk add --no-cache make && make -C /src\nCMD [\"/app\"]\n");
  ASSERT_EQ(texts(hits), (V{"make"}));
  EXPECT_NE(hits[0].message.find("install it in a build stage and COPY --from"), std::string::npos);
}

TEST(RulesDD502, InheritedByTheProductionStage) {
  std::vector<Hit> hits = dd502(
      "FROM debian:12 AS base\n"
      "RUN apt-get install -y g++ cmake\n"
      "FROM base AS runtime\n"
      "RUN cmake --build /src\n"
      "CMD [\"/app\"]\n"
      "FROM base AS test\n");
  ASSERT_EQ(texts(hits), (V{"g++", "cmake"}));
  EXPECT_NE(hits[0].message.find("installed in stage 'base' and inherited by the production stage 'runtime'"),
            std::string::npos)
      << hits[0].message;
}

TEST(RulesDD502, OfficialImagePatternsAreSilent) {
  // apk's virtual package, deleted in the same RUN.
  EXPECT_TRUE(dd502("FROM alpine:3.20\n"
                    "RUN set -eux; apk add --no-cache --virtual .build-deps gcc musl-dev make; \\\n"
                    "    make -C /src install; apk del --no-network .build-deps\n")
                  .empty());
  // apt-mark auto + purge --auto-remove.
  EXPECT_TRUE(dd502("FROM debian:bookworm-slim\n"
                    "RUN set -eux; savedAptMark=\"$(apt-mark showmanual)\"; \\\n"
                    "    apt-get update; apt-get install -y --no-install-recommends gcc libc6-dev make; \\\n"
                    "    make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\\n"
                    "    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n")
                  .empty());
  // Purged by name; package lists in variables are not read.
  EXPECT_TRUE(dd502("FROM debian\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n").empty());
  EXPECT_TRUE(dd502("FROM debian\nENV BUILD_DEPS=\"gcc make\"\nRUN apt-get install -y $BUILD_DEPS\n").empty());
}

TEST(RulesDD502, RemovingOnePackageKeepsTheOthers) {
  EXPECT_EQ(texts(dd502("FROM debian\nRUN apt-get install -y gcc make && make && apt-get purge -y gcc\nCMD [\"/app\"]\n")),
            (V{"make"}));
}

TEST(RulesDD502, RemovedByALaterRunStillShips) {
  std::vector<Hit> hits = dd502("FROM debian\nRUN apt-get install -y gcc\nRUN make\nRUN apt-get purge -y gcc\nCMD [\"/app\"]\n");
  ASSERT_EQ(texts(hits), (V{"gcc"}));
  EXPECT_NE(hits[0].message.find("the removal on line 4 hides it but the layer of this RUN still carries it"),
            std::string::npos)
      << hits[0].message;
}

TEST(RulesDD502, ToolchainAndBaseImagesAreLeftAlone) {
  // The official golang image: no command, nothing from the build context.
  EXPECT_TRUE(dd502("FROM debian\nRUN apt-get install -y g++ gcc libc6-dev make pkg-config\n"
                    "COPY --from=golang:1.23 /usr/local/go /usr/local/go\n")
                  .empty());
  // python:3.12 (full): headers kept on purpose, CMD a bare interpreter.
  EXPECT_TRUE(dd502("FROM buildpack-deps:bookworm\nRUN apt-get install -y tk-dev uuid-dev\nCMD [\"python3\"]\n").empty());
  // Without a command but with the application from the build context: reported.
  EXPECT_EQ(texts(dd502("FROM python:3.12\nRUN apt-get install -y gcc\nCOPY . /app\nRUN pip install /app\n")), (V{"gcc"}));
  // Nothing is built after the install: the running image uses the tools.
  EXPECT_TRUE(dd502("FROM debian\nRUN apt-get install -y clang llvm-dev\nCOPY probes /probes\n"
                    "ENTRYPOINT [\"/usr/share/bcc/tools/execsnoop\"]\n")
                  .empty());
}

TEST(RulesDD502, VersionControlAloneIsARuntimeNeed) {
  EXPECT_TRUE(dd502("FROM ruby:alpine\nRUN apk add --no-cache ca-certificates git\nRUN gem install travis\n"
                    "ENTRYPOINT [\"travis\"]\n")
                  .empty());
}

TEST(RulesDD502, ToolsTheImageRunsAreNeeded) {
  EXPECT_TRUE(dd502("FROM alpine\nRUN apk add --no-cache git\nENTRYPOINT [\"git\"]\n").empty());
  EXPECT_EQ(texts(dd502("FROM alpine\nRUN apk add --no-cache git make\nRUN git clone https://x/y /src\nRUN pip install /src\nENTRYPOINT [\"/usr/bin/make\"]\n")),
            (V{"git"}));
}

TEST(RulesDD502, WrappersAndOtherManagers) {
  EXPECT_EQ(texts(dd502("FROM fedora\nRUN sudo dnf install -y gcc-c++ openssl-devel \"Development Tools\"\nCOPY . /src\nRUN ./configure && make\n")),
            (V{"gcc-c++", "openssl-devel", "Development Tools"}));
  EXPECT_EQ(texts(dd502("FROM ubuntu\nRUN sh -c 'apt-get install -y build-essential:amd64 && python3 setup.py install'\nCMD [\"/app\"]\n")),
            (V{"build-essential"}));
  EXPECT_EQ(texts(dd502("FROM ubuntu\nRUN <<EOF\napt-get install -y clang-17\ngo build ./...\nEOF\nCMD [\"/app\"]\n")), (V{"clang-17"}));
  // Runtime libraries that merely look alike.
  EXPECT_TRUE(dd502("FROM ubuntu\nRUN apt-get install -y gcc-12-base libgcc-s1 libpq5 makedev-tools python3\n").empty());
  // pip is not an OS package manager; a build stage is not the runtime image.
  EXPECT_TRUE(dd502("FROM python:3.12\nRUN pip install cmake\n").empty());
  EXPECT_TRUE(dd502("FROM debian AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /a /a\n").empty());
}

TEST(RulesDD502, NonPosixShellHasNoCommands) {
  EXPECT_TRUE(dd502("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"cmd\", \"/S\", \"/C\"]\n"
                    "RUN apt-get install -y gcc\n")
                  .empty());
}
