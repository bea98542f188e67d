// `docker-doctor impact`: which build steps a change rebuilds, per
// Dockerfile and stage, from a static simulation of the layer cache.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/discover.h"
#include "dockerfile/ast.h"
#include "dockerfile/scope.h"
#include "model/image_files.h"
#include "project/build_context.h"
#include "project/impact.h"
#include "shell/shell.h"

extern char** environ;

namespace dd::cli {

namespace {

namespace fs = std::filesystem;

struct ImpactArgs {
  std::vector<std::string> paths;
  std::vector<std::string> changed;
  std::string since;
  std::string format = "text";
  bool no_gitignore = false;
};

// Runs git with the given arguments in `dir` and returns its standard
// output. Only git's own code runs: the repository's hooks, fsmonitor and
// external diff or textconv drivers are switched off, since docker-doctor
// never runs anything a repository supplies.
bool run_git(const std::string& dir, const std::vector<std::string>& args, std::string* out,
             std::string* error) {
  std::vector<std::string> argv = {"git",
                                   "-C",
                                   dir,
                                   "-c",
                                   "core.fsmonitor=false",
                                   "-c",
                                   "core.hooksPath=/dev/null",
                                   "-c",
                                   "diff.external=",
                                   "--no-pager"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  int pipefd[2];
  if (pipe(pipefd) != 0) {
    *error = "cannot create a pipe for git";
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipefd[1]);
  if (rc != 0) {
    close(pipefd[0]);
    *error = "cannot run git (is it installed?)";
    return false;
  }
  char buf[65536];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = "git " + fmt::format("{}", fmt::join(args, " ")) + " failed in " + dir;
    return false;
  }
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// The changed files as absolute, lexically normal paths.
bool changed_files(const ImpactArgs& args, std::vector<fs::path>* out) {
  for (const std::string& c : args.changed) out->push_back(fs::absolute(c).lexically_normal());
  if (args.since.empty()) return true;
  std::string top, names, error;
  std::string here = fs::current_path().string();
  if (!run_git(here, {"rev-parse", "--show-toplevel"}, &top, &error)) {
    print_error(error + ": --since needs a git repository");
    return false;
  }
  std::vector<std::string> top_lines = lines_of(top);
  if (top_lines.empty()) return false;
  if (!run_git(top_lines[0], {"diff", "--name-only", "--no-ext-diff", "--no-textconv", args.since},
               &names, &error)) {
    print_error(error);
    return false;
  }
  for (const std::string& name : lines_of(names))
    out->push_back((fs::path(top_lines[0]) / name).lexically_normal());
  return true;
}

// `path` relative to `dir` when it lies inside it.
std::optional<std::string> inside(const fs::path& path, const fs::path& dir) {
  fs::path rel = path.lexically_relative(dir);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  std::string s = rel.generic_string();
  if (s == ".") return std::nullopt;
  return s;
}

std::string instruction_text(const Dockerfile& df, size_t index) {
  std::string line = df.at(index).original;
  if (line.size() > 100) line = line.substr(0, 97) + "...";
  return line;
}

std::string stage_name(const Dockerfile& df, size_t s) {
  return df.stages[s].name.empty() ? fmt::format("stage {}", s)
                                   : fmt::format("stage {} '{}'", s, df.stages[s].name);
}

int run_impact(const ImpactArgs& args) {
  if (args.changed.empty() && args.since.empty()) {
    print_error("say what changed: --changed PATH... or --since REV");
    return kExitUsage;
  }
  std::vector<fs::path> changed;
  if (!changed_files(args, &changed)) return kExitUsage;
  Discovery found = discover(args.paths, "<stdin>", {.gitignore = !args.no_gitignore});
  for (const Diagnostic& d : found.diagnostics) (d.error ? print_error : print_note)(d.message);

  BuildContexts contexts;
  nlohmann::json report = nlohmann::json::array();
  std::string text;
  size_t unaffected = 0;
  for (const Input& input : found.inputs) {
    std::string content, error;
    if (input.root.empty() || !read_input(input, &content, &error)) {
      if (!error.empty()) print_error(error);
      continue;
    }
    Dockerfile df = parse_dockerfile(content);
    const BuildContextInfo* context =
        contexts.infer(DockerfileLocation{input.root, input.root_display, input.rel}, df);
    for (const std::string& note : contexts.take_notes()) print_note(note);
    if (!context) continue;
    // The context directory on disk: the display path is relative to the
    // directory the walk started from.
    fs::path root = fs::absolute(input.root).lexically_normal();
    std::string below_root = context->dir;
    if (!input.root_display.empty() && below_root.rfind(input.root_display, 0) == 0)
      below_root = below_root.substr(input.root_display.size());
    while (!below_root.empty() && below_root.front() == '/') below_root.erase(0, 1);
    fs::path context_dir =
        (below_root.empty() || below_root == ".") ? root : (root / below_root).lexically_normal();
    ImpactInput in;
    DockerfileScopes scopes = compute_scopes(df);
    ImageFiles files = compute_image_files(df, scopes);
    ShellModel shell = build_shell_model(df, scopes);
    in.dockerfile = &df;
    in.scopes = &scopes;
    in.files = &files;
    in.shell = &shell;
    for (const fs::path& c : changed)
      if (auto rel = inside(c, context_dir)) in.changed.push_back(*rel);
    in.sent = sent_by(*context);
    std::vector<StageImpact> impact = simulate_change(in);
    bool any = false;
    nlohmann::json stages = nlohmann::json::array();
    std::string block = fmt::format("{} (context {}):\n", input.display, context->dir);
    for (const StageImpact& s : impact) {
      if (!s.rebuilt()) continue;
      any = true;
      nlohmann::json steps = nlohmann::json::array();
      for (size_t i = 0; i < s.steps.size(); ++i) {
        const RebuiltStep& step = s.steps[i];
        int line = df.at(step.instruction).span.start.line;
        if (i == 0)
          block +=
              fmt::format("  {} (line {}): rebuilds from line {}, {}: {}\n",
                          stage_name(df, s.stage), df.at(df.stages[s.stage].from).span.start.line,
                          line, instruction_text(df, step.instruction), step.reason);
        if (step.installs_dependencies)
          block += fmt::format("    re-runs a dependency install at line {}: {}\n", line,
                               instruction_text(df, step.instruction));
        steps.push_back({{"line", line},
                         {"instruction", df.at(step.instruction).original},
                         {"reason", step.reason},
                         {"installs_dependencies", step.installs_dependencies},
                         {"first", i == 0}});
      }
      stages.push_back({{"stage", s.stage}, {"name", df.stages[s.stage].name}, {"steps", steps}});
    }
    if (!any) {
      ++unaffected;
      continue;
    }
    text += block;
    report.push_back(
        {{"dockerfile", input.display}, {"context", context->dir}, {"stages", stages}});
  }
  if (args.format == "json") {
    std::string out =
        nlohmann::json({{"changed", changed.size()}, {"images", report}}).dump(2) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    if (report.empty()) text += "No build step rebuilds.\n";
    if (unaffected)
      text +=
          fmt::format("{} Dockerfile{} fully cached.\n", unaffected, unaffected == 1 ? "" : "s");
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return kExitClean;
}

}  // namespace

CommandRun define_impact(CLI::App& app) {
  auto args = std::make_shared<ImpactArgs>();
  app.add_option("paths", args->paths,
                 "Files and directories to look for Dockerfiles in (default: the repository)")
      ->type_name("PATH");
  app.add_option("--changed", args->changed,
                 "Files that changed (relative to the current directory)")
      ->type_name("PATH");
  app.add_option("--since", args->since, "Take the changed files from `git diff --name-only REV`")
      ->type_name("REV");
  app.add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--no-gitignore", args->no_gitignore, "Also look in what Git ignores");
  return [args] { return run_impact(*args); };
}

}  // namespace dd::cli
