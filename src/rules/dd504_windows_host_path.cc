// DD504 windows-host-path (rules/DD504.md): a path on the developer's
// Windows machine written into a Linux build.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/check.h"
#include "rules/image_role.h"
#include "rules/util.h"

namespace dd {

namespace {

enum class PathKind { Wsl, Drive, Share };

struct HostPath {
  size_t begin, end;  // in the searched text
  PathKind kind;
};

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Characters that can precede a path inside a value: a path starts a value,
// follows `=` or `:` (PATH lists), a quote, a blank, a comma or a bracket.
bool boundary_before(std::string_view t, size_t i) {
  if (i == 0) return true;
  char c = t[i - 1];
  return !alnum(c) && c != '_' && c != '.' && c != '-' && c != '/' && c != '\\' && c != '$' && c != '{' &&
         c != '@' && c != '~';
}

// Where a path ends: blanks, quotes, and list separators.
size_t path_end(std::string_view t, size_t i, bool colon_ends) {
  while (i < t.size()) {
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == ';' || c == ',' || c == ']' ||
        c == ')' || (colon_ends && c == ':'))
      break;
    ++i;
  }
  return i;
}

// The first Windows host path in `t`, if any. `native` allows drive and
// share paths; without it only WSL drive mounts count.
std::optional<HostPath> find_host_path(std::string_view t, bool native) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!boundary_before(t, i)) continue;
    // /mnt/c or /mnt/c/...: WSL's view of drive C:.
    if (t.compare(i, 5, "/mnt/") == 0 && i + 5 < t.size() && std::isalpha(static_cast<unsigned char>(t[i + 5])) &&
        (i + 6 == t.size() || t[i + 6] == '/' || t[i + 6] == ':' || t[i + 6] == ' ' || t[i + 6] == '"' ||
         t[i + 6] == '\''))
      return HostPath{i, path_end(t, i, true), PathKind::Wsl};
    if (!native) continue;
    // C:\ (any drive letter) or C:/ (upper case: `s:/a:/b:` is a sed
    // script), followed by a name (`C://` is no path).
    if (i + 3 < t.size() && std::isalpha(static_cast<unsigned char>(t[i])) && t[i + 1] == ':' &&
        (t[i + 2] == '\\' || (t[i + 2] == '/' && std::isupper(static_cast<unsigned char>(t[i])))) &&
        t[i + 3] != '/' && t[i + 3] != '\\' && t[i + 3] != ' ')
      return HostPath{i, path_end(t, i, false), PathKind::Drive};
    // \\server\share
    if (t.compare(i, 2, "\\\\") == 0) {
      size_t j = i + 2;
      while (j < t.size() && (alnum(t[j]) || t[j] == '.' || t[j] == '-' || t[j] == '_')) ++j;
      if (j > i + 2 && j < t.size() && t[j] == '\\' && alnum(t[i + 2]))
        return HostPath{i, path_end(t, i, false), PathKind::Share};
    }
  }
  return std::nullopt;
}

bool windows_image(std::string_view image) {
  std::string s = rules::ascii_lower(image);
  for (std::string_view w : {"mcr.microsoft.com/windows", "servercore", "nanoserver", "windowsservercore", "ltsc"})
    if (s.find(w) != std::string::npos) return true;
  return false;
}

bool posix_shell(const std::vector<std::string>& shell) {
  if (shell.empty()) return true;
  std::string prog = rules::ascii_lower(shell.front());
  size_t slash = prog.find_last_of("/\\");
  if (slash != std::string::npos) prog = prog.substr(slash + 1);
  return prog.find("powershell") == std::string::npos && prog.find("pwsh") == std::string::npos &&
         prog != "cmd" && prog != "cmd.exe";
}

// Whether a stage builds a Linux image: nullopt when its base is only known
// at build time.
std::optional<bool> linux_stage(CheckContext& ctx, size_t stage) {
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  std::vector<size_t> lineage = rules::stage_lineage(scopes, stage);
  for (size_t s : lineage)
    if (df.stages[s].platform && rules::ascii_lower(*df.stages[s].platform).find("windows") != std::string::npos)
      return false;
  if (!posix_shell(scopes.shell_of(scopes.stages[stage].final_state))) return false;
  const std::optional<std::string>& base = scopes.stages[lineage.front()].base;
  if (!base) return std::nullopt;
  return !windows_image(*base);
}

std::string describe(std::string_view path, PathKind kind) {
  std::string p(path);
  switch (kind) {
    case PathKind::Wsl:
      return "`" + p + "` is a Windows drive as WSL mounts it on the developer's machine";
    case PathKind::Drive:
      return "`" + p + "` is a Windows drive path, in a stage that builds a Linux image";
    case PathKind::Share:
      return "`" + p + "` is a Windows network share, in a stage that builds a Linux image";
  }
  return "";
}

class Checker {
 public:
  explicit Checker(CheckContext& ctx) : ctx_(ctx) {}

  void word(const Word& w, bool native, std::string_view consequence) {
    if (auto hp = find_host_path(w.text, native)) report(w.span_of(hp->begin, hp->end), w.text, *hp, consequence);
  }
  void shell_word(const ShellWord& w, bool native, std::string_view consequence) {
    if (auto hp = find_host_path(w.value, native)) {
      report(w.span_of(hp->begin, hp->end), w.value, *hp, consequence);
    } else if (auto raw = find_host_path(w.raw, native)) {
      // Quote removal ate the backslashes of C:\data: judge the word as written.
      report(w.span, w.raw, *raw, consequence);
    }
  }

 private:
  void report(Span span, std::string_view text, const HostPath& hp, std::string_view consequence) {
    ctx_.report(span, describe(text.substr(hp.begin, hp.end - hp.begin), hp.kind) + ": " + std::string(consequence));
  }
  CheckContext& ctx_;
};

constexpr std::string_view kVariable =
    "the build and the container see only their own file system, so whatever reads this path finds nothing "
    "there; use a path inside the image (e.g. /models) and mount the host directory there at run time";
constexpr std::string_view kCopy =
    "COPY and ADD read sources from the build context, never from the host; put the files in the build context, "
    "or pass them as a named build context (--build-context models=<dir>) and COPY --from=models";
constexpr std::string_view kDirectory =
    "this creates a directory of that name inside the Linux image, unrelated to the host's; use a Linux path "
    "(e.g. /app) and mount the host directory there at run time";
constexpr std::string_view kRun =
    "RUN sees only the build container's file system, not the host's; COPY the files from the build context, or "
    "use RUN --mount=type=bind with a named build context";

}  // namespace

void check_dd504(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  if (df.escape == '`') return;  // the Windows escape character: a Windows Dockerfile
  Checker check(ctx);
  std::vector<std::optional<bool>> is_linux(df.stages.size());
  for (size_t s = 0; s < df.stages.size(); ++s) is_linux[s] = linux_stage(ctx, s);

  for (size_t s = 0; s < df.stages.size(); ++s) {
    if (is_linux[s] == false) continue;
    bool native = is_linux[s] == true;  // drive paths only where the image is known to be Linux
    for (size_t index : df.stages[s].body) {
      const Instruction& ins = df.at(index);
      switch (ins.kind) {
        case Keyword::Env:
          for (const KeyValue& kv : ins.pairs) check.word(kv.value, native, kVariable);
          break;
        case Keyword::Arg:
          for (const KeyValue& kv : ins.pairs)
            if (kv.has_value) check.word(kv.value, native, kVariable);
          break;
        case Keyword::Copy:
        case Keyword::Add:
          if (ins.heredocs.empty())
            for (size_t a = 0; a + 1 < ins.args.size(); ++a) check.word(ins.args[a], native, kCopy);
          break;
        case Keyword::Workdir:
        case Keyword::Volume:
          for (const Word& w : ins.args) check.word(w, native, kDirectory);
          break;
        case Keyword::Run:
          if (ins.json_form)
            for (const Word& w : ins.args) check.word(w, native, kRun);
          break;
        default:
          break;
      }
    }
  }
  // Shell-form RUN words, as the shell splits them.
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.stage >= df.stages.size() || is_linux[run.stage] == false || run.exec_form) continue;
    bool native = is_linux[run.stage] == true;
    for (const Command& c : run.commands) {
      check.shell_word(c.name, native, kRun);
      for (const ShellWord& w : c.args) check.shell_word(w, native, kRun);
      for (const Assignment& a : c.env) check.shell_word(a.value, native, kRun);
      for (const Redirect& r : c.redirects) check.shell_word(r.target, native, kRun);
    }
  }
}

}  // namespace dd
