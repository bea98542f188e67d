// DD504 windows-host-path: WSL drive mounts, drive letters and shares in a
// Linux build, in each instruction that takes a path, and the Windows
// images left alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"

namespace {

struct Hit {
  std::string text;
  std::string message;
};

std::vector<Hit> dd504(const std::string& text) {
  std::vector<Hit> out;
  for (const dd::Finding& f : dd::lint_dockerfile_text("Dockerfile", text))
    if (f.rule_id == "DD504")
      out.push_back({text.substr(f.span.start.offset, f.span.end.offset - f.span.start.offset), f.message});
  return out;
}

std::vector<std::string> texts(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits) out.push_back(h.text);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(RulesDD504, Seed004WslPathInEnv) {
  std::vector<Hit> hits = dd504("FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\nENV MODEL_DIR=/mnt/c/Users/dev/models\n");
  ASSERT_EQ(texts(hits), (V{"/mnt/c/Users/dev/models"}));
  EXPECT_NE(hits[0].message.find("is a Windows drive as WSL mounts it"), std::string::npos);
  EXPECT_NE(hits[0].message.find("use a path inside the image"), std::string::npos);
}

TEST(RulesDD504, EveryPathTakingInstruction) {
  std::vector<Hit> hits = dd504(
      "FROM python:3.12\n"
      "ARG DATA=\"D:\\datasets\\train\"\n"
      "ENV PATH=/usr/local/bin:/mnt/d/tools/bin:$PATH SHARE=\\\\fileserver\\models\n"
      "COPY C:/Users/dev/app.py /app/\n"
      "ADD [\"/mnt/c/models\", \"/models\"]\n"
      "WORKDIR C:\\app\n"
      "VOLUME /mnt/e/cache\n"
      "RUN cp -r /mnt/c/Users/dev/weights /weights && ls \"E:/data\"\n"
      "RUN [\"ls\", \"/mnt/c\"]\n");
  EXPECT_EQ(texts(hits), (V{"D:\\datasets\\train", "/mnt/d/tools/bin", "\\\\fileserver\\models", "C:/Users/dev/app.py",
                            "/mnt/c/models", "C:\\app", "/mnt/e/cache", "/mnt/c/Users/dev/weights", "E:/data",
                            "/mnt/c"}));
  EXPECT_NE(hits[3].message.find("COPY and ADD read sources from the build context"), std::string::npos);
  EXPECT_NE(hits[5].message.find("a directory of that name inside the Linux image"), std::string::npos);
  EXPECT_NE(hits[7].message.find("RUN sees only the build container's file system"), std::string::npos);
}

TEST(RulesDD504, LookAlikesAreNotPaths) {
  EXPECT_TRUE(dd504("FROM debian\n"
                    "ENV PATH=$PATH:/opt/bin PYTHONPATH=.:/app URL=https://example.com/x DSN=postgres://db:5432/x\n"
                    "RUN sed -i 's:/usr/local:/opt:g' /etc/profile && mount /dev/sdc1 /mnt/data\n"
                    "RUN echo a:/b && git clone git@github.com:org/repo.git /src\n"
                    "COPY mnt/c/file /x\n"
                    "WORKDIR /home/mnt/c\n")
                  .empty());
}

TEST(RulesDD504, WindowsImagesAreLeftAlone) {
  EXPECT_TRUE(dd504("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV DATA=C:\\data\nWORKDIR C:\\app\n").empty());
  EXPECT_TRUE(dd504("# escape=`\nFROM python:3.12-windowsservercore\nCOPY app C:\\app\\\n").empty());
  EXPECT_TRUE(dd504("FROM --platform=windows/amd64 myorg/base:1\nENV DATA=C:\\data\n").empty());
  EXPECT_TRUE(dd504("FROM myorg/base:1\nSHELL [\"powershell\", \"-Command\"]\nENV DATA=C:\\data\n").empty());
  // A stage built FROM a Windows stage is Windows too.
  EXPECT_TRUE(dd504("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base\nFROM base\nENV DATA=D:\\x\n").empty());
}

TEST(RulesDD504, UnknownBaseReportsOnlyWslPaths) {
  EXPECT_EQ(texts(dd504("ARG BASE\nFROM $BASE\nENV A=C:\\data B=/mnt/c/data\n")), (V{"/mnt/c/data"}));
}

TEST(RulesDD504, HeredocRunAndWrappers) {
  EXPECT_EQ(texts(dd504("FROM alpine\nRUN <<EOF\nsudo cp /mnt/c/x /x\nEOF\n")), (V{"/mnt/c/x"}));
  EXPECT_EQ(texts(dd504("FROM alpine\nRUN sh -c 'ls /mnt/c/Users'\n")), (V{"/mnt/c/Users"}));
}
