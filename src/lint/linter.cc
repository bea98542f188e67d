// The Dockerfile lint run: parse once, run every dockerfile-scope check, and
// turn their reports into findings carrying the rule table's metadata.
#include "docker_doctor/linter.h"

#include <cctype>
#include <exception>
#include <string>

#include "docker_doctor/rule.h"
#include "lint/run.h"
#include "rules/check.h"

namespace dd {

namespace {

// The rule the engine reports a check's own failure under (rules/DD003.md).
constexpr std::string_view kInternalErrorId = "DD003";

bool disabled(const LintOptions& options, const RuleInfo& rule) {
  for (const std::string& d : options.disabled_rules) {
    const RuleInfo* r = find_rule(d);
    if (r == &rule) return true;
  }
  return false;
}

Finding make_finding(const RuleInfo& rule, std::string_view path, Span span, std::string message,
                     std::optional<Fix> fix) {
  Finding f;
  f.rule_id = std::string(rule.id);
  f.rule_name = std::string(rule.name);
  f.severity = rule.severity;
  f.message = std::move(message);
  f.file = std::string(path);
  f.span = span;
  f.fix = std::move(fix);
  return f;
}

bool span_fits(const Span& s, size_t size) {
  return s.start.offset <= s.end.offset && s.end.offset <= size;
}

// A check that reports a span outside the file (or an edit that does) has a
// bug; its findings would point nowhere or corrupt the file on --fix.
std::string bad_report(const Report& r, size_t size) {
  if (!span_fits(r.span, size))
    return "reported the span [" + std::to_string(r.span.start.offset) + ", " +
           std::to_string(r.span.end.offset) + ") outside the file (" + std::to_string(size) +
           " bytes)";
  if (r.fix) {
    for (const Edit& e : r.fix->edits)
      if (!span_fits(e.span, size))
        return "proposed an edit at [" + std::to_string(e.span.start.offset) + ", " +
               std::to_string(e.span.end.offset) + ") outside the file";
  }
  return "";
}

class Run {
 public:
  Run(std::string_view path, std::string_view text, const LintOptions& options, const FileInfo* file)
      : path_(path), text_(text), options_(options), file_(file), internal_(find_rule(kInternalErrorId)) {}

  // Records that `what` failed. Reported at the file's start: the failure
  // belongs to no particular line.
  void internal_error(const std::string& what) {
    if (!internal_ || disabled(options_, *internal_)) return;
    Span at;  // 1:1, offset 0
    findings_.push_back(make_finding(*internal_, path_, at, what, std::nullopt));
  }

  void run_check(const RuleInfo& rule, CheckFn check, const Dockerfile& dockerfile,
                 DockerfileFacts& facts) {
    CheckContext ctx(&dockerfile, &facts, file_);
    std::string label = std::string(rule.id) + " (" + std::string(rule.name) + ")";
    try {
      check(ctx);
    } catch (const std::exception& e) {
      // The check's partial reports are dropped: a check that failed midway
      // cannot vouch for what it reported before failing.
      internal_error("internal error in " + label + ": " + e.what() +
                     "; the other rules still ran. Please report this with the Dockerfile.");
      return;
    } catch (...) {
      internal_error("internal error in " + label +
                     ": unknown exception; the other rules still ran. Please report this with "
                     "the Dockerfile.");
      return;
    }
    for (const Report& r : ctx.reports()) {
      std::string problem = bad_report(r, text_.size());
      if (!problem.empty()) {
        internal_error("internal error in " + label + ": it " + problem +
                       ". Please report this with the Dockerfile.");
        continue;
      }
      findings_.push_back(make_finding(rule, path_, r.span, r.message, r.fix));
    }
  }

  std::vector<Finding> lint(const std::vector<RuleCheck>& checks) {
    Dockerfile dockerfile;
    try {
      dockerfile = parse_dockerfile(text_);
    } catch (const std::exception& e) {
      // The parser promises not to throw; if it does, no rule can run.
      internal_error(std::string("internal error in the Dockerfile parser: ") + e.what() +
                     ". No rule could run. Please report this with the Dockerfile.");
      return std::move(findings_);
    }
    DockerfileFacts facts(dockerfile);  // shared by every check of this file
    for (const RuleCheck& rc : checks) {
      const RuleInfo* rule = find_rule(rc.id);
      if (!rule || rule->removed || rule->scope != RuleScope::Dockerfile) continue;
      if (disabled(options_, *rule)) continue;
      run_check(*rule, rc.check, dockerfile, facts);
    }
    sort_findings(findings_);
    return std::move(findings_);
  }

 private:
  std::string_view path_;
  std::string_view text_;
  const LintOptions& options_;
  const FileInfo* file_;
  const RuleInfo* internal_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> lint_dockerfile_with(std::string_view display_path, std::string_view text,
                                          const LintOptions& options,
                                          const std::vector<RuleCheck>& checks) {
  return Run(display_path, text, options, nullptr).lint(checks);
}

std::vector<Finding> lint_dockerfile_text(std::string_view display_path, std::string_view text,
                                          const LintOptions& options) {
  return lint_dockerfile_with(display_path, text, options, rule_checks());
}

std::vector<Finding> lint_dockerfile_text(const FileInfo& file, std::string_view text,
                                          const LintOptions& options) {
  return Run(file.path, text, options, &file).lint(rule_checks());
}

}  // namespace dd
