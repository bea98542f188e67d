// Reading image builds out of build scripts (build_scripts.h).
#include "project/build_scripts.h"

#include <set>

#include "shell/shell.h"

namespace dd {

namespace {

// Options of `docker build` (and buildx, podman, buildah) that take a value
// as the next word. An unknown long option is taken to be a switch: a wrong
// guess then shows as an extra positional word, and the build is skipped.
bool takes_value(std::string_view flag) {
  static const std::set<std::string_view> kValued = {"-t",
                                                     "--tag",
                                                     "-f",
                                                     "--file",
                                                     "--target",
                                                     "--build-arg",
                                                     "--label",
                                                     "--platform",
                                                     "--cache-from",
                                                     "--cache-to",
                                                     "--secret",
                                                     "--ssh",
                                                     "--network",
                                                     "--progress",
                                                     "-o",
                                                     "--output",
                                                     "--iidfile",
                                                     "--build-context",
                                                     "--add-host",
                                                     "--shm-size",
                                                     "--ulimit",
                                                     "--metadata-file",
                                                     "--builder",
                                                     "--annotation",
                                                     "--attest",
                                                     "--cgroup-parent",
                                                     "-m",
                                                     "--memory",
                                                     "--memory-swap",
                                                     "--cpu-shares",
                                                     "--cpuset-cpus",
                                                     "--cpu-period",
                                                     "--cpu-quota",
                                                     "--isolation",
                                                     "--security-opt",
                                                     "--allow",
                                                     "--sbom",
                                                     "--provenance",
                                                     "--layers",
                                                     "--format",
                                                     "--authfile",
                                                     "--creds",
                                                     "--env",
                                                     "--volume",
                                                     "-v",
                                                     "--jobs",
                                                     "--os",
                                                     "--arch",
                                                     "--variant",
                                                     "--userns",
                                                     "--ipc",
                                                     "--pid",
                                                     "--uts",
                                                     "--runtime",
                                                     "--decryption-key"};
  return kValued.count(flag) > 0;
}

// The index of the first word after `docker build`, `docker buildx build`,
// `docker image build`, `podman build`, `buildah bud|build` starting at
// words[i]; 0 when words[i] does not start one.
size_t build_start(const std::vector<const ShellWord*>& w, size_t i) {
  auto is = [&](size_t k, std::string_view s) { return k < w.size() && w[k]->is(s); };
  std::string_view prog = w[i]->dynamic ? "" : std::string_view(w[i]->value);
  size_t slash = prog.rfind('/');
  if (slash != std::string_view::npos) prog = prog.substr(slash + 1);
  if (prog == "docker") {
    if (is(i + 1, "build")) return i + 2;
    if ((is(i + 1, "buildx") || is(i + 1, "image")) && is(i + 2, "build")) return i + 3;
  } else if (prog == "podman") {
    if (is(i + 1, "build")) return i + 2;
    if (is(i + 1, "image") && is(i + 2, "build")) return i + 3;
  } else if (prog == "buildah") {
    if (is(i + 1, "bud") || is(i + 1, "build")) return i + 2;
  }
  return 0;
}

// One build's words after the subcommand; false when something the linter
// cannot know (a variable) or cannot follow (stdin, two contexts) is in them.
bool read_build(const std::vector<const ShellWord*>& w, size_t begin, ScriptBuild* out) {
  std::vector<std::string> positional;
  for (size_t k = begin; k < w.size(); ++k) {
    const ShellWord& word = *w[k];
    std::string_view v = word.value;
    if (!v.empty() && v[0] == '-' && v != "-") {
      std::string_view flag = v, value;
      bool attached = false;
      if (size_t eq = v.find('='); v.size() > 2 && v[1] == '-' && eq != std::string_view::npos) {
        flag = v.substr(0, eq);
        value = v.substr(eq + 1);
        attached = true;
      }
      if (!attached && takes_value(flag)) {
        if (++k >= w.size()) return false;
        value = w[k]->value;
        if (w[k]->dynamic && (flag == "-t" || flag == "--tag" || flag == "-f" || flag == "--file" ||
                              flag == "--target"))
          continue;  // an unknown tag is no name to link; the build may still be known
      } else if (word.dynamic) {
        continue;
      }
      if (flag == "-t" || flag == "--tag") out->tags.emplace_back(value);
      if (flag == "-f" || flag == "--file") out->dockerfile = value;
      if (flag == "--target") out->target = value;
      continue;
    }
    if (word.dynamic) return false;
    positional.emplace_back(v);
  }
  if (positional.size() != 1) return false;
  const std::string& context = positional.front();
  if (context == "-" || context.find("://") != std::string::npos || context.rfind("git@", 0) == 0)
    return false;
  out->context = context;
  return !out->tags.empty() && out->dockerfile != "-";
}

// Blanks what is not shell so that offsets, and so lines, stay as written.
std::string shell_text(std::string_view text, ScriptKind kind) {
  std::string out(text);
  if (kind != ScriptKind::Makefile) return out;
  for (size_t i = 0; i < out.size();) {
    if (out[i] == '\t')
      for (size_t k = i + 1; k < out.size() && (out[k] == '@' || out[k] == '-' || out[k] == '+');
           ++k)
        out[k] = ' ';
    size_t nl = out.find('\n', i);
    if (nl == std::string::npos) break;
    i = nl + 1;
  }
  return out;
}

}  // namespace

std::vector<ScriptBuild> find_script_builds(std::string_view text, ScriptKind kind) {
  std::vector<ScriptBuild> out;
  if (text.find("build") == std::string_view::npos && text.find("bud") == std::string_view::npos)
    return out;
  std::string script = shell_text(text, kind);
  ShellRun run = analyze_script(script, Position{});
  for (const Command& c : run.commands) {
    // The build is the command itself, or follows a YAML key or list dash
    // (`- run: docker build ...` parses as the command `-`); never an
    // argument of another command (`echo docker build`).
    std::vector<const ShellWord*> words = {&c.name};
    for (const ShellWord& a : c.args) words.push_back(&a);
    auto yaml_prefix = [&](size_t k) {
      const std::string& v = words[k]->value;
      return !words[k]->dynamic && (v == "-" || (v.size() > 1 && v.back() == ':'));
    };
    size_t first = 0;
    while (kind == ScriptKind::Yaml && first < 2 && first < words.size() && yaml_prefix(first))
      ++first;
    for (size_t i = first; i <= first && i < words.size(); ++i) {
      size_t begin = build_start(words, i);
      if (!begin) continue;
      ScriptBuild b;
      b.line = words[i]->span.start.line;
      if (read_build(words, begin, &b)) out.push_back(std::move(b));
      break;
    }
  }
  return out;
}

}  // namespace dd
