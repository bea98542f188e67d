// The questions rules ask of the shell model (shell.h): word positions, flag
// look-ups, "did A succeed before B", "what does B see for $X".
#include <algorithm>
#include <cctype>

#include "shell/shell.h"
#include "shell/wrappers.h"

namespace dd {

Position ShellWord::position_of(size_t i) const { return piece_position(pieces, value.size(), span, i); }

Span ShellWord::span_of(size_t begin, size_t end) const {
  return piece_span(pieces, value.size(), span, begin, end);
}

std::string_view Wrapper::name() const {
  return words.empty() ? std::string_view() : shell::base_name(words.front().value);
}

std::string_view chain_name(Chain c) {
  switch (c) {
    case Chain::Start: return "start";
    case Chain::Sequence: return ";";
    case Chain::And: return "&&";
    case Chain::Or: return "||";
    case Chain::Pipe: return "|";
    case Chain::Background: return "&";
  }
  return "?";
}

std::string_view Command::program() const {
  if (name.dynamic) return {};
  return shell::base_name(name.value);
}

const Wrapper* Command::wrapper(WrapperKind kind) const {
  for (const Wrapper& w : wrappers)
    if (w.kind == kind) return &w;
  return nullptr;
}

const ShellWord* Command::first_positional() const {
  for (const ShellWord& a : args) {
    if (a.is("--")) continue;
    if (a.value.empty() || a.value[0] != '-' || a.value == "-") return &a;
  }
  return nullptr;
}

const ShellWord* Command::find_flag(std::string_view flag) const {
  if (flag.size() < 2 || flag[0] != '-') return nullptr;
  bool single_letter = flag.size() == 2 && flag[1] != '-';
  for (const ShellWord& a : args) {
    std::string_view v = a.value;
    if (v == "--") break;
    if (v == flag) return &a;
    if (v.size() > flag.size() && v.substr(0, flag.size()) == flag && v[flag.size()] == '=')
      return &a;
    // -qy holds -y: a group of one-letter flags.
    if (single_letter && v.size() > 2 && v[0] == '-' && v[1] != '-' &&
        std::all_of(v.begin() + 1, v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
        v.find(flag[1], 1) != std::string_view::npos)
      return &a;
  }
  return nullptr;
}

bool ShellRun::runs_after_success(const Command& earlier, const Command& later) const {
  size_t a = static_cast<size_t>(earlier.guard_self);
  size_t b = static_cast<size_t>(later.guard_entry);
  if (a >= guard_enter.size() || b >= guard_enter.size() || a == 0) return false;
  return guard_enter[a] <= guard_enter[b] && guard_enter[b] < guard_exit[a];
}

namespace {

bool same_name(std::string_view a, std::string_view b, bool ignore_case) {
  if (a.size() != b.size()) return false;
  if (!ignore_case) return a == b;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool scope_contains(const std::vector<int>& parent, int outer, int inner) {
  for (int s = inner; s >= 0; s = parent[static_cast<size_t>(s)])
    if (s == outer) return true;
  return false;
}

EnvValue value_of(const ShellWord& w, Span span) { return EnvValue{w.value, !w.dynamic, span}; }

}  // namespace

std::optional<EnvValue> ShellRun::env_for(const Command& command, std::string_view name,
                                         bool ignore_case) const {
  for (auto it = command.env.rbegin(); it != command.env.rend(); ++it)
    if (same_name(it->name, name, ignore_case)) return value_of(it->value, it->span);
  if (command.env_cleared) return std::nullopt;

  // The script's own assignments: the latest one visible to this command. A
  // plain X=1 reaches the command only if X is exported (by the script or
  // because it came from ENV/ARG).
  const ScriptVariable* assigned = nullptr;
  bool exported = false;
  for (auto it = script_variables.rbegin(); it != script_variables.rend(); ++it) {
    if (it->before_command > command.index || !same_name(it->name, name, ignore_case)) continue;
    if (!scope_contains(scope_parent, it->scope, command.scope)) continue;
    if (it->unset && !assigned) return std::nullopt;
    if (it->exported) exported = true;
    if (!assigned && it->value) assigned = &*it;
  }
  const StageVariable* stage_var = nullptr;
  for (auto it = variables.rbegin(); it != variables.rend(); ++it)
    if (same_name(it->name, name, ignore_case)) {
      stage_var = &*it;
      break;
    }
  if (assigned && (exported || stage_var)) return value_of(*assigned->value, assigned->span);
  if (stage_var) {
    if (stage_var->value) return EnvValue{*stage_var->value, true, stage_var->span};
    return EnvValue{"", false, stage_var->span};
  }
  return std::nullopt;
}

std::vector<const Command*> ShellRun::commands_named(std::string_view program) const {
  std::vector<const Command*> out;
  for (const Command& c : commands)
    if (c.program() == program) out.push_back(&c);
  return out;
}

const ShellRun* ShellModel::run_at(size_t instruction_index) const {
  for (const ShellRun& r : runs)
    if (r.instruction_index == instruction_index) return &r;
  return nullptr;
}

std::string join_path(std::string_view dir, std::string_view path) { return resolve_path(dir, path); }

}  // namespace dd
