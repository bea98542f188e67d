// DD501 dev-tooling-in-production (rules/DD501.md): development dependencies,
// debuggers and reloaders in a production image.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/package_managers.h"
#include "rules/check.h"
#include "rules/command_words.h"
#include "rules/doc_options.h"
#include "rules/image_role.h"
#include "rules/util.h"

namespace dd {

namespace {


// Python compares distribution names with '-', '_' and '.' alike.
std::string normalise(std::string_view name) {
  std::string out = rules::ascii_lower(name);
  std::replace(out.begin(), out.end(), '_', '-');
  std::replace(out.begin(), out.end(), '.', '-');
  return out;
}

bool listed(const std::vector<std::string>& list, std::string_view word) {
  std::string n = normalise(word);
  return std::any_of(list.begin(), list.end(), [&](const std::string& e) { return normalise(e) == n; });
}

// The package name at the start of an operand: "debugpy==1.8" -> "debugpy",
// "nodemon@3" -> "nodemon", "@types/node@20" -> "@types/node",
// ".[dev]" -> ".". Empty for URLs and paths with a scheme.
std::string_view package_name(std::string_view operand) {
  if (operand.find("://") != std::string_view::npos) return {};
  size_t i = operand.empty() || operand[0] != '@' ? 0 : 1;  // npm scope
  while (i < operand.size() && std::string_view("=<>!~[;@ ,").find(operand[i]) == std::string_view::npos) ++i;
  return operand.substr(0, i);
}

// Whether the command puts the packages it names into the image: an install
// subcommand, or a resolve subcommand that adds them (pnpm add, poetry add).
bool adds_packages(const PmClassification& c) {
  if (!c.subcommand) return false;
  return c.subcommand->kind == PmSubcommandKind::Install ||
         (c.subcommand->kind == PmSubcommandKind::Resolve && c.subcommand->packages == PmPackagesRule::Resolve);
}

// What a production image should be installed with instead of a dev
// selection, from the same subcommand's knowledge: "--only main", "--prod".
std::optional<std::string> production_flag(const PmClassification& c, char separator) {
  const PmSubcommand* sub = c.subcommand;
  if (!sub) return std::nullopt;
  for (const std::vector<PmFlag>* list : {&sub->flags, &c.manager->flags})
    for (const PmFlag& f : *list)
      if (f.effect == PmEffect::Prod) return f.value ? f.flag + separator + *f.value : f.flag;
  return std::nullopt;
}

std::optional<std::string> production_env(const PmClassification& c, std::string_view name) {
  const PmSubcommand* sub = c.subcommand;
  if (!sub) return std::nullopt;
  for (const std::vector<PmEnv>* list : {&sub->env, &c.manager->env})
    for (const PmEnv& e : *list)
      if (e.effect == PmEffect::Prod && e.name == name && !e.values.empty()) return e.name + "=" + e.values.front();
  return std::nullopt;
}

bool inside(const Span& inner, const Span& outer) {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

// One piece of development tooling found in a stage.
struct Item {
  Span span;
  std::string what;    // "`--with dev` makes Poetry install development dependencies"
  std::string advice;  // "; install only the runtime dependencies (`--only main`) instead"
  std::optional<Fix> fix;
  // For a package named on the command line: its manager and name, so that
  // a later uninstall cancels it.
  const PackageManager* manager = nullptr;
  std::string package;
};

Item make_item(Span span, std::string what, std::string advice) {
  Item it;
  it.span = span;
  it.what = std::move(what);
  it.advice = std::move(advice);
  return it;
}

// An uninstall (pip uninstall -y debugpy).
struct Removal {
  const PackageManager* manager;
  std::string package;
  size_t after = 0;  // it runs after the stage's first `after` items
};

// What one stage's own RUN instructions install and remove.
struct StageInstalls {
  std::vector<Item> items;
  std::vector<Removal> removals;
};

class Finder {
 public:
  explicit Finder(const CheckContext& ctx)
      : dev_packages_(ctx.option_words("dev-packages")), dev_extras_(ctx.option_words("dev-extras")) {}

  StageInstalls installs(DockerfileFacts& facts, size_t stage) const {
    StageInstalls out;
    for (const ShellRun& run : facts.shell().runs) {
      if (run.stage != stage || run.onbuild) continue;  // ONBUILD runs in other images
      for (const PmCommand& pc : facts.pm_commands(run)) {
        const PmClassification& c = pc.classification;
        if (c.action == PmAction::Remove) {
          for (const ShellWord* p : c.packages) {
            if (p->dynamic) continue;
            out.removals.push_back({c.manager, normalise(package_name(p->value)), out.items.size()});
          }
          continue;
        }
        if (!adds_packages(c)) continue;
        dev_selection(*pc.command, c, out.items);
        if (!rules::is_os_package_manager(*c.manager)) named_packages(*pc.command, c, out.items);
      }
    }
    return out;
  }

 private:
  void dev_selection(const Command& command, const PmClassification& c, std::vector<Item>& items) const {
    if (!c.installs_dev || !c.dev || c.subcommand->kind != PmSubcommandKind::Install) return;
    const PmReason& r = *c.dev;
    Item it = make_item(r.span, "`" + r.text + "` makes " + c.manager->name + " install development dependencies", "");
    std::optional<std::string> instead;
    if (r.source == PmReason::Source::Flag) {
      instead = production_flag(c, r.text.find(' ') != std::string::npos ? ' ' : '=');
    } else if (r.source == PmReason::Source::Env) {
      instead = production_env(c, r.text.substr(0, r.text.find('=')));
      // Only an assignment on the command itself is the install's alone to
      // change; an ENV line also sets the variable for the running service.
      if (instead && !inside(r.span, command.span)) {
        it.advice = "; install with " + *instead + " here";
        instead.reset();
      }
    }
    if (instead) {
      it.advice = "; install only the runtime dependencies here (`" + *instead + "`)";
      it.fix = Fix{"install without development dependencies (`" + *instead + "`)", {Edit{r.span, *instead}}, false};
    } else if (it.advice.empty()) {
      it.advice = "; install only the runtime dependencies here";
    }
    items.push_back(std::move(it));
  }

  void named_packages(const Command& command, const PmClassification& c, std::vector<Item>& items) const {
    for (const ShellWord* p : c.packages) {
      if (p->dynamic) continue;
      std::string_view name = package_name(p->value);
      if (name.empty() || !listed(dev_packages_, name)) continue;
      Item it = make_item(p->span_of(0, name.size()), "`" + std::string(name) + "` is development tooling, installed",
                          "; install it only in a development image (Dockerfile.dev or a dev stage built FROM this one)");
      it.manager = c.manager;
      it.package = normalise(name);
      items.push_back(std::move(it));
    }
    // Extras: `.[dev,test]`, `mypkg[testing]==1.0`, also as the value of an
    // option (pip install -e '.[dev]'): only requirement specifiers have them.
    for (const ShellWord& w : command.args) {
      if (w.dynamic) continue;
      std::string_view name = package_name(w.value);
      if (name.empty() || name[0] == '-' || w.value.size() <= name.size() || w.value[name.size()] != '[') continue;
      size_t close = w.value.find(']', name.size());
      if (close == std::string::npos) continue;
      for (size_t b = name.size() + 1; b < close;) {
        size_t e = std::min(w.value.find(',', b), close);
        std::string_view extra = std::string_view(w.value).substr(b, e - b);
        if (listed(dev_extras_, extra))
          items.push_back(make_item(w.span_of(b, e), "the `" + std::string(extra) + "` extra installs development dependencies",
                                    "; install the package without it here"));
        b = e + 1;
      }
    }
    // A requirements file for development: pip install -r requirements-dev.txt.
    if (const ShellWord* req = c.condition_word; req && !req->dynamic) {
      std::string_view file = req->value;
      size_t begin = 0;
      if (!file.empty() && file[0] == '-') {  // --requirement=file (attached -rfile: the whole word)
        size_t eq = file.find('=');
        begin = eq == std::string_view::npos ? 0 : eq + 1;
      }
      std::string_view path = file.substr(begin);
      if (names_dev_extra(path))
        items.push_back(make_item(req->span_of(begin, file.size()),
                                  "`" + std::string(path) + "` lists development requirements, installed",
                                  "; install only the runtime requirements here"));
    }
  }

  // Whether a file name has one of the dev words: requirements-dev.txt,
  // requirements/test.txt.
  bool names_dev_extra(std::string_view path) const {
    size_t slash = path.find_last_of('/');
    std::string base = rules::ascii_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
    std::string word;
    for (char ch : base + ".") {
      if (ch == '-' || ch == '_' || ch == '.') {
        if (!word.empty() && listed(dev_extras_, word)) return true;
        word.clear();
      } else {
        word += ch;
      }
    }
    return false;
  }

  const std::vector<std::string>& dev_packages_;
  const std::vector<std::string>& dev_extras_;
};

std::string join_labels(const Dockerfile& df, const std::vector<size_t>& stages) {
  std::string out;
  for (size_t i = 0; i < stages.size(); ++i) {
    if (i) out += i + 1 == stages.size() ? " and " : ", ";
    out += rules::production_label(df, stages[i]);
  }
  return out;
}

// The CMD and ENTRYPOINT a production stage's image starts with.
void check_launch(CheckContext& ctx, size_t stage, std::vector<const Instruction*>& reported) {
  const Dockerfile& df = ctx.dockerfile();
  rules::Launch launch = rules::launch_of(df, ctx.scopes(), stage);
  for (const Instruction* ins : {launch.entrypoint, launch.cmd}) {
    if (!ins || std::find(reported.begin(), reported.end(), ins) != reported.end()) continue;
    reported.push_back(ins);
    rules::CommandWords words(ctx.dockerfile(), *ins);
    std::string where = std::string(keyword_name(ins->kind)) + " of " + rules::production_label(df, stage);
    if (auto m = words.find_any(ctx.option_words("debug-commands"))) {
      ctx.report(m->span,
                 "`" + m->text + "` in the " + where +
                     " starts a debugger: anyone who reaches its port can run code in the container; start the "
                     "service without it and debug in a development image",
                 words.removal_fix(*m));
    } else if (auto m = words.find_any(ctx.option_words("dev-server-commands"))) {
      ctx.report(m->span,
                 "`" + m->text + "` in the " + where +
                     " runs a development server or reloader: it watches files, restarts on changes and is not "
                     "built for production load; start the production server without it",
                 words.removal_fix(*m));
    }
  }
}

// Development tooling a production stage inherits from an image the
// repository builds itself (a deps image installed with `--dev`), reported at
// the FROM that names the image: the install is in another Dockerfile,
// which may be right for its own purpose (a CI or dev image).
void check_inherited(CheckContext& ctx, const Finder& finder, size_t production_stage,
                     std::vector<size_t>& reported_roots) {
  const Dockerfile& df = ctx.dockerfile();
  std::vector<size_t> lineage = rules::stage_lineage(ctx.scopes(), production_stage);
  size_t root = lineage.front();
  const LinkedBase* link = ctx.linked_base(root);
  if (!link || std::find(reported_roots.begin(), reported_roots.end(), root) != reported_roots.end()) return;
  reported_roots.push_back(root);
  // What this file removes again cancels an inherited install.
  std::vector<Removal> removals;
  for (size_t s : lineage) {
    StageInstalls own = finder.installs(ctx.facts(), s);
    removals.insert(removals.end(), own.removals.begin(), own.removals.end());
  }
  const Instruction& from = df.at(df.stages[root].from);
  Span at = from.args.empty() ? from.span : from.args.front().span;
  std::string image = "`" + link->image->name + "` (" + link->image->origin + ")";
  std::vector<const Dockerfile*> seen = {&df};
  for (int depth = 0; link && depth < 8; ++depth) {
    if (std::find(seen.begin(), seen.end(), link->dockerfile) != seen.end()) break;
    seen.push_back(link->dockerfile);
    std::vector<size_t> chain = rules::stage_lineage(link->facts->scopes(), link->target);
    std::vector<StageInstalls> installs;
    installs.reserve(chain.size());
    for (size_t s : chain) installs.push_back(finder.installs(*link->facts, s));
    for (size_t i = 0; i < installs.size(); ++i) {
      for (size_t k = 0; k < installs[i].items.size(); ++k) {
        const Item& item = installs[i].items[k];
        auto undoes = [&](const Removal& r) { return item.manager && item.manager == r.manager && item.package == r.package; };
        bool removed = std::any_of(removals.begin(), removals.end(), undoes);
        for (const Removal& r : installs[i].removals) removed = removed || (r.after > k && undoes(r));
        for (size_t j = i + 1; j < installs.size() && !removed; ++j)
          removed = std::any_of(installs[j].removals.begin(), installs[j].removals.end(), undoes);
        if (removed) continue;
        ctx.report(at, item.what + " at " + link->file_info->path + ":" + std::to_string(item.span.start.line) +
                           ", in the image " + image + " that " + rules::production_label(df, production_stage) +
                           " is built FROM: test runners, linters and debuggers then ship to production, making the "
                           "image bigger and giving attackers more to work with; build the production image on a "
                           "base that installs only the runtime dependencies");
      }
    }
    // The linked image may itself be built FROM one the repository builds;
    // what this image removes comes after that one's installs.
    for (const StageInstalls& st : installs) removals.insert(removals.end(), st.removals.begin(), st.removals.end());
    size_t next_root = chain.front();
    const LinkedBase* next = nullptr;
    if (link->next)
      for (const LinkedBase& l : *link->next)
        if (l.stage == next_root) next = &l;
    if (next) image = "`" + next->image->name + "` (" + next->image->origin + "), under " + image;
    link = next;
  }
}

}  // namespace

void check_dd501(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  std::vector<size_t> production = rules::production_stages(df, ctx.file());
  if (production.empty()) return;
  const Finder finder(ctx);
  // Each stage's installs are computed once however many production stages
  // inherit it; an item is reported once, naming every production stage
  // that ships it.
  std::map<size_t, StageInstalls> by_stage;
  std::map<const Item*, std::pair<size_t, std::vector<size_t>>> shipped;  // item -> (its stage, production stages)
  std::vector<const Item*> order;
  std::vector<const Instruction*> launches;
  std::vector<size_t> inherited_roots;  // each linked FROM once, however many production stages share it
  for (size_t p : production) {
    std::vector<size_t> lineage = rules::stage_lineage(ctx.scopes(), p);
    for (size_t i = 0; i < lineage.size(); ++i) {
      auto [it, fresh] = by_stage.try_emplace(lineage[i]);
      if (fresh) it->second = finder.installs(ctx.facts(), lineage[i]);
      const StageInstalls& own = it->second;
      for (size_t k = 0; k < own.items.size(); ++k) {
        const Item& item = own.items[k];
        // Uninstalled later in this stage or in a stage built on it?
        auto undoes = [&](const Removal& r) { return item.manager == r.manager && item.package == r.package; };
        bool removed = false;
        for (const Removal& r : own.removals) removed = removed || (r.after > k && undoes(r));
        for (size_t j = i + 1; j < lineage.size() && !removed; ++j) {
          auto later = by_stage.try_emplace(lineage[j]);
          if (later.second) later.first->second = finder.installs(ctx.facts(), lineage[j]);
          for (const Removal& r : later.first->second.removals) removed = removed || undoes(r);
        }
        if (removed) continue;
        auto [entry, first] = shipped.try_emplace(&item, lineage[i], std::vector<size_t>{});
        if (first) order.push_back(&item);
        entry->second.second.push_back(p);
      }
    }
    check_launch(ctx, p, launches);
    check_inherited(ctx, finder, p, inherited_roots);
  }
  for (const Item* item : order) {
    const auto& [stage, ps] = shipped[item];
    bool own = std::find(ps.begin(), ps.end(), stage) != ps.end();
    std::string where = own ? " in " + rules::production_label(df, stage)
                            : " in " + rules::stage_label(df, stage) + ", which " + join_labels(df, ps) +
                                  (ps.size() == 1 ? " is" : " are") + " built FROM";
    ctx.report(item->span,
               item->what + where +
                   ": test runners, linters and debuggers then ship to production, making the image bigger and "
                   "giving attackers more to work with" +
                   item->advice + (item->manager ? "" : " and keep the rest for a development image (Dockerfile.dev or a dev stage)"),
               item->fix);
  }
}

}  // namespace dd
