// The fuzz targets' bodies, shared by the libFuzzer harnesses in this
// directory and by tests/fuzz/fuzz_regressions_test.cc, which replays every
// saved input through the same function in the normal test build. Each target
// feeds the bytes to one entry point and then checks what that entry point
// promises (spans inside the text, positions that agree with their offsets),
// so the fuzzer finds wrong answers as well as crashes. A broken promise
// aborts with a message: under libFuzzer that is a crash with a saved input,
// under gtest a failed test.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compose/loader.h"
#include "config/config.h"
#include "docker_doctor/finding.h"
#include "docker_doctor/linter.h"
#include "docker_doctor/source.h"
#include "dockerfile/ast.h"
#include "dockerfile/expand.h"
#include "ignore/ignore_file.h"
#include "ignore/matcher.h"
#include "lsp/fuzz_entry.h"
#include "shell/shell.h"

namespace dd::fuzz {

// Not assert(): the regression test runs in release builds, where NDEBUG
// would turn the checks off.
#define DD_FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s (%s)\n", __FILE__, __LINE__, what, \
                   #cond);                                                                      \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)

inline void check_span(std::string_view text, const Span& s, const char* what) {
  DD_FUZZ_CHECK(s.start.offset <= s.end.offset, what);
  DD_FUZZ_CHECK(s.end.offset <= text.size(), what);
  DD_FUZZ_CHECK(s.start.line >= 1 && s.start.column >= 1, what);
  DD_FUZZ_CHECK(s.end.line >= s.start.line, what);
}

// --- Dockerfile parser: parse, dump, and every span of the model.

inline void check_word(std::string_view text, const Word& w, const char* what) {
  check_span(text, w.span, what);
  for (const SourcePiece& p : w.pieces) {
    DD_FUZZ_CHECK(p.text_offset <= w.text.size(), what);
    DD_FUZZ_CHECK(p.source.offset <= text.size(), what);
  }
  // Every byte of the word maps back into the file, in order.
  size_t last = 0;
  for (size_t i = 0; i <= w.text.size(); ++i) {
    Position p = w.position_of(i);
    DD_FUZZ_CHECK(p.offset <= text.size(), what);
    DD_FUZZ_CHECK(p.offset >= last, what);
    last = p.offset;
  }
}

inline void check_instruction(std::string_view text, const Instruction& ins) {
  check_span(text, ins.span, "instruction span");
  check_span(text, ins.keyword_span, "keyword span");
  for (const Word& w : ins.args) check_word(text, w, "argument");
  for (const KeyValue& kv : ins.pairs) {
    check_word(text, kv.key, "pair key");
    check_word(text, kv.value, "pair value");
  }
  for (const Flag& f : ins.flags) {
    check_span(text, f.span, "flag span");
    check_span(text, f.value_span, "flag value span");
  }
  for (const Heredoc& h : ins.heredocs) {
    check_span(text, h.header_span, "heredoc header");
    check_span(text, h.body_span, "heredoc body");
  }
  for (const Comment& c : ins.comments_before) check_span(text, c.span, "comment");
  for (const Instruction& inner : ins.onbuild) check_instruction(text, inner);
}

inline void dockerfile_parser(std::string_view text) {
  Dockerfile df = parse_dockerfile(text);
  std::string dump = dump_ast(df);
  (void)dump;
  for (const ParseError& e : df.errors) {
    DD_FUZZ_CHECK(!e.message.empty(), "an error says what is wrong");
    check_span(text, e.span, "error span");
  }
  for (const Comment& c : df.comments) check_span(text, c.span, "comment");
  for (const Directive& d : df.directives) check_span(text, d.span, "directive");
  for (const Instruction& ins : df.instructions) check_instruction(text, ins);
  for (const Stage& st : df.stages) {
    DD_FUZZ_CHECK(st.from < df.instructions.size(), "stage FROM index");
    for (size_t i : st.body) DD_FUZZ_CHECK(i < df.instructions.size(), "stage body index");
    check_span(text, st.name_span, "stage name");
  }
  for (size_t i : df.global_args) DD_FUZZ_CHECK(i < df.instructions.size(), "global ARG index");
}

// --- Word expansion. Byte 0 chooses the escape character and expand_word
// or expand_words; the rest, up to an optional NUL, is the word; after the
// NUL come extra `NAME=value` lines for the variable map. The map always
// holds the conformance environment (../shared/conformance/README.md).

inline void expand(std::string_view data) {
  if (data.empty()) return;
  const unsigned mode = static_cast<unsigned char>(data[0]);
  data.remove_prefix(1);
  VarMap vars = {{"PWD", "/home"},
                 {"SHELL", "bash"},
                 {"KOREAN", "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"},
                 {"NULL", ""}};
  std::string_view word = data;
  if (size_t nul = data.find('\0'); nul != std::string_view::npos) {
    word = data.substr(0, nul);
    std::string_view rest = data.substr(nul + 1);
    while (!rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) continue;
      vars[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    }
  }
  const char escape = (mode & 1) ? '`' : '\\';
  ExpandResult r = (mode & 2) ? expand_words(word, vars, escape) : expand_word(word, vars, escape);
  if (r.ok) {
    DD_FUZZ_CHECK(r.error.empty(), "a successful expansion has no error");
  } else {
    DD_FUZZ_CHECK(!r.error.empty(), "a failed expansion says why");
    DD_FUZZ_CHECK(r.error_offset <= word.size(), "the error points into the word");
  }
}

// --- Shell model: the bytes as a bare script (analyze_script) and as a
// Dockerfile whose RUNs go through build_shell_model, as the rules see them.

inline void check_shell_word(std::string_view text, const ShellWord& w, const char* what) {
  check_span(text, w.span, what);
  for (const SourcePiece& p : w.pieces) DD_FUZZ_CHECK(p.source.offset <= text.size(), what);
  for (size_t i = 0; i <= w.value.size(); ++i)
    DD_FUZZ_CHECK(w.position_of(i).offset <= text.size(), what);
}

inline void check_shell_run(std::string_view text, const ShellRun& run) {
  for (const Command& c : run.commands) {
    check_span(text, c.span, "command span");
    check_shell_word(text, c.name, "command name");
    for (const ShellWord& w : c.args) check_shell_word(text, w, "command argument");
    for (const Assignment& a : c.env) {
      check_span(text, a.span, "assignment");
      check_shell_word(text, a.value, "assignment value");
    }
    for (const Redirect& r : c.redirects) check_span(text, r.span, "redirect");
    for (const Wrapper& w : c.wrappers) check_span(text, w.span, "wrapper");
    DD_FUZZ_CHECK(c.pipe_from < static_cast<int>(run.commands.size()), "pipe_from index");
    (void)c.program();
    (void)c.first_positional();
    (void)run.env_for(c, "PATH");
  }
  for (const ShellError& e : run.errors) check_span(text, e.span, "shell error");
  for (const ScriptVariable& v : run.script_variables) check_span(text, v.span, "script variable");
  // The chaining queries over a bounded number of pairs (they are O(1) each).
  const size_t n = std::min<size_t>(run.commands.size(), 64);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) (void)run.runs_after_success(run.commands[i], run.commands[j]);
}

inline void shell_model(std::string_view text) {
  ShellRun bare = analyze_script(text, Position{1, 1, 0});
  check_shell_run(text, bare);

  Dockerfile df = parse_dockerfile(text);
  ShellModel model = build_shell_model(df);
  for (const ShellRun& run : model.runs) {
    DD_FUZZ_CHECK(run.instruction != nullptr, "a run points at its RUN");
    check_shell_run(text, run);
  }
}

// --- The whole Dockerfile lint, and its fixes applied to the text.

inline void lint(std::string_view text) {
  std::vector<Finding> findings = lint_dockerfile_text("Dockerfile", text);
  std::vector<Fix> fixes;
  for (const Finding& f : findings) {
    DD_FUZZ_CHECK(!f.rule_id.empty() && !f.message.empty(),
                  "a finding names its rule and says why");
    check_span(text, f.span, "finding span");
    if (f.fix) {
      for (const Edit& e : f.fix->edits) check_span(text, e.span, "fix edit");
      fixes.push_back(*f.fix);
    }
  }
  if (!fixes.empty()) {
    FixResult fixed = apply_fixes(text, fixes);
    DD_FUZZ_CHECK(fixed.applied + fixed.skipped == fixes.size(), "every fix applied or skipped");
    (void)lint_dockerfile_text("Dockerfile", fixed.text);
  }
}

// Splits `data` at its first NUL: the part before, and the rest (empty when
// there is no NUL). The multi-part harnesses take their parts this way.
inline std::pair<std::string_view, std::string_view> split_nul(std::string_view data) {
  size_t nul = data.find('\0');
  if (nul == std::string_view::npos) return {data, {}};
  return {data.substr(0, nul), data.substr(nul + 1)};
}

inline std::vector<std::string_view> lines_of(std::string_view text, size_t max) {
  std::vector<std::string_view> out;
  while (!text.empty() && out.size() < max) {
    size_t eol = text.find('\n');
    out.push_back(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  }
  return out;
}

// --- .dockerignore: the text before a NUL is the file, the lines after it
// paths to decide. Besides spans, the combined matcher (hash tables and RE2
// sets) must decide every path as the patterns taken one at a time do: the
// last pattern that matches the path or a parent directory.

inline void ignore(std::string_view data) {
  auto [text, rest] = split_nul(data);
  dd::ignore::IgnoreFile file = dd::ignore::parse_ignore_file(text);
  for (const dd::ignore::IgnoreError& e : file.errors) {
    DD_FUZZ_CHECK(!e.message.empty(), "an ignore error says why");
    check_span(text, e.span, "ignore error span");
  }
  for (const dd::ignore::IgnorePattern& p : file.patterns) check_span(text, p.span, "pattern span");
  dd::ignore::Matcher matcher = dd::ignore::compile_ignore_file(file);
  DD_FUZZ_CHECK(matcher.size() == file.patterns.size(), "matcher and file agree on indices");
  for (const dd::ignore::IgnoreError& e : file.errors)
    check_span(text, e.span, "ignore error span");

  // One matcher per pattern, for the reference answer (bounded: RE2 compiles are not free).
  std::vector<dd::ignore::Matcher> single;
  const size_t n = std::min<size_t>(file.patterns.size(), 24);
  for (size_t i = 0; i < n; ++i)
    single.emplace_back(std::vector<dd::ignore::MatcherPattern>{
        {file.patterns[i].cleaned, file.patterns[i].exception}});
  for (std::string_view path : lines_of(rest, 16)) {
    long deciding = matcher.deciding_pattern(path);
    DD_FUZZ_CHECK(deciding >= -1 && deciding < static_cast<long>(matcher.size()),
                  "the deciding pattern is one of the patterns");
    (void)matcher.excluded(path);
    if (file.patterns.size() > n) continue;
    long expected = -1;
    for (size_t i = 0; i < n; ++i)
      if (single[i].deciding_pattern(path) == 0) expected = static_cast<long>(i);
    DD_FUZZ_CHECK(deciding == expected, "the combined matcher decides as the patterns one by one");
  }
}

// --- The compose loader: YAML, merge keys, interpolation, override merge,
// extends/include, schema, normalisation. Parts split at NULs: compose.yaml,
// compose.override.yaml (also readable as `other.yaml`, for extends and
// include), and `.env`. Every location the project holds lies in the text of
// the file it names.

inline void check_location(const dd::compose::Project& p, const dd::compose::Location& loc,
                           const char* what) {
  const dd::compose::SourceFile* f = p.file(loc.file);
  if (f == nullptr) return;  // a file that could not be read
  check_span(f->text, loc.span, what);
}

inline void check_node(const dd::compose::Project& p, const dd::compose::Node& n, int depth) {
  DD_FUZZ_CHECK(depth <= 1024, "the tree stays within the depth limit");
  check_location(p, n.loc, "node location");
  for (const dd::compose::Node& item : n.items) check_node(p, item, depth + 1);
  for (const dd::compose::MapEntry& e : n.entries) {
    check_node(p, e.key, depth + 1);
    check_node(p, e.value, depth + 1);
  }
}

inline void compose_loader(std::string_view data) {
  const bool has_override = data.find('\0') != std::string_view::npos;
  auto [base, rest] = split_nul(data);
  auto [over, dotenv] = split_nul(rest);
  std::map<std::string, std::string> files = {{"compose.yaml", std::string(base)}};
  if (has_override) {
    files["compose.override.yaml"] = std::string(over);
    files["other.yaml"] = std::string(over);
  }
  if (!dotenv.empty()) files[".env"] = std::string(dotenv);
  dd::compose::LoadOptions options;
  options.environment = {{"HOME", "/home/fuzz"}, {"TAG", "1.0"}};
  options.read_file = [&files](const std::string& path, std::string* text, std::string* error) {
    std::string name = path.rfind("./", 0) == 0 ? path.substr(2) : path;
    auto it = files.find(name);
    if (it == files.end()) {
      *error = "no such file";
      return false;
    }
    *text = it->second;
    return true;
  };
  std::vector<dd::compose::FileRef> refs = {{"compose.yaml", "compose.yaml"}};
  if (has_override) refs.push_back({"compose.override.yaml", "compose.override.yaml"});
  dd::compose::Project project = dd::compose::load_project(refs, options);

  for (const dd::compose::Diagnostic& d : project.diagnostics) {
    DD_FUZZ_CHECK(!d.message.empty(), "a compose diagnostic says what is wrong");
    check_location(project, d.loc, "diagnostic location");
  }
  check_node(project, project.root, 0);
  for (const dd::compose::Service& s : project.services) {
    check_location(project, s.name.loc, "service name");
    check_location(project, s.loc, "service");
    for (const dd::compose::PortSpec& port : s.ports) check_location(project, port.loc, "port");
    for (const dd::compose::VolumeMount& v : s.volumes) {
      check_location(project, v.loc, "volume");
      check_location(project, v.source_loc, "volume source");
      check_location(project, v.target_loc, "volume target");
    }
    for (const dd::compose::KeyValue& kv : s.environment)
      check_location(project, kv.loc, "env entry");
    for (const dd::compose::Dependency& d : s.depends_on)
      check_location(project, d.loc, "depends_on");
  }
}

// --- The configuration file: load it; when it loads, the globs it holds
// decide the paths after a NUL (one per line) and the lint options for each
// are built, as the CLI does per file.

inline void config(std::string_view data) {
  auto [text, rest] = split_nul(data);
  dd::config::Config c;
  std::vector<dd::config::ConfigError> errors;
  bool ok = dd::config::load_config(".docker-doctor.yaml", text, &c, &errors);
  DD_FUZZ_CHECK(ok == errors.empty(), "a config fails exactly when it has errors");
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const dd::config::ConfigError& e : errors) {
    DD_FUZZ_CHECK(!e.message.empty(), "a config error says what is wrong");
    DD_FUZZ_CHECK(e.line >= 0 && e.line <= lines + 1, "a config error points at a line");
    DD_FUZZ_CHECK(e.column >= 0, "a config error points at a column");
    (void)e.str();
  }
  if (!ok) return;
  std::vector<std::string_view> paths = lines_of(rest, 16);
  if (paths.empty()) paths = {"Dockerfile", "services/api/Dockerfile.dev", "compose.yaml"};
  for (std::string_view path : paths) {
    (void)dd::config::selected(c, path);
    LintOptions o = dd::config::options_for(c, path);
    (void)o;
  }
}

// --- The language server's input side: framing, JSON, and the server's
// handlers (src/lsp/fuzz_entry.h).

inline void lsp(std::string_view data) {
  dd::lsp::fuzz_lsp_input(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

// The harnesses by name, for the regression test and tests/fuzz/seed.sh.
struct Target {
  const char* name;
  void (*run)(std::string_view);
};
inline const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"dockerfile_parser", dockerfile_parser},
      {"expand", expand},
      {"shell_model", shell_model},
      {"lint", lint},
      {"ignore", ignore},
      {"compose", compose_loader},
      {"config", config},
      {"lsp", lsp},
  };
  return all;
}

}  // namespace dd::fuzz
