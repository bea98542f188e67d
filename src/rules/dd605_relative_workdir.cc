// DD605 relative-workdir (rules/DD605.md): a relative WORKDIR that resolves
// against a directory the Dockerfile never set.
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/expand.h"
#include "rules/check.h"
#include "rules/util.h"

namespace dd {

namespace {

// Absolute on Linux ("/app") or on Windows ("C:\app", "C:/app", "\app"): the
// platform is often unknown here, and a Windows path is never a mistake.
bool is_absolute(std::string_view p) {
  if (!p.empty() && (p[0] == '/' || p[0] == '\\')) return true;
  return p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' &&
         (p[2] == '\\' || p[2] == '/');
}

std::string_view unquote(std::string_view p) {
  if (p.size() >= 2 && (p.front() == '"' || p.front() == '\'') && p.back() == p.front())
    return p.substr(1, p.size() - 2);
  return p;
}

}  // namespace

void check_dd605(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  // Whether a stage has set its working directory by its end, so stages
  // built FROM it inherit a directory the Dockerfile chose.
  std::vector<bool> set_at_end(df.stages.size(), false);
  std::map<std::string, size_t, std::less<>> latest;  // stage name -> last stage of it so far
  for (size_t si = 0; si < df.stages.size(); ++si) {
    const Stage& stage = df.stages[si];
    bool set = false;
    if (auto it = latest.find(rules::ascii_lower(stage.base)); it != latest.end()) set = set_at_end[it->second];
    // ENV values this stage set, as far as they are known without the build's
    // arguments or the base image's environment.
    VarMap env;
    for (size_t index : stage.body) {
      const Instruction& ins = df.at(index);
      if (ins.kind == Keyword::Env) {
        for (const KeyValue& kv : ins.pairs) {
          ExpandResult v = expand_word(kv.value.text, env, df.escape);
          if (v.ok && v.unset.empty())
            env[kv.key.text] = v.value;
          else
            env.erase(kv.key.text);
        }
        continue;
      }
      if (ins.kind != Keyword::Workdir || ins.args.empty()) continue;
      // Only the first WORKDIR of a chain matters: once it is absolute, the
      // relative ones after it resolve against a known directory.
      if (set) continue;
      set = true;
      Span span{ins.args.front().span.start, ins.args.back().span.end};
      std::string_view raw = std::string_view(df.text).substr(
          span.start.offset, span.end.offset - span.start.offset);
      // Windows paths are judged as written: expansion would eat the
      // backslash of `C:\app` under the default escape character.
      if (raw.find('\n') != std::string_view::npos || is_absolute(unquote(raw))) continue;
      // BuildKit expands the path (quotes removed, variables substituted). A
      // variable this Dockerfile does not pin (a build argument, the base
      // image's environment) may well hold an absolute path: leave it.
      ExpandResult expanded = expand_word(raw, env, df.escape);
      if (!expanded.ok || !expanded.unset.empty()) continue;
      const std::string& path = expanded.value;
      if (path.empty() || is_absolute(path)) continue;
      bool uses_variables = raw.find('$') != std::string_view::npos;
      std::string absolute = "/" + path;
      std::optional<Fix> fix;
      // Only a literal path gets a fix; keep its quotes, it may hold spaces.
      if (!uses_variables) {
        std::string replacement = unquote(raw).size() == raw.size() ? absolute : raw.front() + absolute + raw.front();
        fix = Fix{"make it " + absolute + " (assumes the base image's working directory is /)",
                  {Edit{span, replacement}},
                  false};
      }
      ctx.report(span,
                 "relative WORKDIR '" + path +
                     "' resolves against the base image's working directory, which this Dockerfile "
                     "never sets and which can change with the base image; write the absolute path (e.g. " +
                     absolute + ")",
                 std::move(fix));
    }
    set_at_end[si] = set;
    if (!stage.name.empty()) latest[stage.name] = si;
  }
}

}  // namespace dd
