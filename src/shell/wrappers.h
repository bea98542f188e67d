// Seeing through the programs that run another program: sudo, env, nice,
// timeout, xargs, python -m, uv pip, npx, corepack, sh -c ... Private to
// src/shell/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/shell.h"

namespace dd::shell {

enum class ShellMode {
  None,    // not a shell, or a shell running a script file
  String,  // sh -c 'script'
  Stdin,   // sh / bash -s reading its script from stdin (a heredoc)
};

struct Unwrapped {
  std::vector<Wrapper> wrappers;  // outermost first
  size_t program = 0;             // index in words of the program (words.size(): none)
  size_t args_begin = 1;          // index of its first argument
  std::optional<ShellWord> program_override;  // `pip` cut out of `python -mpip`
  std::vector<Assignment> env;    // from env/sudo NAME=value
  bool env_cleared = false;       // env -i
  std::optional<ShellWord> chdir;  // env -C DIR
  ShellMode shell = ShellMode::None;
  size_t script = 0;  // ShellMode::String: index of the script word
  bool errexit = false;
  bool pipefail = false;
};

// Unwraps words[0..] (the command name then its arguments).
Unwrapped unwrap(const std::vector<ShellWord>& words);

// A shell's own options: `-e`, `-o pipefail`, `-c`, as in
// SHELL ["/bin/bash", "-eo", "pipefail", "-c"] or `bash -exc '...'`.
struct ShellOptions {
  bool command_string = false;  // -c seen
  bool read_stdin = false;      // -s seen
  bool errexit = false;
  bool pipefail = false;
  size_t operand = 0;           // index of the first operand (the script or script file)
};
ShellOptions parse_shell_options(const std::vector<std::string_view>& words, size_t from);

// sh, bash, dash, ash, zsh, ksh, mksh, busybox sh ...
bool is_posix_shell(std::string_view program);
// powershell, pwsh, cmd: a RUN's text is not shell.
bool is_non_posix_shell(std::string_view program);
// "pip3" of "/usr/local/bin/pip3"; ".exe" dropped.
std::string_view base_name(std::string_view path);

}  // namespace dd::shell
