// The JSON reporter and its published schema (docs/schema/findings.schema.json).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "docker_doctor/finding.h"
#include "json_schema_util.h"
#include "report/json_reporter.h"

namespace dd {
namespace {

using nlohmann::json;

Finding at(std::string_view text, size_t begin, size_t end, std::string rule = "DD601") {
  Finding f;
  f.rule_id = std::move(rule);
  f.rule_name = "maintainer-deprecated";
  f.severity = Severity::Warning;
  f.message = "MAINTAINER is deprecated";
  f.file = "services/api/Dockerfile";
  f.span = Span{position_at(text, begin), position_at(text, end)};
  return f;
}

// Validates `doc` against the published schema; returns the errors, empty when valid.
std::string schema_errors(const json& doc) {
  static const json schema = testing::published_schema("findings.schema.json");
  return testing::schema_errors(schema, doc);
}

TEST(ReportJson, EmptyReport) {
  JsonReporter r;
  json doc = json::parse(r.render());
  EXPECT_EQ(doc["tool"], "docker-doctor");
  EXPECT_EQ(doc["version"], DD_VERSION);
  EXPECT_TRUE(doc["findings"].is_array());
  EXPECT_TRUE(doc["findings"].empty());
  EXPECT_EQ(schema_errors(doc), "");
}

TEST(ReportJson, FindingFieldsUseCodePointColumnsAndExclusiveEnds) {
  // "é" is two bytes; "apt-get" starts at byte column 12, code-point column 11.
  std::string text = "FROM alpine\nRUN \xC3\xA9 && apt-get install\n";
  size_t begin = text.find("apt-get");
  JsonReporter r;
  r.add_file(text, {at(text, begin, begin + 7)});
  json doc = json::parse(r.render());
  ASSERT_EQ(doc["findings"].size(), 1u);
  const json& f = doc["findings"][0];
  EXPECT_EQ(f["rule"], "DD601");
  EXPECT_EQ(f["name"], "maintainer-deprecated");
  EXPECT_EQ(f["severity"], "warning");
  EXPECT_EQ(f["message"], "MAINTAINER is deprecated");
  EXPECT_EQ(f["file"], "services/api/Dockerfile");
  EXPECT_EQ(f["line"], 2);
  EXPECT_EQ(f["column"], 10);
  EXPECT_EQ(f["end_line"], 2);
  EXPECT_EQ(f["end_column"], 17);  // just past the 7 characters of "apt-get"
  EXPECT_FALSE(f.contains("fix"));
  EXPECT_EQ(schema_errors(doc), "");
}

TEST(ReportJson, FixWithEditsInFileOrder) {
  std::string text = "FROM alpine\nMAINTAINER \xE6\x97\xA5 me\nCMD x\n";
  size_t m = text.find("MAINTAINER");
  size_t c = text.find("CMD");
  Finding f = at(text, m, m + 10);
  Fix fix;
  fix.description = "replace MAINTAINER with a label";
  fix.safe = false;
  // Deliberately out of order: the report sorts them.
  fix.edits.push_back(Edit{Span{position_at(text, c), position_at(text, c + 3)}, "CMD"});
  fix.edits.push_back(Edit{Span{position_at(text, m), position_at(text, c - 1)},
                           "LABEL org.opencontainers.image.authors=\"\xE6\x97\xA5 me\""});
  f.fix = fix;
  JsonReporter r;
  r.add_file(text, {f});
  json doc = json::parse(r.render());
  const json& j = doc["findings"][0]["fix"];
  EXPECT_EQ(j["description"], "replace MAINTAINER with a label");
  EXPECT_EQ(j["safe"], false);
  ASSERT_EQ(j["edits"].size(), 2u);
  EXPECT_EQ(j["edits"][0]["line"], 2);
  EXPECT_EQ(j["edits"][0]["column"], 1);
  EXPECT_EQ(j["edits"][0]["end_line"], 2);
  EXPECT_EQ(j["edits"][0]["end_column"], 16);  // "MAINTAINER 日 me" is 15 code points
  EXPECT_EQ(j["edits"][0]["replacement"],
            "LABEL org.opencontainers.image.authors=\"\xE6\x97\xA5 me\"");
  EXPECT_EQ(j["edits"][1]["line"], 3);
  EXPECT_EQ(schema_errors(doc), "");
}

TEST(ReportJson, InvalidUtf8BecomesReplacementCharacters) {
  std::string text = "FROM alpine\n";
  Finding f = at(text, 0, 4);
  f.message = "bad byte \xFF here";
  f.file = "dir\xFE/Dockerfile";
  JsonReporter r;
  r.add_file(text, {f});
  std::string out = r.render();
  json doc = json::parse(out);  // would throw on invalid UTF-8
  EXPECT_EQ(doc["findings"][0]["message"], "bad byte \xEF\xBF\xBD here");
  EXPECT_EQ(schema_errors(doc), "");
}

TEST(ReportJson, OneFindingPerLine) {
  std::string text = "FROM a\nFROM b\n";
  JsonReporter r;
  r.add_file(text, {at(text, 0, 4), at(text, 7, 11)});
  std::string out = r.render();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4) << out;
  EXPECT_EQ(json::parse(out)["findings"].size(), 2u);
}

TEST(ReportJson, SchemaRejectsMalformedDocuments) {
  std::string text = "FROM alpine\n";
  JsonReporter r;
  r.add_file(text, {at(text, 0, 4)});
  const json good = json::parse(r.render());
  ASSERT_EQ(schema_errors(good), "");

  auto broken = [&](auto mutate) {
    json doc = good;
    mutate(doc);
    return schema_errors(doc);
  };
  EXPECT_NE(broken([](json& d) { d.erase("tool"); }), "");
  EXPECT_NE(broken([](json& d) { d["tool"] = "hadolint"; }), "");
  EXPECT_NE(broken([](json& d) { d["findings"] = json::object(); }), "");
  EXPECT_NE(broken([](json& d) { d["extra"] = 1; }), "");
  EXPECT_NE(broken([](json& d) { d["findings"][0].erase("end_column"); }), "");
  EXPECT_NE(broken([](json& d) { d["findings"][0]["line"] = 0; }), "");
  EXPECT_NE(broken([](json& d) { d["findings"][0]["column"] = "1"; }), "");
  EXPECT_NE(broken([](json& d) { d["findings"][0]["severity"] = "fatal"; }), "");
  EXPECT_NE(broken([](json& d) { d["findings"][0]["rule"] = "DL3008"; }), "");
  EXPECT_NE(broken([](json& d) {
              d["findings"][0]["fix"] = {{"description", "x"}, {"safe", true}};
            }),
            "");
  EXPECT_NE(
      broken([](json& d) {
        d["findings"][0]["fix"] = {{"description", "x"}, {"safe", "yes"}, {"edits", json::array()}};
      }),
      "");
}

}  // namespace
}  // namespace dd
