// The Dockerfile lint run: parse each file once, run every dockerfile-scope
// check on it, then the project-scope checks over all files of the run, and
// turn their reports into findings carrying the rule table's metadata.
#include "docker_doctor/linter.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <memory>
#include <string>

#include "core/parallel.h"
#include "docker_doctor/rule.h"
#include "lint/run.h"
#include "lint/suppress.h"
#include "rules/check.h"
#include "rules/image_ref.h"
#include "rules/project_check.h"
#include "rules/util.h"

namespace dd {

namespace {

// The rule the engine reports a check's own failure under (rules/DD003.md).
constexpr std::string_view kInternalErrorId = "DD003";

bool named(const std::vector<std::string>& ids_or_names, const RuleInfo& rule) {
  for (const std::string& d : ids_or_names)
    if (find_rule(d) == &rule) return true;
  return false;
}

// Internal errors (DD003) are reported whenever not disabled; they are not
// "run", so removal and the default do not apply.
bool disabled(const LintOptions& options, const RuleInfo& rule) {
  return named(options.disabled_rules, rule);
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

// One file's part of a run: its findings, and the DD003 reports of checks
// that failed on it.
class FileRun {
 public:
  FileRun(std::string_view path, std::string_view text, const LintOptions& options,
          const FileInfo* file)
      : path_(path),
        text_(text),
        options_(options),
        file_(file),
        internal_(find_rule(kInternalErrorId)) {}

  // Records that `what` failed. Reported at the file's start: the failure
  // belongs to no particular line.
  void internal_error(const std::string& what) {
    if (!internal_ || disabled(options_, *internal_)) return;
    Span at;  // 1:1, offset 0
    findings_.push_back(make_finding(*internal_, path_, at, what, std::nullopt));
  }

  // Parses the file; false (with a DD003 finding) if the parser broke its
  // promise not to throw, in which case no rule can run.
  bool parse() {
    try {
      dockerfile_ = parse_dockerfile(text_);
    } catch (const std::exception& e) {
      internal_error(std::string("internal error in the Dockerfile parser: ") + e.what() +
                     ". No rule could run. Please report this with the Dockerfile.");
      return false;
    }
    facts_ = std::make_unique<DockerfileFacts>(dockerfile_);  // shared by every check of this file
    parsed_ = true;
    return true;
  }

  // Adds a check's report, unless it points outside the file.
  void add(const RuleInfo& rule, const std::string& label, const Span& span,
           const std::string& message, const std::optional<Fix>& fix) {
    std::string problem = bad_report(Report{span, message, fix}, text_.size());
    if (!problem.empty()) {
      internal_error("internal error in " + label + ": it " + problem +
                     ". Please report this with the Dockerfile.");
      return;
    }
    findings_.push_back(make_finding(rule, path_, span, message, fix));
  }

  void run_check(const RuleInfo& rule, CheckFn check) {
    CheckContext ctx(&dockerfile_, facts_.get(), file_, &links_);
    ctx.set_rule(rule.id, &options_);
    std::string label = check_label(rule);
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
    for (const Report& r : ctx.reports()) add(rule, label, r.span, r.message, r.fix);
  }

  void run_checks(const std::vector<RuleCheck>& checks) {
    for (const RuleCheck& rc : checks) {
      const RuleInfo* rule = find_rule(rc.id);
      if (!rule || rule->scope != RuleScope::Dockerfile || !rule_runs(options_, *rule)) continue;
      run_check(*rule, rc.check);
    }
  }

  // Sorted, each finding once: a check that reaches the same place by two
  // paths (two dev stages built on one base) must not say it twice.
  std::vector<Finding> take_findings() {
    // A project check reports on every file it compares; this file's own
    // configuration decides whether its findings stand.
    std::erase_if(findings_, [&](const Finding& f) {
      const RuleInfo* rule = find_rule(f.rule_id);
      return rule && rule->id != kInternalErrorId && !rule_runs(options_, *rule);
    });
    apply_suppressions(path_, text_, FileKind::Dockerfile, parsed_ ? &dockerfile_ : nullptr,
                       options_, findings_);
    // Severity overrides last, so that DD001/DD002 from the suppressions get them too.
    for (Finding& f : findings_) {
      auto it = options_.severities.find(f.rule_id);
      if (it != options_.severities.end()) f.severity = it->second;
    }
    sort_findings(findings_);
    auto same = [](const Finding& a, const Finding& b) {
      return a.rule_id == b.rule_id && a.span == b.span && a.message == b.message;
    };
    findings_.erase(std::unique(findings_.begin(), findings_.end(), same), findings_.end());
    return std::move(findings_);
  }

  const Dockerfile& dockerfile() const { return dockerfile_; }
  DockerfileFacts* facts() const { return facts_.get(); }
  const FileInfo* file() const { return file_; }
  std::vector<LinkedBase>& links() { return links_; }

  static std::string check_label(const RuleInfo& rule) {
    return std::string(rule.id) + " (" + std::string(rule.name) + ")";
  }

 private:
  std::string_view path_;
  std::string_view text_;
  const LintOptions& options_;
  const FileInfo* file_;
  const RuleInfo* internal_;
  Dockerfile dockerfile_;
  std::unique_ptr<DockerfileFacts> facts_;
  bool parsed_ = false;
  std::vector<Finding> findings_;
  std::vector<LinkedBase> links_;
};

std::vector<Finding> lint_one(std::string_view path, std::string_view text,
                              const LintOptions& options, const FileInfo* file,
                              const std::vector<RuleCheck>& checks) {
  FileRun run(path, text, options, file);
  if (run.parse()) run.run_checks(checks);
  return run.take_findings();
}

// Runs one project check over the parsed files. A check that throws is
// reported once, on the first file, and its partial reports are dropped.
void run_project_check(const RuleInfo& rule, ProjectCheckFn check,
                       std::vector<std::unique_ptr<FileRun>>& runs,
                       const std::vector<size_t>& parsed) {
  std::vector<ProjectDockerfileView> views;
  views.reserve(parsed.size());
  for (size_t i : parsed)
    views.push_back({runs[i]->file(), &runs[i]->dockerfile(), runs[i]->facts(),
                     runs[i]->links().empty() ? nullptr : &runs[i]->links()});
  ProjectCheckContext ctx(std::move(views));
  std::string label = FileRun::check_label(rule);
  try {
    check(ctx);
  } catch (const std::exception& e) {
    runs[parsed.front()]->internal_error(
        "internal error in " + label + ": " + e.what() +
        "; the other rules still ran. Please report this with the Dockerfiles.");
    return;
  } catch (...) {
    runs[parsed.front()]->internal_error(
        "internal error in " + label +
        ": unknown exception; the other rules still ran. Please report this "
        "with the Dockerfiles.");
    return;
  }
  for (const ProjectReport& r : ctx.reports()) {
    if (r.file >= parsed.size()) {
      runs[parsed.front()]->internal_error(
          "internal error in " + label + ": it reported on file " + std::to_string(r.file) +
          " of " + std::to_string(parsed.size()) + ". Please report this with the Dockerfiles.");
      continue;
    }
    runs[parsed[r.file]]->add(rule, label, r.span, r.message, r.fix);
  }
}

// Links each stage built FROM an image the repository builds to the
// Dockerfile of the run that builds it. A name matches as Docker resolves
// it (`app-deps` is `app-deps:latest`, `docker.io/library/` is implied).
void link_repo_images(std::vector<std::unique_ptr<FileRun>>& runs,
                      const std::vector<size_t>& parsed, const std::vector<RepoImage>& images) {
  if (images.empty()) return;
  std::map<std::string, size_t> by_path;  // display path -> position in `parsed`
  for (size_t k = 0; k < parsed.size(); ++k) by_path.emplace(runs[parsed[k]]->file()->path, k);
  for (size_t k = 0; k < parsed.size(); ++k) {
    FileRun& run = *runs[parsed[k]];
    const DockerfileScopes& scopes = run.facts()->scopes();
    for (const Stage& s : run.dockerfile().stages) {
      if (scopes.stages[s.index].parent || !scopes.stages[s.index].base) continue;
      const std::string& base = *scopes.stages[s.index].base;
      for (const RepoImage& image : images) {
        auto file = by_path.find(image.dockerfile);
        if (file == by_path.end() || file->second == k || !image.visible_from(run.file()->path) ||
            !rules::same_image(base, image.name))
          continue;
        FileRun& other = *runs[parsed[file->second]];
        const Dockerfile& df = other.dockerfile();
        const Stage* target = image.target.empty()
                                  ? (df.stages.empty() ? nullptr : &df.stages.back())
                                  : df.stage_named(rules::ascii_lower(image.target));
        if (!target) continue;
        // Computed now, so that checks only read the linked file's facts.
        other.facts()->scopes();
        other.facts()->shell();
        other.facts()->image_files();
        run.links().push_back(LinkedBase{s.index, &image, file->second, other.file(), &df,
                                         other.facts(), target->index, &other.links()});
        break;
      }
    }
  }
}

}  // namespace

bool rule_runs(const LintOptions& options, const RuleInfo& rule) {
  if (rule.removed || named(options.disabled_rules, rule)) return false;
  return rule.enabled_by_default || named(options.enabled_rules, rule);
}

std::vector<Finding> lint_dockerfile_with(std::string_view display_path, std::string_view text,
                                          const LintOptions& options,
                                          const std::vector<RuleCheck>& checks) {
  return lint_one(display_path, text, options, nullptr, checks);
}

std::vector<Finding> lint_dockerfile_text(std::string_view display_path, std::string_view text,
                                          const LintOptions& options) {
  return lint_one(display_path, text, options, nullptr, rule_checks());
}

std::vector<Finding> lint_dockerfile_text(const FileInfo& file, std::string_view text,
                                          const LintOptions& options) {
  return lint_one(file.path, text, options, &file, rule_checks());
}

std::vector<std::vector<Finding>> lint_dockerfiles(const std::vector<DockerfileInput>& inputs,
                                                   const LintOptions& options, unsigned jobs,
                                                   const std::vector<RepoImage>& images) {
  std::vector<std::unique_ptr<FileRun>> runs;
  runs.reserve(inputs.size());
  for (const DockerfileInput& input : inputs) {
    // A file's own options (the configuration's overrides for its path) or the run's.
    const LintOptions& file_options = input.options ? *input.options : options;
    runs.push_back(
        std::make_unique<FileRun>(input.file.path, input.text, file_options, &input.file));
  }
  // Each file's parse and own checks touch only its FileRun; what files
  // share (the rule table, knowledge tables, a build context's manifests)
  // is read-only or guarded (ContextManifests::model()).
  std::vector<char> ok(runs.size(), 0);
  parallel_for(runs.size(), jobs, [&](size_t i) { ok[i] = runs[i]->parse() ? 1 : 0; });
  std::vector<size_t> parsed;  // the inputs project checks see
  for (size_t i = 0; i < runs.size(); ++i)
    if (ok[i]) parsed.push_back(i);
  // Every file is parsed before any check runs: a check may read the
  // Dockerfile that builds the image a stage is FROM. Linking fills in the
  // linked files' facts here, on one thread, so the checks below only read
  // other files' runs.
  link_repo_images(runs, parsed, images);
  const std::vector<RuleCheck>& checks = rule_checks();
  parallel_for(parsed.size(), jobs, [&](size_t k) { runs[parsed[k]]->run_checks(checks); });
  if (!parsed.empty()) {
    for (const ProjectRuleCheck& pc : project_rule_checks()) {
      const RuleInfo* rule = find_rule(pc.id);
      if (!rule || rule->scope != RuleScope::Project || !rule_runs(options, *rule)) continue;
      run_project_check(*rule, pc.check, runs, parsed);
    }
  }
  // Suppressions, severities and sorting are per file again.
  std::vector<std::vector<Finding>> out(runs.size());
  parallel_for(runs.size(), jobs, [&](size_t i) { out[i] = runs[i]->take_findings(); });
  return out;
}

}  // namespace dd
