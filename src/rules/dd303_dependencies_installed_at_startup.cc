// DD303 dependencies-installed-at-startup (rules/DD303.md): a service's
// command or entrypoint installs packages every time the container starts.
#include <string>
#include <string_view>

#include "knowledge/package_managers.h"
#include "rules/compose_check.h"
#include "shell/shell.h"

namespace dd {

namespace {

bool is_shell(std::string_view prog) {
  size_t slash = prog.rfind('/');
  if (slash != std::string_view::npos) prog = prog.substr(slash + 1);
  for (std::string_view s : {"sh", "bash", "dash", "ash", "zsh", "ksh"})
    if (prog == s) return true;
  return false;
}

bool installs(PmAction a) {
  return a == PmAction::InstallFrozen || a == PmAction::InstallUnfrozen || a == PmAction::Resolve ||
         a == PmAction::LockfileDisabled;
}

// Where a script held by `item` starts in its file: the value's first byte
// when the file holds the value verbatim there (plain or after a quote),
// else nullopt (escapes, folded lines: then the whole item is reported).
std::optional<size_t> verbatim_start(const compose::Project& p, const compose::Scalar& item) {
  const compose::SourceFile* f = p.file(item.loc.file);
  if (!f || item.value != item.raw) return std::nullopt;
  size_t at = item.loc.span.start.offset;
  for (size_t skip : {size_t{0}, size_t{1}})
    if (f->text.compare(at + skip, item.value.size(), item.value) == 0) return at + skip;
  return std::nullopt;
}

void check_script(ComposeCheckContext& ctx, const compose::Scalar& item, std::string_view key) {
  const compose::SourceFile* f = ctx.project().file(item.loc.file);
  if (!f) return;
  std::optional<size_t> start = verbatim_start(ctx.project(), item);
  Position origin;
  origin.offset = start.value_or(0);
  ShellRun run = analyze_script(item.value, origin);
  for (const PmCommand& pc : package_manager_commands(run)) {
    if (!installs(pc.classification.action)) continue;
    Span at = item.loc.span;
    if (start) {
      at.start = position_at(f->text, pc.command->span.start.offset);
      at.end = position_at(f->text, pc.command->span.end.offset);
    }
    std::string shown = std::string(pc.command->name.value);
    if (pc.classification.subcommand_word) shown += " " + pc.classification.subcommand_word->value;
    ctx.report(item.loc.file, at,
               "`" + shown + "` in `" + std::string(key) +
                   ":` installs dependencies every time the container starts: start-up is slow, "
                   "needs the network, and each restart may get different versions than were "
                   "tested. Install them in the image (a `RUN` in the Dockerfile, from the "
                   "lockfile) and keep `" +
                   std::string(key) + ":` to starting the application");
  }
}

void check_spec(ComposeCheckContext& ctx, const compose::CommandSpec& spec, std::string_view key) {
  if (spec.items.empty()) return;
  if (!spec.list_form) {
    check_script(ctx, spec.items[0], key);
    return;
  }
  // ["sh", "-c", "script"]: the script is one item.
  if (is_shell(spec.items[0].value)) {
    for (size_t i = 1; i + 1 < spec.items.size(); ++i)
      if (spec.items[i].value.starts_with("-") &&
          spec.items[i].value.find('c') != std::string::npos) {
        check_script(ctx, spec.items[i + 1], key);
        return;
      }
    return;
  }
  // ["pip", "install", ...]: the items are the words of one command.
  std::string script;
  for (const compose::Scalar& it : spec.items) {
    std::string q = "'";
    for (char c : it.value) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    script += q + "' ";
  }
  ShellRun run = analyze_script(script, Position{});
  for (const PmCommand& pc : package_manager_commands(run))
    if (installs(pc.classification.action)) {
      ctx.report(spec.loc,
                 "`" + spec.items[0].value + "` in `" + std::string(key) +
                     ":` installs dependencies every time the container starts: start-up is slow, "
                     "needs the network, and each restart may get different versions than were "
                     "tested. Install them in the image (a `RUN` in the Dockerfile, from the "
                     "lockfile) and keep `" +
                     std::string(key) + ":` to starting the application");
      return;
    }
}

}  // namespace

void check_dd303(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services) {
    if (s.command) check_spec(ctx, *s.command, "command");
    if (s.entrypoint) check_spec(ctx, *s.entrypoint, "entrypoint");
  }
}

}  // namespace dd
