// Lookups on the compose tree and YAML 1.2 core-schema typing of scalars.
#include "compose/node.h"

#include <cctype>

#include "compose/model.h"

namespace dd::compose {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const MapEntry& e : entries)
    if (e.key.value == key) return &e.value;
  return nullptr;
}

Node* Node::get(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->get(key));
}

const Location* Node::key_location(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const MapEntry& e : entries)
    if (e.key.value == key) return &e.key.loc;
  return nullptr;
}

namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(static_cast<unsigned char>(c))) return false;
  return true;
}

int is_octal(int c) {
  return c >= '0' && c <= '7';
}

bool is_int(std::string_view s) {
  if (s.rfind("0o", 0) == 0) return all_of(s.substr(2), is_octal);
  if (s.rfind("0x", 0) == 0) return all_of(s.substr(2), isxdigit);
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return all_of(s, isdigit);
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, and the
// .inf / .nan spellings.
bool is_float(std::string_view s) {
  for (std::string_view w : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                             "-.INF", ".nan", ".NaN", ".NAN"})
    if (s == w) return true;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

}  // namespace

ScalarType scalar_type(const Node& n) {
  if (n.kind == Node::Kind::Null) return ScalarType::Null;
  if (n.kind != Node::Kind::Scalar || n.quoted || n.interpolated()) return ScalarType::String;
  if (n.tag == "tag:yaml.org,2002:str") return ScalarType::String;
  const std::string& v = n.value;
  if (v == "true" || v == "True" || v == "TRUE" || v == "false" || v == "False" || v == "FALSE")
    return ScalarType::Bool;
  if (v == "null" || v == "Null" || v == "NULL" || v == "~" || v.empty()) return ScalarType::Null;
  if (is_int(v)) return ScalarType::Int;
  if (is_float(v)) return ScalarType::Float;
  return ScalarType::String;
}

bool is_true(const Node& n) {
  return n.is_scalar() && (n.value == "true" || n.value == "True" || n.value == "TRUE");
}

const Service* Project::service(std::string_view name) const {
  for (const Service& s : services)
    if (s.name.value == name) return &s;
  return nullptr;
}

const SourceFile* Project::file(std::string_view display) const {
  for (const SourceFile& f : files)
    if (f.display == display) return &f;
  return nullptr;
}

}  // namespace dd::compose
