// The shell model of RUN instructions: every simple command a RUN executes,
// with its words (quotes removed, exact file spans), the wrappers it was
// called through (sudo, env, sh -c, python -m ...), its working directory
// and how it is chained to the others. Rules read this; only src/shell/*.cc
// sees tree-sitter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/expand.h"
#include "dockerfile/scope.h"

namespace dd {

// One word of a command after the shell's quote removal.
struct ShellWord {
  // Quotes removed and escapes resolved. Expansions and substitutions are
  // kept as written ("$HOME/.cache" stays so) and make the word `dynamic`;
  // one longer than 4 KiB is cut there (hostile nesting stays linear).
  std::string value;
  std::string raw;  // as written in the script, quotes included (cut like value when dynamic)
  Span span;        // the whole word in the Dockerfile
  bool dynamic = false;  // holds $var, ${...}, $(...), `...`, $((...)), {a,b} or a leading ~
  bool glob = false;     // holds an unquoted *, ? or [: the shell may replace it by file names
  std::vector<SourcePiece> pieces;  // value offsets -> file positions

  // The file position of byte `i` of `value` (i == value.size() gives span.end).
  Position position_of(size_t i) const;
  // The file span of value[begin, end): e.g. just the `false` of `--lockfile=false`.
  Span span_of(size_t begin, size_t end) const;
  // True when the word is static and equal to `s`.
  bool is(std::string_view s) const { return !dynamic && value == s; }
};

// `NAME=value` before a command, after `env`/`sudo`, or as a statement.
struct Assignment {
  std::string name;
  ShellWord value;
  Span span;  // NAME=value as written
};

struct Redirect {
  std::string op;     // ">", ">>", "<", "2>", "&>", "<<", "<<<", ...
  ShellWord target;   // the file, fd or here-string (empty for a heredoc)
  Span span;
};

// A program a command was run through. Rules see `sudo` or `sh -c` here.
enum class WrapperKind {
  Sudo,     // sudo [-u user ...]
  Env,      // env [-i] [-u NAME] [-C DIR] [NAME=value ...]
  Nice,     // nice [-n N]
  Nohup,
  Time,     // time [-p], /usr/bin/time [-v] [-o FILE]
  Timeout,  // timeout [-s SIG] [-k D] DURATION
  Xargs,    // xargs [flags]: the command also gets words from stdin
  Exec,     // exec [-a NAME] [-cl]
  Command,  // command [-p]
  Builtin,  // builtin
  Busybox,  // busybox APPLET
  Python,   // python[3[.N]] [flags] -m MODULE
  Uv,       // uv [global flags] pip ...: the command is pip, run by uv
  Pipx,     // pipx run [flags] APP
  Npx,      // npx/pnpx/bunx, npm exec, pnpm dlx/exec, yarn dlx
  Corepack, // corepack pnpm|yarn|npm
  Shell,    // sh -c '...', bash -c "...", or a shell reading a heredoc
};

struct Wrapper {
  WrapperKind kind;
  std::vector<ShellWord> words;  // the wrapper's own words: its name, flags and operands
  Span span;                     // from its first to its last word
  std::string_view name() const;  // the program's base name, e.g. "sudo", "python3.11"
};

// The operator written right before a command in its list. The first command
// of a block that is itself an operand (`a && (b; c)`) gets the operator before
// the block; the first command of a script or of an if/loop/case body gets Start.
enum class Chain : uint8_t { Start, Sequence, And, Or, Pipe, Background };
std::string_view chain_name(Chain c);  // "start", ";", "&&", "||", "|", "&"

// Where a command sits: each flag is true when the command is inside such a
// construct, at any depth.
struct CommandContext {
  bool subshell = false;      // ( ... ), a pipeline element, $( ), sh -c, & : changes do not outlive it
  bool pipeline = false;      // an element of a pipeline with two or more elements
  bool condition = false;     // an if/elif/while/until condition
  bool branch = false;        // a then/elif/else body or a case item: may not run
  bool loop = false;          // a for/while/until body: may run any number of times
  bool function = false;      // a function body: runs only when called
  bool substitution = false;  // inside $(...), `...` or <(...)
  bool background = false;    // run with & (not waited for)
  bool negated = false;       // under !
  bool inner_script = false;  // parsed from a string or heredoc given to a shell (sh -c)
  bool recovered = false;     // inside a region the shell parser could not parse
};

// A simple command the RUN executes, with the wrappers seen through.
struct Command {
  ShellWord name;  // the program as written after the wrappers: "pip", "/usr/bin/pip3"
  std::vector<ShellWord> args;
  std::vector<Assignment> env;  // NAME=value prefixes and those given to env/sudo
  bool env_cleared = false;     // env -i: the command sees only `env`
  std::vector<Wrapper> wrappers;  // outermost first
  std::vector<Redirect> redirects;
  // The simple command as written: prefix assignments, wrappers, name and
  // arguments (redirections written after it are in `redirects`).
  Span span;
  // The absolute, normalised working directory, or nullopt when it cannot be
  // known (dynamic cd, cd -, a WORKDIR that depends on a build argument ...).
  std::optional<std::string> workdir;
  Chain chain = Chain::Start;
  CommandContext context;
  bool errexit = false;   // `set -e` (or SHELL [..., "-e", ...]) in effect and not suppressed
  bool pipefail = false;  // `set -o pipefail` in effect
  int pipe_from = -1;     // index of the command whose stdout this one reads, or -1
  size_t index = 0;       // position in ShellRun::commands (execution order)

  // The program's base name: "pip3" for "/usr/local/bin/pip3"; empty when dynamic.
  std::string_view program() const;
  const Wrapper* wrapper(WrapperKind kind) const;  // the first such wrapper, or null
  // The first argument that does not start with '-' (no knowledge of which
  // flags take a value: the knowledge layer knows that).
  const ShellWord* first_positional() const;
  // The first argument naming `flag`: "--frozen-lockfile" matches
  // "--frozen-lockfile" and "--frozen-lockfile=..."; a one-letter flag "-y"
  // also matches inside a group such as "-qy". Only arguments before a "--".
  const ShellWord* find_flag(std::string_view flag) const;

  // Internal bookkeeping for ShellRun's queries.
  int guard_entry = 0;  // guard-tree node holding what succeeded before this command started
  int guard_self = 0;   // the node "this command exited with status 0"
  int scope = 0;        // the shell (subshell) it runs in
};

struct ShellError {
  std::string message;
  Span span;
};

// A variable set by the script itself (X=1, export X=1, export X, unset X).
struct ScriptVariable {
  std::string name;
  std::optional<ShellWord> value;  // nullopt for `export X` (value unchanged) and `unset X`
  bool exported = false;           // export, declare -x: child processes see it
  Span span;
  size_t before_command = 0;  // visible to commands with index >= this
  int scope = 0;              // the (sub)shell that set it
  bool unset = false;
};

// What a command sees for an environment variable, and where it was set.
struct EnvValue {
  std::string value;
  bool known = true;  // false: set from something the linter cannot see (ARG without default, $(...))
  Span span;          // the assignment, export, ENV or ARG that set it
};

// Where a RUN's environment came from in the Dockerfile (ENV and ARG).
using StageVariable = ScopeVariable;

// The analysis of one RUN (or ONBUILD RUN).
struct ShellRun {
  const Instruction* instruction = nullptr;  // the RUN itself (for ONBUILD: the trigger)
  size_t instruction_index = 0;              // in Dockerfile::instructions (the ONBUILD for a trigger)
  size_t stage = SIZE_MAX;                   // index in Dockerfile::stages, SIZE_MAX before any FROM
  bool onbuild = false;
  bool exec_form = false;
  // False when the stage's SHELL is not a POSIX shell (powershell, pwsh,
  // cmd): shell-form RUNs then have no commands.
  bool posix = true;
  // Set when a heredoc RUN starts with a shebang naming a non-shell
  // interpreter (#!/usr/bin/env python3): the body is not shell.
  std::string interpreter;
  std::vector<std::string> shell = {"/bin/sh", "-c"};  // the stage's SHELL
  std::optional<std::string> workdir = "/";            // the stage's WORKDIR at this RUN
  std::string user;                                    // the stage's USER ("" = image default)
  std::vector<StageVariable> variables;                // ARG/ENV in scope, in declaration order
  std::vector<Command> commands;                       // execution order
  std::vector<ScriptVariable> script_variables;
  std::vector<ShellError> errors;  // shell syntax errors, with spans; analysis went on around them

  // True when `later` can only start after `earlier` exited with status 0
  // (`a && b`, `a; b` under set -e, `if a; then b; fi`, `(a && c) && b`...).
  bool runs_after_success(const Command& earlier, const Command& later) const;
  // The environment variable `name` as `command` sees it: its own
  // assignments, then the script's exports, then the stage's ENV/ARG.
  // `ignore_case` for tools that read their variables case-insensitively (npm_config_*).
  std::optional<EnvValue> env_for(const Command& command, std::string_view name,
                                  bool ignore_case = false) const;
  // Commands whose program() is `program`.
  std::vector<const Command*> commands_named(std::string_view program) const;

  // Internal: the guard tree (node 0 is "nothing known"); a node stands for
  // "command N exited 0" and its ancestors for what succeeded before it.
  std::vector<int> guard_parent;
  std::vector<uint32_t> guard_enter, guard_exit;  // DFS times, for O(1) ancestor tests
  std::vector<int> scope_parent;                  // subshell nesting (scope 0 = the RUN's shell)
};

// Points into the Dockerfile it was built from (ShellRun::instruction): keep
// that alive as long as the model.
struct ShellModel {
  std::vector<ShellRun> runs;  // one per RUN and ONBUILD RUN, in file order
  // The run for an instruction index (of the RUN or of the ONBUILD), or null.
  const ShellRun* run_at(size_t instruction_index) const;
};

// Analyses every RUN of a parsed Dockerfile (with its scopes, when the caller
// has them already).
ShellModel build_shell_model(const Dockerfile& dockerfile);
ShellModel build_shell_model(const Dockerfile& dockerfile, const DockerfileScopes& scopes);

// What a RUN inherits from its stage; build_shell_model computes it.
struct RunContext {
  std::vector<std::string> shell = {"/bin/sh", "-c"};
  std::optional<std::string> workdir = "/";
  std::string user;
  std::vector<StageVariable> variables;
  std::string_view file_text;  // the Dockerfile, to map chomped heredoc bodies back exactly
};

// Analyses one RUN instruction (shell form, exec form or heredoc) in `context`.
ShellRun analyze_run(const Instruction& run, const RunContext& context);

// Analyses a bare script whose byte i is at file offset `origin.offset + i`
// (for tests and for scripts that are not RUNs, e.g. HEALTHCHECK CMD).
ShellRun analyze_script(std::string_view script, Position origin, const RunContext& context = {});

// Joins a path onto a directory the way cd and WORKDIR do and normalises it
// ("/app" + "../x" = "/x"). `dir` must be absolute.
std::string join_path(std::string_view dir, std::string_view path);

}  // namespace dd
