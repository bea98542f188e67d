// DD108 dependency-install-in-script: how a script is run, where it came
// from, and which names say it installs dependencies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rule_test_util.h"

namespace {

struct Hit {
  std::string text;
  std::string message;
};

std::vector<Hit> dd108(const std::string& text, const std::vector<std::string>* context = nullptr) {
  dd::testing::RuleResult r = dd::testing::lint_for_rule("DD108", text, context, "svc/Dockerfile");
  std::vector<Hit> out;
  for (size_t i = 0; i < r.findings.size(); ++i) out.push_back({r.at(i), r.findings[i].message});
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// `run` after `COPY . .` of a context that holds the script at `script_path`.
std::vector<Hit> run_copied(const std::string& script_path, const std::string& run) {
  std::vector<std::string> context{script_path};
  return dd108("FROM debian\nWORKDIR /app\nCOPY . .\nRUN " + run + "\n", &context);
}

}  // namespace

TEST(RulesDD108, Seed004ScriptArrivesWithTheContext) {
  auto hits = dd108(
      "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\nWORKDIR /app\nCOPY . .\n"
      "RUN sh scripts/install_deps.sh\nRUN pip3 install -r requirements.txt\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "scripts/install_deps.sh");
  EXPECT_TRUE(has(hits[0].message, "decided in scripts/install_deps.sh, not in the Dockerfile")) << hits[0].message;
  EXPECT_TRUE(has(hits[0].message, "arrives with `COPY . .` (line 3)")) << hits[0].message;
}

TEST(RulesDD108, HowTheScriptIsRun) {
  for (const char* run : {"./install.sh", "sh install.sh", "bash -ex install.sh", "bash -o pipefail install.sh",
                          "bash --norc install.sh", "sudo -E bash ./install.sh", "sh -c './install.sh'",
                          ". ./install.sh", "source ./install.sh", "python3 install.sh", "/app/install.sh",
                          "chmod +x install.sh && ./install.sh", "[\"/bin/sh\", \"install.sh\"]"}) {
    auto hits = run_copied("install.sh", run);
    ASSERT_EQ(hits.size(), 1u) << run;
    EXPECT_TRUE(has(hits[0].text, "install.sh")) << run;
  }
  // Not run from the file: a command string, stdin, a syntax check, a PATH lookup.
  for (const char* run : {"sh -c 'echo install.sh'", "sh -s < install.sh", "sh -n install.sh", "install.sh",
                          ". install.sh", "cat install.sh", "bash - < install.sh"})
    EXPECT_TRUE(run_copied("install.sh", run).empty()) << run;
}

TEST(RulesDD108, NamesThatSayDependencies) {
  for (const char* path : {"install.sh", "install_deps.sh", "scripts/setup-deps.sh", "deps.sh", "requirements.sh",
                           "installer.sh", "reinstall-cmake.sh", "installSQLtools.sh", "setup.sh", "bootstrap.sh",
                           "scripts/deps/python.sh", "tools/prereqs/node.sh", "install/python.sh"})
    EXPECT_EQ(run_copied(path, std::string("sh ") + path).size(), 1u) << path;
  for (const char* path : {"build.sh", "entrypoint.sh", "setup-user.sh", "uninstall.sh", "postinstall.sh",
                           "scripts/common-debian.sh", "packages/api/build.sh", "bootstrap-db.sh", "run.sh"})
    EXPECT_TRUE(run_copied(path, std::string("sh ") + path).empty()) << path;
}

TEST(RulesDD108, OnlyScriptsFromTheBuildContext) {
  // From the base image through PATH, from another stage, from a heredoc, downloaded.
  EXPECT_TRUE(dd108("FROM php:8.3\nRUN docker-php-ext-install pdo\n").empty());
  EXPECT_TRUE(dd108("FROM debian AS tools\nCOPY install.sh /install.sh\n"
                    "FROM debian\nCOPY --from=tools /install.sh /install.sh\nRUN /install.sh\n")
                  .empty());
  EXPECT_TRUE(dd108("FROM debian\nCOPY <<EOF /install.sh\napt-get update\nEOF\nRUN sh /install.sh\n").empty());
  EXPECT_TRUE(dd108("FROM debian\nCOPY . /app\nRUN curl -fsSL https://x.example/install.sh -o /app/install.sh && "
                    "sh /app/install.sh\n")
                  .empty());
  EXPECT_TRUE(dd108("FROM debian\nCOPY . /app\nRUN wget -O- https://x.example/i > /app/install.sh\n"
                    "RUN sh /app/install.sh\n")
                  .empty());
  // Nothing put a file there at all.
  EXPECT_TRUE(dd108("FROM debian\nRUN /opt/install.sh\n").empty());
  // A later COPY from another stage replaces the context's file.
  EXPECT_TRUE(dd108("FROM debian AS t\nFROM debian\nCOPY . /app\nCOPY --from=t /out /app\nRUN /app/install.sh\n").empty());
  // A parent stage's copy counts.
  EXPECT_EQ(dd108("FROM debian AS base\nCOPY scripts/ /opt/scripts/\nFROM base\nRUN bash /opt/scripts/install.sh\n")
                .size(),
            1u);
}

TEST(RulesDD108, SingleCopiesGlobsAndBindMounts) {
  auto hits = dd108("FROM debian\nCOPY install-tools.sh /tmp/\nRUN /tmp/install-tools.sh\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "is copied from the build context on line 2")) << hits[0].message;
  hits = dd108("FROM debian\nCOPY library-scripts/*.sh /tmp/ls/\nRUN bash /tmp/ls/install-node.sh\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "decided in library-scripts/install-node.sh")) << hits[0].message;
  hits = dd108("FROM debian\nRUN --mount=type=bind,source=ci,target=/ci bash /ci/install-deps.sh\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(has(hits[0].message, "through a bind mount")) << hits[0].message;
  EXPECT_TRUE(dd108("FROM debian AS t\nFROM debian\nRUN --mount=type=bind,from=t,target=/ci bash /ci/install.sh\n").empty());
}

TEST(RulesDD108, TheBuildContextMustHoldTheScript) {
  std::vector<std::string> ctx = {"app.py", "scripts/install_deps.sh"};
  std::string df = "FROM debian\nWORKDIR /app\nCOPY . .\nRUN sh scripts/install_deps.sh\n";
  EXPECT_EQ(dd108(df, &ctx).size(), 1u);
  ctx = {"app.py"};
  EXPECT_TRUE(dd108(df, &ctx).empty());
}

TEST(RulesDD108, WorkdirsAndArguments) {
  EXPECT_EQ(dd108("FROM debian\nARG D=/srv\nWORKDIR $D\nCOPY scripts scripts\nRUN ./scripts/install.sh\n").size(), 1u);
  EXPECT_TRUE(dd108("FROM debian\nARG D\nWORKDIR $D\nCOPY scripts scripts\nRUN ./scripts/install.sh\n").empty());
  EXPECT_EQ(dd108("FROM debian\nCOPY . /src\nRUN cd /src && ./install.sh\n").size(), 1u);
  EXPECT_TRUE(dd108("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                    "COPY install.ps1 C:/\nRUN C:/install.ps1\n")
                  .empty());
}
