// What script a RUN hands to its shell (BuildKit's dispatchRun), and the
// stage state it runs in: SHELL, WORKDIR, USER, ARG and ENV, inherited
// through `FROM <stage>`.
#include <algorithm>
#include <cctype>
#include <set>

#include "shell/analyze.h"
#include "shell/shell.h"
#include "shell/words.h"
#include "shell/wrappers.h"

namespace dd {
namespace {

using shell::ScriptSource;
using shell::SourceMap;

ScriptSource source_of_word(const Word& w) {
  ScriptSource s;
  s.text = w.text;
  if (w.pieces.empty()) {
    s.map.add_copy(s.text, 0, s.text.size(), w.span.start);
    return s;
  }
  for (size_t i = 0; i < w.pieces.size(); ++i) {
    size_t b = w.pieces[i].text_offset;
    size_t e = i + 1 < w.pieces.size() ? w.pieces[i + 1].text_offset : w.text.size();
    s.map.add_copy(s.text, b, e - b, w.pieces[i].source);
  }
  return s;
}

Position advance(Position p, size_t bytes) {
  p.offset += bytes;
  p.column += static_cast<int>(bytes);
  return p;
}

// Appends w.text[b, e) to the script, mapped through the word's pieces.
void append_slice(ScriptSource& s, const Word& w, size_t b, size_t e) {
  e = std::min(e, w.text.size());
  if (w.pieces.empty()) {
    size_t at = s.text.size();
    s.text.append(w.text, b, e - b);
    s.map.add_copy(s.text, at, e - b, advance(w.span.start, b));
    return;
  }
  for (size_t i = 0; i < w.pieces.size(); ++i) {
    size_t pb = w.pieces[i].text_offset;
    size_t pe = i + 1 < w.pieces.size() ? w.pieces[i + 1].text_offset : w.text.size();
    size_t from = std::max(pb, b), to = std::min(pe, e);
    if (from >= to) continue;
    size_t at = s.text.size();
    s.text.append(w.text, from, to - from);
    s.map.add_copy(s.text, at, to - from, advance(w.pieces[i].source, from - pb));
  }
}

// The length of the heredoc operator at line[i] (`<<EOF`, `<<-'EOF'`, `2<< "x"`), or 0.
size_t heredoc_token(std::string_view line, size_t i) {
  size_t j = i;
  while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
  if (line.substr(j, 2) != "<<" || line.substr(j, 3) == "<<<") return 0;
  j += 2;
  if (j < line.size() && line[j] == '-') ++j;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  size_t word = j;
  while (j < line.size() && line[j] != ' ' && line[j] != '\t') {
    if (line[j] == '\'' || line[j] == '"') {
      size_t close = line.find(line[j], j + 1);
      j = close == std::string_view::npos ? line.size() : close + 1;
    } else {
      ++j;
    }
  }
  return j > word ? j - i : 0;
}

// Maps a heredoc body placed at script offset `at`. The body is the file's
// text unless `<<-` stripped leading tabs: then each line is matched to its
// file line.
void map_heredoc(SourceMap& map, std::string_view script, size_t at, const Heredoc& h,
                 std::string_view file) {
  const std::string& content = h.content;
  size_t b = h.body_span.start.offset, e = h.body_span.end.offset;
  if (e < b || e > file.size()) {
    map.add_copy(script, at, content.size(), h.body_span.start);
    return;
  }
  std::string_view src = file.substr(b, e - b);
  if (src.substr(0, content.size()) == content) {
    map.add_copy(script, at, content.size(), h.body_span.start);
    return;
  }
  Position line_start = h.body_span.start;
  size_t si = 0, ci = 0;
  while (ci < content.size()) {
    size_t cn = content.find('\n', ci);
    size_t clen = (cn == std::string::npos ? content.size() : cn + 1) - ci;
    if (si >= src.size()) {
      map.add_synthetic(at + ci, line_start);
      return;
    }
    size_t sn = src.find('\n', si);
    size_t slen = (sn == std::string_view::npos ? src.size() : sn + 1) - si;
    std::string_view cline = std::string_view(content).substr(ci, clen);
    std::string_view sline = src.substr(si, slen);
    if (sline.size() >= cline.size() && sline.substr(sline.size() - cline.size()) == cline)
      map.add_copy(script, at + ci, clen, advance(line_start, sline.size() - cline.size()));
    else
      map.add_synthetic(at + ci, line_start);
    line_start = Position{line_start.line + 1, 1, line_start.offset + slen};
    si += slen;
    ci += clen;
  }
}

// BuildKit runs a RUN whose whole command is one heredoc (`RUN <<EOF`) as
// the body itself; anything else (`RUN python3 <<EOF`, `RUN <<A <<B`) is the
// command line with the bodies appended, for the shell to read.
bool is_lone_heredoc(std::string_view line) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (line.substr(i, 2) != "<<") return false;
  i += 2;
  if (i < line.size() && line[i] == '-') ++i;
  std::string_view rest = line.substr(i);
  if (rest.find('<') != std::string_view::npos) return false;
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  if (rest.empty()) return false;
  // One word: no unquoted blank inside.
  char quote = 0;
  for (char c : rest) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (is_space(c)) {
      return false;
    }
  }
  return true;
}

shell::Start start_state(const std::vector<std::string>& shell_words,
                         const std::optional<std::string>& workdir) {
  shell::Start start;
  start.workdir = workdir;
  std::vector<std::string_view> vs(shell_words.begin(), shell_words.end());
  shell::ShellOptions o = shell::parse_shell_options(vs, 1);
  start.errexit = o.errexit;
  start.pipefail = o.pipefail;
  return start;
}

void fill_context(ShellRun& r, const RunContext& ctx) {
  r.shell = ctx.shell;
  r.workdir = ctx.workdir;
  r.user = ctx.user;
  r.variables = ctx.variables;
}

}  // namespace

ShellRun analyze_run(const Instruction& run, const RunContext& ctx) {
  ShellRun r;
  r.instruction = &run;
  r.exec_form = run.json_form;
  fill_context(r, ctx);
  shell::Start start = start_state(ctx.shell, ctx.workdir);

  if (run.json_form) {  // exec form: no shell, one command
    std::vector<ShellWord> words;
    for (const Word& w : run.args) words.push_back(shell::word_from_dockerfile(w));
    if (words.empty()) return r;
    Span span{run.args.front().span.start, run.args.back().span.end};
    start.errexit = start.pipefail = false;
    shell::analyze_words_into(r, std::move(words), span, start);
    return r;
  }
  if (!ctx.shell.empty() && shell::is_non_posix_shell(shell::base_name(ctx.shell.front()))) {
    r.posix = false;
    return r;
  }
  if (run.args.empty()) return r;
  const Word& line = run.args.front();

  if (run.heredocs.empty()) {
    shell::analyze_script_into(r, source_of_word(line), start);
    return r;
  }
  if (is_lone_heredoc(line.text)) {
    const Heredoc& h = run.heredocs.front();
    std::string_view body = h.content;
    if (body.substr(0, 2) == "#!") {
      // BuildKit makes the body an executable file: its shebang picks the interpreter.
      std::string_view shebang = body.substr(2, body.find('\n') - 2);
      std::vector<std::string_view> parts;
      size_t i = 0;
      while (i < shebang.size()) {
        while (i < shebang.size() && (shebang[i] == ' ' || shebang[i] == '\t')) ++i;
        size_t j = i;
        while (j < shebang.size() && shebang[j] != ' ' && shebang[j] != '\t' && shebang[j] != '\r') ++j;
        if (j > i) parts.push_back(shebang.substr(i, j - i));
        i = j + 1;
      }
      size_t prog = 0;
      if (!parts.empty() && shell::base_name(parts[0]) == "env") {
        prog = 1;
        while (prog < parts.size() && parts[prog].substr(0, 1) == "-") ++prog;  // env -S
      }
      if (prog >= parts.size() || !shell::is_posix_shell(shell::base_name(parts[prog]))) {
        r.interpreter = std::string(shebang);
        return r;
      }
      shell::ShellOptions o = shell::parse_shell_options(parts, prog + 1);
      start.errexit = o.errexit;
      start.pipefail = o.pipefail;
    }
    ScriptSource s;
    s.text = h.content;
    map_heredoc(s.map, s.text, 0, h, ctx.file_text);
    shell::analyze_script_into(r, std::move(s), start);
    return r;
  }
  // `RUN <<EOF bash`: the heredoc operators come before the command, which
  // the shell accepts and tree-sitter-bash does not. The script is rebuilt
  // as `bash <<EOF`, each part still mapped to where it is written.
  ScriptSource s;
  std::string_view text = line.text;
  size_t i = 0;
  std::vector<std::pair<size_t, size_t>> leading;  // the operators, in order
  for (;;) {
    size_t k = i;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    size_t n = heredoc_token(text, k);
    if (!n) break;
    leading.emplace_back(k, k + n);
    i = k + n;
  }
  if (!leading.empty()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    // The operators belong to the first command: they go before the first
    // control operator (`<<A cat >f && b` is `cat >f <<A && b`).
    size_t end = i;
    char quote = 0;
    for (; end < text.size(); ++end) {
      char c = text[end];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\\') {
        ++end;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '&' || c == '|' || c == ';' || c == '\n' || c == ')') {
        break;
      }
    }
    end = std::min(end, text.size());
    append_slice(s, line, i, end);
    for (const auto& [b, e] : leading) {
      s.map.add_synthetic(s.text.size(), line.span.start);
      s.text += ' ';
      append_slice(s, line, b, e);
    }
    if (end < text.size()) {
      s.map.add_synthetic(s.text.size(), line.span.start);
      s.text += ' ';
      append_slice(s, line, end, text.size());
    }
  } else {
    s = source_of_word(line);
  }
  for (const Heredoc& h : run.heredocs) {
    s.map.add_synthetic(s.text.size(), line.span.end);
    s.text += '\n';
    size_t at = s.text.size();
    s.text += h.content;
    map_heredoc(s.map, s.text, at, h, ctx.file_text);
    size_t name_at = s.text.size();
    s.text += h.name;
    // The delimiter line follows the body; point at it when it is there as written.
    size_t d = h.body_span.end.offset;
    std::string_view file = ctx.file_text;
    size_t tabs = 0;
    while (h.chomp && d + tabs < file.size() && file[d + tabs] == '\t') ++tabs;
    if (d + tabs + h.name.size() <= file.size() && file.substr(d + tabs, h.name.size()) == h.name)
      s.map.add_copy(s.text, name_at, h.name.size(), advance(h.body_span.end, tabs));
    else
      s.map.add_synthetic(name_at, h.body_span.end);
  }
  shell::analyze_script_into(r, std::move(s), start);
  return r;
}

ShellRun analyze_script(std::string_view script, Position origin, const RunContext& ctx) {
  ShellRun r;
  fill_context(r, ctx);
  ScriptSource s;
  s.text = std::string(script);
  s.map.add_copy(s.text, 0, s.text.size(), origin);
  shell::analyze_script_into(r, std::move(s), start_state(ctx.shell, ctx.workdir));
  return r;
}

ShellModel build_shell_model(const Dockerfile& df) { return build_shell_model(df, compute_scopes(df)); }

ShellModel build_shell_model(const Dockerfile& df, const DockerfileScopes& scopes) {
  ShellModel model;
  auto context = [&](const InstructionScope& s, std::vector<StageVariable> variables) {
    RunContext ctx;
    ctx.shell = scopes.shell_of(s);
    ctx.workdir = s.workdir;
    ctx.user = s.user;
    ctx.variables = std::move(variables);
    ctx.file_text = df.text;
    return ctx;
  };
  for (const Stage& stage : df.stages) {
    std::vector<size_t> onbuild;
    for (size_t idx : stage.body) {
      if (idx >= df.instructions.size()) continue;
      const Instruction& in = df.instructions[idx];
      if (in.kind == Keyword::Run) {
        ShellRun r = analyze_run(in, context(scopes.instructions[idx], scopes.variables_at(idx)));
        r.instruction_index = idx;
        r.stage = stage.index;
        model.runs.push_back(std::move(r));
      } else if (in.kind == Keyword::Onbuild && !in.onbuild.empty() &&
                 in.onbuild.front().kind == Keyword::Run) {
        onbuild.push_back(idx);
      }
    }
    if (onbuild.empty()) continue;
    // A trigger runs in the child build, which starts from this stage's final
    // image: its last WORKDIR, SHELL and ENV, none of its ARGs.
    const StageScope& sc = scopes.stages[stage.index];
    std::vector<StageVariable> env;
    for (const StageVariable& v : sc.variables)
      if (v.is_env) env.push_back(v);
    for (size_t idx : onbuild) {
      ShellRun r = analyze_run(df.instructions[idx].onbuild.front(), context(sc.final_state, env));
      r.instruction_index = idx;
      r.stage = stage.index;
      r.onbuild = true;
      model.runs.push_back(std::move(r));
    }
  }
  std::stable_sort(model.runs.begin(), model.runs.end(), [](const ShellRun& a, const ShellRun& b) {
    return a.instruction_index < b.instruction_index;
  });
  // A run lints every file before the project rules compare them, so every
  // model stays in memory until the end: give back the vectors' growth room
  // (a quarter of the corpus's peak memory was commands' spare capacity).
  for (ShellRun& r : model.runs) r.commands.shrink_to_fit();
  model.runs.shrink_to_fit();
  return model;
}

}  // namespace dd
