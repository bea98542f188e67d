// Schema validation of compose files: all errors, each at the value or key
// it concerns, YAML 1.2 typing, interpolated values validated as strings.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compose/loader.h"
#include "compose/schema.h"
#include "compose_test_util.h"

namespace {

using dd::compose::Diagnostic;
using dd::compose::Project;
using dd::compose::testing::Files;

std::vector<std::string> schema_errors(const std::string& text,
                                       std::map<std::string, std::string> env = {}) {
  Files f;
  f.files["compose.yaml"] = text;
  f.env = std::move(env);
  Project p = f.load({"compose.yaml"}, true);
  std::vector<std::string> out;
  for (const Diagnostic& d : p.diagnostics)
    if (d.kind == Diagnostic::Kind::SchemaViolation)
      out.push_back(std::to_string(d.loc.span.start.line) + ":" +
                    std::to_string(d.loc.span.start.column) + " " + d.message);
  return out;
}

// The embedded CBOR is the pinned file, less its annotation texts: every
// keyword that validates survives the build step.
void drop_annotations(nlohmann::json& node) {
  if (node.is_object()) {
    for (const char* key : {"description", "$comment"})
      if (node.contains(key) && node[key].is_string()) node.erase(key);
    for (auto& item : node) drop_annotations(item);
  } else if (node.is_array()) {
    for (auto& item : node) drop_annotations(item);
  }
}

TEST(ComposeSchema, EmbeddedSchemaIsThePinnedFileWithoutAnnotations) {
  std::ifstream in(std::string(DD_SOURCE_DIR) +
                   "/schemas/node_modules/dclint/schemas/compose.schema.json");
  ASSERT_TRUE(in) << "schemas/node_modules is missing: run scripts/deps.sh";
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json pinned = nlohmann::json::parse(text.str());
  ASSERT_TRUE(pinned.contains("definitions"));
  ASSERT_TRUE(pinned["definitions"]["service"].contains("description"));
  drop_annotations(pinned);
  nlohmann::json embedded = nlohmann::json::from_cbor(dd::compose::embedded_schema_cbor());
  EXPECT_EQ(embedded, pinned);
  EXPECT_FALSE(embedded["definitions"]["service"].contains("description"));
}

TEST(ComposeSchema, ValidFilesPass) {
  EXPECT_TRUE(
      schema_errors("services:\n  web:\n    image: nginx\n    x-anything: {a: [1]}\nx-top: 1\n")
          .empty());
  EXPECT_TRUE(schema_errors("name: demo\nservices: {}\nvolumes:\n  data:\n").empty());
}

TEST(ComposeSchema, ReportsEveryErrorInEveryService) {
  auto e = schema_errors(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    volumns: []\n"
      "    commnd: [x]\n"
      "  b:\n"
      "    image: [not, a, string]\n"
      "  c:\n"
      "    cpus: {}\n");
  ASSERT_EQ(e.size(), 4u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0], "4:5 services.a: unknown key 'volumns' (did you mean 'volumes'?)");
  EXPECT_EQ(e[1], "5:5 services.a: unknown key 'commnd' (did you mean 'command'?)");
  EXPECT_EQ(e[2], "7:12 services.b.image: a list is not allowed here (expected a string)");
  EXPECT_EQ(e[3].substr(0, 34), "9:11 services.c.cpus: a mapping is");
}

TEST(ComposeSchema, ScalarsAreTypedAsYaml12) {
  // `yes` is a string in YAML 1.2, and `read_only` wants a boolean (or a
  // string, for interpolation): accepted. A number where a list belongs is not.
  EXPECT_TRUE(schema_errors("services:\n  a:\n    image: x\n    read_only: yes\n").empty());
  auto e = schema_errors("services:\n  a:\n    image: x\n    ports: 80\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("an integer is not allowed here (expected a list)"), std::string::npos)
      << e[0];
  // Quoted numbers are strings.
  EXPECT_TRUE(schema_errors("services:\n  a:\n    image: \"1.0\"\n").empty());
  auto f = schema_errors("services:\n  a:\n    image: 1.0\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].find("a number is not allowed here (expected a string)"), std::string::npos)
      << f[0];
}

TEST(ComposeSchema, InterpolatedValuesAreStrings) {
  // ${REPLICAS} becomes "3": a string where the schema also takes strings.
  EXPECT_TRUE(
      schema_errors("services:\n  a:\n    image: x\n    deploy:\n      replicas: ${REPLICAS}\n",
                    {{"REPLICAS", "3"}})
          .empty());
  auto e = schema_errors("services:\n  a:\n    image: ${IMAGE}\n    container_name: ${NAME}\n",
                         {{"IMAGE", "x"}, {"NAME", "x"}});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("container_name: 'x' is not in the expected format"), std::string::npos)
      << e[0];
}

TEST(ComposeSchema, UnknownTopLevelKeysAndEnums) {
  auto e = schema_errors(
      "servics:\n  a: {}\nservices:\n  a:\n    image: x\n    pull_policy: sometimes\n");
  ASSERT_EQ(e.size(), 2u) << ::testing::PrintToString(e);
  EXPECT_EQ(e[0], "1:1 unknown top-level key 'servics' (did you mean 'services'?)");
  EXPECT_NE(e[1].find("services.a.pull_policy: 'sometimes' is not"), std::string::npos) << e[1];
}

TEST(ComposeSchema, OverrideFilesAreValidatedEachAtTheirOwnPlace) {
  Files f;
  f.files["compose.yaml"] = "services:\n  a:\n    image: x\n";
  f.files["compose.override.yaml"] = "services:\n  a:\n    enviroment: [A=1]\n";
  Project p = f.load({"compose.yaml", "compose.override.yaml"}, true);
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].loc.file, "compose.override.yaml");
  EXPECT_EQ(p.diagnostics[0].loc.span.start.line, 3);
  EXPECT_NE(p.diagnostics[0].message.find("did you mean 'environment'?"), std::string::npos);
}

}  // namespace
