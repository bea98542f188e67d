// The line-based manifests: requirements*.txt (pip) and go.mod; see manifest.h.
#include <algorithm>
#include <string>
#include <vector>

#include "core/text_index.h"
#include "manifest/internal.h"
#include "manifest/manifest.h"

namespace dd::manifest {

namespace {

using detail::trim;

// One logical line: physical lines joined at a trailing backslash, with the
// offset of its first character.
struct Logical {
  std::string text;
  size_t offset = 0;     // of the first physical line
  size_t first_len = 0;  // bytes of the first physical line (without the backslash)
};

std::vector<Logical> logical_lines(std::string_view text) {
  std::vector<Logical> out;
  Logical cur;
  bool open = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool cont = !line.empty() && line.back() == '\\';
    if (cont) line.remove_suffix(1);
    if (!open) {
      cur.offset = pos;
      cur.first_len = line.size();
    }
    cur.text += line;
    open = cont;
    if (!open) {
      out.push_back(std::move(cur));
      cur = Logical{};  // a moved-from value is reset before the next line uses it
    }
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  if (open) out.push_back(std::move(cur));
  return out;
}

// pip's comment rule: '#' at the start or after whitespace.
std::string_view strip_comment(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return s.substr(0, i);
  return s;
}

}  // namespace

Manifest parse_requirements(std::string_view text) {
  Manifest out;
  out.kind = Kind::Requirements;
  if (text.size() > kMaxManifestBytes) {
    detail::refuse(text, out);
    return out;
  }
  TextIndex index(text);
  for (const Logical& l : logical_lines(text)) {
    std::string_view s = trim(strip_comment(l.text));
    if (s.empty()) continue;
    size_t lead = l.text.find_first_not_of(" \t");
    size_t start = l.offset + (lead == std::string::npos ? 0 : lead);
    auto span_to = [&](size_t len) {
      return index.span(start, start + std::min(len, l.first_len - (start - l.offset)));
    };
    // Included files: -r/--requirement, -c/--constraint.
    for (std::string_view opt : {"-r", "--requirement", "-c", "--constraint"}) {
      if (!s.starts_with(opt)) continue;
      std::string_view rest = s.substr(opt.size());
      if (!rest.empty() && rest.front() != ' ' && rest.front() != '=' && rest.front() != '\t' &&
          opt.size() > 2)
        continue;
      if (!rest.empty() && (rest.front() == '=' || rest.front() == ' ' || rest.front() == '\t'))
        rest.remove_prefix(1);
      rest = trim(rest);
      if (!rest.empty()) out.includes.push_back(clean_relative(rest));
      s = {};
      break;
    }
    if (s.empty()) continue;
    bool editable = s.starts_with("-e") || s.starts_with("--editable");
    if (!editable && s.front() == '-') continue;  // --index-url, --hash on its own, ...
    // The requirement ends where per-requirement options begin (--hash=...).
    std::string_view req = s;
    if (size_t opt = req.find(" --"); opt != std::string_view::npos) req = trim(req.substr(0, opt));
    if (size_t opt = req.find("\t--"); opt != std::string_view::npos)
      req = trim(req.substr(0, opt));
    std::optional<LocalDep> dep = detail::local_requirement(req);
    if (!dep) continue;
    dep->section = "requirements";
    dep->from_cwd = true;
    dep->span = span_to(req.size());
    out.deps.push_back(std::move(*dep));
  }
  return out;
}

Manifest parse_go_mod(std::string_view text) {
  Manifest out;
  out.kind = Kind::GoMod;
  if (text.size() > kMaxManifestBytes) {
    detail::refuse(text, out);
    return out;
  }
  TextIndex index(text);
  bool in_replace = false;
  for (int n = 1; n <= index.lines(); ++n) {
    size_t begin = index.line_start(n);
    size_t end = n < index.lines() ? index.line_start(n + 1) : text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (size_t c = line.find("//"); c != std::string_view::npos) line = line.substr(0, c);
    std::string_view s = trim(line);
    if (s.ends_with("\n")) s.remove_suffix(1);
    s = trim(s);
    if (s.empty()) continue;
    if (s.starts_with("module ") || s.starts_with("module\t")) {
      out.name = std::string(trim(s.substr(7)));
      continue;
    }
    std::string_view body;
    if (in_replace) {
      if (s == ")") {
        in_replace = false;
        continue;
      }
      body = s;
    } else if (s.starts_with("replace")) {
      std::string_view rest = trim(s.substr(7));
      if (rest == "(") {
        in_replace = true;
        continue;
      }
      body = rest;
    } else {
      continue;
    }
    size_t arrow = body.find("=>");
    if (arrow == std::string_view::npos) {
      out.diagnostics.push_back({index.at_offset(static_cast<size_t>(body.data() - text.data())),
                                 "a replace without `=>`"});
      continue;
    }
    std::string_view target = trim(body.substr(arrow + 2));
    // `=> ../x` is a directory; `=> example.com/x v1.2.3` is another module.
    if (!(target.starts_with("./") || target.starts_with("../") || target.starts_with("/")))
      continue;
    if (size_t sp = target.find_first_of(" \t"); sp != std::string_view::npos)
      target = target.substr(0, sp);
    LocalDep dep;
    std::string_view module = trim(body.substr(0, arrow));
    if (size_t sp = module.find_first_of(" \t"); sp != std::string_view::npos)
      module = module.substr(0, sp);
    dep.name = std::string(module);
    dep.written = std::string(target);
    dep.absolute = target.front() == '/';
    dep.path = dep.absolute ? dep.written : clean_relative(target);
    dep.form = DepForm::Replace;
    dep.section = "replace";
    size_t at = static_cast<size_t>(target.data() - text.data());
    dep.span = index.span(at, at + target.size());
    out.deps.push_back(std::move(dep));
  }
  return out;
}

}  // namespace dd::manifest
