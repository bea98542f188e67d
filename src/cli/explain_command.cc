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
#include "rules/util.h"

namespace dd::cli {

namespace {

// The rule whose id or name is closest to `query`, if close enough to be a typo.
const RuleInfo* closest_rule(std::string_view query) {
  if (query.size() > 200) return nullptr;  // not a typo of anything; keep it cheap
  size_t limit = std::max<size_t>(2, query.size() / 3);
  std::string q = rules::ascii_lower(query);
  const RuleInfo* best = nullptr;
  size_t best_distance = limit + 1;
  for (const RuleInfo& r : all_rules()) {
    for (std::string_view candidate : {r.id, r.name}) {
      size_t d = rules::edit_distance(q, rules::ascii_lower(candidate), limit);
      if (d < best_distance) best = &r, best_distance = d;
    }
  }
  return best;
}

const RuleInfo* lookup(const std::string& query) {
  if (const RuleInfo* r = find_rule(query)) return r;
  // `dd601` and `Maintainer-Deprecated` mean the same rules.
  std::string upper = query, low = rules::ascii_lower(query);
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
