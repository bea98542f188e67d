// docker-doctor's entry point: the table of subcommands and nothing else.
// Each command lives in its own src/cli/*_command.cc.
#include <CLI/CLI.hpp>

#include <exception>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace {

struct Subcommand {
  const char* name;
  const char* description;
  dd::cli::CommandRun (*define)(CLI::App&);
};

constexpr Subcommand kSubcommands[] = {
    {"rules", "List every rule: id, name, severity, fixability, summary", dd::cli::define_rules},
    {"explain", "Show the documentation of one rule", dd::cli::define_explain},
    {"dump-ast", "Print how the parser reads a Dockerfile, in BuildKit's dump format",
     dd::cli::define_dump_ast},
    {"impact", "Show which build steps a change rebuilds, per Dockerfile and stage",
     dd::cli::define_impact},
    {"graph", "Print what builds from what: contexts, Dockerfiles, stages, images, lockfiles",
     dd::cli::define_graph},
    {"init", "Write a commented starter .docker-doctor.yaml", dd::cli::define_init},
    {"lsp", "Run the language server on standard input and output (for editors)",
     dd::cli::define_lsp},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"docker-doctor: a linter for Dockerfiles and the repositories they build.",
               "docker-doctor"};
  app.set_version_flag("--version", "docker-doctor " DD_VERSION);
  app.footer(dd::cli::kHelpFooter);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("docker-doctor: error: ") + e.what() +
           "\nRun 'docker-doctor --help' for usage.\n";
  });
  app.require_subcommand(0, 1);

  dd::cli::CommandRun lint = dd::cli::define_lint(app);
  std::vector<std::pair<CLI::App*, dd::cli::CommandRun>> commands;
  for (const Subcommand& s : kSubcommands) {
    CLI::App* sub = app.add_subcommand(s.name, s.description);
    commands.emplace_back(sub, s.define(*sub));
  }

  try {
    app.parse(argc, argv);
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run();
    return lint();
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every other parse failure is a usage error.
    return app.exit(e) == 0 ? dd::cli::kExitClean : dd::cli::kExitUsage;
  } catch (const std::exception& e) {
    dd::cli::print_error(std::string("internal error: ") + e.what());
    return dd::cli::kExitUsage;
  }
}
