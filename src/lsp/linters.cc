// The dispatch table from document kind to linter, and the Dockerfile
// linter with its build context taken from disk plus the open buffers.
#include "lsp/linters.h"

#include <algorithm>

#include "dockerfile/ast.h"
#include "project/build_context.h"

namespace dd::lsp {

namespace {

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

std::vector<Finding> lint_dockerfile_document(const LintRequest& req, Workspace& ws) {
  if (req.path.empty() || !ws.contexts)
    return lint_dockerfile_text(req.display, req.text, ws.options);
  std::string root = root_of(ws, req.path);
  if (root.empty()) root = parent_dir(req.path);  // a file outside every folder: its own directory
  std::string rel = root == "/" ? req.path.substr(1) : req.path.substr(root.size() + 1);
  std::string rel_dir = parent_dir(rel);
  if (rel_dir == "/") rel_dir.clear();

  std::string context_rel =
      infer_context_dir(root, rel_dir, context_sources(parse_dockerfile(req.text)));
  std::string context_dir =
      context_rel.empty() ? root : root + (root == "/" ? "" : "/") + context_rel;
  BuildContextInfo* context = ws.contexts->at(context_dir, context_rel.empty() ? "." : context_rel);
  for (std::string& note : ws.contexts->take_notes()) ws.notes.push_back(std::move(note));

  FileInfo file;
  file.path = req.display;
  file.context = context;
  BuildContextInfo overlaid;
  if (context && overlay_open_buffers(ws, context_dir, *context, &overlaid)) file.context = &overlaid;
  return lint_dockerfile_text(file, req.text, ws.options);
}

struct KindLinter {
  DocumentKind kind;
  DocumentLinter lint;
};

// Compose (src/compose) and .dockerignore (src/ignore) join this table.
constexpr KindLinter kLinters[] = {
    {DocumentKind::Dockerfile, lint_dockerfile_document},
};

}  // namespace

DocumentLinter linter_for(DocumentKind kind) {
  for (const KindLinter& k : kLinters)
    if (k.kind == kind) return k.lint;
  return nullptr;
}

std::string root_of(const Workspace& ws, const std::string& path) {
  std::string best;
  for (const std::string& root : ws.roots)
    if ((is_under(path, root)) && root.size() > best.size()) best = root;
  return best;
}

}  // namespace dd::lsp
