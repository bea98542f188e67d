// Inline suppressions: comments in a linted file that silence findings.
// Applied after the rules ran and before anything is reported, so every rule
// and every output format honour them alike (docs/configuration.md).
//
//   # docker-doctor ignore=DD101,lockfile-disabled -- reason
//       on the comment line(s) directly above an instruction (a compose key,
//       a .dockerignore line): silences those rules there;
//   # docker-doctor ignore-file=DD101 -- reason
//       anywhere: silences them in the whole file;
//   # hadolint ignore=DL3008          (and `# hadolint global ignore=...`)
//       the same for the rules whose `hadolint:` front matter names DL3008;
//   # check=skip=Rule1,Rule2          (BuildKit's parser directive; skip=all)
//       the whole file, for the rules whose `buildkit:` front matter names them.
//
// A docker-doctor suppression that silenced nothing is reported as DD001, a
// rule it names that does not exist as DD002. hadolint and BuildKit comments
// are read for migration only: they are never reported, since they still
// serve the tools they were written for.
#pragma once

#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"

namespace dd {

struct Dockerfile;

enum class FileKind { Dockerfile, Compose, Dockerignore };

// Removes from `findings` those the comments of `text` suppress, and adds
// DD001/DD002 findings for the file `path`. For a Dockerfile, `parsed` is
// its parse (comments and instruction spans come from it: a suppression
// covers its instruction's continuation lines and heredocs, and a `#` line
// inside a heredoc is not a comment); the other kinds are read line by line.
// Rules in `options.disabled_rules` are not reported unused.
void apply_suppressions(std::string_view path, std::string_view text, FileKind kind,
                        const Dockerfile* parsed, const LintOptions& options,
                        std::vector<Finding>& findings);

}  // namespace dd
