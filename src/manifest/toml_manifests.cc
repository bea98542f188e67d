// The TOML manifests, read with toml++: pyproject.toml (PEP 621, poetry,
// pdm, uv), Pipfile and Cargo.toml; see manifest.h.
#include <toml++/toml.h>

#include <exception>
#include <string>

#include "manifest/internal.h"
#include "manifest/manifest.h"
#include "core/text_index.h"

namespace dd::manifest {

namespace {

using detail::local_requirement;

class TomlReader {
 public:
  explicit TomlReader(std::string_view text, Manifest& out) : index_(text), out_(out) {}

  // Parses the text; false (with a diagnostic) when it is not TOML.
  bool parse(std::string_view text) {
    try {
      table_ = toml::parse(text);
      return true;
    } catch (const toml::parse_error& e) {
      const toml::source_position& b = e.source().begin;
      out_.diagnostics.push_back(
          {index_.at_codepoint(static_cast<int>(b.line), static_cast<int>(b.column)),
           std::string(e.description())});
    } catch (const std::exception& e) {
      out_.diagnostics.push_back({Position{}, std::string("cannot read the file: ") + e.what()});
    }
    return false;
  }

  const toml::table& root() const { return table_; }

  Span span_of(const toml::node& n) const {
    const toml::source_region& r = n.source();
    Span s;
    s.start = index_.at_codepoint(static_cast<int>(r.begin.line), static_cast<int>(r.begin.column));
    s.end = index_.at_codepoint(static_cast<int>(r.end.line), static_cast<int>(r.end.column));
    if (s.end.offset < s.start.offset) s.end = s.start;
    return s;
  }

  // A requirement string (PEP 621 / pdm / dependency-groups array entry).
  void requirement(const toml::node& n, const std::string& section, bool dev) {
    const std::string* s = n.as_string() ? &n.as_string()->get() : nullptr;
    if (!s) return;
    std::optional<LocalDep> dep = local_requirement(*s);
    if (!dep) return;
    dep->section = section;
    dep->dev = dev;
    dep->span = span_of(n);
    out_.deps.push_back(std::move(*dep));
  }

  void requirement_array(const toml::node* n, const std::string& section, bool dev) {
    if (!n || !n->as_array()) return;
    for (const toml::node& e : *n->as_array()) requirement(e, section, dev);
  }

  // A table of arrays of requirement strings: optional-dependencies,
  // pdm's dev-dependencies, PEP 735 dependency-groups.
  void requirement_groups(const toml::node* n, const std::string& section, bool dev) {
    if (!n || !n->as_table()) return;
    for (const auto& [group, list] : *n->as_table())
      requirement_array(&list, section + "." + std::string(group.str()), dev);
  }

  // `name = {path = "../x", develop = true}` (poetry, Pipfile, Cargo, uv
  // sources); an array of such tables is poetry's multiple constraints.
  void dependency_table(const toml::node* n, const std::string& section, bool dev) {
    if (!n || !n->as_table()) return;
    for (const auto& [key, value] : *n->as_table()) {
      std::string name(key.str());
      if (const toml::array* alts = value.as_array()) {
        for (const toml::node& alt : *alts) dependency_entry(name, alt, section, dev);
      } else {
        dependency_entry(name, value, section, dev);
      }
    }
  }

  void dependency_entry(const std::string& name, const toml::node& value,
                        const std::string& section, bool dev) {
    const toml::table* t = value.as_table();
    if (!t) return;
    LocalDep dep;
    dep.name = name;
    dep.section = section;
    dep.dev = dev;
    if (const toml::node* path = t->get("path"); path && path->as_string()) {
      dep.written = path->as_string()->get();
      dep.absolute = !dep.written.empty() && dep.written.front() == '/';
      dep.path = dep.absolute ? dep.written : clean_relative(dep.written);
      bool editable = t->get_as<bool>("develop") ? t->get_as<bool>("develop")->get() : false;
      if (t->get_as<bool>("editable")) editable = editable || t->get_as<bool>("editable")->get();
      dep.editable = editable;
      dep.form = editable ? DepForm::Editable : DepForm::Path;
      dep.span = span_of(*path);
      out_.deps.push_back(std::move(dep));
      return;
    }
    // uv `{workspace = true}`, Cargo `name.workspace = true`: a workspace member.
    if (const toml::value<bool>* ws = t->get_as<bool>("workspace"); ws && ws->get()) {
      dep.written = "workspace = true";
      dep.form = DepForm::Workspace;
      dep.span = span_of(*ws);
      out_.deps.push_back(std::move(dep));
    }
  }

  void members(const toml::node* n, bool exclude) {
    if (!n || !n->as_array()) return;
    for (const toml::node& e : *n->as_array()) {
      if (!e.as_string()) continue;
      std::string p = e.as_string()->get();
      bool negated = !p.empty() && p.front() == '!';
      out_.members.push_back(
          {clean_relative(negated ? p.substr(1) : p), exclude || negated, span_of(e)});
    }
  }

 private:
  TextIndex index_;
  Manifest& out_;
  toml::table table_;
};

const toml::node* at(const toml::table& t, std::initializer_list<std::string_view> keys) {
  const toml::node* n = &t;
  for (std::string_view k : keys) {
    if (!n->as_table()) return nullptr;
    n = n->as_table()->get(k);
    if (!n) return nullptr;
  }
  return n;
}

std::string string_at(const toml::table& t, std::initializer_list<std::string_view> keys) {
  const toml::node* n = at(t, keys);
  return n && n->as_string() ? n->as_string()->get() : std::string();
}

}  // namespace

Manifest parse_pyproject(std::string_view text) {
  Manifest out;
  out.kind = Kind::Pyproject;
  if (detail::refuse(text, out)) return out;
  TomlReader r(text, out);
  if (!r.parse(text)) return out;
  const toml::table& t = r.root();
  out.name = string_at(t, {"project", "name"});
  if (out.name.empty()) out.name = string_at(t, {"tool", "poetry", "name"});

  r.requirement_array(at(t, {"project", "dependencies"}), "project.dependencies", false);
  r.requirement_groups(at(t, {"project", "optional-dependencies"}), "project.optional-dependencies",
                       true);
  r.requirement_groups(at(t, {"dependency-groups"}), "dependency-groups", true);
  // pdm: dev-dependencies groups of requirement strings.
  r.requirement_groups(at(t, {"tool", "pdm", "dev-dependencies"}), "tool.pdm.dev-dependencies",
                       true);
  // poetry: tables of name = constraint, main, legacy dev and groups.
  r.dependency_table(at(t, {"tool", "poetry", "dependencies"}), "tool.poetry.dependencies", false);
  r.dependency_table(at(t, {"tool", "poetry", "dev-dependencies"}), "tool.poetry.dev-dependencies",
                     true);
  if (const toml::node* groups = at(t, {"tool", "poetry", "group"}); groups && groups->as_table())
    for (const auto& [g, body] : *groups->as_table())
      if (body.as_table())
        r.dependency_table(body.as_table()->get("dependencies"),
                           "tool.poetry.group." + std::string(g.str()) + ".dependencies",
                           g.str() != "main");
  // uv: sources say where a dependency comes from, the workspace which
  // directories are members.
  r.dependency_table(at(t, {"tool", "uv", "sources"}), "tool.uv.sources", false);
  r.requirement_array(at(t, {"tool", "uv", "dev-dependencies"}), "tool.uv.dev-dependencies", true);
  if (const toml::node* ws = at(t, {"tool", "uv", "workspace"}); ws && ws->as_table()) {
    out.workspace_root = true;
    r.members(ws->as_table()->get("members"), false);
    r.members(ws->as_table()->get("exclude"), true);
  }
  return out;
}

Manifest parse_pipfile(std::string_view text) {
  Manifest out;
  out.kind = Kind::Pipfile;
  if (detail::refuse(text, out)) return out;
  TomlReader r(text, out);
  if (!r.parse(text)) return out;
  r.dependency_table(at(r.root(), {"packages"}), "packages", false);
  r.dependency_table(at(r.root(), {"dev-packages"}), "dev-packages", true);
  return out;
}

Manifest parse_cargo(std::string_view text) {
  Manifest out;
  out.kind = Kind::Cargo;
  if (detail::refuse(text, out)) return out;
  TomlReader r(text, out);
  if (!r.parse(text)) return out;
  const toml::table& t = r.root();
  out.name = string_at(t, {"package", "name"});
  for (std::string_view s : {"dependencies", "dev-dependencies", "build-dependencies"})
    r.dependency_table(at(t, {s}), std::string(s), s != "dependencies");
  if (const toml::node* targets = at(t, {"target"}); targets && targets->as_table())
    for (const auto& [cfg, body] : *targets->as_table())
      if (body.as_table())
        for (std::string_view s : {"dependencies", "dev-dependencies", "build-dependencies"})
          r.dependency_table(body.as_table()->get(s),
                             "target." + std::string(cfg.str()) + "." + std::string(s),
                             s != "dependencies");
  if (const toml::node* ws = at(t, {"workspace"}); ws && ws->as_table()) {
    out.workspace_root = true;
    r.members(ws->as_table()->get("members"), false);
    r.members(ws->as_table()->get("exclude"), true);
    r.dependency_table(ws->as_table()->get("dependencies"), "workspace.dependencies", false);
  }
  return out;
}

}  // namespace dd::manifest
