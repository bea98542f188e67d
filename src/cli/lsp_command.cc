// `docker-doctor lsp`: the language server on standard input and output.
// Editors start it; docs/editors.md shows how.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <memory>

#include "cli/commands.h"
#include "lsp/stdio_server.h"

namespace dd::cli {

namespace {

struct LspArgs {
  int debounce_ms = 100;
  bool stdio = false;
};

int run_lsp(const LspArgs& args) {
  // A client that goes away must end the server through EOF, not SIGPIPE
  // in the middle of a write.
  std::signal(SIGPIPE, SIG_IGN);
  lsp::ServerOptions options;
  options.debounce = std::chrono::milliseconds(args.debounce_ms);
  return lsp::run_stdio_server(STDIN_FILENO, STDOUT_FILENO, options);
}

}  // namespace

CommandRun define_lsp(CLI::App& app) {
  auto args = std::make_shared<LspArgs>();
  app.add_option("--debounce", args->debounce_ms,
                 "Milliseconds of quiet after an edit before the document is linted")
      ->check(CLI::Range(0, 10000))
      ->default_str("100");
  // vscode-languageclient appends --stdio for this transport; it is the only one.
  app.add_flag("--stdio", args->stdio, "Talk LSP over standard input and output (the default)");
  return [args] { return run_lsp(*args); };
}

}  // namespace dd::cli
