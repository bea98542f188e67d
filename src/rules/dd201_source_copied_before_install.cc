// DD201 source-copied-before-install (rules/DD201.md): the application source
// is copied into the image before a dependency install that needs only the
// manifests, so every code change reinstalls every dependency.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/cache_mounts.h"
#include "rules/check.h"
#include "rules/context_files.h"

namespace dd {

namespace {

using rules::basename_of;
using rules::dirname_of;
using rules::path_within;

// Directory names that hold a project's own code by convention. A library
// the manifest points at (`libs/core`, `../shared`) is not among them: an
// install needs such a path dependency present.
constexpr std::string_view kSourceDirs[] = {"src", "source", "sources", "app", "cmd", "internal"};

// What an install reads: files in one image directory.
struct Inputs {
  std::string dir;
  std::vector<std::string> names;
  bool named = false;  // a file named on the command line (pip install -r requirements.txt)
};

bool install_action(PmAction a) {
  return a == PmAction::InstallFrozen || a == PmAction::InstallUnfrozen || a == PmAction::LockfileDisabled;
}

// The value of a flag-and-value word ("--requirement=r.txt", "-rr.txt") or the word itself.
std::string_view flag_value(const ShellWord& w) {
  std::string_view v = w.value;
  if (v.size() < 2 || v[0] != '-') return v;
  if (size_t eq = v.find('='); eq != std::string_view::npos) return v.substr(eq + 1);
  return v[1] == '-' ? std::string_view() : v.substr(2);
}

std::optional<Inputs> install_inputs(const PmClassification& c, const Command& cmd) {
  if (!rules::is_dependency_install(c, cmd) || !install_action(c.action)) return {};
  const PackageManager& pm = *c.manager;
  // It builds the project, installs named packages, or installs a directory
  // from its source (pip install -e .): it needs more than manifests.
  if (c.subcommand->source == PmSource::Project || !c.packages.empty()) return {};
  if (rules::passed_flag(cmd, pm, c.subcommand, PmEffect::Project)) return {};
  Inputs in;
  if (c.condition_word) {
    if (c.condition_word->dynamic) return {};
    std::string_view file = flag_value(*c.condition_word);
    if (file.empty() || (file[0] != '/' && !cmd.workdir)) return {};
    std::string path = file[0] == '/' ? join_path("/", file) : join_path(*cmd.workdir, file);
    in.dir = std::string(dirname_of(path));
    in.names = {std::string(basename_of(path))};
    in.named = true;
    return in;
  }
  if (pm.lockfiles.empty() || !c.project_dir) return {};
  in.dir = *c.project_dir;
  for (const std::vector<std::string>* list : {&pm.manifests, &pm.lockfiles})
    for (const std::string& n : *list)
      if (n.find('*') == std::string::npos) in.names.push_back(n);
  return in;
}

bool is_input(const Inputs& in, std::string_view name) {
  return std::find(in.names.begin(), in.names.end(), name) != in.names.end();
}

// Any manager's manifest or lockfile: a file, whatever its name looks like.
bool is_known_manifest(std::string_view name) {
  for (const PackageManager& pm : package_managers())
    for (const std::vector<std::string>* list : {&pm.manifests, &pm.lockfiles})
      if (std::find(list->begin(), list->end(), name) != list->end()) return true;
  return false;
}

bool is_directory(const CopySource& s, const std::vector<std::string>* context) {
  if (s.path.empty() || s.dir_hint) return true;
  if (context) {
    std::string prefix = s.path + "/";
    auto it = std::lower_bound(context->begin(), context->end(), prefix);
    return it != context->end() && it->starts_with(prefix);
  }
  // Without the file list: names like `src` or `services/api` are
  // directories; `main.py`, `Gemfile`, `Makefile` or `LICENSE` are not.
  std::string_view base = basename_of(s.path);
  return !base.empty() && base.find('.') == std::string_view::npos && !std::isupper(static_cast<unsigned char>(base[0])) &&
         !is_known_manifest(base);
}

// Where the files inside directory source `s` land.
std::optional<std::string> landing_root(const CopyOp& op, const CopySource& s) {
  if (!op.dest || !s.known || s.remote || s.glob) return std::nullopt;
  return op.parents ? join_path(*op.dest, s.path) : *op.dest;
}

std::string relative(std::string_view path, std::string_view dir) {
  if (path.size() == dir.size()) return "";
  return std::string(path.substr(dir == "/" ? 1 : dir.size() + 1));
}

std::string context_path(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

// What a COPY source brings relative to an install: the application source
// (with the build-context directory that holds the project's manifests, ""
// for the context's root), or nothing that matters.
struct SourceCopy {
  std::string project_context;
};

std::optional<SourceCopy> application_source(const CopyOp& op, const CopySource& s, const Inputs& in,
                                             const PackageManager& pm, const ImageFiles& files,
                                             const DockerfileScopes& scopes, size_t stage, size_t before,
                                             const std::vector<std::string>* context) {
  std::optional<std::string> root = landing_root(op, s);
  if (!root || !is_directory(s, context)) return std::nullopt;
  if (path_within(in.dir, *root)) {
    // The copy delivers the whole project directory. A directory copied
    // over `/` (a rootfs/ tree) delivers one only when the context says so.
    std::string ctx_dir = context_path(s.path, relative(in.dir, *root));
    if (ctx_dir.ends_with('/')) ctx_dir.pop_back();
    if (!context && *root != in.dir && !s.path.empty()) return std::nullopt;
    if (in.dir == "/" && !s.path.empty()) return std::nullopt;
    if (context) {
      // It must bring something besides what the install reads.
      bool source = false;
      for (const std::string& f : *context) {
        std::optional<std::string> at = landing_of(op, s, f);
        if (at && path_within(*at, in.dir) && !(dirname_of(*at) == in.dir && is_input(in, basename_of(*at)))) {
          source = true;
          break;
        }
      }
      if (!source) return std::nullopt;
    }
    return SourceCopy{ctx_dir};
  }
  if (!path_within(*root, in.dir)) return std::nullopt;
  // A conventional source directory of the project (`COPY src ./src`),
  // unless it belongs to a package of its own: a manifest of this manager
  // lands in it or between it and the project directory.
  std::string_view name = basename_of(*root);
  if (std::find(std::begin(kSourceDirs), std::end(kSourceDirs), name) == std::end(kSourceDirs)) return std::nullopt;
  for (const std::string& manifest : pm.manifests) {
    for (const Landing& l : find_landings(files, scopes, stage, before, manifest, context)) {
      std::string_view holder = dirname_of(l.image_path);
      if (path_within(holder, *root) || (path_within(*root, holder) && holder != in.dir && path_within(holder, in.dir)))
        return std::nullopt;
    }
  }
  if (context && !is_directory(s, context)) return std::nullopt;
  std::string ctx_dir = basename_of(s.path) == name ? std::string(dirname_of(s.path)) : std::string();
  return SourceCopy{ctx_dir};
}

// A RUN between the copy and the install (or an earlier command of the
// install's RUN) mentions the file: it is probably generated there
// (`poetry export -o requirements.txt`), not copied.
bool generated_in_between(const ShellModel& shell, const std::vector<size_t>& chain, const CopyOp& op,
                          const ShellRun& run, const Command& install, std::string_view name) {
  auto mentions = [&](const Command& c) {
    for (const ShellWord& w : c.args)
      if (w.value.find(name) != std::string::npos) return true;
    for (const Redirect& r : c.redirects)
      if (r.target.value.find(name) != std::string::npos) return true;
    return false;
  };
  size_t op_pos = std::find(chain.begin(), chain.end(), op.stage) - chain.begin();
  for (const ShellRun& other : shell.runs) {
    size_t pos = std::find(chain.begin(), chain.end(), other.stage) - chain.begin();
    if (pos == chain.size() || pos < op_pos || (pos == op_pos && other.instruction_index < op.instruction)) continue;
    bool same = &other == &run;
    if (!same && (other.stage == run.stage && other.instruction_index > run.instruction_index)) continue;
    for (const Command& c : other.commands) {
      if (same && c.index >= install.index) break;
      if (mentions(c)) return true;
    }
  }
  return false;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

void check_dd201(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  const ImageFiles& files = ctx.image_files();
  const ShellModel& shell = ctx.shell();
  const std::vector<std::string>* context = rules::consistent_context_files(ctx);
  std::set<size_t> reported;  // COPY source offsets

  // Installs seen so far, to recognise a dependency layer already split off
  // (`poetry install --no-root`, COPY src, `poetry install`).
  struct Seen {
    const PackageManager* pm;
    std::string dir;
    size_t stage, instruction;
  };
  std::vector<Seen> seen;

  for (const ShellRun& run : shell.runs) {
    if (run.stage >= df.stages.size()) continue;
    std::vector<size_t> chain = scopes.ancestors(run.stage);
    std::reverse(chain.begin(), chain.end());
    chain.push_back(run.stage);
    auto chain_pos = [&](size_t stage) { return std::find(chain.begin(), chain.end(), stage) - chain.begin(); };
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      std::optional<Inputs> in = install_inputs(c, *pc.command);
      if (!in) continue;
      const PackageManager& pm = *c.manager;
      const PmFlag* no_project = nullptr;
      if (c.subcommand->source == PmSource::Root && !rules::passed_flag(*pc.command, pm, c.subcommand, PmEffect::NoProject)) {
        for (const PmFlag& f : c.subcommand->flags)
          if (!no_project && f.effect == PmEffect::NoProject) no_project = &f;
        if (!no_project) continue;  // no way to split it: the source is simply needed
      }
      // The earliest install of the same dependencies in this chain: copies
      // after it come after a dependency layer that is already split off.
      std::optional<std::pair<long, size_t>> first_install;  // (chain position, instruction)
      for (const Seen& s : seen) {
        long p = chain_pos(s.stage);
        if (s.pm != &pm || s.dir != in->dir || p == static_cast<long>(chain.size())) continue;
        std::pair<long, size_t> at{p, s.instruction};
        if (!first_install || at < *first_install) first_install = at;
      }
      for (const CopyOp* op : files.ops_before(scopes, run.stage, run.instruction_index)) {
        if (!op->from_context() || op->heredoc) continue;
        if (first_install && *first_install < std::pair<long, size_t>{chain_pos(op->stage), op->instruction}) continue;
        for (const CopySource& s : op->sources) {
          std::optional<SourceCopy> copy =
              application_source(*op, s, *in, pm, files, scopes, run.stage, run.instruction_index, context);
          if (!copy || reported.count(s.span.start.offset)) continue;
          // The files to copy first: those the context holds, else what the knowledge names.
          std::vector<std::string> first;
          if (context) {
            for (const std::string& n : in->names)
              if (std::binary_search(context->begin(), context->end(), context_path(copy->project_context, n)))
                first.push_back(context_path(copy->project_context, n));
            if (in->named && first.empty()) continue;  // generated in the image, not copied
          } else if (in->named && generated_in_between(shell, chain, *op, run, *pc.command, in->names.front())) {
            continue;
          }
          if (first.empty()) {
            first.push_back(context_path(copy->project_context, in->names.front()));
            if (!in->named && !pm.lockfiles.empty())
              first.push_back(context_path(copy->project_context, pm.lockfiles.front()));
          }
          std::string dest = pc.command->workdir && *pc.command->workdir == in->dir ? "./" : in->dir + "/";
          if (in->dir == "/") dest = "/";
          rules::CommandLabel label = rules::command_label(*pc.command, c);
          std::string copy_first = "`COPY " + join(first) + " " + dest + "`";
          std::string where = "`" + label.text + "` (line " + std::to_string(pc.command->span.start.line) + ")";
          std::string message;
          if (no_project) {
            message = "`" + s.written + "` copies the application source before " + where +
                      ", so every source change invalidates that layer and reinstalls every dependency; only "
                      "installing the project itself needs the source: copy what the install reads first (" +
                      copy_first + ") and install the dependencies alone with `" + no_project->flag + "`" +
                      (no_project->note.empty() ? "" : ", " + no_project->note);
          } else {
            message = "`" + s.written + "` copies the application source before " + where +
                      " installs the dependencies, so every source change invalidates that layer and reinstalls "
                      "them all; copy only what the install reads first (" +
                      copy_first + "), install, then copy the source";
          }
          reported.insert(s.span.start.offset);
          ctx.report(s.span, std::move(message));
        }
      }
    }
    for (const PmCommand& pc : ctx.pm_commands(run))
      if (std::optional<Inputs> in = install_inputs(pc.classification, *pc.command))
        seen.push_back({pc.classification.manager, in->dir, run.stage, run.instruction_index});
  }
}

}  // namespace dd
