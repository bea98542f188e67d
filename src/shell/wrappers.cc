// The wrapper table: for each program that runs another one, which of its
// options take a value, so the wrapped program is found after them.
#include "shell/wrappers.h"

#include <algorithm>
#include <cctype>

#include "shell/words.h"

namespace dd::shell {
namespace {

using Words = std::vector<ShellWord>;

// Which options of a wrapper take a value (as the next word, or attached:
// `-uroot`, `--user=root`). Unknown options are taken to be flags.
struct OptionSpec {
  std::string_view short_value;                // one-letter options with a value
  std::vector<std::string_view> long_value;    // long options with a value
  std::string_view short_optional;             // value only when attached (xargs -i, -e, -l)
  bool stop_at_assignment = false;             // NAME=value ends the options (env, sudo)
};

bool is_assignment_word(const ShellWord& w) {
  size_t eq = w.value.find('=');
  if (eq == 0 || eq == std::string::npos) return false;
  if (std::isdigit(static_cast<unsigned char>(w.value[0]))) return false;
  return std::all_of(w.value.begin(), w.value.begin() + static_cast<long>(eq), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Index of the first operand at or after `i`, skipping options as `spec`
// says. A "--" is consumed.
size_t skip_options(const Words& w, size_t i, const OptionSpec& spec) {
  while (i < w.size()) {
    std::string_view v = w[i].value;
    if (v == "--") return i + 1;
    if (v.size() < 2 || v[0] != '-') return i;
    if (v[1] == '-') {
      size_t eq = v.find('=');
      std::string_view name = v.substr(0, eq);
      bool takes = std::find(spec.long_value.begin(), spec.long_value.end(), name) !=
                   spec.long_value.end();
      i += (takes && eq == std::string_view::npos) ? 2 : 1;
      continue;
    }
    // A group of one-letter options: the first one taking a value ends it.
    size_t next = i + 1;
    for (size_t k = 1; k < v.size(); ++k) {
      if (spec.short_optional.find(v[k]) != std::string_view::npos) break;
      if (spec.short_value.find(v[k]) != std::string_view::npos) {
        if (k + 1 == v.size()) next = i + 2;
        break;
      }
    }
    i = next;
  }
  return i;
}

Wrapper make_wrapper(WrapperKind kind, const Words& w, size_t begin, size_t end) {
  Wrapper out;
  out.kind = kind;
  end = std::min(end, w.size());
  out.words.assign(w.begin() + static_cast<long>(begin), w.begin() + static_cast<long>(end));
  if (!out.words.empty()) out.span = Span{out.words.front().span.start, out.words.back().span.end};
  return out;
}

bool is_python(std::string_view p) {
  for (std::string_view stem : {"python", "pypy"}) {
    if (p.substr(0, stem.size()) != stem) continue;
    std::string_view rest = p.substr(stem.size());
    return std::all_of(rest.begin(), rest.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
  }
  return false;
}

const OptionSpec kSudo{"ugChprtTUD", {"--user", "--group", "--close-from", "--host", "--prompt",
                                      "--role", "--type", "--command-timeout", "--other-user",
                                      "--chdir"}, "", true};
const OptionSpec kNice{"n", {"--adjustment"}, ""};
const OptionSpec kTime{"fo", {"--format", "--output"}, ""};
const OptionSpec kTimeout{"sk", {"--signal", "--kill-after"}, ""};
const OptionSpec kXargs{"adEILnPs", {"--arg-file", "--delimiter", "--eof", "--replace",
                                     "--max-lines", "--max-args", "--max-procs", "--max-chars",
                                     "--process-slot-var"}, "eil"};
const OptionSpec kExec{"a", {}, ""};
const OptionSpec kPython{"WXQ", {"--check-hash-based-pycs"}, ""};
const OptionSpec kUv{"", {"--cache-dir", "--directory", "--project", "--config-file", "--color",
                          "--python-preference", "--allow-insecure-host", "--python"}, ""};
const OptionSpec kPipx{"", {"--spec", "--python", "--pip-args", "--index-url", "--backend"}, ""};
const OptionSpec kNpx{"pw", {"--package", "--cache", "--registry", "--workspace", "--userconfig"}, ""};

}  // namespace

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  if (slash != std::string_view::npos) path = path.substr(slash + 1);
  if (path.size() > 4) {
    std::string_view ext = path.substr(path.size() - 4);
    if (ext == ".exe" || ext == ".EXE") path = path.substr(0, path.size() - 4);
  }
  return path;
}

bool is_posix_shell(std::string_view program) {
  static constexpr std::string_view kShells[] = {"sh", "bash", "dash", "ash", "zsh", "ksh",
                                                 "mksh", "ksh93", "yash", "posh", "hush"};
  return std::find(std::begin(kShells), std::end(kShells), program) != std::end(kShells);
}

bool is_non_posix_shell(std::string_view program) {
  std::string lower(program);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "powershell" || lower == "pwsh" || lower == "cmd";
}

ShellOptions parse_shell_options(const std::vector<std::string_view>& words, size_t from) {
  ShellOptions o;
  size_t i = from;
  auto set_long = [&](std::string_view name, bool on) {
    if (name == "errexit") o.errexit = on;
    if (name == "pipefail") o.pipefail = on;
  };
  while (i < words.size()) {
    std::string_view v = words[i];
    if (v == "--" || v == "-") {
      ++i;
      break;
    }
    if (v.size() < 2 || (v[0] != '-' && v[0] != '+')) break;
    bool on = v[0] == '-';
    if (v.substr(0, 2) == "--") {  // --login, --norc, --rcfile FILE ...
      i += (v == "--rcfile" || v == "--init-file") ? 2 : 1;
      continue;
    }
    size_t next = i + 1;
    for (size_t k = 1; k < v.size(); ++k) {
      char c = v[k];
      if (c == 'c' && on) o.command_string = true;
      if (c == 's' && on) o.read_stdin = true;
      if (c == 'e') o.errexit = on;
      if (c == 'o' || c == 'O') {  // takes the next word: -o pipefail, -euo pipefail
        if (next < words.size() && c == 'o') set_long(words[next], on);
        ++next;
      }
    }
    i = next;
  }
  o.operand = i;
  return o;
}

Unwrapped unwrap(const Words& words) {
  Unwrapped u;
  size_t i = 0;
  std::optional<ShellWord> override_word;  // the current program when cut out of a word
  auto current = [&]() -> const ShellWord& { return override_word ? *override_word : words[i]; };

  // Each wrapper moves i forward, so this ends; the bound is a guard against
  // a mistake, not a limit (`sudo sudo sudo ... pip` is unwrapped fully).
  while (i < words.size()) {
    const ShellWord& w = current();
    if (w.dynamic) break;
    std::string_view prog = base_name(w.value);
    size_t next = words.size();  // index of the wrapped program
    WrapperKind kind;
    std::optional<ShellWord> next_override;

    if (prog == "sudo") {
      kind = WrapperKind::Sudo;
      next = skip_options(words, i + 1, kSudo);
      while (next < words.size() && is_assignment_word(words[next])) {
        const ShellWord& a = words[next];
        size_t eq = a.value.find('=');
        u.env.push_back({a.value.substr(0, eq), slice_word(a, eq + 1, a.value.size()), a.span});
        ++next;
      }
    } else if (prog == "env") {
      kind = WrapperKind::Env;
      next = i + 1;
      bool split = false;
      while (next < words.size()) {
        std::string_view v = words[next].value;
        if (v == "--") {
          ++next;
          break;
        }
        if (v == "-" || v == "-i" || v == "--ignore-environment") {
          u.env_cleared = true;
          u.env.clear();
          ++next;
        } else if (v == "-u" || v == "--unset" || v == "-C" || v == "--chdir") {
          if ((v == "-C" || v == "--chdir") && next + 1 < words.size()) u.chdir = words[next + 1];
          next += 2;
        } else if (v.substr(0, 2) == "-C" && v.size() > 2) {
          u.chdir = slice_word(words[next], 2, v.size());
          ++next;
        } else if (v.substr(0, 8) == "--chdir=") {
          u.chdir = slice_word(words[next], 8, v.size());
          ++next;
        } else if (v.substr(0, 2) == "-S" || v.substr(0, 14) == "--split-string") {
          split = true;  // the command is inside a string env splits itself
          break;
        } else if (v.size() > 1 && v[0] == '-') {
          ++next;
        } else {
          break;
        }
      }
      if (split) break;
      while (next < words.size() && is_assignment_word(words[next])) {
        const ShellWord& a = words[next];
        size_t eq = a.value.find('=');
        u.env.push_back({a.value.substr(0, eq), slice_word(a, eq + 1, a.value.size()), a.span});
        ++next;
      }
    } else if (prog == "nice") {
      kind = WrapperKind::Nice;
      next = skip_options(words, i + 1, kNice);
    } else if (prog == "nohup") {
      kind = WrapperKind::Nohup;
      next = skip_options(words, i + 1, {});
    } else if (prog == "time") {
      kind = WrapperKind::Time;
      next = skip_options(words, i + 1, kTime);
    } else if (prog == "timeout") {
      kind = WrapperKind::Timeout;
      next = skip_options(words, i + 1, kTimeout) + 1;  // then the duration
    } else if (prog == "xargs") {
      kind = WrapperKind::Xargs;
      next = skip_options(words, i + 1, kXargs);
    } else if (prog == "exec") {
      kind = WrapperKind::Exec;
      next = skip_options(words, i + 1, kExec);
    } else if (prog == "command") {
      kind = WrapperKind::Command;
      next = i + 1;
      while (next < words.size() && words[next].value.size() > 1 && words[next].value[0] == '-') {
        std::string_view v = words[next].value;
        if (v == "--") {
          ++next;
          break;
        }
        // command -v / -V looks a program up without running it.
        if (v.find('v') != std::string_view::npos || v.find('V') != std::string_view::npos) {
          next = words.size();
          break;
        }
        ++next;
      }
    } else if (prog == "builtin") {
      kind = WrapperKind::Builtin;
      next = i + 1;
    } else if (prog == "busybox") {
      kind = WrapperKind::Busybox;
      next = i + 1;
    } else if (is_python(prog)) {
      // python [options] -m MODULE args: the module is the program.
      kind = WrapperKind::Python;
      bool found = false, stop = false;
      for (size_t k = i + 1; k < words.size() && !found && !stop;) {
        std::string_view v = words[k].value;
        if (v.size() < 2 || v[0] != '-' || v[1] == '-') break;  // a script, "-" or a long option
        size_t step = 1;
        for (size_t c = 1; c < v.size(); ++c) {
          if (v[c] == 'c') {  // -c 'code': inline code, not a module
            stop = true;
            break;
          }
          if (v[c] == 'm') {
            if (c + 1 < v.size()) {  // -mpip
              next = k;
              next_override = slice_word(words[k], c + 1, v.size());
            } else {
              next = k + 1;
            }
            found = true;
            break;
          }
          if (kPython.short_value.find(v[c]) != std::string_view::npos) {
            if (c + 1 == v.size()) step = 2;  // -W ignore: the value is the next word
            break;
          }
        }
        k += step;
      }
      if (!found) break;
    } else if (prog == "uv") {
      // uv pip ...: pip's interface, run by uv.
      kind = WrapperKind::Uv;
      size_t k = skip_options(words, i + 1, kUv);
      if (k >= words.size() || !words[k].is("pip")) break;
      next = k;
    } else if (prog == "pipx") {
      kind = WrapperKind::Pipx;
      if (i + 1 >= words.size() || !words[i + 1].is("run")) break;
      next = skip_options(words, i + 2, kPipx);
    } else if (prog == "npx" || prog == "pnpx" || prog == "bunx") {
      kind = WrapperKind::Npx;
      size_t k = i + 1;
      bool inline_command = false;
      for (size_t j = k; j < words.size() && words[j].value.size() > 1 && words[j].value[0] == '-'; ++j)
        if (words[j].is("-c") || words[j].value.substr(0, 6) == "--call") inline_command = true;
      if (inline_command) break;
      next = skip_options(words, k, kNpx);
    } else if ((prog == "npm" || prog == "pnpm" || prog == "yarn" || prog == "bun") &&
               i + 1 < words.size() &&
               ((prog == "npm" && (words[i + 1].is("exec") || words[i + 1].is("x"))) ||
                (prog == "pnpm" && (words[i + 1].is("dlx") || words[i + 1].is("exec"))) ||
                (prog == "yarn" && words[i + 1].is("dlx")) || (prog == "bun" && words[i + 1].is("x")))) {
      kind = WrapperKind::Npx;
      bool inline_command = false;
      for (size_t j = i + 2; j < words.size() && words[j].value.size() > 1 && words[j].value[0] == '-'; ++j)
        if (words[j].is("-c") || words[j].value.substr(0, 6) == "--call") inline_command = true;
      if (inline_command) break;
      next = skip_options(words, i + 2, kNpx);
    } else if (prog == "corepack") {
      kind = WrapperKind::Corepack;
      if (i + 1 >= words.size()) break;
      std::string_view tool = base_name(words[i + 1].value);
      if (tool != "pnpm" && tool != "pnpx" && tool != "yarn" && tool != "yarnpkg" && tool != "npm" &&
          tool != "npx")
        break;
      next = i + 1;
    } else if (is_posix_shell(prog)) {
      std::vector<std::string_view> vs;
      vs.reserve(words.size());
      for (const ShellWord& x : words) vs.push_back(x.value);
      ShellOptions o = parse_shell_options(vs, i + 1);
      if (o.command_string && o.operand < words.size()) {
        u.shell = ShellMode::String;
        u.script = o.operand;
      } else if (o.read_stdin || o.operand >= words.size()) {
        u.shell = ShellMode::Stdin;
      }
      u.errexit = o.errexit;
      u.pipefail = o.pipefail;
      break;  // the analysis takes it from here
    } else {
      break;
    }

    if (next >= words.size()) break;  // nothing wrapped: the wrapper is the command itself
    size_t own_end = next_override ? next + 1 : next;
    if (override_word) {
      // The wrapper's first word was itself cut out of a word (python -muv pip).
      Wrapper wr = make_wrapper(kind, words, i + 1, own_end);
      wr.words.insert(wr.words.begin(), *override_word);
      wr.span = Span{wr.words.front().span.start, wr.words.back().span.end};
      u.wrappers.push_back(std::move(wr));
    } else {
      u.wrappers.push_back(make_wrapper(kind, words, i, own_end));
    }
    i = next;
    override_word = std::move(next_override);
  }
  u.program = i;
  u.args_begin = i + 1;
  if (override_word) u.program_override = std::move(override_word);
  return u;
}

}  // namespace dd::shell
