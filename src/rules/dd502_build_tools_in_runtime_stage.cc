// DD502 build-tools-in-runtime-stage (rules/DD502.md): compilers, build tools
// and development headers installed in the image that runs the service.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/package_managers.h"
#include "model/image_files.h"
#include "rules/check.h"
#include "rules/command_words.h"
#include "rules/doc_options.h"
#include "rules/image_role.h"
#include "rules/util.h"

namespace dd {

namespace {


struct ToolKind {
  const char* option;
  const char* what;
};
constexpr ToolKind kKinds[] = {
    {"compilers", "a compiler or build tool"},
    {"header-packages", "development headers"},
    {"vcs-clients", "a version-control client"},
};
constexpr const ToolKind* kVcs = &kKinds[2];

const ToolKind* tool_kind(const CheckContext& ctx, std::string_view name) {
  std::string lower = rules::ascii_lower(name);
  for (const ToolKind& k : kKinds)
    for (const std::string& pattern : ctx.option_words(k.option))
      if (path_match(rules::ascii_lower(pattern), lower)) return &k;
  return nullptr;
}

// "gcc=4:12.2", "gcc:amd64", "gcc~12" -> "gcc".
std::string_view os_package_name(std::string_view word) {
  return word.substr(0, word.find_first_of("=:<>~"));
}

// A build tool installed, packages removed, or something built, in
// execution order.
struct Event {
  enum Kind { Install, Removal, Build } what = Install;
  const PackageManager* manager = nullptr;
  size_t instruction = 0;  // the RUN
  size_t stage = 0;
  // Install: the tool. Removal: unused.
  Span span;
  std::string name;
  const ToolKind* kind = nullptr;
  // Install: the static words of the command that are neither packages nor
  // options (a removal naming one of them, like apk's virtual package
  // `.build-deps`, undoes the install).
  // Removal: the static package words.
  std::vector<std::string> words;
  // Removal: it names no package, or one only the build knows
  // (`apt-get autoremove`, `apt-get purge --auto-remove $buildDeps`).
  bool removes_any = false;
};

// Whether a command builds something, which is what compilers and headers
// are installed for: a language package install (native extensions compile
// there) or a build tool such as make, gcc or `go build`.
bool builds(const Command& command, const PmClassification& c, const std::vector<std::string>& build_commands) {
  if (c.recognized() && !rules::is_os_package_manager(*c.manager) && c.subcommand &&
      (c.subcommand->kind == PmSubcommandKind::Install ||
       (c.subcommand->kind == PmSubcommandKind::Resolve && c.subcommand->packages == PmPackagesRule::Resolve)))
    return true;
  // The program, or the script an interpreter runs (python setup.py, sh ./configure).
  std::string_view program = command.program();
  std::string_view script;
  if (const ShellWord* first = command.first_positional(); first && !first->dynamic) {
    script = first->value;
    script = script.substr(script.find_last_of('/') == std::string_view::npos ? 0 : script.find_last_of('/') + 1);
  }
  for (const std::string& pattern : build_commands) {
    size_t space = pattern.find(' ');
    std::string_view head = std::string_view(pattern).substr(0, space);
    if (head != program && head != script) continue;
    if (space == std::string::npos) return true;  // "make"
    std::string_view tail = std::string_view(pattern).substr(space + 1);  // "go build"
    for (const ShellWord& w : command.args)
      if (w.is(tail)) return true;
  }
  return false;
}

std::vector<Event> stage_events(CheckContext& ctx, size_t stage) {
  const ShellModel& shell = ctx.shell();
  const std::vector<std::string>& build_commands = ctx.option_words("build-commands");
  std::vector<Event> out;
  for (const ShellRun& run : shell.runs) {
    if (run.stage != stage || run.onbuild) continue;
    for (const Command& command : run.commands) {
      PmClassification c = classify_command(command, &run);
      if (builds(command, c, build_commands)) {
        Event e;
        e.what = Event::Build;
        e.instruction = run.instruction_index;
        e.stage = stage;
        out.push_back(std::move(e));
      }
      if (!c.recognized() || !rules::is_os_package_manager(*c.manager) || !c.subcommand) continue;
      if (c.action == PmAction::Remove) {
        Event e;
        e.what = Event::Removal;
        e.manager = c.manager;
        e.instruction = run.instruction_index;
        e.stage = stage;
        for (const ShellWord* p : c.packages) {
          if (p->dynamic) e.removes_any = true;
          else e.words.push_back(std::string(os_package_name(p->value)));
        }
        e.removes_any = e.removes_any || c.packages.empty();
        out.push_back(std::move(e));
        continue;
      }
      if (c.subcommand->kind != PmSubcommandKind::Install) continue;
      // The command's other operands: apk's virtual package name (the value
      // of --virtual), which a later `apk del .build-deps` names.
      std::vector<std::string> words;
      for (const ShellWord& w : command.args)
        if (!w.dynamic && !w.value.empty() && w.value[0] != '-' &&
            std::find(c.packages.begin(), c.packages.end(), &w) == c.packages.end())
          words.push_back(w.value);
      // A version-control client counts as a build tool only beside a
      // compiler or headers: alone it is usually a runtime need (a CI
      // client, an app that updates itself, a git server).
      bool toolchain = std::any_of(c.packages.begin(), c.packages.end(), [&](const ShellWord* p) {
        const ToolKind* k = p->dynamic ? nullptr : tool_kind(ctx, os_package_name(p->value));
        return k && k != kVcs;
      });
      for (const ShellWord* p : c.packages) {
        if (p->dynamic) continue;
        std::string_view name = os_package_name(p->value);
        const ToolKind* kind = tool_kind(ctx, name);
        if (!kind || (kind == kVcs && !toolchain)) continue;
        Event e;
        e.manager = c.manager;
        e.instruction = run.instruction_index;
        e.stage = stage;
        e.span = p->span_of(0, name.size());
        e.name = std::string(name);
        e.kind = kind;
        e.words = words;
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

bool undoes(const Event& removal, const Event& install) {
  if (removal.manager != install.manager) return false;
  if (removal.removes_any) return true;
  for (const std::string& w : removal.words)
    if (w == install.name || std::find(install.words.begin(), install.words.end(), w) != install.words.end())
      return true;
  return false;
}

// Whether the image's ENTRYPOINT or CMD runs the tool: a `make` or `git`
// image needs it.
bool launched(CheckContext& ctx, size_t stage, std::string_view tool) {
  const Dockerfile& df = ctx.dockerfile();
  std::vector<std::string> pattern = {std::string(tool)};
  for (size_t s : rules::stage_lineage(ctx.scopes(), stage))
    for (size_t index : df.stages[s].body) {
      const Instruction& ins = df.at(index);
      if ((ins.kind == Keyword::Cmd || ins.kind == Keyword::Entrypoint) &&
          rules::CommandWords(df, ins).find_any(pattern))
        return true;
    }
  return false;
}

// A base or toolchain image, where build tools are the point: it starts a
// bare interpreter or shell (python3, bash), or it runs nothing of its own
// and ships nothing from the build context (the official golang image).
bool toolchain_image(CheckContext& ctx, size_t stage, const std::vector<size_t>& lineage) {
  rules::Launch launch = rules::launch_of(ctx.dockerfile(), ctx.scopes(), stage);
  if (rules::starts_bare_interpreter(launch)) return true;
  if (launch.set()) return false;
  for (const CopyOp& op : ctx.image_files().ops)
    if (op.from_context() && !op.heredoc && std::find(lineage.begin(), lineage.end(), op.stage) != lineage.end())
      return false;
  return true;
}

// "the only stage", where a single-stage file's advice is to split it.
std::string where_installed(const Dockerfile& df, size_t stage) {
  return df.stages.size() == 1 ? "the only stage, which is the production image" : rules::production_label(df, stage);
}

}  // namespace

void check_dd502(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  std::vector<size_t> production = rules::production_stages(df, ctx.file());
  if (production.empty()) return;
  std::vector<std::vector<Event>> events(df.stages.size());
  std::vector<bool> computed(df.stages.size(), false);
  auto events_of = [&](size_t s) -> const std::vector<Event>& {
    if (!computed[s]) events[s] = stage_events(ctx, s);
    computed[s] = true;
    return events[s];
  };
  std::set<size_t> reported;  // offsets of package words already reported
  for (size_t p : production) {
    std::vector<size_t> lineage = rules::stage_lineage(ctx.scopes(), p);
    if (toolchain_image(ctx, p, lineage)) continue;
    std::vector<const Event*> ordered;
    std::vector<size_t> removals;  // indices in `ordered`
    for (size_t s : lineage)
      for (const Event& e : events_of(s)) {
        if (e.what == Event::Removal) removals.push_back(ordered.size());
        ordered.push_back(&e);
      }
    // built_after[i]: something is built after ordered[i].
    std::vector<bool> built_after(ordered.size() + 1, false);
    for (size_t i = ordered.size(); i-- > 0;)
      built_after[i] = built_after[i + 1] || (i + 1 < ordered.size() && ordered[i + 1]->what == Event::Build);
    for (size_t i = 0; i < ordered.size(); ++i) {
      const Event& install = *ordered[i];
      if (install.what != Event::Install || reported.count(install.span.start.offset)) continue;
      // Nothing built after the install: the image uses the tools at run
      // time (a compiler image, BPF tools compiling probes, distcc).
      if (!built_after[i]) continue;
      // Removed in the same RUN: the official images' pattern, nothing ships.
      // Removed by a later RUN: gone from the file system but not from the
      // image, whose earlier layer still holds it.
      const Event* later_removal = nullptr;
      bool same_run = false;
      for (auto r = std::upper_bound(removals.begin(), removals.end(), i); r != removals.end() && !same_run; ++r) {
        if (!undoes(*ordered[*r], install)) continue;
        same_run = ordered[*r]->instruction == install.instruction;
        if (!later_removal) later_removal = ordered[*r];
      }
      if (same_run || launched(ctx, p, install.name)) continue;
      reported.insert(install.span.start.offset);

      std::string message = "`" + install.name + "` (" + install.kind->what + ") is installed in ";
      if (install.stage == p) {
        message += where_installed(df, p);
      } else {
        message += rules::stage_label(df, install.stage) + " and inherited by " + rules::production_label(df, p);
      }
      if (later_removal) {
        message += "; the removal on line " + std::to_string(df.at(later_removal->instruction).span.start.line) +
                   " hides it but the layer of this RUN still carries it: remove it in the same RUN that installed "
                   "it, or build in a separate stage and copy only the result";
        ctx.report(install.span, message);
        continue;
      }
      message += ": it is needed to build, not to run, and adds size and packages to patch to every deployment; ";
      // A build stage elsewhere in the file that already has it.
      const Event* elsewhere = nullptr;
      for (size_t s = 0; s < df.stages.size() && !elsewhere; ++s) {
        if (std::find(lineage.begin(), lineage.end(), s) != lineage.end()) continue;
        for (const Event& e : events_of(s))
          if (e.what == Event::Install && e.name == install.name) {
            elsewhere = &e;
            break;
          }
      }
      if (elsewhere) {
        message += rules::stage_label(df, elsewhere->stage) + " already installs it (line " +
                   std::to_string(elsewhere->span.start.line) +
                   "): build there and COPY --from that stage only the result";
      } else if (df.stages.size() == 1) {
        message += "split the Dockerfile into a build stage that installs it and builds, and a runtime stage that "
                   "copies only the result (COPY --from=build)";
      } else {
        message += "install it in a build stage and COPY --from that stage only the result";
      }
      ctx.report(install.span, message);
    }
  }
}

}  // namespace dd
