// Images a repository's own build scripts tag: `docker build -t NAME -f FILE
// CONTEXT` written in a Makefile, a shell script or a CI workflow. Read as
// text and parsed as shell, never run; a command whose words the linter
// cannot know (a variable, a command substitution) is left out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd {

struct ScriptBuild {
  std::vector<std::string> tags;  // every -t/--tag value, as written
  std::string dockerfile;         // -f/--file as written, "" when not given
  std::string context;            // the positional context argument
  std::string target;             // --target, "" when not given
  int line = 0;                   // of the build command's first word
};

enum class ScriptKind {
  Shell,     // *.sh: the whole file is shell
  Makefile,  // recipe lines start with a tab and may carry @, - and + prefixes
  Yaml,      // a CI workflow: commands sit in `run:`/`script:` values
};

// The image builds `text` spells out: `docker build`, `docker buildx build`,
// `docker image build`, `podman build`, `buildah bud|build`. Builds that
// read the context from standard input or a URL, or that have no literal
// tag, are skipped.
std::vector<ScriptBuild> find_script_builds(std::string_view text, ScriptKind kind);

}  // namespace dd
