// `docker-doctor [PATH...]`: find the Dockerfiles, lint them, report.
#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/compose_projects.h"
#include "cli/discover.h"
#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "project/build_context.h"
#include "report/reporter.h"

namespace dd::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string color = "auto";
  std::string fail_on = "warning";
  std::string stdin_filename;
};

void write_stdout(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
}

// True when a finding of severity `s` fails the run at threshold `fail_on`.
bool fails(Severity s, const std::string& fail_on) {
  std::optional<Severity> threshold = parse_severity(fail_on);
  return threshold && static_cast<int>(s) <= static_cast<int>(*threshold);
}

int run_lint(const LintArgs& args) {
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
  if (paths.empty() && !args.stdin_filename.empty()) paths.push_back("-");
  std::string stdin_name = args.stdin_filename.empty() ? "<stdin>" : args.stdin_filename;

  Discovery found = discover(paths, stdin_name);
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
  text_options.color = args.format == "text" && use_color(args.color, STDOUT_FILENO);
  std::unique_ptr<Reporter> reporter = make_reporter(args.format, text_options);
  Tally tally;
  bool failing = false;
  BuildContexts contexts;  // each context directory is walked once per run
  // Every file is read before any is reported: project rules compare files
  // (a Dockerfile.dev against its Dockerfile), so a file's findings are
  // complete only once all files are parsed.
  std::vector<std::string> texts;
  std::vector<DockerfileInput> batch;
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
    DockerfileInput in;
    in.file.path = input.display;
    if (!input.root.empty()) {
      // Parsed here and again by the linter: parsing is a small share of
      // a lint, and the inference must know the sources before the rules run.
      in.file.context = contexts.infer(
          DockerfileLocation{input.root, input.root_display, input.rel}, parse_dockerfile(text));
      for (const std::string& note : contexts.take_notes()) print_note(note);
    }
    texts.push_back(std::move(text));
    batch.push_back(std::move(in));
    batch_input.push_back(index);
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].text = texts[i];  // texts no longer move
  std::vector<std::vector<Finding>> results = lint_dockerfiles(batch);
  // Compose files are linted per project (a base and its override file
  // together), each reported where its first file sorts among the Dockerfiles.
  std::vector<std::vector<size_t>> compose_groups = group_compose_inputs(found.inputs);
  size_t next_group = 0;
  auto lint_compose_groups_before = [&](size_t index) {
    for (; next_group < compose_groups.size() &&
           *std::min_element(compose_groups[next_group].begin(), compose_groups[next_group].end()) <= index;
         ++next_group) {
      std::vector<std::string> errors;
      for (const ComposeFileFindings& f : lint_compose_group(found.inputs, compose_groups[next_group], &errors)) {
        ++tally.files;
        tally.add(f.findings);
        for (const Finding& x : f.findings) failing = failing || fails(x.severity, args.fail_on);
        write_stdout(reporter->add_file(f.text, f.findings));
      }
      for (const std::string& e : errors) print_error(e);
      input_error = input_error || !errors.empty();
    }
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    lint_compose_groups_before(batch_input[i]);
    const std::vector<Finding>& findings = results[i];
    ++tally.files;
    tally.add(findings);
    for (const Finding& f : findings) failing = failing || fails(f.severity, args.fail_on);
    write_stdout(reporter->add_file(texts[i], findings));
  }

  lint_compose_groups_before(found.inputs.size());
  write_stdout(reporter->finish(tally));
  std::fflush(stdout);
  if (input_error) return kExitUsage;
  return failing ? kExitFindings : kExitClean;
}

}  // namespace

CommandRun define_lint(CLI::App& app) {
  auto args = std::make_shared<LintArgs>();
  app.add_option("paths", args->paths,
                 "Files and directories to lint (default: the current directory). Directories "
                 "are searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, "
                 "Containerfile and Containerfile.*, and for compose files (compose.yaml, "
                 "docker-compose.yml, their overrides, compose.*.yaml, docker-compose.*.yml). "
                 "'-' reads standard input.")
      ->type_name("PATH");
  app.add_option("--format", args->format,
                 "Output format: text, json, sarif (GitHub code scanning), github (Actions "
                 "annotations), gnu, checkstyle, codeclimate or gitlab (Code Quality); see "
                 "docs/output-formats.md")
      ->check(CLI::IsMember(report_formats()))
      ->default_str("text");
  app.add_option("--color", args->color,
                 "Colour the text output: auto (only on a terminal, not with NO_COLOR set), "
                 "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  app.add_option("--fail-on", args->fail_on,
                 "Exit 1 when a finding is at least this severe (none: never)")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}))
      ->default_str("warning");
  app.add_option("--stdin-filename", args->stdin_filename,
                 "Name for the Dockerfile read from standard input ('-'); alone, implies '-'")
      ->type_name("NAME");
  return [args] { return run_lint(*args); };
}

}  // namespace dd::cli
