// dd-schemagen: compiles the pinned compose-spec JSON Schema into a C++
// source that embeds it as CBOR, without its "description" and "$comment"
// texts, which no check reads. Decoding CBOR at start-up costs a fraction
// of lexing the 50 kB of JSON text, and the one compose file of an editor
// or a pre-commit hook pays that start-up on every run.
//
//   dd-schemagen OUT.cc compose.schema.json
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;

// Annotation keywords hold strings. A property *named* "description" holds
// an object (its schema), so it is kept.
void strip_annotations(json& node) {
  if (node.is_object()) {
    for (const char* key : {"description", "$comment"})
      if (node.contains(key) && node[key].is_string()) node.erase(key);
    for (auto& [key, value] : node.items()) strip_annotations(value);
  } else if (node.is_array()) {
    for (json& item : node) strip_annotations(item);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: dd-schemagen OUT.cc compose.schema.json\n";
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  json schema;
  try {
    schema = json::parse(text.str());
  } catch (const json::exception& e) {
    std::cerr << argv[2] << ": not JSON: " << e.what() << "\n";
    return 1;
  }
  strip_annotations(schema);
  std::vector<std::uint8_t> cbor = json::to_cbor(schema);

  std::ostringstream out;
  out << "// Generated from " << argv[2] << " by dd-schemagen (tools/schemagen.cc). Do not edit.\n"
      << "#include <cstdint>\n#include <span>\n\n"
      << "namespace dd::compose {\n\nnamespace {\nconst std::uint8_t kSchemaCbor[] = {";
  for (size_t i = 0; i < cbor.size(); ++i) out << (i % 20 == 0 ? "\n" : "") << int(cbor[i]) << ",";
  out << "\n};\n}  // namespace\n\n"
      << "std::span<const std::uint8_t> embedded_schema_cbor() { return kSchemaCbor; }\n\n"
      << "}  // namespace dd::compose\n";
  std::ofstream file(argv[1], std::ios::binary);
  file << out.str();
  return file ? 0 : 1;
}
