// The baseline file (baseline.h).
#include "lint/baseline.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "docker_doctor/fingerprint.h"

namespace dd {

namespace {
// Bumped only if the meaning of an entry changes; readers refuse others.
constexpr int kBaselineVersion = 1;
}  // namespace

std::vector<BaselineEntry> baseline_entries(std::string_view text,
                                            const std::vector<Finding>& findings) {
  std::vector<std::string> prints = fingerprints(text, findings);
  std::vector<BaselineEntry> out;
  for (size_t i = 0; i < findings.size(); ++i)
    out.push_back(
        BaselineEntry{findings[i].file, findings[i].rule_id, prints[i], findings[i].message});
  return out;
}

std::string render_baseline(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end());
  nlohmann::ordered_json doc;
  doc["tool"] = "docker-doctor";
  doc["baseline_version"] = kBaselineVersion;
  doc["findings"] = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : entries) {
    nlohmann::ordered_json j;
    j["file"] = e.file;
    j["rule"] = e.rule;
    j["fingerprint"] = e.fingerprint;
    j["message"] = e.message;
    doc["findings"].push_back(std::move(j));
  }
  // Invalid UTF-8 in a message (it quotes the file) must not abort the write.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool Baseline::parse(std::string_view json, std::string* error) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = "not valid JSON";
    return false;
  }
  if (!doc.is_object() || doc.value("tool", "") != "docker-doctor" || !doc.contains("findings") ||
      !doc["findings"].is_array()) {
    *error =
        "not a docker-doctor baseline (expected {\"tool\": \"docker-doctor\", \"findings\": "
        "[...]})";
    return false;
  }
  if (!doc.contains("baseline_version") || doc["baseline_version"] != kBaselineVersion) {
    *error = "unsupported baseline_version (this docker-doctor reads version " +
             std::to_string(kBaselineVersion) + "); write it again with --write-baseline";
    return false;
  }
  for (const nlohmann::json& e : doc["findings"]) {
    auto field = [&](const char* key) -> const nlohmann::json* {
      auto it = e.is_object() ? e.find(key) : e.end();
      return it != e.end() && it->is_string() ? &*it : nullptr;
    };
    const nlohmann::json *file = field("file"), *rule = field("rule"), *fp = field("fingerprint");
    if (!file || !rule || !fp) {
      *error = "an entry of \"findings\" lacks a string \"file\", \"rule\" or \"fingerprint\"";
      return false;
    }
    ++remaining_[{file->get<std::string>(), rule->get<std::string>(), fp->get<std::string>()}];
  }
  return true;
}

size_t Baseline::filter(std::string_view text, std::vector<Finding>& findings) {
  std::vector<std::string> prints = fingerprints(text, findings);
  std::vector<Finding> kept;
  size_t hidden = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    auto it = remaining_.find({findings[i].file, findings[i].rule_id, prints[i]});
    if (it != remaining_.end() && it->second > 0) {
      --it->second;
      ++hidden;
    } else {
      kept.push_back(std::move(findings[i]));
    }
  }
  findings = std::move(kept);
  return hidden;
}

size_t Baseline::size() const {
  size_t n = 0;
  for (const auto& [key, count] : remaining_) n += count;
  return n;
}

}  // namespace dd
