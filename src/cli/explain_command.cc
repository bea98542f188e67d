// `docker-doctor explain RULE`: a rule's documentation, from rules/DDnnn.md
// as embedded in the binary.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "docker_doctor/rule.h"

namespace dd::cli {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance, case-insensitive; inputs are rule ids and names, so short.
size_t distance(std::string_view a, std::string_view b) {
  std::string x = lower(a), y = lower(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

// The rule whose id or name is closest to `query`, if close enough to be a typo.
const RuleInfo* closest_rule(std::string_view query) {
  if (query.size() > 200) return nullptr;  // not a typo of anything; keep it cheap
  const RuleInfo* best = nullptr;
  size_t best_distance = 0;
  for (const RuleInfo& r : all_rules()) {
    for (std::string_view candidate : {r.id, r.name}) {
      size_t d = distance(query, candidate);
      if (!best || d < best_distance) best = &r, best_distance = d;
    }
  }
  size_t limit = std::max<size_t>(2, query.size() / 3);
  return best && best_distance <= limit ? best : nullptr;
}

const RuleInfo* lookup(const std::string& query) {
  if (const RuleInfo* r = find_rule(query)) return r;
  // `dd601` and `Maintainer-Deprecated` mean the same rules.
  std::string upper = query, low = lower(query);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const RuleInfo* r = find_rule(upper)) return r;
  return find_rule(low);
}

int run_explain(const std::string& query) {
  const RuleInfo* rule = lookup(query);
  if (!rule) {
    std::string message = fmt::format("unknown rule '{}'", query);
    if (const RuleInfo* near = closest_rule(query))
      message += fmt::format("; did you mean {} ({})?", near->id, near->name);
    print_error(message);
    print_note("'docker-doctor rules' lists every rule");
    return kExitUsage;
  }
  std::string out = fmt::format("# {} {}\n\n{}\n\nSeverity: {}. Category: {}. Fixable: {}.{}\n\n",
                                rule->id, rule->name, rule->summary, severity_name(rule->severity),
                                rule->category, rule->fixable ? "yes" : "no",
                                rule->removed ? " This rule was removed and no longer runs." : "");
  std::string_view body = rule->doc_body;
  while (!body.empty() && body.front() == '\n') body.remove_prefix(1);
  out += body;
  if (out.back() != '\n') out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitClean;
}

}  // namespace

CommandRun define_explain(CLI::App& app) {
  auto rule = std::make_shared<std::string>();
  app.add_option("rule", *rule, "Rule id (DD601) or name (maintainer-deprecated)")
      ->required()
      ->type_name("RULE");
  return [rule] { return run_explain(*rule); };
}

}  // namespace dd::cli
