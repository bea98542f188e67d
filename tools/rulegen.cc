// dd-rulegen: validates rules/DDnnn.md and generates the rule table.
//
//   dd-rulegen <out.cc> rules/DD000.md rules/DD601.md ...
//
// The Markdown files are the only place rule metadata lives. This tool checks
// each one (front matter keys and values, required sections, runnable
// examples) and fails the build with `file:line: message` on any problem, so
// a broken rule doc can never reach the binary. It writes one .cc defining
// dd::all_rules(), dd::find_rule() and dd::rule_checks().
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../src/rules/rule_doc.h"

namespace {

struct Rule {
  std::string path;
  std::string text;  // the whole file
  size_t body_offset = 0;
  std::string id, name, summary, severity, category, scope, status, origin;
  bool fixable = false;
  bool enabled_by_default = true;  // `default: off`: runs only when enabled
  std::string hadolint, buildkit;
  int id_line = 1, name_line = 1;
};

struct Errors {
  int count = 0;
  void add(const std::string& path, int line, const std::string& message) {
    std::cerr << path << ":" << line << ": " << message << "\n";
    ++count;
  }
};

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_rule_id(const std::string& s) {
  return s.size() == 5 && s[0] == 'D' && s[1] == 'D' && isdigit((unsigned char)s[2]) &&
         isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]);
}

bool is_kebab(const std::string& s) {
  if (s.empty() || !islower((unsigned char)s[0])) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '-') {
      if (i + 1 == s.size() || s[i + 1] == '-') return false;
    } else if (!islower((unsigned char)c) && !isdigit((unsigned char)c)) {
      return false;
    }
  }
  return true;
}

const std::set<std::string> kSeverities = {"error", "warning", "info", "style"};
const std::set<std::string> kScopes = {"dockerfile", "compose", "project"};
const std::set<std::string> kStatuses = {"active", "removed"};
// `check`: a function check_ddNNN reports it. `engine`: the linter itself
// reports it (an internal error), so no Dockerfile can show it and it has no
// check function and no runnable examples.
const std::set<std::string> kOrigins = {"check", "engine"};
const std::vector<std::string> kRequiredKeys = {"id",    "name",  "summary", "severity",
                                                "category", "scope", "fixable", "status"};
const std::set<std::string> kOptionalKeys = {"hadolint", "buildkit", "origin", "default"};
// Sections in the order they must appear; Options is optional.
const std::vector<std::string> kSections = {"What it does", "Why it matters", "Example",
                                            "How to fix",   "Options",        "See also"};
const std::set<std::string> kExampleTags = {"bad", "good", "fixed"};

// A scalar, or a YAML list of scalars joined with ", ".
bool scalar_or_list(const YAML::Node& node, std::string& out) {
  if (node.IsScalar()) {
    out = node.as<std::string>();
    return true;
  }
  if (!node.IsSequence()) return false;
  out.clear();
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) return false;
    if (!out.empty()) out += ", ";
    out += item.as<std::string>();
  }
  return true;
}

void check_front_matter(Rule& rule, const dd::ruledoc::FrontMatter& fm, Errors& errors) {
  const std::string& path = rule.path;
  // yaml-cpp keeps the last of duplicated keys silently; a rule doc with two
  // `severity:` lines is a mistake worth failing on.
  std::map<std::string, int> seen;
  for (const dd::ruledoc::Line& line : dd::ruledoc::split_lines(fm.yaml)) {
    std::string_view t = line.text;
    size_t colon = t.find(':');
    if (t.empty() || t[0] == ' ' || t[0] == '#' || t[0] == '-' || colon == std::string_view::npos)
      continue;
    std::string key(t.substr(0, colon));
    int lineno = line.number + fm.yaml_first_line - 1;
    if (seen.count(key)) errors.add(path, lineno, "duplicate key '" + key + "'");
    seen[key] = lineno;
  }

  YAML::Node root;
  try {
    root = YAML::Load(std::string(fm.yaml));
  } catch (const YAML::Exception& e) {
    errors.add(path, fm.yaml_first_line + (e.mark.line >= 0 ? e.mark.line : 0),
               "front matter is not valid YAML: " + e.msg);
    return;
  }
  if (!root.IsMap()) {
    errors.add(path, fm.yaml_first_line, "front matter must be a YAML mapping of keys to values");
    return;
  }
  auto line_of = [&](const YAML::Node& n) {
    return fm.yaml_first_line + (n.Mark().line >= 0 ? n.Mark().line : 0);
  };
  std::map<std::string, YAML::Node> values;
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>();
    if (std::find(kRequiredKeys.begin(), kRequiredKeys.end(), key) == kRequiredKeys.end() &&
        !kOptionalKeys.count(key)) {
      errors.add(path, line_of(kv.first), "unknown key '" + key + "'");
      continue;
    }
    values[key] = kv.second;
  }
  for (const std::string& key : kRequiredKeys)
    if (!values.count(key)) errors.add(path, fm.yaml_first_line, "missing required key '" + key + "'");

  auto text = [&](const std::string& key, std::string& out, int* line = nullptr) {
    auto it = values.find(key);
    if (it == values.end()) return false;
    if (line) *line = line_of(it->second);
    if (!it->second.IsScalar() || it->second.as<std::string>().empty()) {
      errors.add(path, line_of(it->second), "'" + key + "' must be a non-empty string");
      return false;
    }
    out = it->second.as<std::string>();
    return true;
  };

  std::string expected_id = base_name(path);
  if (expected_id.size() > 3 && expected_id.substr(expected_id.size() - 3) == ".md")
    expected_id.resize(expected_id.size() - 3);
  if (text("id", rule.id, &rule.id_line)) {
    if (!is_rule_id(rule.id))
      errors.add(path, rule.id_line, "id '" + rule.id + "' is not of the form DDnnn");
    else if (rule.id != expected_id)
      errors.add(path, rule.id_line,
                 "id '" + rule.id + "' does not match the file name (expected '" + expected_id + "')");
  }
  if (text("name", rule.name, &rule.name_line) && !is_kebab(rule.name))
    errors.add(path, rule.name_line,
               "name '" + rule.name + "' must be kebab-case (lower-case words joined by '-')");
  int line = 0;
  if (text("summary", rule.summary, &line) && rule.summary.find('\n') != std::string::npos)
    errors.add(path, line, "summary must be one line");
  if (text("severity", rule.severity, &line) && !kSeverities.count(rule.severity))
    errors.add(path, line, "severity '" + rule.severity + "' is not one of error, warning, info, style");
  text("category", rule.category);
  if (text("scope", rule.scope, &line) && !kScopes.count(rule.scope))
    errors.add(path, line, "scope '" + rule.scope + "' is not one of dockerfile, compose, project");
  if (text("status", rule.status, &line) && !kStatuses.count(rule.status))
    errors.add(path, line, "status '" + rule.status + "' is not one of active, removed");
  rule.origin = "check";
  if (values.count("origin") && text("origin", rule.origin, &line) && !kOrigins.count(rule.origin))
    errors.add(path, line, "origin '" + rule.origin + "' is not one of check, engine");
  if (values.count("fixable")) {
    const YAML::Node& n = values["fixable"];
    bool ok = n.IsScalar();
    if (ok) {
      std::string v = n.as<std::string>();
      ok = v == "true" || v == "false";
      rule.fixable = v == "true";
    }
    if (!ok) errors.add(path, line_of(n), "fixable must be true or false");
  }
  // `default: off` keeps a rule quiet until the configuration or --enable
  // turns it on: matters of taste (ordering) that a team opts into.
  if (values.count("default")) {
    const YAML::Node& n = values["default"];
    bool ok = n.IsScalar();
    if (ok) {
      std::string v = n.as<std::string>();
      ok = v == "on" || v == "off";
      rule.enabled_by_default = v != "off";
    }
    if (!ok) errors.add(path, line_of(n), "default must be on or off");
  }
  for (const char* key : {"hadolint", "buildkit"}) {
    auto it = values.find(key);
    if (it == values.end()) continue;
    std::string& out = std::string(key) == "hadolint" ? rule.hadolint : rule.buildkit;
    if (!scalar_or_list(it->second, out))
      errors.add(path, line_of(it->second),
                 std::string(key) + " must be a name or a list of names");
  }
}

void check_body(Rule& rule, std::string_view body_text, int first_line, Errors& errors) {
  const std::string& path = rule.path;
  dd::ruledoc::Body body = dd::ruledoc::parse_body(body_text, first_line);
  size_t next = 0;  // index into kSections of the earliest section still allowed
  std::set<std::string> present;
  for (const dd::ruledoc::Section& s : body.sections) {
    auto it = std::find(kSections.begin(), kSections.end(), s.title);
    if (it == kSections.end()) {
      errors.add(path, s.line,
                 "unknown section '## " + s.title +
                     "' (sections: What it does, Why it matters, Example, How to fix, Options, See also)");
      continue;
    }
    if (present.count(s.title)) {
      errors.add(path, s.line, "section '## " + s.title + "' appears twice");
      continue;
    }
    size_t index = it - kSections.begin();
    if (index < next) errors.add(path, s.line, "section '## " + s.title + "' is out of order");
    next = std::max(next, index + 1);
    present.insert(s.title);
  }
  for (const std::string& s : kSections)
    if (s != "Options" && !present.count(s))
      errors.add(path, first_line, "missing section '## " + s + "'");

  // Compose-scope rules show compose snippets; the others Dockerfiles.
  const std::string lang = rule.scope == "compose" ? "yaml" : "dockerfile";
  int bad = 0, good = 0;
  for (const dd::ruledoc::CodeBlock& b : body.blocks) {
    if (!b.closed) errors.add(path, b.line, "code block is never closed");
    if (b.language != lang) continue;
    // One example tag, and optionally the file's path in the example's
    // repository (`file=services/api/Dockerfile.dev`), which project rules
    // need: their examples are several files.
    int kinds = 0, files = 0;
    bool unknown = false;
    for (const std::string& t : b.tags) {
      if (kExampleTags.count(t))
        ++kinds;
      else if (t.rfind("file=", 0) == 0 && t.size() > 5)
        ++files;
      else
        unknown = true;
    }
    if (kinds != 1 || files > 1 || unknown) {
      errors.add(path, b.line,
                 "a " + lang + " example needs exactly one tag, bad, good or fixed, and at most one "
                 "file=PATH (```" + lang + " bad file=Dockerfile.dev)");
      continue;
    }
    if (rule.scope == "project" && files == 0)
      errors.add(path, b.line,
                 "a project rule's example is several files: give each block its path "
                 "(```dockerfile bad file=Dockerfile.dev)");
    if (b.section != "Example") errors.add(path, b.line, lang + " examples belong in '## Example'");
    if (b.has_tag("fixed") && !rule.fixable)
      errors.add(path, b.line,
                 "a fixed example shows what the automatic fix makes of the bad one; this rule is not fixable");
    if (b.has_tag("bad")) ++bad;
    if (b.has_tag("good")) ++good;
  }
  // An engine-reported rule cannot be shown by a Dockerfile, so it has no
  // runnable examples; every other rule shows at least one of each.
  if (rule.origin != "engine" && rule.status != "removed") {
    if (bad == 0) errors.add(path, first_line, "needs at least one ```" + lang + " bad example");
    if (good == 0) errors.add(path, first_line, "needs at least one ```" + lang + " good example");
  }
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// A C++ string literal for any bytes: printable ASCII as is, the rest as
// three-digit octal escapes (which cannot run into a following digit the way
// hex escapes do). One literal per source line keeps the output readable.
std::string literal(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '?': out += "\\?"; break;
      case '\n':
        out += "\\n";
        if (i + 1 < s.size()) out += "\"\n    \"";
        break;
      case '\t': out += "\\t"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", c);
          out += buf;
        }
    }
  }
  out += "\"";
  return out;
}

std::string severity_enum(const std::string& s) {
  if (s == "error") return "Severity::Error";
  if (s == "info") return "Severity::Info";
  if (s == "style") return "Severity::Style";
  return "Severity::Warning";
}

std::string scope_enum(const std::string& s) {
  if (s == "compose") return "RuleScope::Compose";
  if (s == "project") return "RuleScope::Project";
  return "RuleScope::Dockerfile";
}

// The check context a rule of `scope` receives.
std::string context_type(const std::string& scope) {
  if (scope == "project") return "ProjectCheckContext";
  if (scope == "compose") return "ComposeCheckContext";
  return "CheckContext";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower((unsigned char)c));
  return s;
}

bool has_check(const Rule& r) { return r.status == "active" && r.origin == "check"; }

std::string generate(const std::vector<Rule>& rules) {
  std::ostringstream o;
  o << "// Generated by dd-rulegen from rules/*.md. Do not edit: edit the Markdown.\n"
       "#include <cctype>\n"
       "#include <string_view>\n"
       "#include <vector>\n\n"
       "#include \"docker_doctor/rule.h\"\n"
       "#include \"rules/check.h\"\n"
       "#include \"rules/compose_check.h\"\n"
       "#include \"rules/project_check.h\"\n\n"
       "namespace dd {\n\n";
  // Each scope's checks take that scope's context (rules/README.md).
  for (const Rule& r : rules)
    if (has_check(r))
      o << "void check_" << lower(r.id) << "(" << context_type(r.scope) << "& ctx);\n";
  o << "\nnamespace {\n\n";
  for (const Rule& r : rules)
    o << "// " << base_name(r.path) << "\nconstexpr char kDoc" << r.id << "[] =\n    "
      << literal(r.text) << ";\n\n";
  o << "bool ascii_iequal(std::string_view a, std::string_view b) {\n"
       "  if (a.size() != b.size()) return false;\n"
       "  for (size_t i = 0; i < a.size(); ++i)\n"
       "    if (std::tolower(static_cast<unsigned char>(a[i])) !=\n"
       "        std::tolower(static_cast<unsigned char>(b[i])))\n"
       "      return false;\n"
       "  return true;\n"
       "}\n\n"
       "}  // namespace\n\n";
  o << "const std::vector<RuleInfo>& all_rules() {\n"
       "  static const std::vector<RuleInfo> rules = {\n";
  for (const Rule& r : rules) {
    o << "      {" << literal(r.id) << ", " << literal(r.name) << ", " << literal(r.summary) << ", "
      << severity_enum(r.severity) << ", " << literal(r.category) << ", " << scope_enum(r.scope)
      << ", " << (r.fixable ? "true" : "false") << ", " << literal(r.hadolint) << ", "
      << literal(r.buildkit) << ",\n"
      << "       std::string_view(kDoc" << r.id << ", " << r.text.size() << "),\n"
      << "       std::string_view(kDoc" << r.id << " + " << r.body_offset << ", "
      << r.text.size() - r.body_offset << "), " << (r.status == "removed" ? "true" : "false")
      << ", " << (r.enabled_by_default ? "true" : "false") << "},\n";
  }
  o << "  };\n"
       "  return rules;\n"
       "}\n\n"
       "const RuleInfo* find_rule(std::string_view id_or_name) {\n"
       "  for (const RuleInfo& r : all_rules())\n"
       "    if (ascii_iequal(r.id, id_or_name) || ascii_iequal(r.name, id_or_name)) return &r;\n"
       "  return nullptr;\n"
       "}\n\n"
       "const std::vector<RuleCheck>& rule_checks() {\n"
       "  static const std::vector<RuleCheck> checks = {\n";
  for (const Rule& r : rules)
    if (has_check(r) && r.scope == "dockerfile")
      o << "      {" << literal(r.id) << ", &check_" << lower(r.id) << "},\n";
  o << "  };\n"
       "  return checks;\n"
       "}\n\n"
       "const std::vector<ProjectRuleCheck>& project_rule_checks() {\n"
       "  static const std::vector<ProjectRuleCheck> checks = {\n";
  for (const Rule& r : rules)
    if (has_check(r) && r.scope == "project")
      o << "      {" << literal(r.id) << ", &check_" << lower(r.id) << "},\n";
  o << "  };\n"
       "  return checks;\n"
       "}\n\n"
       "const std::vector<ComposeRuleCheck>& compose_rule_checks() {\n"
       "  static const std::vector<ComposeRuleCheck> checks = {\n";
  for (const Rule& r : rules)
    if (has_check(r) && r.scope == "compose")
      o << "      {" << literal(r.id) << ", &check_" << lower(r.id) << "},\n";
  o << "  };\n"
       "  return checks;\n"
       "}\n\n"
       "}  // namespace dd\n";
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: dd-rulegen <out.cc> rules/DDnnn.md...\n";
    return 2;
  }
  std::string out_path = argv[1];
  Errors errors;
  std::vector<Rule> rules;
  for (int i = 2; i < argc; ++i) {
    Rule rule;
    rule.path = argv[i];
    if (!read_file(rule.path, rule.text)) {
      errors.add(rule.path, 1, "cannot read the file");
      continue;
    }
    dd::ruledoc::FrontMatter fm = dd::ruledoc::split_front_matter(rule.text);
    if (!fm.found) {
      errors.add(rule.path, 1, "missing YAML front matter (the file must open with a '---' line and close it with another)");
      continue;
    }
    rule.body_offset = fm.body_offset;
    check_front_matter(rule, fm, errors);
    check_body(rule, std::string_view(rule.text).substr(fm.body_offset), fm.body_first_line, errors);
    rules.push_back(std::move(rule));
  }
  if (rules.empty() && errors.count == 0) errors.add("rules", 1, "no rule files given");

  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  std::map<std::string, const Rule*> by_id, by_name;
  for (const Rule& r : rules) {
    if (!r.id.empty()) {
      auto [it, fresh] = by_id.emplace(r.id, &r);
      if (!fresh)
        errors.add(r.path, r.id_line, "id " + r.id + " is also used by " + it->second->path);
    }
    if (!r.name.empty()) {
      auto [it, fresh] = by_name.emplace(r.name, &r);
      if (!fresh)
        errors.add(r.path, r.name_line,
                   "name '" + r.name + "' is also used by " + it->second->path);
    }
  }
  if (errors.count) {
    std::cerr << "dd-rulegen: " << errors.count << " problem(s) in rules/*.md\n";
    return 1;
  }

  // Write through a temporary so a failed write never leaves half a table
  // for the compiler to choke on.
  std::string tmp = out_path + ".tmp";
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(out_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  {
    std::ofstream out(tmp, std::ios::binary);
    out << generate(rules);
    if (!out) {
      std::cerr << out_path << ":1: cannot write the generated file\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    std::cerr << out_path << ":1: cannot move the generated file into place\n";
    return 1;
  }
  return 0;
}
