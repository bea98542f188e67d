// Option defaults read from rules/DDnnn.md (doc_options.h).
#include "rules/doc_options.h"

#include <map>
#include <mutex>
#include <utility>

#include "docker_doctor/rule.h"

namespace dd::rules {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view next_line(std::string_view& rest) {
  size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void backquoted(std::string_view text, std::vector<std::string>& out) {
  for (size_t open = text.find('`'); open != std::string_view::npos; open = text.find('`', open)) {
    size_t close = text.find('`', open + 1);
    if (close == std::string_view::npos) return;
    if (close > open + 1) out.emplace_back(text.substr(open + 1, close - open - 1));
    open = close + 1;
  }
}

}  // namespace

std::vector<std::string> doc_option_words(std::string_view doc, std::string_view option) {
  std::string bullet = "- `" + std::string(option) + "`";
  bool in_options = false, in_option = false;
  std::string text;  // the option's bullet, its lines joined
  std::string_view rest = doc;
  while (!rest.empty()) {
    std::string_view line = next_line(rest);
    if (starts_with(line, "## ")) {
      if (in_options) break;
      in_options = line == "## Options";
      continue;
    }
    if (!in_options) continue;
    if (in_option) {
      // The bullet goes on over indented lines; anything else ends it.
      if (line.empty() || (line[0] != ' ' && line[0] != '\t')) break;
      text += ' ';
      text += line;
    } else if (starts_with(line, bullet)) {
      in_option = true;
      text = line.substr(bullet.size());
    }
  }
  // The words after "Default:"; the prose before it may quote words too.
  std::vector<std::string> out;
  size_t d = text.find("Default:");
  if (d != std::string::npos) backquoted(std::string_view(text).substr(d), out);
  return out;
}

const std::vector<std::string>& rule_option_words(std::string_view rule_id, std::string_view option) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::vector<std::string>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_pair(std::string(rule_id), std::string(option));
  auto it = cache.find(key);
  if (it == cache.end()) {
    const RuleInfo* rule = find_rule(rule_id);
    it = cache.emplace(key, rule ? doc_option_words(rule->doc_body, option) : std::vector<std::string>{}).first;
  }
  return it->second;
}

}  // namespace dd::rules
