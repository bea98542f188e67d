// DD503 final-stage-runs-as-root: the user a production image starts as,
// through inheritance, variables and base image defaults, and the images
// left alone (development, base and tool images, privilege droppers).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"
#include "rules/doc_options.h"

namespace {

struct Hit {
  std::string text;
  std::string message;
};

std::vector<Hit> dd503(const std::string& text, const std::string& path = "svc/Dockerfile") {
  dd::testing::RuleResult r = dd::testing::lint_for_rule("DD503", text, nullptr, path);
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

TEST(RulesDD503, OptionDefaultsComeFromTheRuleDoc) {
  for (const char* option : {"privilege-droppers", "non-root-images"})
    EXPECT_FALSE(dd::rules::rule_option_words("DD503", option).empty()) << option;
}

TEST(RulesDD503, NoUserOnARootBaseImage) {
  std::string text = "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\nCOPY . /app\nCMD [\"python3\", \"serve.py\"]\n";
  std::vector<Hit> hits = dd503(text, "services/pose/Dockerfile");
  ASSERT_EQ(texts(hits), (V{"nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04"}));
  EXPECT_NE(hits[0].message.find("the production image runs as root: it sets no USER, and the base image "
                                 "nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04 runs as root"),
            std::string::npos)
      << hits[0].message;
  EXPECT_TRUE(dd503(text, "services/pose/Dockerfile.dev").empty());
}

TEST(RulesDD503, LastUserDecides) {
  EXPECT_TRUE(dd503("FROM python:3.12\nUSER root\nRUN apt-get update\nUSER 10001\nCMD [\"python\", \"app.py\"]\n").empty());
  for (const char* user : {"root", "0", "0:0", "root:app", "00"}) {
    std::string text = std::string("FROM python:3.12\nUSER app\nUSER ") + user + "\nCMD [\"python\", \"app.py\"]\n";
    std::vector<Hit> hits = dd503(text);
    ASSERT_EQ(texts(hits), (V{user})) << user;
    EXPECT_NE(hits[0].message.find("is the last USER of the production image"), std::string::npos) << hits[0].message;
  }
  // A last USER root fires even without CMD: it was written on purpose.
  EXPECT_EQ(texts(dd503("FROM python:3.12\nUSER root\n")), (V{"root"}));
}

TEST(RulesDD503, VariablesAndInheritance) {
  std::vector<Hit> hits = dd503("FROM alpine\nARG RUN_AS=root\nUSER ${RUN_AS}\nCMD [\"sh\", \"run.sh\"]\n");
  ASSERT_EQ(texts(hits), (V{"${RUN_AS}"}));
  EXPECT_NE(hits[0].message.find("`USER ${RUN_AS}` (`root`)"), std::string::npos) << hits[0].message;
  // A value only the build knows counts as non-root.
  EXPECT_TRUE(dd503("FROM alpine\nARG APP_UID\nUSER $APP_UID\nCMD [\"sh\", \"run.sh\"]\n").empty());
  // USER from the stage built FROM.
  EXPECT_TRUE(dd503("FROM node:22 AS base\nUSER node\nFROM base AS runtime\nCMD [\"node\", \"s.js\"]\n").empty());
  hits = dd503("FROM node:22 AS base\nCMD [\"node\", \"s.js\"]\nFROM base AS runtime\nRUN true\n");
  ASSERT_EQ(texts(hits), (V{"base"}));
  EXPECT_NE(hits[0].message.find("neither it nor the stages it is built FROM set a USER"), std::string::npos)
      << hits[0].message;
}

TEST(RulesDD503, ImagesLeftAlone) {
  // No CMD or ENTRYPOINT: a base or tool image.
  EXPECT_TRUE(dd503("FROM debian:12\nRUN apt-get update\n").empty());
  // A bare interpreter behind an entrypoint script: an official language image.
  EXPECT_TRUE(dd503("FROM debian\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [ \"node\" ]\n").empty());
  EXPECT_TRUE(dd503("FROM debian\nCMD [\"php\", \"-a\"]\n").empty());
  EXPECT_TRUE(dd503("FROM debian\nCMD python3.12\n").empty());
  // A server that runs its workers as another user.
  EXPECT_TRUE(dd503("FROM debian\nCMD [\"php-fpm\"]\n").empty());
  // Development stage as the final one.
  EXPECT_TRUE(dd503("FROM python:3.12 AS dev\nCMD [\"python\", \"app.py\"]\n").empty());
  // Base images that start unprivileged.
  EXPECT_TRUE(dd503("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /\nENTRYPOINT [\"/app\"]\n").empty());
  EXPECT_TRUE(dd503("FROM cgr.dev/chainguard/python:latest\nCMD [\"app.py\"]\n").empty());
  EXPECT_TRUE(dd503("FROM nginxinc/nginx-unprivileged:1.27\nCMD [\"/start.sh\"]\n").empty());
  // Only the build knows the base.
  EXPECT_TRUE(dd503("ARG BASE\nFROM $BASE\nCMD [\"x\"]\n").empty());
  // Drops privileges itself.
  EXPECT_TRUE(dd503("FROM debian\nRUN apt-get install -y gosu && gosu nobody true\nENTRYPOINT [\"/entry.sh\"]\n").empty());
  EXPECT_TRUE(dd503("FROM alpine\nCOPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/\nCMD [\"x\"]\n").empty());
  EXPECT_TRUE(dd503("FROM alpine\nRUN apk add --no-cache su-exec\nCMD [\"x\"]\n").empty());
  // Daemons that need root.
  EXPECT_TRUE(dd503("FROM debian\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"containerd\"]\n").empty());
  EXPECT_TRUE(dd503("FROM debian\nENTRYPOINT [\"/kaniko/executor\"]\n").empty());
  // A template's FROM.
  EXPECT_TRUE(dd503("FROM {{ .base }}\nCMD [\"/app\"]\n").empty());
  // scratch: files only, or an OS root file system.
  EXPECT_TRUE(dd503("FROM scratch\nCOPY --from=golang:1.23 /usr/local/go/bin/go /\n").empty());
  EXPECT_TRUE(dd503("FROM scratch\nADD rootfs.tar.xz /\nCMD [\"bash\"]\n").empty());
}

TEST(RulesDD503, ScratchBinaryRunsAsUserZero) {
  std::vector<Hit> hits = dd503("FROM golang:1.23 AS build\nRUN go build -o /server .\n"
                                "FROM scratch\nCOPY --from=build /server /server\nENTRYPOINT [\"/server\"]\n");
  ASSERT_EQ(texts(hits), (V{"scratch"}));
  EXPECT_NE(hits[0].message.find("numeric USER 65532:65532"), std::string::npos) << hits[0].message;
}

TEST(RulesDD503, OnceForAProductionStageBuiltOnAnother) {
  std::vector<Hit> hits = dd503("FROM scratch AS release\nCOPY x /x\nENTRYPOINT [\"/x\"]\nFROM release\n");
  ASSERT_EQ(texts(hits), (V{"scratch"}));
}

TEST(RulesDD503, EveryProductionStage) {
  std::vector<Hit> hits = dd503("FROM python:3.12 AS runtime\nCMD [\"python\", \"app.py\"]\nFROM runtime AS debug\nUSER root\n");
  ASSERT_EQ(texts(hits), (V{"python:3.12"}));
  EXPECT_NE(hits[0].message.find("the production stage 'runtime' runs as root"), std::string::npos) << hits[0].message;
}
