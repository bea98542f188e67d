// The CLI's commands. Each `define_*` adds a command's options to the CLI11
// app (or subcommand) it is given and returns the function that runs the
// command once the command line has been parsed; that function returns the
// process exit status. main.cc holds the table that wires them up.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace dd::cli {

using CommandRun = std::function<int()>;

// Exit statuses, documented in docs/cli.md.
constexpr int kExitClean = 0;     // no findings at or above --fail-on
constexpr int kExitFindings = 1;  // findings at or above --fail-on (dump-ast: parse errors)
constexpr int kExitUsage = 2;     // bad command line, unreadable input, unknown rule

CommandRun define_lint(CLI::App& app);      // docker-doctor [PATH...]
CommandRun define_rules(CLI::App& app);     // docker-doctor rules
CommandRun define_explain(CLI::App& app);   // docker-doctor explain RULE
CommandRun define_dump_ast(CLI::App& app);  // docker-doctor dump-ast FILE
CommandRun define_impact(CLI::App& app);    // docker-doctor impact --changed PATH...
CommandRun define_graph(CLI::App& app);     // docker-doctor graph [--format text|json|dot|mermaid]
CommandRun define_init(CLI::App& app);      // docker-doctor init [DIR]
CommandRun define_lsp(CLI::App& app);       // docker-doctor lsp

// The top-level --help epilogue: examples and exit statuses.
extern const char* const kHelpFooter;

// Prints a diagnostic to stderr as "docker-doctor: error: ..." (or "note").
void print_error(const std::string& message);
void print_note(const std::string& message);

// Whether to colour output written to `fd` for a --color mode
// ("auto", "always", "never"): auto means a terminal, no NO_COLOR, TERM not dumb.
bool use_color(const std::string& mode, int fd);

}  // namespace dd::cli
