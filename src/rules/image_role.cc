// Which stages build production images (image_role.h).
#include "rules/image_role.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "rules/util.h"

namespace dd::rules {

namespace {

// Words that mark an image as not meant for production. "devel" and "dbg"
// are the spellings of distributions and CUDA tags; "ci" images run tests.
constexpr std::array<std::string_view, 15> kDevWords = {
    "dev",   "devel", "develop", "development", "debug", "dbg", "test", "tests",
    "testing", "e2e", "local",   "devcontainer", "ci",   "lint", "sandbox"};
constexpr std::array<std::string_view, 5> kProdWords = {"prod", "production", "runtime", "release", "final"};
// Directories whose Dockerfiles are development or test images, matched as
// whole path components only.
constexpr std::array<std::string_view, 8> kDevDirs = {".devcontainer", "devcontainer", "dev",  "development",
                                                      "test",          "tests",        "e2e", "testing"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The words of a name, lower-cased, split at '-', '_', '.' and blanks.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : ascii_lower(name)) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

template <size_t N>
bool has_word(std::string_view name, const std::array<std::string_view, N>& words) {
  for (const std::string& w : words_of(name))
    if (contains(words, w)) return true;
  return false;
}

}  // namespace

bool is_dev_file_path(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  size_t slash = p.find_last_of('/');
  std::string_view base = slash == std::string::npos ? std::string_view(p) : std::string_view(p).substr(slash + 1);
  if (has_word(base, kDevWords)) return true;
  std::string_view dirs = slash == std::string::npos ? std::string_view() : std::string_view(p).substr(0, slash);
  while (!dirs.empty()) {
    size_t s = dirs.find('/');
    std::string component = ascii_lower(dirs.substr(0, s));
    if (contains(kDevDirs, component)) return true;
    if (s == std::string_view::npos) break;
    dirs.remove_prefix(s + 1);
  }
  return false;
}

bool is_dev_stage_name(std::string_view name) { return has_word(name, kDevWords); }

bool is_prod_stage_name(std::string_view name) {
  return !is_dev_stage_name(name) && has_word(name, kProdWords);
}

std::vector<size_t> production_stages(const Dockerfile& df, const FileInfo* file) {
  std::vector<size_t> out;
  if (df.stages.empty() || (file && is_dev_file_path(file->path))) return out;
  for (size_t i = 0; i < df.stages.size(); ++i) {
    const std::string& name = df.stages[i].name;
    bool last = i + 1 == df.stages.size();
    if (is_prod_stage_name(name) || (last && !is_dev_stage_name(name))) out.push_back(i);
  }
  return out;
}

std::vector<size_t> stage_lineage(const DockerfileScopes& scopes, size_t stage) {
  std::vector<size_t> chain = scopes.ancestors(stage);
  std::reverse(chain.begin(), chain.end());
  chain.push_back(stage);
  return chain;
}

Launch launch_of(const Dockerfile& df, const DockerfileScopes& scopes, size_t stage) {
  Launch out;
  size_t cmd_stage = SIZE_MAX;
  for (size_t s : stage_lineage(scopes, stage)) {
    for (size_t index : df.stages[s].body) {
      const Instruction& ins = df.at(index);
      if (ins.kind == Keyword::Cmd) {
        out.cmd = &ins;
        cmd_stage = s;
      } else if (ins.kind == Keyword::Entrypoint) {
        out.entrypoint = &ins;
        if (cmd_stage != s) out.cmd = nullptr;  // only a CMD the same stage set survives
      }
    }
  }
  return out;
}

namespace {

// Interpreters and shells that, started with options only, wait for input.
constexpr std::array<std::string_view, 22> kInterpreters = {
    "python", "node", "nodejs", "bash", "sh",   "ash",  "zsh", "php",   "ruby",   "irb", "perl",
    "jshell", "iex",  "erl",    "ghci", "R",    "julia", "pwsh", "deno", "bun",    "lua", "tclsh"};

// The words of an exec-form or shell-form command.
std::vector<std::string> command_words(const Instruction& ins) {
  std::vector<std::string> out;
  for (const Word& w : ins.args) {
    if (ins.json_form) {
      out.push_back(w.text);
      continue;
    }
    size_t i = 0;
    while (i < w.text.size()) {
      while (i < w.text.size() && (w.text[i] == ' ' || w.text[i] == '\t')) ++i;
      size_t b = i;
      while (i < w.text.size() && w.text[i] != ' ' && w.text[i] != '\t') ++i;
      if (i > b) out.push_back(w.text.substr(b, i - b));
    }
  }
  return out;
}

std::string program_name(std::string_view word) {
  size_t slash = word.find_last_of('/');
  std::string name(slash == std::string_view::npos ? word : word.substr(slash + 1));
  while (!name.empty() && (std::isdigit(static_cast<unsigned char>(name.back())) || name.back() == '.'))
    name.pop_back();  // python3.12 -> python
  return name;
}

bool bare_interpreter(const Instruction& ins) {
  std::vector<std::string> words = command_words(ins);
  if (words.empty() || !contains(kInterpreters, program_name(words[0]))) return false;
  return std::all_of(words.begin() + 1, words.end(), [](const std::string& w) { return !w.empty() && w[0] == '-'; });
}

}  // namespace

bool starts_bare_interpreter(const Launch& launch) {
  if (launch.entrypoint) {
    if (bare_interpreter(*launch.entrypoint)) return true;
    // An entrypoint script that runs its arguments (docker-entrypoint.sh).
    std::vector<std::string> words = command_words(*launch.entrypoint);
    if (words.size() != 1 || program_name(words[0]).find("entrypoint") == std::string::npos) return false;
  }
  return launch.cmd && bare_interpreter(*launch.cmd);
}

std::string production_label(const Dockerfile& df, size_t stage) {
  if (!df.stages[stage].name.empty()) return "the production " + stage_label(df, stage);
  if (df.stages.size() == 1) return "the production image";
  if (stage + 1 == df.stages.size()) return "the production image (the final stage)";
  return stage_label(df, stage);
}

bool is_os_package_manager(const PackageManager& pm) {
  return pm.ecosystem == "debian" || pm.ecosystem == "alpine" || pm.ecosystem == "rpm";
}

std::string stage_label(const Dockerfile& df, size_t stage) {
  const Stage& s = df.stages[stage];
  if (!s.name.empty()) return "stage '" + s.name + "'";
  return "the stage FROM " + s.base + " (line " + std::to_string(df.at(s.from).span.start.line) + ")";
}

}  // namespace dd::rules
