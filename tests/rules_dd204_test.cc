// DD204 cache-cleanup-under-cache-mount: no-cache flags, variables, cleaning
// commands and deletions inside a cache mount, and the flag-removing fix.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"

namespace {

struct Hit {
  std::string text;
  int line;
  std::string message;
  std::optional<dd::Fix> fix;
};

std::vector<Hit> dd204(const std::string& text) {
  std::vector<Hit> out;
  for (const dd::Finding& f : dd::lint_dockerfile_text("svc/Dockerfile", text))
    if (f.rule_id == "DD204")
      out.push_back({text.substr(f.span.start.offset, f.span.end.offset - f.span.start.offset), f.span.start.line,
                     f.message, f.fix});
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(RulesDD204, NoCacheFlagUnderTheMountIsRemoved) {
  std::string df = "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r r.txt\n";
  auto hits = dd204(df);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "--no-cache-dir");
  ASSERT_TRUE(hits[0].fix);
  EXPECT_TRUE(hits[0].fix->safe);
  std::string after = dd::apply_fixes(df, {*hits[0].fix}).text;
  EXPECT_EQ(after, "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n");
  EXPECT_TRUE(dd204(after).empty());
  // apk, uv's global flag, through sudo and python -m.
  for (const char* run : {"--mount=type=cache,target=/etc/apk/cache apk add --no-cache git",
                          "--mount=type=cache,target=/root/.cache/uv uv --no-cache pip install x",
                          "--mount=type=cache,target=/root/.cache sudo python3 -m pip install --no-cache-dir x"}) {
    auto h = dd204(std::string("FROM base\nRUN ") + run + "\n");
    ASSERT_EQ(h.size(), 1u) << run;
    EXPECT_TRUE(h[0].fix) << run;
  }
}

TEST(RulesDD204, AVariableIsReportedWhereItIsSetWithoutAFix) {
  auto hits = dd204("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\n"
                    "RUN --mount=type=cache,target=/root/.cache/pip pip install a\n"
                    "RUN --mount=type=cache,target=/root/.cache/pip pip install b\n");
  ASSERT_EQ(hits.size(), 1u);  // one ENV, reported once
  EXPECT_EQ(hits[0].line, 2);
  EXPECT_TRUE(has(hits[0].message, "(for the RUN on line 3)")) << hits[0].message;
  EXPECT_FALSE(hits[0].fix);
  // On the command itself: still no fix (the assignment may serve more).
  hits = dd204("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip PIP_NO_CACHE_DIR=1 pip install a\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_FALSE(hits[0].fix);
}

TEST(RulesDD204, CleaningCommandsAndDeletionsInsideTheMount) {
  auto hits = dd204(
      "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked "
      "--mount=type=cache,target=/var/lib/apt,sharing=locked "
      "apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*\n");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].text, "apt-get clean");
  EXPECT_TRUE(has(hits[0].message, "empties the cache mount on /var/cache/apt")) << hits[0].message;
  EXPECT_EQ(hits[1].text, "/var/lib/apt/lists/*");
  EXPECT_TRUE(has(hits[1].message, "the cache mount on /var/lib/apt keeps of APT's downloads")) << hits[1].message;
  // A directory that holds the mount; the home written as ~.
  hits = dd204("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x && rm -rf ~/.cache\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "~/.cache");
  hits = dd204("FROM node:22\nRUN --mount=type=cache,target=/root/.npm <<EOF\nnpm ci\nnpm cache clean --force\nEOF\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "npm cache clean");
}

TEST(RulesDD204, UnknownHomesMatchByTheirTail) {
  auto hits = dd204("FROM python:3.12\nUSER app\n"
                    "RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --no-cache-dir x\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "--no-cache-dir");
}

TEST(RulesDD204, OtherMountsAndOtherPathsAreFine) {
  for (const char* df :
       {"FROM python:3.12\nRUN pip install --no-cache-dir x && rm -rf /root/.cache\n",
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir x\n",
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x && rm -rf /tmp/build\n",
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x && rm -rf /root/.cache-old\n",
        // A build cache the RUN's managers do not use: its cleanup is the author's business.
        "FROM gcc\nRUN --mount=type=cache,target=/ccache make && rm -rf /ccache/tmp\n",
        "FROM python:3.12\nRUN --mount=type=bind,target=/root/.cache/pip pip install --no-cache-dir x\n",
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
        "RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir x\n"})
    EXPECT_TRUE(dd204(df).empty()) << df;
}
