// DD503 final-stage-runs-as-root (rules/DD503.md): the production image's
// process runs as root.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/image_files.h"
#include "rules/check.h"
#include "rules/command_words.h"
#include "rules/doc_options.h"
#include "rules/image_role.h"
#include "rules/util.h"

namespace dd {

namespace {


// `root`, `0`, `root:grp`, `0:0`. A value only the build knows counts as
// non-root: it names the user someone chose on purpose.
bool is_root(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  if (name == "root") return true;
  return !name.empty() && name.find_first_not_of('0') == std::string_view::npos;
}

bool non_root_base(const CheckContext& ctx, std::string_view image) {
  std::string lower = rules::ascii_lower(image);
  std::string_view ref = lower;
  ref = ref.substr(0, ref.find('@'));  // a digest says nothing about the user
  for (const std::string& pattern : ctx.option_words("non-root-images"))
    if (path_match(pattern, ref)) return true;
  return false;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Whether the image starts its service as root in order to run it as
// another user: it brings a tool for that (an entrypoint running `gosu
// postgres ...`), or it starts a server that does so itself (php-fpm and
// Apache run their workers as www-data).
bool drops_privileges(CheckContext& ctx, const std::vector<size_t>& lineage, const rules::Launch& launch) {
  const std::vector<std::string>& tools = ctx.option_words("privilege-droppers");
  auto named = [&](std::string_view word) {
    return std::find(tools.begin(), tools.end(), base_name(word)) != tools.end();
  };
  auto in_lineage = [&](size_t stage) { return std::find(lineage.begin(), lineage.end(), stage) != lineage.end(); };
  for (const ShellRun& run : ctx.shell().runs) {
    if (!in_lineage(run.stage) || run.onbuild) continue;
    for (const Command& c : run.commands) {
      if (named(c.name.value)) return true;
      for (const ShellWord& w : c.args)
        if (!w.dynamic && named(w.value)) return true;
    }
  }
  for (const Instruction* ins : {launch.entrypoint, launch.cmd})
    if (ins && rules::CommandWords(ctx.dockerfile(), *ins).find_any(tools)) return true;
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!in_lineage(op.stage)) continue;
    // COPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/
    if (op.from && !op.from_stage && named(op.from->substr(0, op.from->find(':')))) return true;
    for (const CopySource& src : op.sources)
      if (named(src.path) || (op.dest && named(*op.dest))) return true;
  }
  return false;
}

bool is_archive(std::string_view path) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar.zst"})
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return true;
  return false;
}

// A FROM scratch image that ADDs a root file system archive to `/`: an
// operating-system base image, root by convention.
bool os_root_filesystem(CheckContext& ctx, const std::vector<size_t>& lineage) {
  for (const CopyOp& op : ctx.image_files().ops)
    if (op.add && op.from_context() && op.dest == "/" &&
        std::find(lineage.begin(), lineage.end(), op.stage) != lineage.end())
      for (const CopySource& src : op.sources)
        if (src.known && is_archive(src.path)) return true;
  return false;
}

// The user an image the repository builds leaves in effect: the last USER
// of its stages, looked for through images built on images. Empty when
// none sets one (the image's own base decides); nullopt when the USER's
// value is only known to the build.
std::optional<std::string> linked_user(const LinkedBase* link) {
  for (int depth = 0; link && depth < 8; ++depth) {
    const Dockerfile& df = *link->dockerfile;
    const DockerfileScopes& scopes = link->facts->scopes();
    std::vector<size_t> lineage = rules::stage_lineage(scopes, link->target);
    const Instruction* last = nullptr;
    size_t last_index = 0;
    for (size_t s : lineage)
      for (size_t index : df.stages[s].body)
        if (df.at(index).kind == Keyword::User && !df.at(index).args.empty()) {
          last = &df.at(index);
          last_index = index;
        }
    if (last) return scopes.expand_at(last_index, last->args.front().text, df.escape);
    const LinkedBase* next = nullptr;
    if (link->next)
      for (const LinkedBase& l : *link->next)
        if (l.stage == lineage.front()) next = &l;
    link = next;
  }
  return std::string();
}

}  // namespace

void check_dd503(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  const DockerfileScopes& scopes = ctx.scopes();
  std::vector<const Instruction*> reported;
  std::vector<size_t> reported_stages;  // production stages reported for having no USER
  for (size_t p : rules::production_stages(df, ctx.file())) {
    std::vector<size_t> lineage = rules::stage_lineage(scopes, p);
    rules::Launch launch = rules::launch_of(df, scopes, p);
    // A base image (no command of its own, or a bare interpreter): the
    // images built FROM it choose their user.
    if (rules::starts_bare_interpreter(launch) || drops_privileges(ctx, lineage, launch)) continue;
    // Daemons that need root by design (a container runtime, a VPN daemon).
    bool root_daemon = false;
    for (const Instruction* ins : {launch.entrypoint, launch.cmd})
      root_daemon = root_daemon ||
                    (ins && rules::CommandWords(df, *ins).find_any(ctx.option_words("root-daemons")));
    if (root_daemon) continue;
    const Instruction* last_user = nullptr;
    size_t last_user_index = 0;
    for (size_t s : lineage)
      for (size_t index : df.stages[s].body)
        if (df.at(index).kind == Keyword::User && !df.at(index).args.empty()) {
          last_user = &df.at(index);
          last_user_index = index;
        }
    std::string label = rules::production_label(df, p);
    if (last_user) {
      if (std::find(reported.begin(), reported.end(), last_user) != reported.end()) continue;
      const Word& word = last_user->args.front();
      std::optional<std::string> user = scopes.expand_at(last_user_index, word.text, df.escape);
      if (!user || !is_root(*user)) continue;
      reported.push_back(last_user);
      std::string shown = "`USER " + word.text + "`" + (*user == word.text ? "" : " (`" + *user + "`)");
      ctx.report(word.span, shown + " is the last USER of " + label +
                                ", so its process runs as root and owns everything in the container; switch to "
                                "an unprivileged user (USER app, or a numeric USER 10001) after the steps that "
                                "need root");
      continue;
    }
    const Stage& root = df.stages[lineage.front()];
    const Instruction& from = df.at(root.from);
    if (from.args.empty() || !launch.set()) continue;
    std::optional<std::string> base = scopes.stages[lineage.front()].base;
    // FROM $IMAGE: only the build knows which image, and its user (so does
    // a template's FROM {{ ... }}).
    if (!base || base->find("{{") != std::string::npos) continue;
    // Reported already at a production stage this one is built FROM.
    if (std::any_of(lineage.begin(), lineage.end() - 1, [&](size_t s) {
          return std::find(reported_stages.begin(), reported_stages.end(), s) != reported_stages.end();
        }))
      continue;
    reported_stages.push_back(p);
    if (non_root_base(ctx, *base)) continue;
    // An image the repository builds: its Dockerfile says which user it leaves.
    std::string built_by;
    if (const LinkedBase* link = ctx.linked_base(lineage.front())) {
      std::optional<std::string> user = linked_user(link);
      if (!user || (!user->empty() && !is_root(*user))) continue;
      built_by = " (built by " + link->file_info->path + ", " + link->image->origin + ", which " +
                 (user->empty() ? "sets no USER" : "sets `USER " + *user + "`") + ")";
    }
    bool scratch = rules::ascii_lower(*base) == "scratch";
    if (scratch && os_root_filesystem(ctx, lineage)) continue;
    const Instruction& own_from = df.at(df.stages[p].from);
    std::string why = scratch ? "a scratch image has no user database, so it runs as user 0"
                              : "the base image " + *base + built_by + " runs as root unless told otherwise";
    std::string no_user = lineage.size() > 1 ? "neither it nor the stages it is built FROM set a USER"
                                             : "it sets no USER";
    ctx.report(own_from.args.front().span,
               label + " runs as root: " + no_user + ", and " + why +
                   "; a compromised process then owns everything in the container; create an unprivileged user "
                   "and switch to it with USER before CMD" +
                   (scratch ? " (a numeric USER 65532:65532 needs no user database)" : ""));
  }
}

}  // namespace dd
