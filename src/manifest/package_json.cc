// package.json, read with nlohmann_json: workspaces and the dependencies
// that name a local directory or a workspace member; see manifest.h.
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "manifest/internal.h"
#include "manifest/manifest.h"
#include "core/text_index.h"

namespace dd::manifest {

namespace {

using json = nlohmann::json;

// nlohmann keeps no positions: find the value's text after its key, inside
// the section, as a reader would. The search only locates what the library
// already parsed; a miss leaves the span at the section (or the file start).
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text), index_(text) {}

  // The offset just after `"key"` followed by a colon, from `from`.
  size_t after_key(std::string_view key, size_t from) const {
    std::string quoted = json(std::string(key)).dump();
    for (size_t at = text_.find(quoted, from); at != std::string_view::npos;
         at = text_.find(quoted, at + 1)) {
      size_t i = at + quoted.size();
      while (i < text_.size() &&
             (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\r' || text_[i] == '\n'))
        ++i;
      if (i < text_.size() && text_[i] == ':') return i + 1;
    }
    return std::string_view::npos;
  }

  // The span of the JSON string `value` at or after `from`.
  Span string_span(const std::string& value, size_t from) const {
    std::string quoted = json(value).dump();
    size_t at = from == std::string_view::npos ? std::string_view::npos : text_.find(quoted, from);
    if (at == std::string_view::npos) at = text_.find(quoted);
    if (at == std::string_view::npos) return index_.span(0, 0);
    return index_.span(at, at + quoted.size());
  }

  Position at(size_t offset) const { return index_.at_offset(offset); }

 private:
  std::string_view text_;
  TextIndex index_;
};

// The local directory or workspace reference a dependency's version string names.
std::optional<LocalDep> local_version(const std::string& name, const std::string& v) {
  LocalDep dep;
  dep.name = name;
  dep.written = v;
  std::string_view s = v;
  if (s.starts_with("workspace:")) {
    std::string_view rest = s.substr(10);
    // `workspace:../x` (pnpm) names a directory; `workspace:*`, `^`, a
    // version or an alias names a member by package name.
    if (rest.starts_with("./") || rest.starts_with("../")) {
      dep.path = clean_relative(rest);
      dep.form = DepForm::Link;
    } else {
      dep.form = DepForm::Workspace;
    }
    return dep;
  }
  auto path_form = [&](std::string_view p, DepForm form) -> std::optional<LocalDep> {
    if (p.empty()) return std::nullopt;
    dep.absolute = p.front() == '/';
    if (p.front() == '~') return std::nullopt;  // a home directory: not the repository
    dep.path = dep.absolute ? std::string(p) : clean_relative(p);
    dep.form = form;
    return dep;
  };
  if (s.starts_with("file:")) return path_form(s.substr(5), DepForm::File);
  if (s.starts_with("link:")) return path_form(s.substr(5), DepForm::Link);
  if (s.starts_with("portal:")) return path_form(s.substr(7), DepForm::Link);  // yarn
  if (s.starts_with("./") || s.starts_with("../")) return path_form(s, DepForm::File);
  return std::nullopt;
}

}  // namespace

Manifest parse_package_json(std::string_view text) {
  Manifest out;
  out.kind = Kind::PackageJson;
  if (detail::refuse(text, out)) return out;
  Locator loc(text);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // `byte` is 1-based and points just past the offending character.
    size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    if (size_t colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    out.diagnostics.push_back({loc.at(at), what});
    return out;
  } catch (const std::exception& e) {
    out.diagnostics.push_back({Position{}, std::string("cannot read the file: ") + e.what()});
    return out;
  }
  if (!doc.is_object()) {
    out.diagnostics.push_back({loc.at(0), "the file is not a JSON object"});
    return out;
  }
  if (auto it = doc.find("name"); it != doc.end() && it->is_string())
    out.name = it->get<std::string>();

  // "workspaces": ["packages/*"] or {"packages": [...], "nohoist": [...]}.
  if (auto ws = doc.find("workspaces"); ws != doc.end()) {
    size_t from = loc.after_key("workspaces", 0);
    const json* list = &*ws;
    if (ws->is_object()) {
      auto p = ws->find("packages");
      list = p != ws->end() ? &*p : nullptr;
    }
    if (list && list->is_array()) {
      out.workspace_root = true;
      for (const json& m : *list) {
        if (!m.is_string()) continue;
        std::string p = m.get<std::string>();
        bool negated = !p.empty() && p.front() == '!';
        out.members.push_back(
            {clean_relative(negated ? p.substr(1) : p), negated, loc.string_span(p, from)});
      }
    }
  }

  for (std::string_view section : {"dependencies", "devDependencies", "optionalDependencies"}) {
    auto it = doc.find(std::string(section));
    if (it == doc.end() || !it->is_object()) continue;
    size_t from = loc.after_key(section, 0);
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) continue;
      std::optional<LocalDep> dep = local_version(name, value.get<std::string>());
      if (!dep) continue;
      dep->section = std::string(section);
      dep->dev = section == "devDependencies";
      size_t key = from == std::string_view::npos ? from : loc.after_key(name, from);
      dep->span = loc.string_span(dep->written, key == std::string_view::npos ? from : key);
      out.deps.push_back(std::move(*dep));
    }
  }
  return out;
}

}  // namespace dd::manifest
