// Collecting how the repository builds its images (repo_builds.h).
#include "cli/repo_builds.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "cli/commands.h"
#include "core/paths.h"
#include "docker_doctor/rule.h"
#include "project/build_context.h"
#include "project/build_scripts.h"

namespace dd::cli {

namespace fs = std::filesystem;

namespace {

// A script read whole is capped well below an input: build scripts are small,
// and a large generated file named *.sh is not one.
constexpr size_t kMaxScripts = 200;
constexpr unsigned long long kMaxScriptBytes = 1u << 20;

std::string dir_of(const std::string& rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string::npos ? "" : rel.substr(0, slash);
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool is_makefile(std::string_view name) {
  return name == "Makefile" || name == "makefile" || name == "GNUmakefile" ||
         ends_with(name, ".mk");
}

// A regular file (never a link out of the tree, a FIFO or a device).
bool regular(const std::string& path, unsigned long long* size) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *size = static_cast<unsigned long long>(st.st_size);
  return true;
}

std::string with_prefix(const std::string& prefix, const std::string& rel) {
  if (prefix.empty()) return rel;
  return rel.empty() ? prefix : prefix + "/" + rel;
}

}  // namespace

std::vector<std::string> build_script_paths(const std::string& root,
                                            const std::vector<std::string>& dirs) {
  std::set<std::string> rels = {""};
  for (const std::string& d : dirs) rels.insert(d);
  std::vector<std::string> out;
  auto scan = [&](const std::string& rel, bool yaml) {
    std::error_code ec;
    fs::path dir = rel.empty() ? fs::path(root) : fs::path(root) / rel;
    // A directory reached through a symbolic link may lie outside the tree.
    fs::path at = root;
    for (const fs::path& part : fs::path(rel)) {
      at /= part;
      if (fs::is_symlink(fs::symlink_status(at, ec))) return;
    }
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      bool wanted = yaml ? ends_with(n, ".yml") || ends_with(n, ".yaml")
                         : is_makefile(n) || ends_with(n, ".sh") || n == ".gitlab-ci.yml";
      if (wanted && out.size() < kMaxScripts) out.push_back(rel.empty() ? n : rel + "/" + n);
    }
  };
  for (const std::string& rel : rels) {
    scan(rel, false);
    scan(rel.empty() ? "scripts" : rel + "/scripts", false);
  }
  scan(".github/workflows", true);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

RepoBuilds collect_repo_builds(const Discovery& found, unsigned jobs) {
  RepoBuilds out;
  out.services = compose_service_builds(found.inputs, &out.compose, jobs);
  for (const ComposeServiceBuild& b : out.services) {
    std::string who = "'" + b.service + "' (" + b.compose_file + ":" + std::to_string(b.line) + ")";
    if (!b.facts.dockerfile.empty() && !b.facts.context_path.empty()) {
      std::vector<ComposeContext>& list = out.contexts[b.facts.dockerfile];
      auto same = std::find_if(list.begin(), list.end(), [&](const ComposeContext& c) {
        return c.display == b.facts.context_dir;
      });
      if (same == list.end())
        list.push_back({b.facts.context_path, b.facts.context_dir, b.facts.dockerfile_path, {who}});
      else
        same->services.push_back(who);
    }
    if (!b.image.empty() && !b.facts.dockerfile.empty())
      out.images.push_back(RepoImage{b.image, b.facts.dockerfile, b.target,
                                     "compose service " + who, dir_of(b.compose_file)});
  }

  // Build scripts, per linted root: the directories of its Dockerfiles and
  // compose files, and the root itself.
  std::set<std::string> dockerfiles;
  struct Root {
    std::string prefix;
    std::vector<std::string> dirs;
  };
  std::map<std::string, Root> roots;
  for (const Input& in : found.inputs) {
    if (in.root.empty()) continue;
    if (!in.compose) dockerfiles.insert(in.display);
    Root& r = roots[in.root];
    r.prefix = in.root_display;
    r.dirs.push_back(dir_of(in.rel));
  }
  for (const auto& [root, r] : roots) {
    for (const std::string& rel : build_script_paths(root, r.dirs)) {
      std::string path = (fs::path(root) / rel).string(), text, error;
      unsigned long long size = 0;
      if (!regular(path, &size) || size > kMaxScriptBytes) continue;
      if (!read_input(Input{path, rel, true}, &text, &error)) continue;
      std::string name = rel.substr(rel.rfind('/') + 1);
      bool yaml = ends_with(name, ".yml") || ends_with(name, ".yaml");
      ScriptKind kind = yaml                ? ScriptKind::Yaml
                        : is_makefile(name) ? ScriptKind::Makefile
                                            : ScriptKind::Shell;
      // Make runs recipes in the Makefile's directory and CI in the
      // checkout's root; a shell script may be run from either.
      std::vector<std::string> bases;
      if (kind != ScriptKind::Yaml) bases.push_back(dir_of(rel));
      if (kind != ScriptKind::Makefile) bases.push_back("");
      for (const ScriptBuild& b : find_script_builds(text, kind)) {
        for (const std::string& base : bases) {
          std::optional<std::string> context = join_relative(base, b.context);
          if (!context) continue;
          std::optional<std::string> joined =
              join_relative(b.dockerfile.empty() ? *context : base,
                            b.dockerfile.empty() ? "Dockerfile" : b.dockerfile);
          if (!joined) continue;
          const std::string& file = *joined;
          std::string display = with_prefix(r.prefix, file);
          if (!dockerfiles.count(display)) continue;
          for (const std::string& tag : b.tags)
            out.images.push_back(RepoImage{
                tag, display, b.target,
                "`docker build` in " + with_prefix(r.prefix, rel) + ":" + std::to_string(b.line),
                with_prefix(r.prefix, base)});
          break;
        }
      }
    }
  }
  return out;
}

// The extra passes lint the files built with another context together with
// the Dockerfiles their FROM lines may link to, not the whole run.
void lint_other_compose_contexts(const std::vector<DockerfileInput>& batch,
                                 const LintOptions& run_options, const RepoBuilds& repo,
                                 BuildContexts& contexts,
                                 std::vector<std::vector<Finding>>& results) {
  std::vector<std::vector<std::vector<Finding>>> per(batch.size());
  for (size_t pass = 1;; ++pass) {
    std::vector<DockerfileInput> extra;
    std::vector<size_t> of;  // batch index of each extra entry
    for (size_t i = 0; i < batch.size(); ++i) {
      auto it = repo.contexts.find(batch[i].file.path);
      bool linked = std::any_of(repo.images.begin(), repo.images.end(), [&](const RepoImage& m) {
        return m.dockerfile == batch[i].file.path;
      });
      DockerfileInput in = batch[i];
      if (it != repo.contexts.end() && it->second.size() > pass) {
        const ComposeContext& c = it->second[pass];
        in.file.context = contexts.at(c.dir, c.display.empty() ? "." : c.display, c.dockerfile_path,
                                      batch[i].file.path);
        for (const std::string& note : contexts.take_notes()) print_note(note);
      } else if (!linked) {
        continue;
      }
      extra.push_back(in);
      of.push_back(i);
    }
    bool any = false;
    for (const DockerfileInput& in : extra) {
      auto it = repo.contexts.find(in.file.path);
      any = any || (it != repo.contexts.end() && it->second.size() > pass);
    }
    if (!any) break;
    std::vector<std::vector<Finding>> found = lint_dockerfiles(extra, run_options, 1, repo.images);
    for (size_t k = 0; k < extra.size(); ++k) {
      auto it = repo.contexts.find(extra[k].file.path);
      if (it == repo.contexts.end() || it->second.size() <= pass) continue;
      if (per[of[k]].empty()) per[of[k]].push_back(results[of[k]]);
      per[of[k]].push_back(std::move(found[k]));
    }
  }
  for (size_t i = 0; i < batch.size(); ++i)
    if (!per[i].empty())
      results[i] = merge_context_findings(per[i], repo.contexts.at(batch[i].file.path));
}

std::vector<Finding> merge_context_findings(const std::vector<std::vector<Finding>>& per_context,
                                            const std::vector<ComposeContext>& contexts) {
  auto key = [](const Finding& f) {
    return std::make_tuple(f.rule_id, f.span.start.offset, f.span.end.offset, f.message);
  };
  auto project_scope = [](const Finding& f) {
    const RuleInfo* r = find_rule(f.rule_id);
    return r && r->scope == RuleScope::Project;
  };
  using Key = decltype(key(std::declval<const Finding&>()));
  std::map<Key, std::vector<size_t>> seen_in;  // finding -> the contexts that give it
  std::vector<const Finding*> order;
  for (size_t c = 0; c < per_context.size(); ++c)
    for (const Finding& f : per_context[c]) {
      if (project_scope(f) && c > 0) continue;
      std::vector<size_t>& in = seen_in[key(f)];
      if (in.empty()) order.push_back(&f);
      if (in.empty() || in.back() != c) in.push_back(c);
    }
  std::vector<Finding> out;
  for (const Finding* f : order) {
    Finding x = *f;
    const std::vector<size_t>& in = seen_in[key(x)];
    if (!project_scope(x) && in.size() < per_context.size()) {
      std::string which;
      for (size_t i = 0; i < in.size(); ++i) {
        const ComposeContext& c = contexts[in[i]];
        which += (i ? "; " : "") + std::string("context `") +
                 (c.display.empty() ? "." : c.display) + "` (compose service " +
                 c.services.front() + ")";
      }
      x.message += " [only when built with " + which + "]";
    }
    out.push_back(std::move(x));
  }
  sort_findings(out);
  return out;
}

}  // namespace dd::cli
