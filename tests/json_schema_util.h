// Validating a JSON document against one of the schemas the project
// publishes (docs/schema/*.schema.json, all draft-07), for the tests that
// check an output or input format against its schema.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace dd::testing {

// The schema docs/schema/NAME (e.g. "findings.schema.json"), parsed.
inline nlohmann::json published_schema(const std::string& name) {
  std::ifstream in(std::string(DD_SOURCE_DIR) + "/docs/schema/" + name);
  if (!in) throw std::runtime_error("docs/schema/" + name + " is missing");
  return nlohmann::json::parse(in);
}

// The validation errors of `doc` against `schema_doc`, one per line with the
// path into the document; empty when `doc` is valid.
inline std::string schema_errors(const nlohmann::json& schema_doc, const nlohmann::json& doc) {
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(schema, target, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    for (const std::string& c : e.context) errors += c;
    errors += ": " + e.description + "\n";
  }
  return errors.empty() ? "invalid" : errors;
}

}  // namespace dd::testing
