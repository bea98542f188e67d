// The dispatch table from document kind to linter, and the Dockerfile
// linter with its build context taken from disk plus the open buffers.
#include "lsp/linters.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/compose_builds.h"
#include "compose/loader.h"
#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "ignore/ignore_file.h"
#include "lint/compose_run.h"
#include "lint/suppress.h"
#include "lsp/config_set.h"
#include "project/build_context.h"

extern char** environ;

namespace dd::lsp {

namespace {

// A twin read from disk above this size is not a Dockerfile worth comparing.
constexpr size_t kMaxTwinBytes = 1u << 20;

std::string parent_dir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool is_under(const std::string& path, const std::string& dir) {
  if (dir == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/';
}

// Adds open buffers below the context directory that the disk listing lacks
// (a new file not saved yet). Returns false when there is nothing to add, so
// the cached listing is used as it is instead of copied.
bool overlay_open_buffers(const Workspace& ws, const std::string& context_dir,
                          const BuildContextInfo& listing, BuildContextInfo* out) {
  bool changed = false;
  for (const std::string& open : ws.open_paths) {
    if (!is_under(open, context_dir)) continue;
    std::string rel = context_dir == "/" ? open.substr(1) : open.substr(context_dir.size() + 1);
    if (std::binary_search(listing.files.begin(), listing.files.end(), rel)) continue;
    if (!changed) *out = listing;
    changed = true;
    out->files.insert(std::lower_bound(out->files.begin(), out->files.end(), rel), rel);
    if (rel == ".dockerignore") out->has_dockerignore = true;
  }
  return changed;
}

// A Dockerfile as the engine takes it: its display path below the root and
// its build context, from disk plus the open buffers.
struct Placed {
  FileInfo file;
  std::string text;
  std::unique_ptr<BuildContextInfo> overlaid;  // when open buffers add files to the listing
  std::string context_dir;                     // on disk, absolute
};

void place(const std::string& root, const std::string& path, Workspace& ws, Placed* out) {
  std::string rel = root == "/" ? path.substr(1) : path.substr(root.size() + 1);
  std::string rel_dir = parent_dir(rel);
  if (rel_dir == "/") rel_dir.clear();
  // The configuration's `policy.build-context`, as the CLI reads it.
  std::string policy;
  if (auto it = ws.options.policy.find("build-context");
      it != ws.options.policy.end() && !it->second.empty())
    policy = it->second.front();
  std::string context_rel =
      policy == "per-service" ? rel_dir
      : policy == "monorepo-root"
          ? std::string()
          : infer_context_dir(root, rel_dir, context_sources(parse_dockerfile(out->text)));
  std::string context_dir =
      context_rel.empty() ? root : root + (root == "/" ? "" : "/") + context_rel;
  BuildContextInfo* context = ws.contexts->at(context_dir, context_rel.empty() ? "." : context_rel);
  for (std::string& note : ws.contexts->take_notes()) ws.notes.push_back(std::move(note));
  out->context_dir = context_dir;
  out->file.context = context;
  if (!context) return;
  auto overlaid = std::make_unique<BuildContextInfo>();
  if (overlay_open_buffers(ws, context_dir, *context, overlaid.get())) {
    out->overlaid = std::move(overlaid);
    out->file.context = out->overlaid.get();
  }
}

// The other Dockerfiles of the document's directory (its twins: Dockerfile,
// Dockerfile.dev, ...), as open buffers or else from disk.
std::vector<std::string> twin_paths(const std::string& path) {
  std::vector<std::string> out;
  std::error_code ec;
  std::filesystem::directory_iterator it(parent_dir(path), ec), end;
  for (size_t seen = 0; !ec && it != end && seen < 1000; it.increment(ec), ++seen) {
    std::string name = it->path().filename().string();
    std::string p = it->path().string();
    if (p != path && document_kind(name, "") == DocumentKind::Dockerfile && it->is_regular_file(ec))
      out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool read_small_file(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (ss.str().size() > kMaxTwinBytes) return false;
  *text = ss.str();
  return true;
}

// `context_dir`, when given, receives the build context's directory on disk
// ("" when the lint had none).
std::vector<Finding> lint_dockerfile_in_context(const LintRequest& req, Workspace& ws,
                                                std::string* context_dir) {
  if (req.path.empty() || !ws.contexts)
    return lint_dockerfile_text(req.display, req.text, ws.options);
  std::string root = root_of(ws, req.path);
  if (root.empty()) root = parent_dir(req.path);  // a file outside every folder: its own directory

  std::vector<Placed> placed(1);
  placed[0].file.path = req.display;
  placed[0].text = std::string(req.text);
  place(root, req.path, ws, &placed[0]);
  if (context_dir) *context_dir = placed[0].context_dir;
  // Project rules compare a Dockerfile with the others of its directory
  // and with every open one.
  std::vector<std::string> peers = twin_paths(req.path);
  for (const auto& [path, text] : ws.open_dockerfiles)
    if (path != req.path && std::find(peers.begin(), peers.end(), path) == peers.end())
      peers.push_back(path);
  for (const std::string& path : peers) {
    Placed peer;
    auto open = ws.open_dockerfiles.find(path);
    if (open != ws.open_dockerfiles.end())
      peer.text = open->second;
    else if (!read_small_file(path, &peer.text))
      continue;
    std::string peer_root = root_of(ws, path);
    if (peer_root.empty()) peer_root = root;
    if (!is_under(path, peer_root)) continue;
    peer.file.path = path.substr(peer_root.size() + (peer_root == "/" ? 0 : 1));
    place(peer_root, path, ws, &peer);
    placed.push_back(std::move(peer));
  }
  std::vector<DockerfileInput> inputs;
  inputs.reserve(placed.size());
  for (const Placed& p : placed) inputs.push_back(DockerfileInput{p.file, p.text});
  std::vector<std::vector<Finding>> results = lint_dockerfiles(inputs, ws.options);
  return results.empty() ? std::vector<Finding>{} : std::move(results[0]);
}

std::vector<Finding> lint_dockerfile_document(const LintRequest& req, Workspace& ws) {
  return lint_dockerfile_in_context(req, ws, nullptr);
}

bool exists_as_file(const Workspace& ws, const std::string& path) {
  if (ws.open_buffers.count(path)) return true;
  if (!ws.contexts) return false;  // no disk
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

// The files Compose would merge into the document's project, base first:
// the first default name of its directory with its `.override` companion.
// Any other compose file (docker-compose.prod.yml, a default name Compose
// skips because another comes first) is a project of its own, as the CLI
// groups them (cli/compose_projects.h).
std::vector<std::string> compose_group(const Workspace& ws, const std::string& path) {
  std::string dir = parent_dir(path);
  for (const std::string& name : compose::default_compose_names()) {
    std::string base = dir + (dir == "/" ? "" : "/") + name;
    if (!exists_as_file(ws, base)) continue;
    std::string over = dir + (dir == "/" ? "" : "/") + compose::override_name(name);
    std::vector<std::string> group = {base};
    if (exists_as_file(ws, over)) group.push_back(over);
    if (std::find(group.begin(), group.end(), path) != group.end()) return group;
    break;  // Compose reads only the first name it finds
  }
  return {path};
}

// A file's name in findings: below its workspace folder, as a Dockerfile's.
std::string display_of(const Workspace& ws, const std::string& path) {
  std::string root = root_of(ws, path);
  if (root.empty()) return path;
  return path.substr(root.size() + (root == "/" ? 0 : 1));
}

std::vector<Finding> lint_compose_document(const LintRequest& req, Workspace& ws) {
  bool disk = ws.contexts != nullptr && !req.path.empty();
  std::vector<compose::FileRef> refs;
  if (!disk) {
    refs.push_back(compose::FileRef{req.path.empty() ? req.display : req.path, req.display});
  } else {
    for (const std::string& p : compose_group(ws, req.path)) {
      std::string display = p == req.path ? req.display : display_of(ws, p);
      refs.push_back(compose::FileRef{p, display});
    }
  }
  compose::LoadOptions load;
  load.read_dotenv = disk;
  if (disk)
    for (char** e = environ; e && *e; ++e) {
      std::string_view kv = *e;
      size_t eq = kv.find('=');
      if (eq != std::string_view::npos)
        load.environment[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
    }
  std::string self = refs[0].path;
  load.read_file = [&](const std::string& path, std::string* text, std::string* error) {
    // The document itself and its open siblings count as the editor has them.
    if (path == req.path || (!disk && path == self)) {
      *text = std::string(req.text);
      return true;
    }
    if (auto it = ws.open_buffers.find(path); it != ws.open_buffers.end()) {
      *text = it->second;
      return true;
    }
    if (!disk || !read_small_file(path, text)) {
      *error = "cannot read '" + path + "'";
      return false;
    }
    return true;
  };
  compose::Project project = compose::load_project(refs, load);
  ServiceBuilds builds;
  if (disk) builds = cli::read_service_builds(project);
  // The document's own options (rule options, policy): the findings kept
  // are its own.
  std::vector<Finding> all = lint_compose_project(project, ws.options, disk ? &builds : nullptr);
  // Only this document's findings: a sibling's go to that file when it is
  // open (its own lint finds them too) and are not shown here.
  std::vector<Finding> mine;
  for (Finding& f : all)
    if (f.file == req.display) mine.push_back(std::move(f));
  apply_file_options(ws.options, mine);
  const compose::SourceFile* file = project.file(req.display);
  std::string_view text = file ? std::string_view(file->text) : req.text;
  apply_suppressions(req.display, text, FileKind::Compose, nullptr, ws.options, mine);
  sort_findings(mine);
  return mine;
}

// DD401 of the open Dockerfiles built from the context this .dockerignore
// governs, repeated at its top: the file to edit is the one open. The
// Dockerfile keeps its finding; this copy names it.
std::vector<Finding> dd401_of_context(const LintRequest& req, Workspace& ws) {
  std::vector<Finding> out;
  // A NAME.dockerignore belongs to one Dockerfile, not to a context.
  if (req.path.empty() || !ws.contexts || !req.path.ends_with("/.dockerignore")) return out;
  std::string dir = parent_dir(req.path);
  for (const auto& [path, text] : ws.open_dockerfiles) {
    std::string context_dir;
    LintRequest df{DocumentKind::Dockerfile, path, display_of(ws, path), text};
    std::vector<Finding> findings = lint_dockerfile_in_context(df, ws, &context_dir);
    // The Dockerfile's own NAME.dockerignore overrides the context's.
    std::error_code ec;
    if (context_dir != dir || ws.open_buffers.count(path + ".dockerignore") ||
        std::filesystem::exists(path + ".dockerignore", ec))
      continue;
    for (Finding& f : findings) {
      if (f.rule_id != "DD401") continue;
      f.message = df.display + ": " + f.message;
      f.file = req.display;
      f.span = Span{};
      f.fix.reset();
      out.push_back(std::move(f));
    }
  }
  return out;
}

// A .dockerignore on its own: the patterns Docker refuses (a build with
// this file fails), what DD401 finds in its context, then its suppression
// comments.
std::vector<Finding> lint_dockerignore_document(const LintRequest& req, Workspace& ws) {
  ignore::IgnoreFile parsed = ignore::parse_ignore_file(req.text);
  ignore::compile_ignore_file(parsed);
  std::vector<Finding> findings;
  if (const RuleInfo* rule = find_rule("DD000"))
    for (const ignore::IgnoreError& e : parsed.errors) {
      Finding f;
      f.rule_id = std::string(rule->id);
      f.rule_name = std::string(rule->name);
      f.severity = rule->severity;
      f.message = e.message + " (Docker fails the build on it)";
      f.file = req.display;
      f.span = e.span;
      findings.push_back(std::move(f));
    }
  for (Finding& f : dd401_of_context(req, ws)) findings.push_back(std::move(f));
  apply_file_options(ws.options, findings);
  apply_suppressions(req.display, req.text, FileKind::Dockerignore, nullptr, ws.options, findings);
  sort_findings(findings);
  return findings;
}

struct KindLinter {
  DocumentKind kind;
  DocumentLinter lint;
};

constexpr KindLinter kLinters[] = {
    {DocumentKind::Dockerfile, lint_dockerfile_document},
    {DocumentKind::Compose, lint_compose_document},
    {DocumentKind::DockerIgnore, lint_dockerignore_document},
};

}  // namespace

DocumentLinter linter_for(DocumentKind kind) {
  for (const KindLinter& k : kLinters)
    if (k.kind == kind) return k.lint;
  return nullptr;
}

void apply_file_options(const LintOptions& options, std::vector<Finding>& findings) {
  std::erase_if(findings, [&](const Finding& f) {
    for (const std::string& d : options.disabled_rules)
      if (const RuleInfo* r = find_rule(d); r && r->id == f.rule_id) return true;
    return false;
  });
  for (Finding& f : findings)
    if (auto it = options.severities.find(f.rule_id); it != options.severities.end())
      f.severity = it->second;
}

std::string root_of(const Workspace& ws, const std::string& path) {
  std::string best;
  for (const std::string& root : ws.roots)
    if ((is_under(path, root)) && root.size() > best.size()) best = root;
  return best;
}

}  // namespace dd::lsp
