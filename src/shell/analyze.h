// The walk that turns a shell script into ShellRun::commands. Private to
// src/shell/; run.cc decides what the script of a RUN is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shell/shell.h"
#include "shell/source_map.h"

namespace dd::shell {

struct ScriptSource {
  std::string text;
  SourceMap map;
};

// The shell state a RUN starts in.
struct Start {
  std::optional<std::string> workdir;
  bool errexit = false;   // SHELL ["/bin/sh", "-e", "-c"]
  bool pipefail = false;  // SHELL ["/bin/bash", "-o", "pipefail", "-c"]
};

// Parses and walks `source` as the RUN's script.
void analyze_script_into(ShellRun& run, ScriptSource source, const Start& start);
// An exec-form RUN: `words` is the one command (a shell -c among them is
// looked into).
void analyze_words_into(ShellRun& run, std::vector<ShellWord> words, Span span, const Start& start);

}  // namespace dd::shell
