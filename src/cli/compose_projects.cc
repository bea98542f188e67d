// Compose projects in a lint run: grouping files as Compose does, loading
// them through the compose layer and running the compose checks.
#include "cli/compose_projects.h"

#include <algorithm>
#include <map>
#include <optional>

#include "cli/compose_builds.h"
#include "compose/loader.h"
#include "lint/compose_run.h"

extern char** environ;

namespace dd::cli {

namespace {

std::string dir_part(const std::string& display) {
  size_t slash = display.rfind('/');
  return slash == std::string::npos ? "" : display.substr(0, slash);
}

std::string base_part(const std::string& display) {
  return display.substr(display.rfind('/') + 1);
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

}  // namespace

std::vector<std::vector<size_t>> group_compose_inputs(const std::vector<Input>& inputs) {
  std::map<std::string, std::vector<size_t>> by_dir;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].compose && inputs[i].path != "-")  // standard input stands alone
      by_dir[dir_part(inputs[i].display)].push_back(i);
  std::vector<std::vector<size_t>> groups;
  std::vector<bool> used(inputs.size(), false);
  for (const auto& entry : by_dir) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::vector<size_t>& members = entry.second;
    auto find = [&](const std::string& name) -> std::optional<size_t> {
      for (size_t i : members)
        if (base_part(inputs[i].display) == name) return i;
      return std::nullopt;
    };
    for (const std::string& name : compose::default_compose_names()) {
      std::optional<size_t> base = find(name);
      if (!base) continue;
      std::vector<size_t> group = {*base};
      used[*base] = true;
      if (std::optional<size_t> over = find(compose::override_name(name))) {
        group.push_back(*over);
        used[*over] = true;
      }
      groups.push_back(group);
      break;  // Compose reads only the first name it finds
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].compose && !used[i]) groups.push_back({i});
  auto first = [](const std::vector<size_t>& g) { return *std::min_element(g.begin(), g.end()); };
  std::sort(groups.begin(), groups.end(),
            [&](const auto& a, const auto& b) { return first(a) < first(b); });
  return groups;
}

std::vector<ComposeFileFindings> lint_compose_group(const std::vector<Input>& inputs,
                                                    const std::vector<size_t>& group,
                                                    std::vector<std::string>* errors) {
  // The named files are read like every input (FIFOs refused, size capped);
  // files they name (extends, include, .env) through the loader's reader.
  std::map<std::string, std::string> texts;
  std::vector<compose::FileRef> refs;
  for (size_t i : group) {
    std::string text, error;
    if (!read_input(inputs[i], &text, &error)) {
      errors->push_back(error);
      continue;
    }
    texts[inputs[i].path] = std::move(text);
    refs.push_back(compose::FileRef{inputs[i].path, inputs[i].display});
  }
  std::vector<ComposeFileFindings> out;
  if (refs.empty()) return out;
  compose::LoadOptions options;
  for (const auto& [k, v] : process_environment()) options.environment[k] = v;
  options.read_file = [&texts](const std::string& path, std::string* text, std::string* error) {
    auto it = texts.find(path);
    if (it != texts.end()) {
      *text = it->second;
      return true;
    }
    Input other{path, path, true};  // walked: refuse anything but a regular file
    return read_input(other, text, error);
  };
  compose::Project project = compose::load_project(refs, options);
  ServiceBuilds builds = read_service_builds(project);
  std::vector<Finding> findings = lint_compose_project(project, {}, &builds);
  for (const compose::SourceFile& f : project.files) {
    ComposeFileFindings file{f.display, f.text, {}};
    for (const Finding& x : findings)
      if (x.file == f.display) file.findings.push_back(x);
    bool named = false;
    for (const compose::FileRef& r : refs) named = named || r.display == f.display;
    if (named || !file.findings.empty()) out.push_back(std::move(file));
  }
  return out;
}

}  // namespace dd::cli
