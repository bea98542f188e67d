// Compose projects in a lint run: grouping files as Compose does, loading
// them through the compose layer and running the compose checks.
#include "cli/compose_projects.h"

#include <algorithm>
#include <map>
#include <optional>

#include "cli/compose_builds.h"
#include "cli/env_files.h"
#include "compose/loader.h"
#include "core/parallel.h"
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

std::vector<std::vector<size_t>> group_compose_inputs(
    const std::vector<Input>& inputs, const std::vector<std::vector<size_t>>& declared) {
  std::vector<std::vector<size_t>> groups;
  std::vector<bool> used(inputs.size(), false);
  // Declared projects first: like `docker compose -f a -f b`, they read
  // exactly the files listed (no automatic override file).
  for (const std::vector<size_t>& d : declared) {
    if (d.empty()) continue;
    groups.push_back(d);
    for (size_t i : d) used[i] = true;
  }
  std::map<std::string, std::vector<size_t>> by_dir;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].compose && inputs[i].path != "-" && !used[i])  // standard input stands alone
      by_dir[dir_part(inputs[i].display)].push_back(i);
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

std::vector<std::vector<size_t>> declared_compose_groups(const config::Config& config,
                                                         const std::vector<Input>& inputs,
                                                         std::vector<std::string>* notes) {
  std::vector<std::vector<size_t>> out;
  if (config.compose_projects.empty()) return out;
  std::map<std::string, size_t> by_rel;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].compose && inputs[i].path != "-")
      by_rel.emplace(config::config_relative(config, inputs[i].path), i);
  for (const config::ComposeProjectDecl& p : config.compose_projects) {
    std::vector<size_t> group;
    std::vector<std::string> missing;
    for (const std::string& f : p.files) {
      auto it = by_rel.find(f);
      if (it != by_rel.end() && std::find(group.begin(), group.end(), it->second) == group.end())
        group.push_back(it->second);
      else if (it == by_rel.end())
        missing.push_back(f);
    }
    if (group.empty()) continue;
    for (const std::string& f : missing)
      notes->push_back(config.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                       ": the compose project's file '" + f +
                       "' is not among the linted files; the project is linted without it");
    out.push_back(std::move(group));
  }
  return out;
}

namespace {

// Loads the project made of `group`; the files named are also listed in
// *refs (empty when none could be read).
compose::Project load_group(const std::vector<Input>& inputs, const std::vector<size_t>& group,
                            std::vector<compose::FileRef>* refs, std::vector<std::string>* errors) {
  // The named files are read like every input (FIFOs refused, size capped);
  // files they name (extends, include, .env) through the loader's reader.
  std::map<std::string, std::string> texts;
  for (size_t i : group) {
    std::string text, error;
    if (!read_input(inputs[i], &text, &error)) {
      errors->push_back(error);
      continue;
    }
    texts[inputs[i].path] = std::move(text);
    refs->push_back(compose::FileRef{inputs[i].path, inputs[i].display});
  }
  if (refs->empty()) return {};
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
  // env_file entries are read inside the tree the user named (standard input
  // and named pipes have none).
  std::string root = inputs[group.front()].root;
  if (!root.empty())
    options.read_env_file = [root](const std::string& path) { return read_env_file_within(root, path); };
  return compose::load_project(*refs, options);
}

}  // namespace

std::vector<ComposeFileFindings> lint_compose_group(const std::vector<Input>& inputs,
                                                    const std::vector<size_t>& group,
                                                    std::vector<std::string>* errors,
                                                    const LintOptions& lint_options,
                                                    LoadedCompose* preloaded) {
  LoadedCompose loaded;
  if (preloaded)
    loaded = std::move(*preloaded);
  else
    loaded.project = load_group(inputs, group, &loaded.refs, &loaded.errors);
  errors->insert(errors->end(), loaded.errors.begin(), loaded.errors.end());
  const std::vector<compose::FileRef>& refs = loaded.refs;
  const compose::Project& project = loaded.project;
  std::vector<ComposeFileFindings> out;
  if (refs.empty()) return out;
  ServiceBuilds builds = read_service_builds(project);
  std::vector<Finding> findings = lint_compose_project(project, lint_options, &builds);
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

std::vector<ComposeServiceBuild> compose_service_builds(const std::vector<Input>& inputs,
                                                        ComposeLoads* loads, unsigned jobs) {
  // Projects load independently, on the pool; their services are read in
  // group order, so the result does not depend on `jobs`.
  std::vector<std::vector<size_t>> groups = group_compose_inputs(inputs);
  std::vector<LoadedCompose> loaded(groups.size());
  parallel_for(groups.size(), jobs, [&](size_t g) {
    loaded[g].project = load_group(inputs, groups[g], &loaded[g].refs, &loaded[g].errors);
  });
  std::vector<ComposeServiceBuild> out;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (loaded[g].refs.empty()) continue;
    const compose::Project& project = loaded[g].project;
    ServiceBuilds builds = read_service_builds(project);
    for (const compose::Service& s : project.services) {
      auto facts = builds.find(s.name.value);
      if (!s.build || facts == builds.end()) continue;
      ComposeServiceBuild b;
      b.compose_file = s.name.loc.file;
      b.service = s.name.value;
      b.line = s.name.loc.span.start.line;
      if (s.image && !s.image->value.empty()) {
        b.image = s.image->value;
        b.image_line = s.image->loc.span.start.line;
      }
      if (s.build->target) b.target = s.build->target->value;
      for (const compose::KeyValue& kv : s.build->additional_contexts)
        if (kv.value) b.additional_contexts.emplace_back(kv.key.value, kv.value->value);
      b.facts = std::move(facts->second);
      out.push_back(std::move(b));
    }
  }
  if (loads)
    for (size_t g = 0; g < groups.size(); ++g) (*loads)[groups[g]] = std::move(loaded[g]);
  return out;
}

}  // namespace dd::cli
