// Validation against the compose-spec JSON Schema with valijson over
// nlohmann_json. The Node tree is converted with YAML 1.2 core-schema types
// (interpolated values stay strings, as compose-go casts them later), and
// every error's path is mapped back to the node that caused it. valijson
// reports one unknown key per object (and sometimes the wrong one) and the
// raw output of oneOf branches; this file reads the schema itself to name
// every unknown key and turns the rest into one short message per problem.
#include "compose/schema.h"
#include "core/distance.h"

#include <algorithm>
#include <functional>
#include <locale>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <utility>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace dd::compose {

namespace {

using json = nlohmann::json;

struct Target {
  const Node* value;
  const Location* key;  // null for sequence items and the root
  std::string display;  // "services.web.ports[0]"
};

class Converter {
 public:
  std::map<std::string, Target> targets;  // by valijson context ("<root>[services][web]")

  json convert(const Node& n, const std::string& ctx, const std::string& display,
               const Location* key) {
    targets[ctx] = Target{&n, key, display};
    switch (n.kind) {
      case Node::Kind::Null:
        return nullptr;
      case Node::Kind::Scalar:
        return scalar(n);
      case Node::Kind::Sequence: {
        json a = json::array();
        for (size_t i = 0; i < n.items.size(); ++i)
          a.push_back(convert(n.items[i], ctx + "[" + std::to_string(i) + "]",
                              display + "[" + std::to_string(i) + "]", nullptr));
        return a;
      }
      case Node::Kind::Mapping: {
        json o = json::object();
        for (const MapEntry& e : n.entries)
          o[e.key.value] =
              convert(e.value, ctx + "[" + e.key.value + "]",
                      display.empty() ? e.key.value : display + "." + e.key.value, &e.key.loc);
        return o;
      }
    }
    return nullptr;
  }

 private:
  static json scalar(const Node& n) {
    switch (scalar_type(n)) {
      case ScalarType::Null:
        return nullptr;
      case ScalarType::Bool:
        return n.value[0] == 't' || n.value[0] == 'T';
      case ScalarType::Int: {
        try {
          const std::string& v = n.value;
          if (v.rfind("0o", 0) == 0) return std::stoll(v.substr(2), nullptr, 8);
          if (v.rfind("0x", 0) == 0) return std::stoll(v.substr(2), nullptr, 16);
          return std::stoll(v);
        } catch (const std::exception&) {
          return n.value;  // out of range: keep the text
        }
      }
      case ScalarType::Float: {
        try {
          double d = std::stod(n.value);
          if (std::isfinite(d)) return d;
        } catch (const std::exception&) {
        }
        return n.value;
      }
      case ScalarType::String:
        return n.value;
    }
    return n.value;
  }
};

// The compiled schema, parsed once per process.
// The top-level maps whose entries the schema checks through
// patternProperties. valijson stops at the first entry that fails such a
// pattern, so each entry is validated on its own against its definition.
const std::pair<const char*, const char*> kNamedSections[] = {
    {"services", "service"}, {"networks", "network"}, {"volumes", "volume"},
    {"secrets", "secret"},   {"configs", "config"},   {"models", "model"},
};

// A schema compiled on first use. call_once makes that safe when several
// compose projects are validated on the pool at once.
struct LazySchema {
  mutable std::once_flag once;
  mutable std::unique_ptr<valijson::Schema> schema;  // null when compiling failed
};

// A named section's entry definition (service, network, ...), compiled one
// property at a time, when a file first uses it: a file names a handful of
// the ~90 service keys, and compiling them all was most of a one-file run.
// This is exact for a definition made only of the keywords kSplittable: an
// object passes it when it passes the definition with every property's
// schema emptied (the "shell": type, unknown keys, required keys), and each
// property's value passes that property's schema.
struct SectionSchema {
  std::string pointer;  // "/definitions/service"
  bool split = false;
  json shell_doc;    // the shell, or nothing when not split
  LazySchema shell;  // the shell, or the whole definition when not split
  std::map<std::string, LazySchema> properties;
};

const char* const kSplittable[] = {"type",       "description", "$comment", "properties",
                                   "patternProperties", "additionalProperties", "required"};

struct CompiledSchema {
  json doc;
  valijson::Schema schema;
  std::map<std::string, SectionSchema> sections;  // by top-level key
  bool ok = false;
};

// The document's name in the references below: valijson fetches it through
// its remote-document hook, which reads the document without changing it.
constexpr const char* kDocUri = "urn:docker-doctor:compose-spec";  // absolute, or valijson resolves it locally

// Compiles the schema at JSON pointer `pointer` of `doc`. Thread-safe: `doc`
// is only read.
std::unique_ptr<valijson::Schema> compile_at(const json& doc, const std::string& pointer) {
  json root = {{"$ref", std::string(kDocUri) + "#" + pointer}};
  auto out = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(root);
  parser.populateSchema(
      adapter, *out, [&doc](const std::string& uri) { return uri == kDocUri ? &doc : nullptr; },
      [](const json*) {});  // the document is not the parser's to free
  return out;
}

std::unique_ptr<valijson::Schema> compile_standalone(const json& schema) {
  auto out = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(schema);
  parser.populateSchema(adapter, *out);
  return out;
}

const valijson::Schema* get(const LazySchema& lazy,
                            const std::function<std::unique_ptr<valijson::Schema>()>& compile) {
  std::call_once(lazy.once, [&] {
    try {
      lazy.schema = compile();
    } catch (const std::exception&) {
      lazy.schema = nullptr;  // that part goes unchecked rather than the run failing
    }
  });
  return lazy.schema.get();
}

// JSON pointer escaping of one reference token (RFC 6901).
std::string pointer_token(const std::string& name) {
  std::string out;
  for (char c : name) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

void prepare_section(const json& doc, const char* definition, SectionSchema* out) {
  out->pointer = std::string("/definitions/") + definition;
  const json& def = doc["definitions"][definition];
  bool splittable = def.is_object() && def.contains("properties") && def["properties"].is_object();
  for (const auto& [key, value] : def.items())
    splittable = splittable && std::find(std::begin(kSplittable), std::end(kSplittable), key) !=
                                   std::end(kSplittable);
  if (!splittable) return;
  json shell = def;
  for (auto& [name, schema] : shell["properties"].items()) schema = json::object();
  // A reference in the shell would resolve against the shell, not the document.
  if (shell.dump().find("\"$ref\"") != std::string::npos) return;
  out->split = true;
  out->shell_doc = std::move(shell);
  for (const auto& [name, schema] : def["properties"].items()) out->properties[name];
}

// Compiles the root schema without the named sections' entries (validation
// passes them emptied); the sections are compiled on demand, above.
void compile_root(json& doc, valijson::Schema* out) {
  json& properties = doc["properties"];
  std::vector<std::pair<std::string, json>> saved;
  for (const auto& [section, definition] : kNamedSections) {
    if (!properties.contains(section)) continue;
    json stub = json::object();
    if (properties[section].contains("type")) stub["type"] = properties[section]["type"];
    saved.emplace_back(section, std::exchange(properties[section], std::move(stub)));
  }
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  parser.populateSchema(adapter, *out);
  for (auto& [section, original] : saved) properties[section] = std::move(original);
}

// valijson compiles a std::regex for each pattern it checks, on the lint's
// threads, and std::regex reads std::ctype<char>::narrow(), whose per-
// character cache libstdc++ fills on first use (ThreadSanitizer reported
// those writes racing). Filling it here, before any validation, leaves the
// threads only reading. The default '\0' is never cached, and never asked.
void fill_narrow_cache() {
  const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
  for (int c = 1; c < 256; ++c) ctype.narrow(static_cast<char>(c), '\0');
}

// Only this initialiser changes `doc`, before it is shared read-only. It is
// never freed: tearing the compiled schema down at exit cost a tenth of a
// one-file run, and the process is ending anyway.
const CompiledSchema& compiled() {
  static const CompiledSchema* s = [] {
    auto* c = new CompiledSchema;
    fill_narrow_cache();
    try {
      c->doc = json::from_cbor(embedded_schema_cbor());
      compile_root(c->doc, &c->schema);
      for (const auto& [section, definition] : kNamedSections)
        if (c->doc["definitions"].contains(definition))
          prepare_section(c->doc, definition, &c->sections[section]);
      c->ok = true;
    } catch (const std::exception&) {
      c->ok = false;
    }
    return c;
  }();
  return *s;
}

// --- Reading the schema itself, for "did you mean" and expected types.

const json* deref(const json& root, const json* s) {
  for (int guard = 0; s && s->is_object() && s->contains("$ref") && guard < 16; ++guard) {
    std::string ref = (*s)["$ref"].get<std::string>();
    if (ref.rfind("#/definitions/", 0) != 0) return s;
    auto& defs = root["definitions"];
    std::string name = ref.substr(14);
    s = defs.contains(name) ? &defs[name] : nullptr;
  }
  return s;
}

// Every schema a value may be checked against: the schema itself and its
// oneOf/anyOf/allOf branches, references resolved.
void branches(const json& root, const json* s, std::vector<const json*>* out, int depth = 0) {
  s = deref(root, s);
  if (!s || !s->is_object() || depth > 8) return;
  out->push_back(s);
  for (const char* k : {"oneOf", "anyOf", "allOf"})
    if (s->contains(k) && (*s)[k].is_array())
      for (const json& b : (*s)[k]) branches(root, &b, out, depth + 1);
}

// The schemas that apply at `path` (property names and "[n]" indexes).
std::vector<const json*> schemas_at(const std::vector<std::string>& path) {
  const json& root = compiled().doc;
  std::vector<const json*> current;
  branches(root, &root, &current);
  for (const std::string& step : path) {
    std::vector<const json*> next;
    bool index = !step.empty() && step.front() == '#';
    for (const json* s : current) {
      if (index) {
        if (s->contains("items") && (*s)["items"].is_object())
          branches(root, &(*s)["items"], &next);
        continue;
      }
      if (s->contains("properties") && (*s)["properties"].contains(step)) {
        branches(root, &(*s)["properties"][step], &next);
        continue;
      }
      if (s->contains("patternProperties"))
        for (auto& [pattern, sub] : (*s)["patternProperties"].items()) {
          bool extension = pattern == "^x-";
          if (extension == (step.rfind("x-", 0) == 0)) branches(root, &sub, &next);
        }
      if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object())
        branches(root, &(*s)["additionalProperties"], &next);
    }
    current = std::move(next);
    if (current.empty()) break;
  }
  return current;
}

std::vector<std::string> known_keys(const std::vector<std::string>& path) {
  std::set<std::string> keys;
  for (const json* s : schemas_at(path))
    if (s->contains("properties"))
      for (auto& [k, v] : (*s)["properties"].items()) keys.insert(k);
  return {keys.begin(), keys.end()};
}

bool has_schema(const std::vector<std::string>& path) {
  return !schemas_at(path).empty();
}

// The keys of `object` that no schema at `path` declares or allows by pattern.
std::vector<std::string> unknown_keys(const Node& object, const std::vector<std::string>& path) {
  std::vector<const json*> schemas = schemas_at(path);
  std::vector<std::string> out;
  if (schemas.empty()) return out;
  for (const MapEntry& e : object.entries) {
    const std::string& key = e.key.value;
    bool allowed = false;
    for (const json* s : schemas) {
      if (s->contains("properties") && (*s)["properties"].contains(key)) allowed = true;
      if (s->contains("additionalProperties") && !(*s)["additionalProperties"].is_boolean())
        allowed = true;
      if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_boolean() &&
          (*s)["additionalProperties"].get<bool>())
        allowed = true;
      if (s->contains("patternProperties"))
        for (auto& [pattern, sub] : (*s)["patternProperties"].items()) {
          try {
            if (std::regex_search(key, std::regex(pattern, std::regex::ECMAScript))) allowed = true;
          } catch (const std::regex_error&) {
          }
        }
      // A branch with neither properties nor patterns constrains no keys.
      if (!s->contains("properties") && !s->contains("patternProperties") &&
          !s->contains("additionalProperties") && s->value("type", "") == "object")
        allowed = true;
      if (allowed) break;
    }
    if (!allowed) out.push_back(key);
  }
  return out;
}

std::string expected_types(const std::vector<std::string>& path) {
  std::set<std::string> types;
  for (const json* s : schemas_at(path)) {
    if (!s->contains("type")) continue;
    const json& t = (*s)["type"];
    if (t.is_string()) types.insert(t.get<std::string>());
    if (t.is_array())
      for (const json& x : t)
        if (x.is_string()) types.insert(x.get<std::string>());
  }
  std::string out;
  size_t i = 0;
  for (const std::string& t : types) {
    std::string word = t == "object"  ? "a mapping"
                       : t == "array" ? "a list"
                       : t == "null"  ? "null"
                                      : "a " + t;
    if (t == "integer") word = "an integer";
    out += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + word;
    ++i;
  }
  return out;
}

std::string enum_values(const std::vector<std::string>& path) {
  std::set<std::string> values;
  for (const json* s : schemas_at(path))
    if (s->contains("enum"))
      for (const json& v : (*s)["enum"])
        values.insert(v.is_string() ? v.get<std::string>() : v.dump());
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::string suggestion(const std::string& key, const std::vector<std::string>& known) {
  std::string best;
  size_t best_d = 3;  // like BuildKit's suggest: distance below 3
  for (const std::string& k : known) {
    size_t d = levenshtein(key, k);
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::string kind_name(const Node& n) {
  switch (scalar_type(n)) {
    case ScalarType::Null:
      return n.is_null() ? "null" : "null";
    case ScalarType::Bool:
      return "a boolean";
    case ScalarType::Int:
      return "an integer";
    case ScalarType::Float:
      return "a number";
    case ScalarType::String:
      break;
  }
  if (n.is_mapping()) return "a mapping";
  if (n.is_sequence()) return "a list";
  return "a string";
}

// "<root>[services][web][0]" -> {"services", "web", "#0"}; indexes are
// told apart from keys by the node kinds along the way.
std::vector<std::string> path_steps(const std::string& ctx,
                                    const std::map<std::string, Target>& targets) {
  std::vector<std::string> steps;
  std::string prefix = "<root>";
  size_t i = prefix.size();
  while (i < ctx.size() && ctx[i] == '[') {
    // Keys may hold ']' themselves: take the longest step that names a target.
    size_t close = ctx.find(']', i);
    while (close != std::string::npos && close + 1 < ctx.size() && ctx[close + 1] != '[' &&
           !targets.count(ctx.substr(0, close + 1)))
      close = ctx.find(']', close + 1);
    if (close == std::string::npos) break;
    std::string step = ctx.substr(i + 1, close - i - 1);
    auto parent = targets.find(prefix);
    bool index = parent != targets.end() && parent->second.value->is_sequence();
    steps.push_back(index ? "#" + step : step);
    prefix = ctx.substr(0, close + 1);
    i = close + 1;
  }
  return steps;
}

struct Problem {
  enum Class { Summary = 0, Type = 1, Other = 2, Required = 3, Unknown = 4 };
  Class cls;
  std::string ctx;  // where it applies (for unknown keys: the key's own context)
  Location loc;
  std::string message;
};

bool is_descendant(const std::string& child, const std::string& parent) {
  return child.size() > parent.size() && child.compare(0, parent.size(), parent) == 0 &&
         child[parent.size()] == '[';
}

}  // namespace

void validate_schema(const Node& root, std::vector<Diagnostic>* diagnostics) {
  const CompiledSchema& cs = compiled();
  if (!cs.ok || root.is_null()) return;
  Converter conv;
  json doc = conv.convert(root, "<root>", "", nullptr);
  auto display_of = [&](const Target& t) {
    return t.display.empty() ? std::string("the file") : t.display;
  };

  std::vector<Problem> problems;
  // The document without the named sections' entries, then each entry.
  std::vector<std::pair<std::string, std::string>> errors;  // context, description
  auto run = [&](const valijson::Schema& schema, const json& value, const std::string& prefix) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(value);
    if (validator.validate(schema, target, &results)) return;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
      std::string ctx = prefix;
      for (size_t i = 1; i < e.context.size(); ++i) ctx += e.context[i];  // [0] is "<root>"
      errors.emplace_back(ctx, e.description);
    }
  };
  json top = doc;
  std::vector<std::pair<std::string, const json*>> entries;  // section, its object
  if (top.is_object())
    for (const auto& [section, definition] : kNamedSections)
      if (cs.sections.count(section) && top.contains(section) && top[section].is_object()) {
        entries.emplace_back(section, &doc[section]);
        top[section] = json::object();
      }
  run(cs.schema, top, "<root>");
  for (const auto& [section, object] : entries) {
    const SectionSchema& ss = cs.sections.at(section);
    for (auto& [name, value] : object->items()) {
      std::string prefix = "<root>[" + section + "][" + name + "]";
      const valijson::Schema* shell = get(ss.shell, [&] {
        return ss.split ? compile_standalone(ss.shell_doc) : compile_at(cs.doc, ss.pointer);
      });
      if (shell) run(*shell, value, prefix);
      if (!ss.split || !value.is_object()) continue;
      for (auto& [key, v] : value.items()) {
        auto property = ss.properties.find(key);
        if (property == ss.properties.end()) continue;
        std::string pointer = ss.pointer + "/properties/" + pointer_token(key);
        const valijson::Schema* schema = get(property->second, [&] { return compile_at(cs.doc, pointer); });
        if (schema) run(*schema, v, prefix + "[" + key + "]");
      }
    }
  }
  if (errors.empty()) return;

  std::set<std::string> objects_checked;
  for (const auto& [ctx, description] : errors) {
    const std::string& d = description;
    auto it = conv.targets.find(ctx);
    if (it == conv.targets.end()) continue;
    const Target& t = it->second;
    std::vector<std::string> steps = path_steps(ctx, conv.targets);
    Problem p{Problem::Other, ctx, t.value->loc, ""};
    if (d.rfind("Object contains a property that could not be validated", 0) == 0) {
      // valijson names only the first unmatched key, and counts a key whose
      // value failed its pattern schema as unmatched: list the object's
      // unknown keys from the schema instead.
      if (!objects_checked.insert(ctx).second || !t.value->is_mapping()) continue;
      std::vector<std::string> unknown = unknown_keys(*t.value, steps);
      if (unknown.empty() && !has_schema(steps)) {
        size_t q2 = d.rfind('\'');
        size_t q1 = q2 == std::string::npos || q2 == 0 ? std::string::npos : d.rfind('\'', q2 - 1);
        if (q1 != std::string::npos) unknown.push_back(d.substr(q1 + 1, q2 - q1 - 1));
      }
      std::vector<std::string> known = known_keys(steps);
      for (const std::string& key : unknown) {
        Problem u{Problem::Unknown, ctx + "[" + key + "]", t.value->loc, ""};
        if (const Location* kl = t.value->key_location(key)) u.loc = *kl;
        u.message =
            (t.display.empty() ? "unknown top-level key '" : t.display + ": unknown key '") + key +
            "'" + suggestion(key, known);
        problems.push_back(std::move(u));
      }
      continue;
    }
    if (d.rfind("Value type not permitted", 0) == 0) {
      p.cls = Problem::Type;
      std::string want = expected_types(steps);
      p.message = display_of(t) + ": " + kind_name(*t.value) + " is not allowed here" +
                  (want.empty() ? "" : " (expected " + want + ")");
    } else if (d.rfind("Missing required property", 0) == 0) {
      p.cls = Problem::Required;
      size_t q2 = d.rfind('\'');
      size_t q1 = q2 == std::string::npos || q2 == 0 ? std::string::npos : d.rfind('\'', q2 - 1);
      p.message = display_of(t) + ": missing required key" +
                  (q1 == std::string::npos ? std::string() : " " + d.substr(q1, q2 - q1 + 1));
    } else if (d.rfind("Failed to match against any enum values", 0) == 0) {
      std::string values = enum_values(steps);
      p.message = display_of(t) + ": '" + t.value->value + "' is not allowed" +
                  (values.empty() ? "" : " (allowed: " + values + ")");
    } else if (d.rfind("Failed to match regex", 0) == 0) {
      p.message = display_of(t) + ": '" + t.value->value + "' is not in the expected format";
    } else if (d.find("violate uniqueness constraint") != std::string::npos) {
      // "Elements at indexes #0 and #15 violate uniqueness constraint."
      size_t h1 = d.find('#'), h2 = d.find('#', h1 + 1);
      size_t first = 0, second = 0;
      try {
        first = std::stoul(d.substr(h1 + 1));
        second = std::stoul(d.substr(h2 + 1));
      } catch (const std::exception&) {
      }
      if (t.value->is_sequence() && second < t.value->items.size() && first < second) {
        const Node& dup = t.value->items[second];
        p.ctx = ctx + "[" + std::to_string(second) + "]";
        p.loc = dup.loc;
        p.message = display_of(t) + ": item " + std::to_string(second) + " repeats item " +
                    std::to_string(first) +
                    (dup.is_scalar() ? " ('" + dup.value + "')" : std::string()) +
                    "; items must be unique";
      } else {
        p.message = display_of(t) + ": items must be unique";
      }
    } else if (d.rfind("Failed to validate", 0) == 0 || d.rfind("Failed to match", 0) == 0 ||
               d.find("child schema") != std::string::npos) {
      p.cls = Problem::Summary;
      p.message = display_of(t) + ": this value does not match any form Compose accepts";
    } else {
      std::string msg = d;
      if (!msg.empty() && msg.back() == '.') msg.pop_back();
      if (!msg.empty())
        msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
      p.message = display_of(t) + ": " + msg;
    }
    problems.push_back(std::move(p));
  }

  // One message per place: the most telling class at each path, and nothing
  // vague (wrong type, no branch matched) above a more precise problem below.
  std::map<std::string, int> best;
  for (const Problem& p : problems) best[p.ctx] = std::max(best[p.ctx], static_cast<int>(p.cls));
  std::set<std::string> said;
  for (const Problem& p : problems) {
    if (static_cast<int>(p.cls) < best[p.ctx]) continue;
    if (p.cls == Problem::Summary || p.cls == Problem::Type) {
      bool deeper = false;
      for (const Problem& q : problems)
        deeper = deeper || (is_descendant(q.ctx, p.ctx) && q.cls != Problem::Summary);
      for (const Problem& q : problems)
        deeper = deeper || (q.cls == Problem::Unknown &&
                            q.ctx.compare(0, p.ctx.size(), p.ctx) == 0 && q.ctx != p.ctx);
      if (deeper) continue;
    }
    if (!said.insert(p.ctx + "\n" + p.message).second) continue;
    diagnostics->push_back(Diagnostic{Diagnostic::Kind::SchemaViolation, p.loc, p.message});
  }
}

}  // namespace dd::compose
