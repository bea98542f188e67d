// `docker-doctor dump-ast FILE`: how the parser read a Dockerfile, in
// BuildKit's own dump format, so a user can compare it with what BuildKit does.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/discover.h"
#include "dockerfile/ast.h"
#include "report/line_index.h"
#include "report/text_reporter.h"

namespace dd::cli {

namespace {

int run_dump_ast(const std::string& path) {
  Input input{path, path == "-" ? "<stdin>" : path, false};
  std::string text, error;
  if (!read_input(input, &text, &error)) {
    print_error(error);
    return kExitUsage;
  }
  Dockerfile dockerfile = parse_dockerfile(text);
  std::string out = dump_ast(dockerfile);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (dockerfile.errors.empty()) return kExitClean;
  LineIndex lines(text);
  for (const ParseError& e : dockerfile.errors) {
    DisplayRange r = display_range(lines, e.span);
    std::fprintf(stderr, "%s\n",
                 terminal_safe(fmt::format("{}:{}:{}: error: {}", input.display, r.line,
                                           r.column, e.message))
                     .c_str());
  }
  return kExitFindings;
}

}  // namespace

CommandRun define_dump_ast(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  app.add_option("file", *file, "The Dockerfile to parse ('-' for standard input)")
      ->required()
      ->type_name("FILE");
  return [file] { return run_dump_ast(*file); };
}

}  // namespace dd::cli
