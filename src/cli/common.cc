// What every command shares: diagnostics on stderr, the colour decision and
// the help epilogue.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/commands.h"
#include "report/text_reporter.h"

namespace dd::cli {

const char* const kHelpFooter = R"(Examples:
  docker-doctor                         lint every Dockerfile under the current directory
  docker-doctor services/api            lint the Dockerfiles of one directory tree
  docker-doctor build/Dockerfile.ci     lint one file, whatever its name
  docker-doctor - --stdin-filename Dockerfile < Dockerfile
  docker-doctor --format json . > findings.json
  docker-doctor --format sarif . > docker-doctor.sarif
  docker-doctor --fail-on error .       exit 1 only for errors
  docker-doctor rules                   list every rule
  docker-doctor explain DD601           show a rule's documentation
  docker-doctor dump-ast Dockerfile     show how the parser reads a file

Exit status:
  0  no findings at or above the --fail-on severity
  1  findings at or above the --fail-on severity
  2  usage error, unreadable input or unknown rule

Documentation: docs/cli.md, docs/output-formats.md; rule docs: docker-doctor explain RULE)";

void print_error(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "docker-doctor: error: %s\n", terminal_safe(message).c_str());
}

void print_note(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "docker-doctor: note: %s\n", terminal_safe(message).c_str());
}

bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // https://no-color.org: set and non-empty disables colour by default; an
  // explicit --color=always (above) still wins.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

}  // namespace dd::cli
