// Runs the language server on a pair of file descriptors (the process's
// standard input and output for `docker-doctor lsp`): a reader loop that
// frames messages, and a worker thread that lints documents when their
// debounce elapses. Returns the exit status LSP prescribes.
#pragma once

#include "lsp/server.h"

namespace dd::lsp {

int run_stdio_server(int in_fd, int out_fd, ServerOptions options = {});

}  // namespace dd::lsp
