// `docker-doctor rules`: the rule catalogue as a table or as JSON.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "docker_doctor/rule.h"
#include "report/rule_doc.h"

namespace dd::cli {

namespace {

std::string_view scope_name(RuleScope s) {
  switch (s) {
    case RuleScope::Dockerfile: return "dockerfile";
    case RuleScope::Compose: return "compose";
    case RuleScope::Project: return "project";
  }
  return "dockerfile";
}

// "DL3008, DL3009" -> ["DL3008", "DL3009"]
nlohmann::json split_list(std::string_view s) {
  nlohmann::json out = nlohmann::json::array();
  while (!s.empty()) {
    size_t comma = s.find(',');
    std::string_view item = s.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(std::string(item));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

std::string render_json() {
  nlohmann::ordered_json doc;
  doc["tool"] = "docker-doctor";
  doc["version"] = DD_VERSION;
  doc["rules"] = nlohmann::ordered_json::array();
  for (const RuleInfo& r : all_rules()) {
    nlohmann::ordered_json j;
    j["id"] = r.id;
    j["name"] = r.name;
    j["severity"] = severity_name(r.severity);
    j["category"] = r.category;
    j["scope"] = scope_name(r.scope);
    j["fixable"] = r.fixable;
    j["status"] = r.removed ? "removed" : "active";
    j["enabled_by_default"] = r.enabled_by_default;
    j["summary"] = r.summary;
    j["hadolint"] = split_list(r.hadolint);
    j["buildkit"] = split_list(r.buildkit);
    doc["rules"].push_back(std::move(j));
  }
  return doc.dump(2) + "\n";
}

std::string render_table() {
  size_t name_width = 4;
  for (const RuleInfo& r : all_rules()) name_width = std::max(name_width, r.name.size());
  std::string out = fmt::format("{:<6} {:<{}} {:<8} {:<7} {:<7} {}\n", "ID", "NAME", name_width,
                                "SEVERITY", "DEFAULT", "FIXABLE", "SUMMARY");
  for (const RuleInfo& r : all_rules()) {
    std::string summary(r.summary);
    if (r.removed) summary = "(removed) " + summary;
    out += fmt::format("{:<6} {:<{}} {:<8} {:<7} {:<7} {}\n", r.id, r.name, name_width,
                       severity_name(r.severity), r.enabled_by_default ? "on" : "off",
                       r.fixable ? "yes" : "no", summary);
  }
  return out;
}

}  // namespace

CommandRun define_rules(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  app.add_option("--format", *format,
                 "Output format: text, json, or markdown (the catalogue in docs/rules/README.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_str("text");
  return [format] {
    std::string out = *format == "json"       ? render_json()
                      : *format == "markdown" ? rule_catalogue_markdown()
                                              : render_table();
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitClean;
  };
}

}  // namespace dd::cli
