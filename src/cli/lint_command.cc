// `docker-doctor [PATH...]`: find the Dockerfiles, lint them, report.
#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/compose_projects.h"
#include "cli/discover.h"
#include "cli/repo_builds.h"
#include "config/config.h"
#include "config/settings.h"
#include "core/parallel.h"
#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "lint/baseline.h"
#include "lint/suppress.h"
#include "project/build_context.h"
#include "report/reporter.h"

namespace dd::cli {

namespace {

// Settings that the configuration file and the environment may also give
// are optional here: empty means the command line did not say.
struct LintArgs {
  std::vector<std::string> paths;
  std::optional<std::string> format;
  std::string color = "auto";
  std::optional<std::string> fail_on;
  std::optional<std::string> min_severity;
  std::optional<std::string> config;
  std::optional<std::string> baseline;
  std::string write_baseline;
  bool no_inline_suppressions = false;
  bool no_gitignore = false;
  std::string stdin_filename;
  unsigned jobs = 0;  // 0: one per core
  std::vector<std::string> enable;  // --enable: `default: off` rules to run
};

// The settings of this run after precedence (config/settings.h).
struct Resolved {
  config::Config config;
  std::string format, fail_on, min_severity, baseline;
  bool inline_suppressions = true;
};

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Finds and loads the configuration, then resolves every setting. False
// after printing the errors (the run then exits 2).
bool resolve_settings(const LintArgs& args, Resolved* r) {
  config::Getenv env = [](const char* name) -> const char* { return std::getenv(name); };
  config::Setting path =
      config::resolve(args.config, "--config", "DOCKER_DOCTOR_CONFIG", std::nullopt, "", "", env);
  if (path.value.empty()) {
    std::string start = args.paths.empty() || args.paths.front() == "-" ? "." : args.paths.front();
    path.value = config::find_config(start);
  }
  if (!path.value.empty()) {
    std::vector<config::ConfigError> errors;
    if (!config::load_config_file(path.value, &r->config, &errors)) {
      for (const config::ConfigError& e : errors) print_error(e.str());
      return false;
    }
  }
  const std::string& file = r->config.path;
  config::Setting format = config::resolve(args.format, "--format", "DOCKER_DOCTOR_FORMAT",
                                           r->config.format, file, "text", env);
  config::Setting fail_on = config::resolve(args.fail_on, "--fail-on", "DOCKER_DOCTOR_FAIL_ON",
                                            r->config.fail_on, file, "warning", env);
  config::Setting min =
      config::resolve(args.min_severity, "--min-severity", "DOCKER_DOCTOR_MIN_SEVERITY",
                      r->config.min_severity, file, "style", env);
  std::vector<std::string> errors = {
      config::check_one_of(
          format, std::vector<std::string_view>(report_formats().begin(), report_formats().end())),
      config::check_one_of(fail_on, {"error", "warning", "info", "style", "none"}),
      config::check_one_of(min, {"error", "warning", "info", "style"})};
  std::string flag_error;
  bool no_inline = args.no_inline_suppressions ||
                   config::env_flag("DOCKER_DOCTOR_NO_INLINE_SUPPRESSIONS", env, &flag_error);
  errors.push_back(flag_error);
  bool ok = true;
  for (const std::string& e : errors)
    if (!e.empty()) {
      print_error(e);
      ok = false;
    }
  r->format = format.value;
  r->fail_on = fail_on.value;
  r->min_severity = min.value;
  r->baseline = config::resolve(args.baseline, "--baseline", "DOCKER_DOCTOR_BASELINE", std::nullopt,
                                "", "", env)
                    .value;
  r->inline_suppressions = !no_inline && r->config.inline_suppressions.value_or(true);
  for (const std::string& id : args.enable) {
    if (!find_rule(id)) {
      print_error("--enable: no rule is named '" + id + "' ('docker-doctor rules' lists them)");
      ok = false;
    }
  }
  return ok;
}

void write_stdout(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
}

// True when a finding of severity `s` fails the run at threshold `fail_on`.
bool fails(Severity s, const std::string& fail_on) {
  std::optional<Severity> threshold = parse_severity(fail_on);
  return threshold && static_cast<int>(s) <= static_cast<int>(*threshold);
}

int run_lint(const LintArgs& args) {
  Resolved settings;
  if (!resolve_settings(args, &settings)) return kExitUsage;
  Baseline baseline;
  if (!settings.baseline.empty()) {
    std::string text, error;
    if (!read_file(settings.baseline, &text)) {
      print_error("cannot read the baseline '" + settings.baseline + "'");
      return kExitUsage;
    }
    if (!baseline.parse(text, &error)) {
      print_error("baseline '" + settings.baseline + "': " + error);
      return kExitUsage;
    }
  }
  std::vector<BaselineEntry> recorded;  // for --write-baseline
  Severity shown = *parse_severity(settings.min_severity);
  std::string context_policy;
  if (auto it = settings.config.policy.find("build-context");
      it != settings.config.policy.end() && !it->second.empty())
    context_policy = it->second.front();
  bool uses_stdin = std::count(args.paths.begin(), args.paths.end(), "-") > 0;
  if (std::count(args.paths.begin(), args.paths.end(), "-") > 1) {
    print_error("'-' (standard input) given more than once");
    return kExitUsage;
  }
  if (!args.stdin_filename.empty() && !args.paths.empty() && !uses_stdin) {
    print_error("--stdin-filename names standard input, but '-' is not among the paths");
    return kExitUsage;
  }
  std::vector<std::string> paths = args.paths;
  // `--stdin-filename NAME` alone reads standard input, as editors call it.
  if (paths.empty() && !args.stdin_filename.empty()) paths.emplace_back("-");
  std::string stdin_name = args.stdin_filename.empty() ? "<stdin>" : args.stdin_filename;

  Discovery found = discover(paths, stdin_name, {.gitignore = !args.no_gitignore});
  bool input_error = false;
  for (const Diagnostic& d : found.diagnostics) {
    if (d.error) {
      print_error(d.message);
      input_error = true;
    } else {
      print_note(d.message);
    }
  }

  TextOptions text_options;
  text_options.color = settings.format == "text" && use_color(args.color, STDOUT_FILENO);
  std::unique_ptr<Reporter> reporter = make_reporter(settings.format, text_options);
  Tally tally;
  bool failing = false;
  BuildContexts contexts;  // each context directory is walked once per run
  // A compose service names a Dockerfile's context, over the inference and
  // the policy; the images the repository builds link FROM lines.
  unsigned jobs = args.jobs == 0 ? default_jobs() : args.jobs;
  RepoBuilds repo = collect_repo_builds(found, jobs);

  // Compose files are linted per project (a base and its override file
  // together, or the files a project in the configuration lists), each
  // reported where its first file sorts among the Dockerfiles.
  std::vector<std::string> compose_notes;
  std::vector<std::vector<size_t>> compose_groups = group_compose_inputs(
      found.inputs, declared_compose_groups(settings.config, found.inputs, &compose_notes));
  for (const std::string& note : compose_notes) print_note(note);
  // The configuration applies to compose findings as to a Dockerfile's.
  auto compose_options = [&](const std::string& display) {
    auto input = std::find_if(found.inputs.begin(), found.inputs.end(),
                              [&](const Input& in) { return in.display == display; });
    std::string rel = input == found.inputs.end() ? display : config::config_relative(settings.config, input->path);
    LintOptions options = config::options_for(settings.config, rel);
    options.inline_suppressions = options.inline_suppressions && settings.inline_suppressions;
    options.enabled_rules.insert(options.enabled_rules.end(), args.enable.begin(), args.enable.end());
    return options;
  };
  // A check runs when any file of the project enables it; each file's own
  // settings then judge the findings in it.
  std::vector<LintOptions> group_options(compose_groups.size());
  for (size_t g = 0; g < compose_groups.size(); ++g)
    for (size_t i : compose_groups[g]) {
      LintOptions o = compose_options(found.inputs[i].display);
      group_options[g].enabled_rules.insert(group_options[g].enabled_rules.end(), o.enabled_rules.begin(),
                                            o.enabled_rules.end());
    }
  // Projects are independent of each other: check them all on the pool,
  // then report them in order. Most were loaded while reading the
  // repository's builds (not when the configuration groups them otherwise);
  // each is handed over to its check, which frees it, and all are checked
  // before the Dockerfiles are parsed, so the two never fill memory together.
  std::vector<std::optional<LoadedCompose>> preloaded(compose_groups.size());
  for (size_t g = 0; g < compose_groups.size(); ++g)
    if (auto it = repo.compose.find(compose_groups[g]); it != repo.compose.end()) {
      preloaded[g] = std::move(it->second);
      repo.compose.erase(it);
    }
  std::vector<std::vector<ComposeFileFindings>> compose_results(compose_groups.size());
  std::vector<std::vector<std::string>> compose_errors(compose_groups.size());
  parallel_for(compose_groups.size(), jobs, [&](size_t g) {
    compose_results[g] = lint_compose_group(found.inputs, compose_groups[g], &compose_errors[g], group_options[g],
                                            preloaded[g] ? &*preloaded[g] : nullptr);
  });
  repo.compose.clear();
  // A base shared by two declared projects is reported once, with the
  // findings of both, where it first appears.
  std::map<std::string, ComposeFileFindings*> compose_first;
  for (auto& files : compose_results)
    for (ComposeFileFindings& f : files) {
      auto [it, fresh] = compose_first.emplace(f.display, &f);
      if (fresh) continue;
      it->second->findings.insert(it->second->findings.end(), f.findings.begin(), f.findings.end());
      f.display.clear();  // reported with its first appearance
    }
  // Every file is read before any is reported: project rules compare files
  // (a Dockerfile.dev against its Dockerfile), so a file's findings are
  // complete only once all files are parsed.
  std::vector<std::string> texts;
  std::vector<DockerfileInput> batch;
  std::vector<LintOptions> file_options;
  std::vector<size_t> batch_input;  // index into found.inputs of each batch entry
  for (size_t index = 0; index < found.inputs.size(); ++index) {
    const Input& input = found.inputs[index];
    if (input.compose) continue;  // linted per compose project below
    std::string text, error;
    if (!read_input(input, &text, &error)) {
      print_error(error);
      input_error = true;
      continue;
    }
    // Globs in the configuration are relative to its directory; standard
    // input has no place on disk and gets the top-level settings.
    std::string rel =
        input.path == "-" ? input.display : config::config_relative(settings.config, input.path);
    if (input.path != "-" && !settings.config.path.empty() &&
        (input.walked ? !config::selected(settings.config, rel)
                      : config::any_matches(settings.config.exclude, rel)))
      continue;
    LintOptions options = config::options_for(settings.config, rel);
    options.inline_suppressions = options.inline_suppressions && settings.inline_suppressions;
    options.enabled_rules.insert(options.enabled_rules.end(), args.enable.begin(), args.enable.end());
    DockerfileInput in;
    in.file.path = input.display;
    auto composed = repo.contexts.find(input.display);
    if (!input.root.empty() && composed != repo.contexts.end()) {
      const ComposeContext& c = composed->second.front();
      in.file.context = contexts.at(c.dir, c.display.empty() ? "." : c.display, input.path,
                                    input.display);
      for (const std::string& note : contexts.take_notes()) print_note(note);
    } else if (!input.root.empty()) {
      // Parsed here and again by the linter: parsing is a small share of
      // a lint, and the inference must know the sources before the rules run.
      in.file.context =
          contexts.locate(DockerfileLocation{input.root, input.root_display, input.rel},
                          parse_dockerfile(text), context_policy);
      for (const std::string& note : contexts.take_notes()) print_note(note);
    }
    texts.push_back(std::move(text));
    batch.push_back(std::move(in));
    batch_input.push_back(index);
    file_options.push_back(std::move(options));
  }
  for (size_t i = 0; i < batch.size(); ++i) {  // texts and options no longer move
    batch[i].text = texts[i];
    batch[i].options = &file_options[i];
  }
  // The run's options decide the project checks; each file's own, its findings.
  LintOptions run_options = config::options_for(settings.config, "");
  run_options.inline_suppressions = settings.inline_suppressions;
  run_options.enabled_rules.insert(run_options.enabled_rules.end(), args.enable.begin(), args.enable.end());
  std::vector<std::vector<Finding>> results = lint_dockerfiles(batch, run_options, jobs, repo.images);
  lint_other_compose_contexts(batch, run_options, repo, contexts, results);

  // Every file's findings go the same way: suppressions were applied by the
  // linter; then the baseline, then --min-severity, so the gate judges
  // exactly what is shown.
  auto emit = [&](const std::string& text, std::vector<Finding>& findings) {
    if (!args.write_baseline.empty()) {
      std::vector<BaselineEntry> entries = baseline_entries(text, findings);
      recorded.insert(recorded.end(), entries.begin(), entries.end());
    }
    if (!settings.baseline.empty()) baseline.filter(text, findings);
    std::erase_if(findings, [&](const Finding& f) { return static_cast<int>(f.severity) > static_cast<int>(shown); });
    ++tally.files;
    tally.add(findings);
    for (const Finding& f : findings) failing = failing || fails(f.severity, settings.fail_on);
    write_stdout(reporter->add_file(text, findings));
  };

  size_t next_group = 0;
  auto lint_compose_groups_before = [&](size_t index) {
    for (; next_group < compose_groups.size() &&
           *std::min_element(compose_groups[next_group].begin(), compose_groups[next_group].end()) <= index;
         ++next_group) {
      const std::vector<std::string>& errors = compose_errors[next_group];
      for (ComposeFileFindings& f : compose_results[next_group]) {
        if (f.display.empty()) continue;
        LintOptions options = compose_options(f.display);
        // Rules off (or off by default and not enabled here), severities, then
        // the file's suppression comments.
        std::erase_if(f.findings, [&](const Finding& x) {
          const RuleInfo* r = find_rule(x.rule_id);
          return r && !rule_runs(options, *r);
        });
        for (Finding& x : f.findings)
          if (auto it = options.severities.find(x.rule_id); it != options.severities.end()) x.severity = it->second;
        apply_suppressions(f.display, f.text, FileKind::Compose, nullptr, options, f.findings);
        sort_findings(f.findings);
        f.findings.erase(std::unique(f.findings.begin(), f.findings.end(),
                                     [](const Finding& a, const Finding& b) {
                                       return a.rule_id == b.rule_id && a.span == b.span && a.message == b.message;
                                     }),
                         f.findings.end());
        emit(f.text, f.findings);
      }
      for (const std::string& e : errors) print_error(e);
      input_error = input_error || !errors.empty();
    }
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    lint_compose_groups_before(batch_input[i]);
    emit(texts[i], results[i]);
  }

  lint_compose_groups_before(found.inputs.size());
  write_stdout(reporter->finish(tally));
  std::fflush(stdout);
  if (input_error) return kExitUsage;
  if (!args.write_baseline.empty()) {
    std::ofstream out(args.write_baseline, std::ios::binary | std::ios::trunc);
    out << render_baseline(std::move(recorded));
    if (!out.flush()) {
      print_error("cannot write the baseline '" + args.write_baseline + "'");
      return kExitUsage;
    }
    // Writing a baseline accepts the current findings: the run succeeds.
    print_note("wrote the baseline '" + args.write_baseline + "'");
    return kExitClean;
  }
  return failing ? kExitFindings : kExitClean;
}

}  // namespace

CommandRun define_lint(CLI::App& app) {
  auto args = std::make_shared<LintArgs>();
  app.add_option("paths", args->paths,
                 "Files and directories to lint (default: the repository the current directory "
                 "is in, up to .git or .docker-doctor.yaml). Directories are searched for "
                 "Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, "
                 "Containerfile and Containerfile.*, and for compose files (compose.yaml, "
                 "docker-compose.yml, their overrides, compose.*.yaml, docker-compose.*.yml). "
                 "'-' reads standard input.")
      ->type_name("PATH");
  app.add_option("--format", args->format,
                 "Output format: text, json, sarif (GitHub code scanning), github (Actions "
                 "annotations), gnu, checkstyle, codeclimate or gitlab (Code Quality); see "
                 "docs/output-formats.md (env DOCKER_DOCTOR_FORMAT)")
      ->check(CLI::IsMember(report_formats()))
      ->default_str("text");
  app.add_option("--color", args->color,
                 "Colour the text output: auto (only on a terminal, not with NO_COLOR set), "
                 "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  app.add_option("--fail-on", args->fail_on,
                 "Exit 1 when a shown finding is at least this severe (none: never; env "
                 "DOCKER_DOCTOR_FAIL_ON)")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}))
      ->default_str("warning");
  app.add_option("--min-severity", args->min_severity,
                 "Show only findings at least this severe (env DOCKER_DOCTOR_MIN_SEVERITY)")
      ->check(CLI::IsMember({"error", "warning", "info", "style"}))
      ->default_str("style");
  app.add_option(
         "--config", args->config,
         "Configuration file (default: the nearest .docker-doctor.yaml up to the repository root; "
         "env DOCKER_DOCTOR_CONFIG)")
      ->type_name("FILE");
  app.add_flag(
      "--no-inline-suppressions", args->no_inline_suppressions,
      "Ignore `# docker-doctor ignore=...`, hadolint and check=skip comments (policy enforcement)");
  app.add_flag("--no-gitignore", args->no_gitignore,
               "Also lint files that .gitignore or .git/info/exclude ignore (a directory walk "
               "skips them by default)");
  app.add_option("--baseline", args->baseline,
                 "Hide the findings recorded in FILE (env DOCKER_DOCTOR_BASELINE)")
      ->type_name("FILE");
  app.add_option("--write-baseline", args->write_baseline,
                 "Record the current findings in FILE and exit 0")
      ->type_name("FILE");
  // One rule per flag, so that `--enable DD324 .` leaves `.` a path.
  app.add_option("--enable", args->enable,
                 "Run a rule that is off by default, by id or name; repeatable (`docker-doctor "
                 "rules` shows each rule's default)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  app.add_option("--stdin-filename", args->stdin_filename,
                 "Name for the Dockerfile read from standard input ('-'); alone, implies '-'")
      ->type_name("NAME");
  app.add_option("--jobs,-j", args->jobs,
                 "Lint this many files at once (default: one per core; 1: one at a time). The "
                 "output is the same whatever the number")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  return [args] { return run_lint(*args); };
}

}  // namespace dd::cli
