// The compose lint run. Mirrors the Dockerfile run (linter.cc): a check that
// throws or reports outside its file is contained and reported as DD003.
#include <algorithm>
#include <exception>

#include "docker_doctor/rule.h"
#include "lint/compose_run.h"

namespace dd {

namespace {

bool disabled(const LintOptions& options, const RuleInfo& rule) {
  for (const std::string& d : options.disabled_rules)
    if (find_rule(d) == &rule) return true;
  return false;
}

Finding make_finding(const RuleInfo& rule, const std::string& file, Span span, std::string message,
                     std::optional<Fix> fix) {
  Finding f;
  f.rule_id = std::string(rule.id);
  f.rule_name = std::string(rule.name);
  f.severity = rule.severity;
  f.message = std::move(message);
  f.file = file;
  f.span = span;
  f.fix = std::move(fix);
  return f;
}

bool fits(const Span& s, const compose::SourceFile* f) {
  return f && s.start.offset <= s.end.offset && s.end.offset <= f->text.size();
}

}  // namespace

std::vector<Finding> lint_compose_with(const compose::Project& project, const LintOptions& options,
                                       const std::vector<ComposeRuleCheck>& checks,
                                       const ServiceBuilds* builds) {
  std::vector<Finding> findings;
  const RuleInfo* internal = find_rule("DD003");
  std::string first_file = project.files.empty() ? "" : project.files[0].display;
  auto internal_error = [&](const std::string& what) {
    if (internal && !disabled(options, *internal))
      findings.push_back(make_finding(*internal, first_file, Span{}, what, std::nullopt));
  };

  // The loader's own failures: the file could not be read as YAML at all.
  const RuleInfo* parse_error = find_rule("DD000");
  if (parse_error && !disabled(options, *parse_error))
    for (const compose::Diagnostic& d : project.diagnostics)
      if (d.kind == compose::Diagnostic::Kind::ParseError ||
          d.kind == compose::Diagnostic::Kind::LoadError) {
        const compose::SourceFile* f = project.file(d.loc.file);
        Span span = fits(d.loc.span, f) ? d.loc.span : Span{};
        findings.push_back(make_finding(*parse_error, d.loc.file.empty() ? first_file : d.loc.file,
                                        span, d.message, std::nullopt));
      }

  for (const ComposeRuleCheck& rc : checks) {
    const RuleInfo* rule = find_rule(rc.id);
    if (!rule || rule->scope != RuleScope::Compose || !rule_runs(options, *rule)) continue;
    std::string label = std::string(rule->id) + " (" + std::string(rule->name) + ")";
    ComposeCheckContext ctx(project, builds);
    try {
      rc.check(ctx);
    } catch (const std::exception& e) {
      internal_error("internal error in " + label + ": " + e.what() +
                     "; the other rules still ran. Please report this with the compose file.");
      continue;
    } catch (...) {
      internal_error("internal error in " + label +
                     ": unknown exception; the other rules still ran. Please report this with the "
                     "compose file.");
      continue;
    }
    for (const ComposeReport& r : ctx.reports()) {
      const compose::SourceFile* f = project.file(r.file);
      bool ok = fits(r.span, f);
      if (ok && r.fix)
        for (const Edit& e : r.fix->edits) ok = ok && fits(e.span, f);
      if (!ok) {
        internal_error("internal error in " + label +
                       ": it reported a span outside the files of the project (" + r.file +
                       "). Please report this with the compose file.");
        continue;
      }
      findings.push_back(make_finding(*rule, r.file, r.span, r.message, r.fix));
    }
  }
  sort_findings(findings);
  // A value shared through a YAML anchor or `extends` is checked once per
  // service that uses it: say it once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return a.rule_id == b.rule_id && a.file == b.file &&
                                      a.span == b.span && a.message == b.message;
                             }),
                 findings.end());
  return findings;
}

std::vector<Finding> lint_compose_project(const compose::Project& project,
                                          const LintOptions& options, const ServiceBuilds* builds) {
  return lint_compose_with(project, options, compose_rule_checks(), builds);
}

}  // namespace dd
