// DD305 windows-host-path-mount (rules/DD305.md): a bind mount whose host path
// exists only on one developer's Windows machine.
#include <cctype>
#include <string>

#include "rules/compose_check.h"

namespace dd {

namespace {

bool alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// What kind of Windows path `p` is, or nullptr.
const char* windows_path_kind(std::string_view p) {
  if (p.starts_with("/mnt/") && p.size() >= 6 && alpha(p[5]) && (p.size() == 6 || p[6] == '/'))
    return "a Windows drive as WSL mounts it";
  if (p.size() >= 3 && alpha(p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
    return "a Windows drive path";
  if (p.starts_with("//") && p.size() >= 3 && alpha(p[2]) && (p.size() == 3 || p[3] == '/'))
    return "a Windows drive as Docker Desktop and Git Bash write it";
  if (p.starts_with("\\\\")) return "a Windows network share";
  return nullptr;
}

}  // namespace

void check_dd305(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    for (const compose::VolumeMount& v : s.volumes) {
      if (v.type != compose::VolumeMount::Type::Bind) continue;
      if (const char* kind = windows_path_kind(v.source))
        ctx.report(
            v.source_loc,
            "`" + v.source + "` is " + kind +
                ": the mount works only on the machine that has this path and fails (or "
                "mounts an empty directory) on Linux hosts, CI and other developers' machines. "
                "Use a path relative to the project (`./models`) or a variable with a default "
                "(`${MODELS_DIR:-./models}`) set in each developer's `.env`");
    }
}

}  // namespace dd
