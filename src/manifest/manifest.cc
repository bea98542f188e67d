// Manifest kinds, path cleaning and the requirement-string reader the
// Python parsers share; see manifest.h.
#include "manifest/manifest.h"

#include <algorithm>
#include <vector>

#include "manifest/internal.h"

namespace dd::manifest {

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::Pyproject:
      return "pyproject.toml";
    case Kind::PackageJson:
      return "package.json";
    case Kind::PnpmWorkspace:
      return "pnpm-workspace.yaml";
    case Kind::Requirements:
      return "requirements.txt";
    case Kind::Pipfile:
      return "Pipfile";
    case Kind::GoMod:
      return "go.mod";
    case Kind::Cargo:
      return "Cargo.toml";
  }
  return "";
}

std::optional<Kind> kind_of(std::string_view name) {
  if (name == "pyproject.toml") return Kind::Pyproject;
  if (name == "package.json") return Kind::PackageJson;
  if (name == "pnpm-workspace.yaml" || name == "pnpm-workspace.yml") return Kind::PnpmWorkspace;
  if (name == "Pipfile") return Kind::Pipfile;
  if (name == "go.mod") return Kind::GoMod;
  if (name == "Cargo.toml") return Kind::Cargo;
  // requirements.txt, requirements-dev.txt, requirements_prod.txt, requirements.in
  if (name.starts_with("requirements") && (name.ends_with(".txt") || name.ends_with(".in")))
    return Kind::Requirements;
  return std::nullopt;
}

std::optional<Kind> kind_of_path(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (std::optional<Kind> k = kind_of(base)) return k;
  if (slash == std::string_view::npos || !(base.ends_with(".txt") || base.ends_with(".in")))
    return std::nullopt;
  std::string_view dir = path.substr(0, slash);
  size_t up = dir.rfind('/');
  std::string_view parent = up == std::string_view::npos ? dir : dir.substr(up + 1);
  if (parent == "requirements") return Kind::Requirements;
  return std::nullopt;
}

std::string_view dep_form_name(DepForm form) {
  switch (form) {
    case DepForm::Path:
      return "path";
    case DepForm::Editable:
      return "editable";
    case DepForm::File:
      return "file";
    case DepForm::Link:
      return "link";
    case DepForm::Workspace:
      return "workspace";
    case DepForm::Replace:
      return "replace";
  }
  return "";
}

std::string clean_relative(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(i, slash - i);
    i = slash + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == ".." && !out.empty() && out.back() != "..") {
      out.pop_back();
      continue;
    }
    out.push_back(seg);
  }
  std::string s;
  for (std::string_view seg : out) {
    if (!s.empty()) s += '/';
    s += seg;
  }
  return s;
}

Manifest parse(Kind kind, std::string_view text) {
  switch (kind) {
    case Kind::Pyproject:
      return parse_pyproject(text);
    case Kind::PackageJson:
      return parse_package_json(text);
    case Kind::PnpmWorkspace:
      return parse_pnpm_workspace(text);
    case Kind::Requirements:
      return parse_requirements(text);
    case Kind::Pipfile:
      return parse_pipfile(text);
    case Kind::GoMod:
      return parse_go_mod(text);
    case Kind::Cargo:
      return parse_cargo(text);
  }
  return {};
}

namespace detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

namespace {

// The directory a `file:` URL or a path names, relative to the project root
// when it starts with a project variable. nullopt for remote URLs.
std::optional<std::pair<std::string, bool>> url_path(std::string_view url) {
  bool had_scheme = false;
  if (url.starts_with("file://")) {
    url.remove_prefix(7);
    had_scheme = true;
  } else if (url.starts_with("file:")) {
    url.remove_prefix(5);
    had_scheme = true;
  }
  if (!had_scheme && url.find("://") != std::string_view::npos)
    return std::nullopt;  // git+https://, https://
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  // pdm's ${PROJECT_ROOT}, hatch's {root:uri}, PEP 610-ish ${PWD}: the project's directory.
  for (std::string_view var :
       {"/${PROJECT_ROOT}", "${PROJECT_ROOT}", "{root:uri}", "{root}", "/{root:uri}"}) {
    if (url.starts_with(var)) {
      url.remove_prefix(var.size());
      return std::make_pair(clean_relative(url), false);
    }
  }
  if (url.empty()) return std::nullopt;
  if (url.front() == '/') return std::make_pair(std::string(url), true);
  if (url.front() == '$' || url.front() == '{') return std::nullopt;  // another variable: unknown
  if (!had_scheme &&
      !(url.starts_with("./") || url.starts_with("../") || url == "." || url == ".."))
    return std::nullopt;  // a bare word is a package name, not a path
  return std::make_pair(clean_relative(url), false);
}

std::string egg_name(std::string_view url) {
  size_t egg = url.find("#egg=");
  if (egg == std::string_view::npos) return "";
  std::string_view n = url.substr(egg + 5);
  size_t amp = n.find_first_of("&[ ");
  return std::string(n.substr(0, amp));
}

}  // namespace

std::optional<LocalDep> local_requirement(std::string_view spec) {
  std::string_view s = trim(spec);
  LocalDep dep;
  dep.written = std::string(s);
  for (std::string_view flag : {"-e ", "-e\t", "--editable ", "--editable="}) {
    if (s.starts_with(flag)) {
      s = trim(s.substr(flag.size()));
      dep.editable = true;
      break;
    }
  }
  // Environment markers end the requirement.
  if (size_t semi = s.find(';'); semi != std::string_view::npos) s = trim(s.substr(0, semi));
  std::string_view url = s;
  if (size_t at = s.find(" @ "); at != std::string_view::npos) {
    dep.name = std::string(trim(s.substr(0, at)));
    url = trim(s.substr(at + 3));
  } else if (size_t at2 = s.find('@');
             at2 != std::string_view::npos && s.substr(at2 + 1).starts_with("file:")) {
    dep.name = std::string(trim(s.substr(0, at2)));  // "name@file:..."
    url = trim(s.substr(at2 + 1));
  }
  // Extras in the name ("pkg[cli]").
  if (size_t br = dep.name.find('['); br != std::string::npos) dep.name.resize(br);
  std::optional<std::pair<std::string, bool>> p = url_path(url);
  if (!p) return std::nullopt;
  if (dep.name.empty()) dep.name = egg_name(url);
  dep.path = p->first;
  dep.absolute = p->second;
  dep.form =
      dep.editable ? DepForm::Editable : (url.starts_with("file:") ? DepForm::File : DepForm::Path);
  return dep;
}

size_t nesting_depth(std::string_view text, size_t limit) {
  size_t depth = 0, deepest = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote || c == '\n')
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '#') {  // a TOML/YAML comment (JSON has '#' only inside strings)
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

bool refuse(std::string_view text, Manifest& out) {
  if (text.size() > kMaxManifestBytes) {
    out.diagnostics.push_back({Position{}, "the file is larger than " +
                                               std::to_string(kMaxManifestBytes) +
                                               " bytes; it is not read"});
    return true;
  }
  if (nesting_depth(text, kMaxNesting) > kMaxNesting) {
    out.diagnostics.push_back({Position{}, "brackets nest deeper than " +
                                               std::to_string(kMaxNesting) +
                                               " levels; the file is not read"});
    return true;
  }
  return false;
}

}  // namespace detail

}  // namespace dd::manifest
