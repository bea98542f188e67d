// The baseline (src/lint/baseline.h): a recorded finding stays hidden when
// lines are inserted above it and unrelated lines change; a new identical
// finding elsewhere still shows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_doctor/linter.h"
#include "lint/baseline.h"

namespace dd {
namespace {

const char* kOriginal =
    "FROM alpine:3.20 AS base\n"
    "WORKDIR app\n"
    "RUN echo one\n";

std::vector<std::string> where(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(f.rule_id + "@" + std::to_string(f.span.start.line));
  return out;
}

Baseline recorded(std::string_view text) {
  std::string doc =
      render_baseline(baseline_entries(text, lint_dockerfile_text("Dockerfile", text)));
  Baseline b;
  std::string error;
  EXPECT_TRUE(b.parse(doc, &error)) << error;
  return b;
}

TEST(Baseline, SurvivesInsertedLinesAndUnrelatedEdits) {
  ASSERT_EQ(where(lint_dockerfile_text("Dockerfile", kOriginal)),
            std::vector<std::string>{"DD605@2"});
  Baseline b = recorded(kOriginal);
  std::string edited =
      "# a comment added on top\n"
      "ARG VERSION=3.20\n"
      "FROM alpine:${VERSION} AS base\n"
      "WORKDIR app\n"
      "RUN echo two && echo three\n";
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", edited);
  ASSERT_EQ(where(findings), std::vector<std::string>{"DD605@4"});
  EXPECT_EQ(b.filter(edited, findings), 1u);
  EXPECT_TRUE(findings.empty());
}

TEST(Baseline, ANewIdenticalFindingElsewhereStillShows) {
  Baseline b = recorded(kOriginal);
  std::string edited = std::string(kOriginal) + "\nFROM alpine:3.20 AS other\nWORKDIR app\n";
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", edited);
  ASSERT_EQ(where(findings), (std::vector<std::string>{"DD605@2", "DD605@6"}));
  EXPECT_EQ(b.filter(edited, findings), 1u);
  EXPECT_EQ(where(findings), std::vector<std::string>{"DD605@6"});
}

TEST(Baseline, AFindingWhoseLineChangedIsNew) {
  Baseline b = recorded(kOriginal);
  std::string edited = "FROM alpine:3.20 AS base\nWORKDIR srv\nRUN echo one\n";
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", edited);
  EXPECT_EQ(b.filter(edited, findings), 0u);
  EXPECT_EQ(findings.size(), 1u);
}

TEST(Baseline, OtherFilesAreNotHidden) {
  Baseline b = recorded(kOriginal);
  std::vector<Finding> findings = lint_dockerfile_text("other/Dockerfile", kOriginal);
  EXPECT_EQ(b.filter(kOriginal, findings), 0u);
  EXPECT_EQ(findings.size(), 1u);
}

TEST(Baseline, DocumentIsSortedAndStable) {
  std::vector<BaselineEntry> entries = {{"b/Dockerfile", "DD605", "00000000000000ff", "x"},
                                        {"a/Dockerfile", "DD605", "0000000000000001", "y"}};
  std::string doc = render_baseline(entries);
  std::reverse(entries.begin(), entries.end());
  EXPECT_EQ(render_baseline(entries), doc);
  nlohmann::json j = nlohmann::json::parse(doc);
  EXPECT_EQ(j["tool"], "docker-doctor");
  EXPECT_EQ(j["baseline_version"], 1);
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["file"], "a/Dockerfile");
  EXPECT_EQ(j["findings"][0]["fingerprint"], "0000000000000001");
}

TEST(Baseline, RejectsWhatIsNotABaseline) {
  std::string error;
  EXPECT_FALSE(Baseline().parse("{", &error));
  EXPECT_FALSE(Baseline().parse("{\"tool\": \"other\", \"findings\": []}", &error));
  EXPECT_FALSE(Baseline().parse(
      "{\"tool\": \"docker-doctor\", \"baseline_version\": 2, \"findings\": []}", &error));
  EXPECT_NE(error.find("baseline_version"), std::string::npos);
  EXPECT_FALSE(Baseline().parse(
      "{\"tool\": \"docker-doctor\", \"baseline_version\": 1, \"findings\": [{\"file\": \"x\"}]}",
      &error));
  EXPECT_TRUE(Baseline().parse(
      "{\"tool\": \"docker-doctor\", \"baseline_version\": 1, \"findings\": []}", &error));
}

}  // namespace
}  // namespace dd
