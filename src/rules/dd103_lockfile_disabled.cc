// DD103 lockfile-disabled (rules/DD103.md): an install told to ignore the
// lockfile, or to stop enforcing it, by a flag, a variable or a setting the
// Dockerfile writes.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/scope.h"
#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/lockfiles.h"
#include "rules/util.h"

namespace dd {

namespace {

std::string line_ref(int line) { return "line " + std::to_string(line); }

std::string lockfile_of(const PackageManager& pm) { return pm.lockfiles.empty() ? "the lockfile" : pm.lockfiles.front(); }

// What the build loses, in the manager's words where the data has them.
std::string consequences(const PackageManager& pm, bool disabled) {
  std::string out = disabled ? " and resolve every dependency against the registry on each build"
                             : " and resolve again, instead of failing, whenever it no longer matches the manifest";
  out += ": the same commit can install different versions on different days, a broken or compromised release "
         "rolls in unreviewed";
  if (pm.subcommand("audit"))
    out += ", and `" + pm.executables.front() + " audit` on the lockfile in git no longer describes the image";
  return out;
}

std::string advice(const PackageManager& pm, const std::optional<rules::FrozenWay>& way) {
  std::string out = "; commit a " + lockfile_of(pm) +
                    " that matches what this build installs (for a workspace the build only partly copies, one "
                    "generated for that subset), copy it in";
  if (way) out += " and install it with " + rules::describe(*way);
  return out;
}

// A `key=value`, `key = value` or `key: value` line of a settings file.
struct Setting {
  std::string key, value;
  size_t begin = 0, end = 0;  // the whole setting within the text it was read from
};

std::optional<Setting> parse_setting(std::string_view text, size_t offset) {
  size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return std::nullopt;
  size_t e = text.find_last_not_of(" \t\r");
  size_t sep = text.find_first_of("=:", b);
  if (sep == std::string_view::npos || sep == b) return std::nullopt;
  auto trim = [](std::string_view s) {
    size_t x = s.find_first_not_of(" \t\"'");
    size_t y = s.find_last_not_of(" \t\r\"'");
    return x == std::string_view::npos ? std::string() : std::string(s.substr(x, y - x + 1));
  };
  Setting s{trim(text.substr(b, sep - b)), trim(text.substr(sep + 1, e + 1 - sep - 1)), offset + b, offset + e + 1};
  if (s.key.empty() || s.value.empty()) return std::nullopt;
  return s;
}

// A setting the Dockerfile writes that switches a manager's lockfile off.
struct Write {
  Span span;
  std::string text;       // "package-lock=false"
  std::string file;       // ".npmrc", or empty for `npm config set`
  std::optional<std::string> dir;  // where the file is, when known
  const PackageManager* only = nullptr;  // `npm config set` affects npm only
  const PmConfig* config = nullptr;
  size_t stage = 0, instruction = 0, command = SIZE_MAX;
};

bool file_matches(std::string_view path, std::string_view config_file) {
  std::string cf(config_file);
  if (!cf.empty() && cf[0] == '/') return path == cf;
  return path == cf || (path.size() > cf.size() && path.substr(path.size() - cf.size()) == cf &&
                        path[path.size() - cf.size() - 1] == '/');
}

const PmConfig* match_config(const PackageManager& pm, std::string_view file, const Setting& s) {
  for (const PmConfig& c : pm.config) {
    if (c.effect != PmEffect::NoLockfile && c.effect != PmEffect::Unfrozen) continue;
    if (!file.empty() && !file_matches(file, c.file)) continue;
    if (rules::ascii_lower(c.key) == rules::ascii_lower(s.key) &&
        rules::ascii_lower(c.value) == rules::ascii_lower(s.value))
      return &c;
  }
  return nullptr;
}

bool is_config_file(std::string_view path) {
  for (const PackageManager& pm : package_managers())
    for (const PmConfig& c : pm.config)
      if (file_matches(path, c.file)) return true;
  return false;
}

// Settings written by `echo ... > .npmrc`, `printf ... >> .npmrc` or
// `echo ... | tee -a .npmrc`: each line of each operand of the echo.
void settings_from_words(const Command& writer, std::string_view path, const std::optional<std::string>& dir,
                         const ShellRun& run, std::vector<Write>& out) {
  std::string_view prog = writer.program();
  if (prog != "echo" && prog != "printf") return;
  bool options = prog == "echo";
  for (const ShellWord& w : writer.args) {
    if (options && w.value.size() > 1 && w.value[0] == '-') continue;  // echo -e / -n
    options = false;
    std::string_view v = w.value;
    size_t start = 0;
    while (start <= v.size()) {
      size_t nl = v.find('\n', start), esc = v.find("\\n", start);
      size_t stop = std::min(nl, esc);
      size_t len = (stop == std::string_view::npos ? v.size() : stop) - start;
      if (std::optional<Setting> s = parse_setting(v.substr(start, len), start)) {
        for (const PackageManager& pm : package_managers())
          if (const PmConfig* c = match_config(pm, path, *s)) {
            Write wr;
            wr.span = w.span_of(s->begin, s->end);
            wr.text = std::string(v.substr(s->begin, s->end - s->begin));
            wr.file = std::string(path);
            wr.dir = dir;
            wr.config = c;
            wr.stage = run.stage;
            wr.instruction = run.instruction_index;
            wr.command = writer.index;
            out.push_back(wr);
            break;
          }
      }
      if (stop == std::string_view::npos) break;
      start = stop + (stop == nl ? 1 : 2);
    }
  }
}

std::optional<std::string> resolve_in(const Command& c, std::string_view path) {
  if (!path.empty() && path[0] == '/') return rules::dir_of(resolve_path("/", path));
  if (path.substr(0, 2) == "~/") return std::string("~");
  if (!c.workdir) return std::nullopt;
  return rules::dir_of(resolve_path(*c.workdir, path));
}

std::vector<Write> collect_writes(CheckContext& ctx) {
  std::vector<Write> out;
  for (const ShellRun& run : ctx.shell().runs) {
    if (run.onbuild) continue;
    for (const Command& c : run.commands) {
      for (const Redirect& r : c.redirects) {
        if (r.op != ">" && r.op != ">>" && r.op != ">|") continue;
        if (r.target.dynamic && r.target.value.substr(0, 2) != "~/") continue;
        if (!is_config_file(r.target.value)) continue;
        settings_from_words(c, r.target.value, resolve_in(c, r.target.value), run, out);
      }
      if (c.program() == "tee" && c.pipe_from >= 0 && static_cast<size_t>(c.pipe_from) < run.commands.size()) {
        for (const ShellWord& a : c.args)
          if (!a.dynamic && a.value[0] != '-' && is_config_file(a.value))
            settings_from_words(run.commands[c.pipe_from], a.value, resolve_in(c, a.value), run, out);
      }
      // `npm config set package-lock false`: the manager's own settings.
      PmClassification k = classify_command(c, &run);
      if (!k.manager || k.manager->config_set.empty() || !k.subcommand_word) continue;
      std::vector<std::string> words;
      for (size_t i = 0, j = 0; i <= k.manager->config_set.size(); ++i)
        if (i == k.manager->config_set.size() || k.manager->config_set[i] == ' ') {
          words.push_back(k.manager->config_set.substr(j, i - j));
          j = i + 1;
        }
      size_t at = 0;
      while (at < c.args.size() && &c.args[at] != k.subcommand_word) ++at;
      bool match = at + words.size() < c.args.size();
      for (size_t w = 0; match && w < words.size(); ++w) match = c.args[at + w].is(words[w]);
      if (!match) continue;
      const ShellWord& key = c.args[at + words.size()];
      Setting s;
      Span span = key.span;
      if (key.value.find('=') != std::string::npos) {
        std::optional<Setting> p = parse_setting(key.value, 0);
        if (!p) continue;
        s = *p;
      } else if (at + words.size() + 1 < c.args.size()) {
        const ShellWord& value = c.args[at + words.size() + 1];
        s.key = key.value;
        s.value = value.value;
        span.end = value.span.end;
      } else {
        continue;
      }
      if (const PmConfig* cfg = match_config(*k.manager, "", s)) {
        Write wr;
        wr.span = span;
        wr.text = s.key + " " + s.value;
        wr.only = k.manager;
        wr.config = cfg;
        wr.stage = run.stage;
        wr.instruction = run.instruction_index;
        wr.command = c.index;
        out.push_back(wr);
      }
    }
  }
  // COPY <<EOF .npmrc: the heredoc is the file.
  const Dockerfile& df = ctx.dockerfile();
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.heredoc || !op.dest || !is_config_file(*op.dest)) continue;
    const Instruction& ins = df.at(op.instruction);
    for (const Heredoc& h : ins.heredocs) {
      size_t b = h.body_span.start.offset, e = h.body_span.end.offset;
      if (e > df.text.size() || b > e) continue;
      std::string_view body = std::string_view(df.text).substr(b, e - b);
      size_t start = 0;
      while (start < body.size()) {
        size_t nl = body.find('\n', start);
        size_t len = (nl == std::string_view::npos ? body.size() : nl) - start;
        if (std::optional<Setting> s = parse_setting(body.substr(start, len), start)) {
          for (const PackageManager& pm : package_managers())
            if (const PmConfig* c = match_config(pm, *op.dest, *s)) {
              Write wr;
              wr.span = Span{position_at(df.text, b + s->begin), position_at(df.text, b + s->end)};
              wr.text = std::string(body.substr(s->begin, s->end - s->begin));
              wr.file = *op.dest;
              wr.dir = rules::dir_of(*op.dest);
              wr.config = c;
              wr.stage = op.stage;
              wr.instruction = op.instruction;
              out.push_back(wr);
              break;
            }
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
      }
    }
  }
  return out;
}

// Whether a setting in `dir` is one the manager reads for a project in
// `project`: the project's own file (or a workspace root's above it), or the
// user's.
bool reads_from(const std::optional<std::string>& dir, const std::optional<std::string>& project) {
  if (!dir || !project) return true;
  if (*dir == "~" || *dir == "/root" || (dir->rfind("/home/", 0) == 0 && dir->find('/', 6) == std::string::npos))
    return true;
  return rules::is_within(*project, *dir);
}

}  // namespace

void check_dd103(CheckContext& ctx) {
  rules::FileFinder finder(ctx);
  std::set<size_t> reported;  // span starts: one variable can disable several installs
  for (const ShellRun& run : ctx.shell().runs) {
    for (const PmCommand& pc : ctx.pm_commands(run)) {
      const PmClassification& c = pc.classification;
      const Command& command = *pc.command;
      const PackageManager& pm = *c.manager;
      bool disabled = c.action == PmAction::LockfileDisabled;
      bool unfrozen = c.action == PmAction::InstallUnfrozen && (c.decisive.source == PmReason::Source::Flag ||
                                                                c.decisive.source == PmReason::Source::Env);
      if (!disabled && !unfrozen) continue;
      if (pm.lockfiles.empty() || rules::installs_globally(command, pm)) continue;
      if (!reported.insert(c.decisive.span.start.offset).second) continue;
      std::string head = "`" + rules::command_head_text(command, c) + "`";
      std::string cause = "`" + c.decisive.text + "`";
      if (c.decisive.source == PmReason::Source::Env) {
        // As written (`ENV NPM_CONFIG_PACKAGE_LOCK=false`), not as the data spells the name.
        const std::string& text = ctx.dockerfile().text;
        size_t b = c.decisive.span.start.offset, e = c.decisive.span.end.offset;
        if (e <= text.size() && b < e && e - b <= 120 && text.find('\n', b) >= e)
          cause = "`" + text.substr(b, e - b) + "`";
      }
      if (c.decisive.source == PmReason::Source::Env && c.decisive.span.start.line != command.span.start.line)
        cause += " (" + line_ref(c.decisive.span.start.line) + ")";
      std::string message = cause + " makes " + head + (disabled ? " ignore " : " stop enforcing ") +
                            lockfile_of(pm) + consequences(pm, disabled);
      std::optional<rules::FrozenWay> way = rules::frozen_way(command, c);
      message += advice(pm, way);

      // Where the lockfile is, and a fix when it is already in place.
      std::optional<Fix> fix;
      const std::vector<rules::ImageFile>& locks = finder.in_image(run, pm.lockfiles);
      const rules::ImageFile* used = nullptr;
      if (pm.project && c.project_dir) {
        const std::vector<rules::ImageFile>& markers = finder.in_image(run, pm.project->markers);
        rules::ProjectSearch search = rules::search_project(*pm.project, *c.project_dir, markers);
        for (const rules::ImageFile& l : locks)
          if (!used && rules::lock_use(search, l.dir) == rules::LockUse::Used) used = &l;
      }
      if (used) {
        message += "; " + used->name + " is already in the image at " + used->path + " (" + line_ref(used->line) + ")";
        if (way && c.decisive.source == PmReason::Source::Flag)
          if (std::optional<Edit> e = rules::frozen_edit(run, command, c, *way, &c.decisive.span))
            fix = Fix{"install exactly " + used->path + " with `" + way->flag + "` (the build then fails when it is stale)",
                      {*e}, false};
      } else if (ctx.context_files()) {
        std::vector<std::string> in_context = rules::context_lockfiles(finder, pm, "");
        if (!in_context.empty())
          message += "; the build context has one " + rules::context_place(in_context.front()) +
                     rules::dockerignore_caveat(ctx, in_context.front());
      }
      ctx.report(c.decisive.span, message, std::move(fix));
    }
  }

  // Settings written into the image that later installs read.
  const DockerfileScopes& scopes = ctx.scopes();
  for (const Write& w : collect_writes(ctx)) {
    const Command* victim = nullptr;
    const PackageManager* victim_pm = nullptr;
    std::string victim_head;
    for (const ShellRun& run : ctx.shell().runs) {
      if (victim || run.onbuild || run.stage == SIZE_MAX) continue;
      bool later_stage = run.stage != w.stage;
      if (later_stage) {
        std::vector<size_t> up = scopes.ancestors(run.stage);
        if (std::find(up.begin(), up.end(), w.stage) == up.end()) continue;
      } else if (run.instruction_index < w.instruction) {
        continue;
      }
      for (const PmCommand& pc : ctx.pm_commands(run)) {
        if (run.instruction_index == w.instruction && !later_stage && pc.command->index <= w.command) continue;
        const PmClassification& c = pc.classification;
        if (c.action != PmAction::InstallFrozen && c.action != PmAction::InstallUnfrozen &&
            c.action != PmAction::Resolve && c.action != PmAction::LockfileDisabled)
          continue;
        if ((w.only && c.manager != w.only) || rules::installs_globally(*pc.command, *c.manager)) continue;
        bool reads = false;
        for (const PmConfig& cfg : c.manager->config)
          reads = reads || (&cfg == w.config) ||
                  (cfg.key == w.config->key && cfg.value == w.config->value && cfg.file == w.config->file);
        if (!reads || !reads_from(w.dir, c.project_dir)) continue;
        victim = pc.command;
        victim_pm = c.manager;
        victim_head = rules::command_head_text(*pc.command, c);
        break;
      }
    }
    if (!victim || !reported.insert(w.span.start.offset).second) continue;
    bool disabled = w.config->effect == PmEffect::NoLockfile;
    std::string where = w.file.empty() ? "" : " in " + w.file;
    std::string message = "`" + w.text + "`" + where + " makes `" + victim_head + "` (" +
                          line_ref(victim->span.start.line) + ")" + (disabled ? " ignore " : " stop enforcing ") +
                          lockfile_of(*victim_pm) + consequences(*victim_pm, disabled);
    if (!w.config->note.empty()) message += " (" + w.config->note + ")";
    message += "; remove the setting" + advice(*victim_pm, rules::frozen_way(*victim_pm));
    ctx.report(w.span, message);
  }
}

}  // namespace dd
