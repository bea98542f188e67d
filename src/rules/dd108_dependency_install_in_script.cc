// DD108 dependency-install-in-script (rules/DD108.md): a RUN executes a
// script from the build context whose name or place says it installs
// dependencies, hiding them from the Dockerfile.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/cache_mounts.h"
#include "rules/check.h"
#include "rules/context_files.h"
#include "rules/util.h"

namespace dd {

namespace {

using rules::basename_of;
using rules::dirname_of;
using rules::path_within;

constexpr std::string_view kShells[] = {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"};
constexpr std::string_view kInterpreters[] = {"python", "python2", "python3", "node", "perl", "ruby", "php"};

// Words that say "installs dependencies" in a script's name or directory.
constexpr std::string_view kDependencyWords[] = {"deps",     "dependencies", "dependency", "requirements",
                                                 "reqs",     "prereq",       "prereqs",    "prerequisites"};
// Words that say so only in a script's name, and only alone there
// (`setup.sh`, but not `setup-user.sh`).
constexpr std::string_view kAloneWords[] = {"setup", "bootstrap", "provision", "packages"};

std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool dependency_word(std::string_view t) {
  // install, installer, install_deps, reinstall; not uninstall or postinstall.
  if (t.starts_with("install") || t == "reinstall") return true;
  return std::find(std::begin(kDependencyWords), std::end(kDependencyWords), t) != std::end(kDependencyWords);
}

// True when the path's file name or one of its directories names a
// dependency install.
bool names_dependency_install(std::string_view path) {
  std::string_view base = basename_of(path);
  if (size_t dot = base.rfind('.'); dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  std::vector<std::string> words = tokens(base);
  if (std::any_of(words.begin(), words.end(), [](const std::string& t) { return dependency_word(t); })) return true;
  if (words.size() == 1 &&
      std::find(std::begin(kAloneWords), std::end(kAloneWords), words[0]) != std::end(kAloneWords))
    return true;
  for (const std::string& t : tokens(dirname_of(path)))
    if (dependency_word(t)) return true;
  return false;
}

std::string_view without_version(std::string_view program) {
  while (!program.empty() && (std::isdigit(static_cast<unsigned char>(program.back())) || program.back() == '.'))
    program.remove_suffix(1);
  return program;
}

// The word naming the script a command runs from a file: `./install.sh`,
// `sh scripts/deps.sh`, `. ./env/deps.sh`, `python3 tools/install_deps.py`.
const ShellWord* script_word(const Command& c) {
  std::string_view prog = c.program();
  if (prog.empty() || c.name.dynamic) return nullptr;
  auto first_operand = [&](bool shell) -> const ShellWord* {
    for (size_t i = 0; i < c.args.size(); ++i) {
      std::string_view v = c.args[i].value;
      if (v == "--") return i + 1 < c.args.size() ? &c.args[i + 1] : nullptr;
      if (v == "-") return nullptr;  // the script comes from stdin
      if (v.size() > 1 && (v[0] == '-' || (shell && v[0] == '+'))) {
        if (v.starts_with("--")) {
          if (v == "--rcfile" || v == "--init-file") ++i;
          continue;
        }
        // -c: a command string; -s: stdin; -n: read without running; -m: a module.
        if (v.find_first_of(shell ? "csn" : "cm") != std::string_view::npos) return nullptr;
        if (shell && v.back() == 'o') ++i;  // -o pipefail
        continue;
      }
      return &c.args[i];
    }
    return nullptr;
  };
  if (prog == "." || prog == "source") {
    const ShellWord* w = c.args.empty() ? nullptr : &c.args.front();
    // A bare name is looked up in PATH, not in the working directory.
    return w && w->value.find('/') != std::string::npos ? w : nullptr;
  }
  if (std::find(std::begin(kShells), std::end(kShells), prog) != std::end(kShells)) return first_operand(true);
  if (std::find(std::begin(kInterpreters), std::end(kInterpreters), without_version(prog)) != std::end(kInterpreters))
    return first_operand(false);
  // Run directly: only a path (a bare name is looked up in PATH).
  return c.name.value.find('/') != std::string::npos ? &c.name : nullptr;
}

std::string relative(std::string_view path, std::string_view dir) {
  if (path.size() == dir.size()) return "";
  return std::string(path.substr(dir == "/" ? 1 : dir.size() + 1));
}

bool in_context(const std::vector<std::string>* context, std::string_view path) {
  return !context || std::binary_search(context->begin(), context->end(), std::string(path));
}

// The build-context path `op` copies to image path `target`, if it does.
std::optional<std::string> copied_from(const CopyOp& op, std::string_view target,
                                       const std::vector<std::string>* context) {
  if (!op.dest) return std::nullopt;
  for (const CopySource& s : op.sources) {
    std::vector<std::string> candidates = {s.path};
    if (path_within(target, *op.dest)) {
      std::string rel = relative(target, *op.dest);
      if (s.glob) {  // `dir/*.sh` puts dir/x.sh at dest/x.sh
        std::string_view parent = dirname_of(s.path);
        candidates.push_back(parent.empty() ? rel : std::string(parent) + "/" + rel);
      } else {
        candidates.push_back(s.path.empty() || op.parents ? rel : s.path + "/" + rel);
      }
    }
    for (const std::string& cand : candidates)
      if (!cand.empty() && landing_of(op, s, cand) == std::optional<std::string>(std::string(target)) &&
          in_context(context, cand))
        return cand;
  }
  return std::nullopt;
}

// A RUN between the copy and this command downloads or writes a file of
// that name (`curl -o install.sh`, `> install.sh`): the script run is that one.
bool rewritten_after(const ShellModel& shell, const CopyOp& op, const ShellRun& run, const Command& cmd,
                     std::string_view name) {
  for (const ShellRun& other : shell.runs) {
    if (other.stage != run.stage || other.instruction_index < op.instruction ||
        other.instruction_index > run.instruction_index)
      continue;
    for (const Command& c : other.commands) {
      if (&other == &run && c.index >= cmd.index) break;
      for (const Redirect& r : c.redirects)
        if (basename_of(r.target.value) == name) return true;
      std::string_view prog = c.program();
      if (prog == "curl" || prog == "wget")
        for (const ShellWord& w : c.args)
          if (basename_of(w.value) == name) return true;
    }
  }
  return false;
}

struct Origin {
  std::string context_path;
  const CopyOp* op = nullptr;  // null: a bind mount of the RUN
};

// Where the file at image path `target` comes from when `run` executes it:
// a bind mount of the build context, else the latest COPY/ADD that put a
// file there, if that one copied it from the build context.
std::optional<Origin> context_origin(CheckContext& ctx, const ShellRun& run, std::string_view target) {
  const Dockerfile& df = ctx.dockerfile();
  const std::vector<std::string>* context = rules::consistent_context_files(ctx);
  if (run.instruction) {
    for (const Flag& f : run.instruction->flags) {
      if (f.name != "mount" || !f.value) continue;
      std::optional<std::string_view> type = f.option("type");
      if ((type && rules::ascii_lower(*type) != "bind") || f.option("from")) continue;
      std::optional<rules::MountOption> t;
      for (std::string_view key : {"target", "dst", "destination"})
        if ((t = rules::mount_option(f, key))) break;
      if (!t || t->value.empty()) continue;
      std::optional<std::string> tv = ctx.scopes().expand_at(run.instruction_index, t->value, df.escape);
      if (!tv || tv->empty() || (!run.workdir && (*tv)[0] != '/')) continue;
      std::string mount_at = (*tv)[0] == '/' ? join_path("/", *tv) : join_path(*run.workdir, *tv);
      if (!path_within(target, mount_at)) continue;
      std::string source;
      if (std::optional<std::string_view> src = f.option("source"); src) source = join_path("/", *src).substr(1);
      if (std::optional<std::string_view> src = f.option("src"); src) source = join_path("/", *src).substr(1);
      std::string rel = relative(target, mount_at);
      std::string path = source.empty() ? rel : rel.empty() ? source : source + "/" + rel;
      if (!path.empty() && in_context(context, path)) return Origin{path, nullptr};
      return std::nullopt;
    }
  }
  std::vector<const CopyOp*> ops = ctx.image_files().ops_before(ctx.scopes(), run.stage, run.instruction_index);
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    const CopyOp& op = **it;
    if (op.heredoc) {
      if (op.dest && (path_within(target, *op.dest))) return std::nullopt;
      continue;
    }
    if (op.from_context()) {
      if (std::optional<std::string> from = copied_from(op, target, context)) return Origin{*from, &op};
      continue;
    }
    // From another stage or image: if it may have put a file there, that
    // file is the one that runs.
    if (op.dest && path_within(target, *op.dest)) return std::nullopt;
  }
  return std::nullopt;
}

std::string copy_text(const Dockerfile& df, const CopyOp& op) {
  const Instruction& ins = df.at(op.instruction);
  std::string text = ins.keyword == "add" ? "ADD" : "COPY";
  for (const Word& w : ins.args) text += " " + w.text;
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

}  // namespace

void check_dd108(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.stage >= df.stages.size()) continue;
    for (const Command& cmd : run.commands) {
      const ShellWord* word = script_word(cmd);
      if (!word || word->dynamic || word->value.empty()) continue;
      std::string_view value = word->value;
      if (value[0] != '/' && !cmd.workdir) continue;
      std::string target = value[0] == '/' ? join_path("/", value) : join_path(*cmd.workdir, value);
      std::optional<Origin> origin = context_origin(ctx, run, target);
      if (!origin) continue;
      // Judge the name as the repository has it, and as the image has it.
      if (!names_dependency_install(origin->context_path) && !names_dependency_install(target)) continue;
      // A project's own manifest run as a program (python setup.py install) is
      // its package manager at work, not a hidden install script.
      std::string_view base = basename_of(origin->context_path);
      bool manifest = false;
      for (const PackageManager& pm : package_managers())
        manifest = manifest || std::find(pm.manifests.begin(), pm.manifests.end(), base) != pm.manifests.end();
      if (manifest) continue;
      if (origin->op && rewritten_after(ctx.shell(), *origin->op, run, cmd, basename_of(target))) continue;

      std::string how;
      if (!origin->op) {
        how = "comes from the build context through a bind mount, so this layer re-runs whenever the script changes";
      } else {
        const CopyOp& op = *origin->op;
        bool alone = op.sources.size() == 1 && op.sources.front().path == origin->context_path;
        how = alone ? "is copied from the build context on line " + std::to_string(rules::line_of(df.at(op.instruction).span)) +
                          ", so this layer re-runs whenever the script changes"
                    : "arrives with `" + copy_text(df, op) + "` (line " +
                          std::to_string(rules::line_of(df.at(op.instruction).span)) +
                          "), so this layer re-runs, and reinstalls everything, whenever any file copied there changes";
      }
      ctx.report(word->span,
                 "`" + std::string(value) + "` runs a script that by its name installs dependencies: what the image "
                 "contains is decided in " + origin->context_path + ", not in the Dockerfile, and the script " + how +
                 "; write the installs as RUN instructions (copy the manifest or lockfile, then install from it) so "
                 "the Dockerfile stays the single source of truth and each install layer is cached on its own");
    }
  }
}

}  // namespace dd
