// The SARIF reporter: rule descriptors from the catalogue, UTF-16 regions,
// URIs, fingerprints and fixes. Validation by the SARIF Multitool is in
// report_sarif_validate_test.cc.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "docker_doctor/finding.h"
#include "docker_doctor/fingerprint.h"
#include "docker_doctor/rule.h"
#include "report/sarif_reporter.h"

namespace dd {
namespace {

using nlohmann::json;

// A finding of `rule` over the first `needle` in `text` (after `from`).
Finding at(std::string_view text, std::string_view needle, std::string rule = "DD601",
           size_t from = 0) {
  size_t begin = text.find(needle, from);
  EXPECT_NE(begin, std::string_view::npos) << needle;
  Finding f;
  f.rule_id = std::move(rule);
  const RuleInfo* info = find_rule(f.rule_id);
  f.rule_name = info ? std::string(info->name) : "unknown";
  f.severity = info ? info->severity : Severity::Warning;
  f.message = "something is off.";
  f.file = "services/api/Dockerfile";
  f.span = Span{position_at(text, begin), position_at(text, begin + needle.size())};
  return f;
}

json render(std::string_view text, const std::vector<Finding>& findings) {
  SarifReporter r;
  r.add_file(text, findings);
  return json::parse(r.render());
}

const json& first_region(const json& log) {
  return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
}

TEST(ReportSarif, RunShape) {
  json log = render("", {});
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "docker-doctor");
  EXPECT_EQ(run["tool"]["driver"]["version"], DD_VERSION);
  EXPECT_EQ(run["tool"]["driver"]["semanticVersion"], DD_VERSION);
  EXPECT_EQ(run["tool"]["driver"]["informationUri"], std::string(kProjectUrl));
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
  EXPECT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
}

TEST(ReportSarif, RulesComeFromTheCatalogue) {
  json rules = render("", {})["runs"][0]["tool"]["driver"]["rules"];
  size_t i = 0;
  for (const RuleInfo& r : all_rules()) {
    if (r.removed) continue;  // never reported, so not listed
    ASSERT_LT(i, rules.size());
    const json& d = rules[i++];
    EXPECT_EQ(d["id"], r.id);
    EXPECT_EQ(d["name"], r.name);
    EXPECT_EQ(d["shortDescription"]["text"], r.summary);
    EXPECT_FALSE(d["fullDescription"]["text"].get<std::string>().empty()) << r.id;
    std::string markdown = d["help"]["markdown"];
    EXPECT_NE(markdown.find("## What it does"), std::string::npos) << r.id;
    EXPECT_EQ(d["help"]["text"], markdown);
    EXPECT_EQ(d["helpUri"],
              std::string(kProjectUrl) + "/blob/main/rules/" + std::string(r.id) + ".md");
    std::string level = r.severity == Severity::Error     ? "error"
                        : r.severity == Severity::Warning ? "warning"
                                                          : "note";
    EXPECT_EQ(d["defaultConfiguration"]["level"], level) << r.id;
    const json& tags = d["properties"]["tags"];
    EXPECT_NE(std::find(tags.begin(), tags.end(), std::string(r.category)), tags.end()) << r.id;
    bool security =
        r.category == "security" || r.category == "dependencies" || r.category == "production";
    EXPECT_EQ(d["properties"].contains("security-severity"), security) << r.id;
    EXPECT_EQ(std::find(tags.begin(), tags.end(), "security") != tags.end(), security) << r.id;
  }
  EXPECT_EQ(i, rules.size());
}

TEST(ReportSarif, SecuritySeverityScale) {
  EXPECT_EQ(security_severity("correctness", Severity::Error), "");
  // GitHub: 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
  EXPECT_EQ(security_severity("security", Severity::Error), "7.5");
  EXPECT_EQ(security_severity("dependencies", Severity::Warning), "5.5");
  EXPECT_EQ(security_severity("production", Severity::Info), "3.5");
}

TEST(ReportSarif, ResultPointsAtItsRuleAndFile) {
  std::string text = "FROM alpine:3.20\nMAINTAINER me\n";
  json log = render(text, {at(text, "MAINTAINER")});
  const json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "DD601");
  int index = result["ruleIndex"];
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][index]["id"], "DD601");
  EXPECT_EQ(result["level"], "warning");
  EXPECT_EQ(result["message"]["text"], "something is off.");
  const json& artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "services/api/Dockerfile");
  EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%");
  const json& region = first_region(log);
  EXPECT_EQ(region["startLine"], 2);
  EXPECT_EQ(region["startColumn"], 1);
  EXPECT_EQ(region["endLine"], 2);
  EXPECT_EQ(region["endColumn"], 11);  // exclusive, like SARIF's
}

TEST(ReportSarif, ColumnsCountUtf16CodeUnits) {
  // U+1F433 is one code point, four UTF-8 bytes and two UTF-16 code units;
  // "é" is one code point, two bytes, one unit.
  std::string text = "FROM a\nRUN echo \xF0\x9F\x90\xB3\xC3\xA9 && apt-get update\n";
  json log = render(text, {at(text, "apt-get")});
  const json& region = first_region(log);
  // "RUN echo " is 9 units, the whale 2, "é" 1, " && " 4: apt-get starts at unit 17.
  EXPECT_EQ(region["startColumn"], 17);
  EXPECT_EQ(region["endColumn"], 24);
}

TEST(ReportSarif, MultiLineAndEmptySpans) {
  std::string text = "FROM a\nRUN apt-get update \\\n  && apt-get install x\n";
  size_t begin = text.find("apt-get update");
  size_t end = text.find("install");
  Finding multi = at(text, "apt-get");
  multi.span = Span{position_at(text, begin), position_at(text, end)};
  Finding empty = at(text, "x\n");
  empty.span.end = empty.span.start;
  json log = render(text, {multi, empty});
  const json& r0 = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(r0["startLine"], 2);
  EXPECT_EQ(r0["startColumn"], 5);
  EXPECT_EQ(r0["endLine"], 3);
  EXPECT_EQ(r0["endColumn"], 14);
  const json& r1 = log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(r1["startLine"], 3);
  EXPECT_EQ(r1["startColumn"], r1["endColumn"]);  // an insertion point
}

TEST(ReportSarif, FixesBecomeReplacementsInFileOrder) {
  std::string text = "FROM a\nMAINTAINER me\nCMD x\n";
  Finding f = at(text, "MAINTAINER");
  Fix fix;
  fix.description = "do it";
  fix.safe = false;
  Span cmd{position_at(text, text.find("CMD")), position_at(text, text.size())};
  fix.edits.push_back({cmd, ""});              // a deletion, listed first
  fix.edits.push_back({f.span, "LABEL a=b"});  // a replacement
  f.fix = fix;
  json log = render(text, {f});
  const json& fixes = log["runs"][0]["results"][0]["fixes"];
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0]["description"]["text"], "do it");
  EXPECT_EQ(fixes[0]["properties"]["safe"], false);
  const json& change = fixes[0]["artifactChanges"][0];
  EXPECT_EQ(change["artifactLocation"]["uri"], "services/api/Dockerfile");
  const json& reps = change["replacements"];
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_EQ(reps[0]["deletedRegion"]["startLine"], 2);
  EXPECT_EQ(reps[0]["insertedContent"]["text"], "LABEL a=b");
  EXPECT_EQ(reps[1]["deletedRegion"]["startLine"], 3);
  EXPECT_EQ(reps[1]["deletedRegion"]["endLine"], 4);  // through the final newline
  EXPECT_EQ(reps[1]["deletedRegion"]["endColumn"], 1);
  EXPECT_FALSE(reps[1].contains("insertedContent"));  // a pure deletion

  // A fix without edits is no fix.
  f.fix->edits.clear();
  EXPECT_FALSE(render(text, {f})["runs"][0]["results"][0].contains("fixes"));
}

TEST(ReportSarif, PartialFingerprintsAreTheSharedFingerprints) {
  std::string before = "FROM a\nMAINTAINER me\n";
  std::string after = "FROM a\nRUN true\n\nMAINTAINER me\n";
  Finding f = at(before, "MAINTAINER");
  Finding g = at(after, "MAINTAINER");
  json a = render(before, {f})["runs"][0]["results"][0]["partialFingerprints"];
  json b = render(after, {g})["runs"][0]["results"][0]["partialFingerprints"];
  EXPECT_EQ(a["dockerDoctor/v1"], fingerprints(before, {f})[0]);
  EXPECT_EQ(a, b);  // lines inserted above do not change it
}

TEST(ReportSarif, Uris) {
  EXPECT_EQ(sarif_uri("services/api/Dockerfile"), "services/api/Dockerfile");
  EXPECT_EQ(sarif_uri("./Dockerfile"), "Dockerfile");
  EXPECT_EQ(sarif_uri("my dir/a:b%c/Dockerfile"), "my%20dir/a%3Ab%25c/Dockerfile");
  EXPECT_EQ(sarif_uri("caf\xC3\xA9/Dockerfile"), "caf%C3%A9/Dockerfile");
  EXPECT_EQ(sarif_uri("/abs/Dockerfile"), "file:///abs/Dockerfile");
  EXPECT_EQ(sarif_uri("<stdin>"), "%3Cstdin%3E");
  EXPECT_EQ(sarif_uri("a#b?c"), "a%23b%3Fc");

  // An absolute path is a URI of its own: no base to resolve it against.
  std::string text = "MAINTAINER me\n";
  Finding f = at(text, "MAINTAINER");
  f.file = "/src/Dockerfile";
  json artifact = render(
      text, {f})["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "file:///src/Dockerfile");
  EXPECT_FALSE(artifact.contains("uriBaseId"));
}

TEST(ReportSarif, InvalidUtf8StaysValidJson) {
  std::string text = "MAINTAINER \xFF\n";
  Finding f = at(text, "MAINTAINER");
  f.message = "bad \xFF byte";
  f.file = "x\xFE/Dockerfile";
  json log = render(text, {f});  // parse would throw on invalid UTF-8
  EXPECT_EQ(log["runs"][0]["results"][0]["message"]["text"], "bad \xEF\xBF\xBD byte");
}

TEST(ReportSarif, Deterministic) {
  std::string text = "FROM a\nMAINTAINER me\n";
  SarifReporter a, b;
  a.add_file(text, {at(text, "MAINTAINER")});
  b.add_file(text, {at(text, "MAINTAINER")});
  EXPECT_EQ(a.render(), b.render());
}

}  // namespace
}  // namespace dd
