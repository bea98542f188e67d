// The SARIF reporter: see sarif_reporter.h and docs/output-formats.md.
#include "report/sarif_reporter.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "docker_doctor/fingerprint.h"
#include "docker_doctor/rule.h"
#include "report/line_index.h"
#include "report/rule_doc.h"

namespace dd {

namespace {

using nlohmann::ordered_json;

// The key under which our fingerprints go in partialFingerprints. Versioned,
// as SARIF asks, so a future change of the hash can use a new key.
constexpr const char* kFingerprintKey = "dockerDoctor/v1";

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
    case Severity::Style:
      return "note";
  }
  return "warning";
}

// The rules the log describes: every rule that can run, in id order; a
// result's ruleIndex points into this list.
std::vector<const RuleInfo*> listed_rules() {
  std::vector<const RuleInfo*> out;
  for (const RuleInfo& r : all_rules())
    if (!r.removed) out.push_back(&r);
  return out;
}

int rule_index(const std::vector<const RuleInfo*>& rules, std::string_view id) {
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const RuleInfo* r, std::string_view v) { return r->id < v; });
  return it != rules.end() && (*it)->id == id ? static_cast<int>(it - rules.begin()) : -1;
}

ordered_json message(std::string_view text) {
  ordered_json m;
  m["text"] = text;
  return m;
}

ordered_json region(const DisplayRange& r) {
  ordered_json j;
  j["startLine"] = r.line;
  j["startColumn"] = r.column;
  j["endLine"] = r.end_line;
  j["endColumn"] = r.end_column;
  return j;
}

ordered_json artifact_location(std::string_view path) {
  ordered_json j;
  j["uri"] = sarif_uri(path);
  if (path.empty() || path.front() != '/') j["uriBaseId"] = "%SRCROOT%";
  return j;
}

ordered_json describe_rule(const RuleInfo& r) {
  ordered_json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["shortDescription"] = message(r.summary);
  std::string full = rule_description(r);
  j["fullDescription"] = message(full.empty() ? std::string(r.summary) : full);
  ordered_json help;
  std::string markdown = rule_help_markdown(r);
  help["text"] = markdown;  // Markdown reads well as plain text too
  help["markdown"] = markdown;
  j["helpUri"] = rule_help_uri(r.id);
  j["help"] = std::move(help);
  j["defaultConfiguration"]["level"] = level_of(r.severity);
  // SARIF's default is enabled; say so only for the `default: off` rules.
  if (!r.enabled_by_default) j["defaultConfiguration"]["enabled"] = false;
  ordered_json properties;
  ordered_json tags = ordered_json::array();
  std::string security = security_severity(r.category, r.severity);
  if (!security.empty()) tags.push_back("security");
  // SARIF requires unique tags: a rule of category `security` has it once.
  if (security.empty() || r.category != "security") tags.push_back(r.category);
  properties["tags"] = std::move(tags);
  if (!security.empty()) properties["security-severity"] = security;
  j["properties"] = std::move(properties);
  return j;
}

// Findings carry text from the user's files, which need not be valid UTF-8:
// replace bad bytes rather than fail, as JSON must be UTF-8.
std::string dump(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

std::string rule_help_uri(std::string_view rule_id) {
  return fmt::format("{}/blob/main/rules/{}.md", kProjectUrl, rule_id);
}

std::string security_severity(std::string_view category, Severity severity) {
  // Rules whose findings weaken the image or the supply chain: installs that
  // bypass the lockfile (dependencies), what a production image carries and
  // runs as (production), and anything filed under security.
  if (category != "security" && category != "dependencies" && category != "production") return "";
  switch (severity) {
    case Severity::Error:
      return "7.5";  // high
    case Severity::Warning:
      return "5.5";  // medium
    case Severity::Info:
      return "3.5";  // low
    case Severity::Style:
      return "1.0";  // low
  }
  return "";
}

std::string sarif_uri(std::string_view path) {
  std::string out;
  bool absolute = !path.empty() && path.front() == '/';
  if (absolute) out = "file://";
  // "./x" and "x" name the same file; the first is no URI GitHub matches.
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : path) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      // Everything else, ':' included (a colon in the first segment would
      // read as a scheme), is percent-encoded byte by byte.
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void SarifReporter::add_file(std::string_view text, const std::vector<Finding>& findings) {
  if (findings.empty()) return;
  static const std::vector<const RuleInfo*> rules = listed_rules();
  LineIndex lines(text);
  std::vector<std::string> prints = fingerprints(text, findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    ordered_json j;
    j["ruleId"] = f.rule_id;
    if (int index = rule_index(rules, f.rule_id); index >= 0) j["ruleIndex"] = index;
    j["level"] = level_of(f.severity);
    j["message"] = message(f.message);
    ordered_json location;
    location["physicalLocation"]["artifactLocation"] = artifact_location(f.file);
    location["physicalLocation"]["region"] =
        region(display_range(lines, f.span, ColumnUnit::Utf16));
    j["locations"] = ordered_json::array({std::move(location)});
    j["partialFingerprints"][kFingerprintKey] = prints[i];
    if (f.fix && !f.fix->edits.empty()) {
      ordered_json fix;
      if (!f.fix->description.empty()) fix["description"] = message(f.fix->description);
      ordered_json change;
      change["artifactLocation"] = artifact_location(f.file);
      change["replacements"] = ordered_json::array();
      std::vector<const Edit*> edits;
      for (const Edit& e : f.fix->edits) edits.push_back(&e);
      std::stable_sort(edits.begin(), edits.end(), [](const Edit* a, const Edit* b) {
        return a->span.start.offset < b->span.start.offset;
      });
      for (const Edit* e : edits) {
        ordered_json replacement;
        replacement["deletedRegion"] = region(display_range(lines, e->span, ColumnUnit::Utf16));
        if (!e->replacement.empty()) replacement["insertedContent"]["text"] = e->replacement;
        change["replacements"].push_back(std::move(replacement));
      }
      fix["artifactChanges"] = ordered_json::array({std::move(change)});
      fix["properties"]["safe"] = f.fix->safe;
      j["fixes"] = ordered_json::array({std::move(fix)});
    }
    results_.push_back(dump(j, -1));
  }
}

std::string SarifReporter::render() const {
  ordered_json driver;
  driver["name"] = "docker-doctor";
  driver["version"] = DD_VERSION;
  driver["semanticVersion"] = DD_VERSION;
  driver["informationUri"] = kProjectUrl;
  driver["rules"] = ordered_json::array();
  for (const RuleInfo* r : listed_rules()) driver["rules"].push_back(describe_rule(*r));

  ordered_json run;
  run["tool"]["driver"] = std::move(driver);
  // Paths are relative to the directory docker-doctor was run on; no absolute
  // URI is given for it, so the log is the same on every machine and GitHub
  // resolves the paths against the checkout.
  run["originalUriBaseIds"]["%SRCROOT%"]["description"] =
      message("The directory docker-doctor linted; result paths are relative to it.");
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = ordered_json::array();
  for (const std::string& r : results_) run["results"].push_back(ordered_json::parse(r));

  ordered_json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({std::move(run)});
  return dump(log, 2) + "\n";
}

}  // namespace dd
