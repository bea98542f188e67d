// Loading a compose project as compose-go does: each file is parsed,
// interpolated (variables from the caller's environment over the project's
// `.env`), validated, has its `include`s imported and its `extends` resolved,
// and is then merged over the files before it. Every value keeps the
// location of the file that set it, so nothing here rewrites paths.
#include "compose/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compose/env_file.h"
#include "compose/interpolate.h"
#include "compose/merge.h"
#include "compose/normalize.h"
#include "compose/ports_volumes.h"
#include "compose/schema.h"
#include "core/text_index.h"

namespace dd::compose {

namespace {

constexpr int kMaxIncludeDepth = 8;

bool read_from_disk(const std::string& path, std::string* text, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    *error = path + ": not a regular file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read it";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  return true;
}

std::string dir_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Joins and folds "." and ".." ("a/b" + "../c" -> "a/c"); absolute `rel`
// stays as is.
std::string join(const std::string& dir, const std::string& rel) {
  if (!rel.empty() && rel[0] == '/') return rel;
  std::string whole = dir.empty() ? rel : dir + "/" + rel;
  bool absolute = !whole.empty() && whole[0] == '/';
  std::vector<std::string> parts;
  size_t b = 0;
  while (b <= whole.size()) {
    size_t e = whole.find('/', b);
    if (e == std::string::npos) e = whole.size();
    std::string part = whole.substr(b, e - b);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!absolute)
        parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    b = e + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

struct FileCtx {
  std::string path;
  std::string display;
  const Environment* env;
};

class Loader {
 public:
  Loader(const LoadOptions& options, Project* project) : opts_(options), project_(project) {
    if (!opts_.read_file) opts_.read_file = read_from_disk;
  }

  void load(const std::vector<FileRef>& files) {
    if (files.empty()) return;
    Environment env = project_env(dir_of(files[0].path), files[0].display);
    project_->dir = display_dir(files[0].display);
    Node merged;
    bool first = true;
    for (const FileRef& f : files) {
      FileCtx ctx{f.path, f.display, &env};
      std::optional<Node> root = load_file(ctx, 0);
      for (SourceFile& sf : project_->files)
        if (sf.path == f.path) sf.named = true;
      if (!root) continue;
      if (first) {
        strip_merge_tags(*root);
        merged = std::move(*root);
        first = false;
      } else {
        merged = merge_nodes(merged, *root, "");
      }
    }
    project_->root = std::move(merged);
    normalize(project_);
    if (opts_.read_env_file) read_env_files();
  }

  // Reads each env file once, relative to the directory of the compose file
  // that names it, and gives every service that names it the variables.
  void read_env_files() {
    std::map<std::string, EnvFile> cache;  // by path on disk
    for (Service& s : project_->services)
      for (EnvFile& ef : s.env_files) {
        const SourceFile* named_in = project_->file(ef.path.loc.file);
        if (!named_in || ef.path.value.empty()) continue;
        std::string dir = dir_of(named_in->path);
        std::string path = join(dir.empty() ? "." : dir, ef.path.value);
        std::string display = join(display_dir(named_in->display), ef.path.value);
        auto it = cache.find(path);
        if (it == cache.end()) it = cache.emplace(path, read_env_file(path, display)).first;
        Scalar written = ef.path;
        bool required = ef.required;
        ef = it->second;
        ef.path = written;
        ef.required = required;
      }
  }

  EnvFile read_env_file(const std::string& path, const std::string& display) {
    EnvFile f;
    f.display = display;
    EnvFileRead r = opts_.read_env_file(path);
    f.state = r.state;
    f.problem = r.problem;
    f.git_ignored = r.git_ignored;
    if (r.state != EnvFile::State::Read) return f;
    std::vector<int> bad;
    std::vector<EnvAssignment> lines = parse_env_assignments(r.text, &bad);
    TextIndex index(r.text);
    for (const EnvAssignment& a : lines) {
      EnvFileVar v;
      v.key = Scalar{a.key, a.key, Location{display, index.span(a.key_begin, a.key_end)}};
      if (a.has_value)
        v.value = Scalar{a.value, a.raw, Location{display, index.span(a.value_begin, a.value_end)}};
      f.vars.push_back(std::move(v));
    }
    // Findings point into the env file: the reporters need its text.
    if (!project_->file(display)) project_->files.push_back(SourceFile{path, display, r.text});
    return f;
  }

 private:
  void diag(Diagnostic::Kind kind, const Location& at, std::string message) {
    project_->diagnostics.push_back(Diagnostic{kind, at, std::move(message)});
  }

  // The variables of a project in `dir`: its `.env` under the caller's
  // environment (which wins).
  Environment project_env(const std::string& dir, const std::string& display_of_first) {
    Environment env;
    for (const auto& [k, v] : opts_.environment) env[k] = v;
    if (!opts_.read_dotenv) return env;
    std::string path = join(dir.empty() ? "." : dir, ".env");
    std::string text, error;
    std::error_code ec;
    if (!opts_.read_file(path, &text, &error)) return env;  // no .env: nothing to add
    std::vector<int> bad;
    Environment dot = parse_dotenv(text, env, &bad);
    std::string display = join(display_dir(display_of_first), ".env");
    if (!bad.empty()) {
      TextIndex index(text);
      for (int line : bad) {
        size_t offset = 0;
        for (int l = 1; l < line && offset < text.size(); ++l) offset = text.find('\n', offset) + 1;
        Location at{display,
                    index.span(offset, offset + std::string_view(line_text(text, line)).size())};
        diag(Diagnostic::Kind::LoadError, at, "cannot read this line of .env (expected KEY=VALUE)");
      }
      if (!project_->file(display)) project_->files.push_back(SourceFile{path, display, text});
    }
    for (auto& [k, v] : dot)
      if (!env.count(k)) env[k] = v;
    return env;
  }

  // Reads, parses, interpolates, validates one file, then imports its
  // includes and resolves its extends. nullopt when it cannot be read.
  std::optional<Node> load_file(const FileCtx& ctx, int include_depth,
                                const Node* named_at = nullptr) {
    std::optional<Node> root = parse_file(ctx, named_at);
    if (!root) return std::nullopt;
    if (opts_.validate_schema) validate_schema(*root, &project_->diagnostics);
    if (include_depth < kMaxIncludeDepth) {
      bool outermost = including_.insert(join("", ctx.path)).second;
      import_includes(*root, ctx, include_depth);
      if (outermost) including_.erase(join("", ctx.path));
    }
    resolve_all_extends(*root, ctx);
    return root;
  }

  // Parse + interpolate, once per file path (extends may name a file again).
  // A file another one names (extends, include) is reported where it is
  // named when it cannot be read; a file named by the caller at its start.
  std::optional<Node> parse_file(const FileCtx& ctx, const Node* named_at = nullptr) {
    auto cached = parsed_.find(ctx.path);
    if (cached != parsed_.end()) return cached->second;
    std::string text, error;
    if (!opts_.read_file(ctx.path, &text, &error)) {
      if (named_at)
        diag(Diagnostic::Kind::LoadError, named_at->loc,
             "cannot load '" + named_at->value + "': " + error);
      else
        diag(Diagnostic::Kind::LoadError, Location{ctx.display, {}}, error);
      parsed_[ctx.path] = std::nullopt;
      return std::nullopt;
    }
    size_t before = project_->diagnostics.size();
    Node root = parse_yaml(text, ctx.display, opts_.limits, &project_->diagnostics);
    project_->files.push_back(SourceFile{ctx.path, ctx.display, std::move(text)});
    bool parse_failed = false;
    for (size_t i = before; i < project_->diagnostics.size(); ++i)
      parse_failed = parse_failed || project_->diagnostics[i].kind == Diagnostic::Kind::ParseError;
    if (parse_failed && root.is_null()) {
      parsed_[ctx.path] = std::nullopt;
      return std::nullopt;
    }
    interpolate_tree(root, *ctx.env);
    for (SourceFile& sf : project_->files)
      if (sf.path == ctx.path) sf.document = root;
    parsed_[ctx.path] = root;
    return root;
  }

  void interpolate_tree(Node& n, const Environment& env) {
    if (n.is_scalar() && n.raw.find('$') != std::string::npos) {
      std::vector<InterpolationIssue> issues;
      n.value = interpolate(n.raw, env, &issues);
      for (const InterpolationIssue& i : issues) {
        Diagnostic::Kind kind =
            i.kind == InterpolationIssue::Kind::Unset      ? Diagnostic::Kind::VariableUnset
            : i.kind == InterpolationIssue::Kind::Required ? Diagnostic::Kind::VariableError
                                                           : Diagnostic::Kind::ParseError;
        // n.value is now interpolated; positions are in the raw text.
        Node raw_view = n;
        raw_view.value = n.raw;
        diag(kind, sub_location(raw_view, i.index, i.length), i.message);
      }
    }
    for (Node& i : n.items) interpolate_tree(i, env);
    for (MapEntry& e : n.entries) interpolate_tree(e.value, env);
  }

  // `include:` imports another project's services and resources; a name
  // defined on both sides is an error, as in Compose.
  void import_includes(Node& root, const FileCtx& ctx, int depth) {
    Node* inc = root.get("include");
    if (!inc || !inc->is_sequence()) return;
    for (const Node& item : inc->items) {
      std::vector<const Node*> paths;
      const Node* project_dir = nullptr;
      if (item.is_scalar()) {
        paths.push_back(&item);
      } else if (item.is_mapping()) {
        const Node* p = item.get("path");
        if (p && p->is_scalar()) paths.push_back(p);
        if (p && p->is_sequence())
          for (const Node& x : p->items)
            if (x.is_scalar()) paths.push_back(&x);
        project_dir = item.get("project_directory");
      }
      if (paths.empty()) continue;
      // Paths are relative to the including file's directory.
      std::string first_path =
          join(dir_of(ctx.path).empty() ? "." : dir_of(ctx.path), paths[0]->value);
      std::string sub_dir = dir_of(first_path);
      std::string sub_display_dir = display_dir(join(display_dir(ctx.display), paths[0]->value));
      if (project_dir && project_dir->is_scalar()) {
        sub_dir = join(dir_of(ctx.path).empty() ? "." : dir_of(ctx.path), project_dir->value);
        sub_display_dir = join(display_dir(ctx.display), project_dir->value);
      }
      if (including_.count(join("", first_path))) {
        diag(Diagnostic::Kind::LoadError, paths[0]->loc,
             "include cycle: '" + paths[0]->value + "' is already being included");
        continue;
      }
      Environment env =
          project_env(sub_dir, sub_display_dir.empty() ? ".env" : sub_display_dir + "/x");
      Node sub;
      bool first = true;
      for (const Node* p : paths) {
        std::string path = join(dir_of(ctx.path).empty() ? "." : dir_of(ctx.path), p->value);
        FileCtx sub_ctx{path, join(display_dir(ctx.display), p->value), &env};
        std::optional<Node> r = load_file(sub_ctx, depth + 1, p);
        if (!r) {
          continue;
        }
        sub = first ? *r : merge_nodes(sub, *r, "");
        first = false;
      }
      if (first) continue;
      for (const char* section : {"services", "networks", "volumes", "secrets", "configs"}) {
        const Node* theirs = sub.get(section);
        if (!theirs || !theirs->is_mapping()) continue;
        Node* ours = root.get(section);
        if (!ours) {
          Node key;
          key.kind = Node::Kind::Scalar;
          key.value = key.raw = section;
          key.loc = item.loc;
          root.entries.push_back(MapEntry{std::move(key), *theirs});
          continue;
        }
        if (!ours->is_mapping()) continue;
        for (const MapEntry& e : theirs->entries) {
          if (const Location* mine = ours->key_location(e.key.value)) {
            if (std::string(section) == "services" || !ours->get(e.key.value)->is_null())
              diag(Diagnostic::Kind::LoadError, *mine,
                   std::string(section) + " '" + e.key.value +
                       "' is also defined by the included file " + e.key.loc.file +
                       "; Compose refuses the conflict");
            continue;
          }
          ours->entries.push_back(e);
        }
      }
    }
  }

  void resolve_all_extends(Node& root, const FileCtx& ctx) {
    Node* services = root.get("services");
    if (!services || !services->is_mapping()) return;
    for (MapEntry& e : services->entries) {
      if (!e.value.is_mapping() || !e.value.get("extends")) continue;
      std::set<std::string> chain;
      e.value = resolve_extends(root, ctx, e.key.value, chain);
    }
  }

  // The service `name` of `root` with its `extends` chain merged in.
  Node resolve_extends(const Node& root, const FileCtx& ctx, const std::string& name,
                       std::set<std::string>& chain) {
    const Node* services = root.get("services");
    const Node* svc = services ? services->get(name) : nullptr;
    if (!svc) return Node{};
    const Node* ext = svc->get("extends");
    if (!ext) return *svc;
    Node self = *svc;
    self.entries.erase(std::remove_if(self.entries.begin(), self.entries.end(),
                                      [](const MapEntry& m) { return m.key.value == "extends"; }),
                       self.entries.end());
    if (!chain.insert(ctx.path + "#" + name).second) {
      diag(Diagnostic::Kind::LoadError, ext->loc, "extends cycle through service '" + name + "'");
      return self;
    }
    const Node* base_name = ext->is_scalar() ? ext : ext->get("service");
    const Node* file = ext->is_mapping() ? ext->get("file") : nullptr;
    if (!base_name || !base_name->is_scalar()) return self;  // the schema reports it
    Node base;
    if (file && file->is_scalar()) {
      std::string dir = dir_of(ctx.path);
      FileCtx other{join(dir.empty() ? "." : dir, file->value),
                    join(display_dir(ctx.display), file->value), ctx.env};
      std::optional<Node> other_root = parse_file(other, file);
      if (!other_root) return self;
      const Node* other_services = other_root->get("services");
      if (!other_services || !other_services->get(base_name->value)) {
        diag(Diagnostic::Kind::LoadError, base_name->loc,
             "extends: no service '" + base_name->value + "' in " + other.display);
        return self;
      }
      base = resolve_extends(*other_root, other, base_name->value, chain);
    } else {
      if (!services->get(base_name->value)) {
        diag(Diagnostic::Kind::LoadError, base_name->loc,
             "extends: no service '" + base_name->value + "' in this file");
        return self;
      }
      base = resolve_extends(root, ctx, base_name->value, chain);
    }
    strip_merge_tags(base);
    return merge_nodes(base, self, "services.*");
  }

  LoadOptions opts_;
  Project* project_;
  std::map<std::string, std::optional<Node>> parsed_;
  std::set<std::string> including_;
};

}  // namespace

Project load_project(const std::vector<FileRef>& files, const LoadOptions& options) {
  Project project;
  try {
    Loader(options, &project).load(files);
  } catch (const std::exception& e) {
    // The loader promises not to throw; if a bug makes it, say so instead of
    // taking the lint run down.
    Location at{files.empty() ? "" : files[0].display, {}};
    project.diagnostics.push_back(Diagnostic{
        Diagnostic::Kind::LoadError, at, std::string("internal error while loading: ") + e.what()});
  }
  return project;
}

const std::vector<std::string>& default_compose_names() {
  static const std::vector<std::string> names = {"compose.yaml", "compose.yml",
                                                 "docker-compose.yaml", "docker-compose.yml"};
  return names;
}

std::string override_name(std::string_view base) {
  for (const std::string& n : default_compose_names())
    if (base == n) {
      size_t dot = n.rfind('.');
      return n.substr(0, dot) + ".override" + n.substr(dot);
    }
  return "";
}

bool is_compose_file_name(std::string_view name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.substr(name.size() - s.size()) == s;
  };
  if (!ends(".yml") && !ends(".yaml")) return false;
  return name.rfind("compose.", 0) == 0 || name.rfind("docker-compose.", 0) == 0;
}

}  // namespace dd::compose
