// pnpm-workspace.yaml, read with yaml-cpp: the `packages` globs; see manifest.h.
#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>

#include "manifest/internal.h"
#include "manifest/manifest.h"
#include "core/text_index.h"

namespace dd::manifest {

Manifest parse_pnpm_workspace(std::string_view text) {
  Manifest out;
  out.kind = Kind::PnpmWorkspace;
  out.workspace_root = true;  // the file exists only at a workspace's root
  if (detail::refuse(text, out)) return out;
  TextIndex index(text);
  auto pos = [&](const YAML::Mark& m) { return index.at_codepoint(m.line + 1, m.column + 1); };
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root || root.IsNull()) return out;
    if (!root.IsMap()) {
      out.diagnostics.push_back({pos(root.Mark()), "the file is not a mapping"});
      return out;
    }
    YAML::Node packages = root["packages"];
    if (!packages) return out;
    if (!packages.IsSequence()) {
      out.diagnostics.push_back({pos(packages.Mark()), "`packages` is not a list"});
      return out;
    }
    for (const YAML::Node& p : packages) {
      if (!p.IsScalar()) {
        out.diagnostics.push_back({pos(p.Mark()), "a `packages` entry is not a string"});
        continue;
      }
      std::string s = p.Scalar();
      bool negated = !s.empty() && s.front() == '!';
      Position start = pos(p.Mark());
      // The mark is where the scalar starts (its quote, if any).
      size_t len = s.size();
      size_t at = start.offset;
      if (at < text.size() && (text[at] == '"' || text[at] == '\'')) len += 2;
      out.members.push_back(
          {clean_relative(negated ? s.substr(1) : s), negated, index.span(at, at + len)});
    }
  } catch (const YAML::Exception& e) {
    out.diagnostics.push_back({pos(e.mark), e.msg});
  } catch (const std::exception& e) {
    out.diagnostics.push_back({Position{}, std::string("cannot read the file: ") + e.what()});
  }
  return out;
}

}  // namespace dd::manifest
