// The per-instruction view of ARG/ENV/WORKDIR/USER/SHELL (scope.h), walked
// once per file in BuildKit's order.
#include "dockerfile/scope.h"

#include <algorithm>

namespace dd {

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Span pair_span(const KeyValue& kv) {
  return Span{kv.key.span.start, kv.has_value ? kv.value.span.end : kv.key.span.end};
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The variable names `text` may reference ($NAME, ${NAME...}), in order.
// Over-approximates (a quoted '$x' is listed too): only used to pick which
// variables to hand to the expander.
std::vector<std::string_view> referenced_names(std::string_view text) {
  std::vector<std::string_view> names;
  for (size_t i = text.find('$'); i != std::string_view::npos; i = text.find('$', i + 1)) {
    size_t start = i + 1;
    if (start < text.size() && text[start] == '{') ++start;
    size_t end = start;
    while (end < text.size() && is_name_char(text[end])) ++end;
    if (end > start) names.push_back(text.substr(start, end - start));
  }
  return names;
}

}  // namespace

const ScopeVariable* StageScope::lookup(std::string_view name, size_t count) const {
  auto it = positions_.find(name);
  if (it == positions_.end()) return nullptr;
  const std::vector<size_t>& at = it->second;
  auto pos = std::lower_bound(at.begin(), at.end(), count);  // first index >= count
  if (pos == at.begin()) return nullptr;
  return &variables[*(pos - 1)];
}

void StageScope::add(ScopeVariable v) {
  positions_[v.name].push_back(variables.size());
  variables.push_back(std::move(v));
}

std::string resolve_path(std::string_view dir, std::string_view path) {
  std::string joined;
  if (!path.empty() && path[0] == '/') {
    joined = std::string(path);
  } else {
    joined = std::string(dir);
    joined += '/';
    joined += path;
  }
  // Drop empty and "." parts; ".." removes the part before it (never above /).
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

std::optional<std::string> expand_known(std::string_view text, const StageScope& stage, size_t count,
                                        char escape) {
  // Fast path: nothing to expand and nothing to unquote.
  if (text.find_first_of("$'\"\\`") == std::string_view::npos) return std::string(text);
  VarMap map;
  std::vector<std::string_view> unknown;
  for (std::string_view name : referenced_names(text)) {
    const ScopeVariable* v = stage.lookup(name, count);
    if (!v) continue;
    if (v->value)
      map.emplace(std::string(name), *v->value);
    else
      unknown.push_back(name);
  }
  ExpandResult r = expand_word(text, map, escape);
  if (!r.ok) return std::nullopt;
  for (const std::string& name : r.unset)
    if (std::find(unknown.begin(), unknown.end(), name) != unknown.end()) return std::nullopt;
  return r.value;
}

std::vector<ScopeVariable> DockerfileScopes::variables_at(size_t index) const {
  if (index >= instructions.size()) return {};
  const InstructionScope& s = instructions[index];
  const StageScope& scope = s.stage < stages.size() ? stages[s.stage] : globals;
  size_t n = std::min(s.variable_count, scope.variables.size());
  return std::vector<ScopeVariable>(scope.variables.begin(), scope.variables.begin() + static_cast<long>(n));
}

std::optional<std::string> DockerfileScopes::expand_at(size_t index, std::string_view text,
                                                       char escape) const {
  if (index >= instructions.size()) return std::nullopt;
  const InstructionScope& s = instructions[index];
  const StageScope& scope = s.stage < stages.size() ? stages[s.stage] : globals;
  return expand_known(text, scope, s.variable_count, escape);
}

std::vector<size_t> DockerfileScopes::ancestors(size_t stage) const {
  std::vector<size_t> chain;
  // Parents always come earlier, so the walk ends; the bound is belt and braces.
  while (stage < stages.size() && stages[stage].parent && chain.size() < stages.size()) {
    stage = *stages[stage].parent;
    chain.push_back(stage);
  }
  return chain;
}

DockerfileScopes compute_scopes(const Dockerfile& df) {
  DockerfileScopes out;
  out.shells.push_back({"/bin/sh", "-c"});
  out.instructions.resize(df.instructions.size());

  for (size_t idx : df.global_args) {
    if (idx >= df.instructions.size()) continue;
    out.instructions[idx].stage = SIZE_MAX;
    out.instructions[idx].variable_count = out.globals.variables.size();
    for (const KeyValue& kv : df.instructions[idx].pairs) {
      ScopeVariable v{kv.key.text, std::nullopt, pair_span(kv), false};
      if (kv.has_value)
        v.value = expand_known(kv.value.text, out.globals, out.globals.variables.size(), df.escape);
      out.globals.add(std::move(v));
    }
  }

  out.stages.resize(df.stages.size());
  for (const Stage& stage : df.stages) {
    StageScope& sc = out.stages[stage.index];
    InstructionScope st;
    st.stage = stage.index;
    sc.base = expand_known(stage.base, out.globals, out.globals.variables.size(), df.escape);
    const Stage* parent = sc.base ? df.stage_named(ascii_lower(*sc.base)) : nullptr;
    if (parent && parent->index < stage.index) {
      // FROM <stage> starts from that stage's image: its ENV, WORKDIR, SHELL
      // and USER carry over; its ARGs do not.
      sc.parent = parent->index;
      const StageScope& ps = out.stages[parent->index];
      st = ps.final_state;
      st.stage = stage.index;
      for (const ScopeVariable& v : ps.variables)
        if (v.is_env) sc.add(v);
    }
    st.variable_count = sc.variables.size();
    if (stage.from < out.instructions.size()) out.instructions[stage.from] = st;

    for (size_t idx : stage.body) {
      if (idx >= df.instructions.size()) continue;
      const Instruction& in = df.instructions[idx];
      st.variable_count = sc.variables.size();
      out.instructions[idx] = st;
      const size_t before = st.variable_count;
      switch (in.kind) {
        case Keyword::Arg:
          for (const KeyValue& kv : in.pairs) {
            ScopeVariable v{kv.key.text, std::nullopt, pair_span(kv), false};
            if (kv.has_value) {
              v.value = expand_known(kv.value.text, sc, sc.variables.size(), df.escape);
            } else if (const ScopeVariable* g = out.globals.lookup(v.name, out.globals.variables.size())) {
              v.value = g->value;  // `ARG NAME` in a stage takes the global default
            }
            sc.add(std::move(v));
          }
          break;
        case Keyword::Env:
          // ENV a=1 b=$a: BuildKit expands the whole line with the variables
          // set before the instruction, so every value sees only those.
          for (const KeyValue& kv : in.pairs)
            sc.add(ScopeVariable{kv.key.text, expand_known(kv.value.text, sc, before, df.escape),
                                 pair_span(kv), true});
          break;
        case Keyword::Workdir:
          if (!in.args.empty()) {
            std::optional<std::string> dir =
                expand_known(in.args.front().text, sc, sc.variables.size(), df.escape);
            if (!dir || dir->empty())
              st.workdir = std::nullopt;
            else if ((*dir)[0] == '/')
              st.workdir = resolve_path("/", *dir);
            else if (st.workdir)
              st.workdir = resolve_path(*st.workdir, *dir);
          }
          break;
        case Keyword::Shell:
          if (in.json_form && !in.args.empty()) {
            std::vector<std::string> shell;
            for (const Word& w : in.args) shell.push_back(w.text);
            out.shells.push_back(std::move(shell));
            st.shell = out.shells.size() - 1;
          }
          break;
        case Keyword::User:
          if (!in.args.empty()) {
            std::optional<std::string> user =
                expand_known(in.args.front().text, sc, sc.variables.size(), df.escape);
            st.user = user ? *user : in.args.front().text;
          }
          break;
        default:
          break;
      }
    }
    st.variable_count = sc.variables.size();
    sc.final_state = st;
  }
  return out;
}

}  // namespace dd
