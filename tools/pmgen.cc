// dd-pmgen: compiles the package-manager knowledge into a table.
//
//   dd-pmgen <out.cc> src/knowledge/package_managers_data.cc
//
// The YAML document in src/knowledge/package_managers_data.cc stays the one
// place to edit the knowledge; parsing it with yaml-cpp at every start was
// most of a one-file run. This tool loads it with the same validating loader
// the tests use, fails the build with the loader's `line N: ...` errors, and
// writes a .cc whose dd::knowledge::generated_package_managers() builds the
// same vector from plain initialisers.
//
// Each writer below unpacks its struct with a structured binding, which
// must name every field: a field added to a struct in package_managers.h
// stops this tool compiling until the writer emits it too.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "../src/knowledge/package_managers.h"

namespace {

using namespace dd;

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);  // always three digits: no run-on escapes
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quote(v[i]);
  return out + "}";
}

// The switches have no default, so -Wswitch names an enumerator added to
// package_managers.h and not here.
const char* name(PmEffect e) {
  switch (e) {
    case PmEffect::Frozen:
      return "PmEffect::Frozen";
    case PmEffect::Unfrozen:
      return "PmEffect::Unfrozen";
    case PmEffect::Resolve:
      return "PmEffect::Resolve";
    case PmEffect::NoLockfile:
      return "PmEffect::NoLockfile";
    case PmEffect::FrozenIfPinned:
      return "PmEffect::FrozenIfPinned";
    case PmEffect::Verify:
      return "PmEffect::Verify";
    case PmEffect::Dev:
      return "PmEffect::Dev";
    case PmEffect::Prod:
      return "PmEffect::Prod";
    case PmEffect::NoCache:
      return "PmEffect::NoCache";
    case PmEffect::NoProject:
      return "PmEffect::NoProject";
    case PmEffect::Project:
      return "PmEffect::Project";
    case PmEffect::Offline:
      return "PmEffect::Offline";
  }
  return "?";  // not an enumerator: the generated file fails to compile
}

const char* name(PmSubcommandKind k) {
  switch (k) {
    case PmSubcommandKind::Resolve:
      return "PmSubcommandKind::Resolve";
    case PmSubcommandKind::Install:
      return "PmSubcommandKind::Install";
    case PmSubcommandKind::Verify:
      return "PmSubcommandKind::Verify";
    case PmSubcommandKind::Refresh:
      return "PmSubcommandKind::Refresh";
    case PmSubcommandKind::Run:
      return "PmSubcommandKind::Run";
    case PmSubcommandKind::Other:
      return "PmSubcommandKind::Other";
    case PmSubcommandKind::Remove:
      return "PmSubcommandKind::Remove";
    case PmSubcommandKind::CleanCache:
      return "PmSubcommandKind::CleanCache";
  }
  return "?";
}

const char* name(PmInstallDefault d) {
  switch (d) {
    case PmInstallDefault::Frozen:
      return "PmInstallDefault::Frozen";
    case PmInstallDefault::Unfrozen:
      return "PmInstallDefault::Unfrozen";
    case PmInstallDefault::FrozenIfLockfile:
      return "PmInstallDefault::FrozenIfLockfile";
  }
  return "?";
}

const char* name(PmPackagesRule p) {
  switch (p) {
    case PmPackagesRule::None:
      return "PmPackagesRule::None";
    case PmPackagesRule::Resolve:
      return "PmPackagesRule::Resolve";
    case PmPackagesRule::Unfrozen:
      return "PmPackagesRule::Unfrozen";
  }
  return "?";
}

const char* name(PmSource s) {
  switch (s) {
    case PmSource::Manifests:
      return "PmSource::Manifests";
    case PmSource::Project:
      return "PmSource::Project";
    case PmSource::Root:
      return "PmSource::Root";
  }
  return "?";
}

const char* name(WrapperKind w) {
  switch (w) {
#define DD_WRAPPER(k)  \
  case WrapperKind::k: \
    return "WrapperKind::" #k;
    DD_WRAPPER(Sudo)
    DD_WRAPPER(Env)
    DD_WRAPPER(Nice) DD_WRAPPER(Nohup) DD_WRAPPER(Time) DD_WRAPPER(Timeout) DD_WRAPPER(Xargs)
        DD_WRAPPER(Exec) DD_WRAPPER(Command) DD_WRAPPER(Builtin) DD_WRAPPER(Busybox)
            DD_WRAPPER(Python) DD_WRAPPER(Uv) DD_WRAPPER(Pipx) DD_WRAPPER(Npx) DD_WRAPPER(Corepack)
                DD_WRAPPER(Shell)
#undef DD_WRAPPER
  }
  return "?";
}

const char* boolean(bool b) {
  return b ? "true" : "false";
}

// Designated initialisers; fields left at their default are left out so the
// output reads like the YAML. Flags, variables and settings take one line
// each (an empty indent), like their `{flag: ..., effect: ...}` in the YAML.
class Fields {
 public:
  explicit Fields(std::string indent, bool one_line = false)
      : indent_(std::move(indent)), one_line_(one_line) {}
  void add(const char* field, const std::string& value) {
    if (one_line_)
      out_ += std::string(out_.empty() ? "" : ", ") + "." + field + " = " + value;
    else
      out_ += indent_ + "  ." + field + " = " + value + ",\n";
  }
  void text(const char* field, const std::string& v) {
    if (!v.empty()) add(field, quote(v));
  }
  void list(const char* field, const std::vector<std::string>& v) {
    if (!v.empty()) add(field, strings(v));
  }
  void flag(const char* field, bool b) {
    if (b) add(field, boolean(b));
  }
  std::string str() const { return one_line_ ? "{" + out_ + "}" : "{\n" + out_ + indent_ + "}"; }

 private:
  std::string indent_, out_;
  bool one_line_;
};

template <typename T, typename F>
std::string list_of(const std::vector<T>& v, const std::string& indent, F write) {
  std::string out = "{\n";
  for (const T& e : v) out += indent + "  " + write(e, indent + "  ") + ",\n";
  return out + indent + "}";
}

std::string flag(const PmFlag& f, const std::string& indent) {
  const auto& [flag, value, effect, takes_value, deprecated, note] = f;
  Fields o(indent, true);
  o.text("flag", flag);
  if (value) o.add("value", quote(*value));
  o.add("effect", name(effect));
  o.flag("takes_value", takes_value);
  o.flag("deprecated", deprecated);
  o.text("note", note);
  return o.str();
}

std::string env(const PmEnv& e, const std::string& indent) {
  const auto& [var, values, contains, effect, ignore_case, note] = e;
  Fields o(indent, true);
  o.text("name", var);
  o.list("values", values);
  o.text("contains", contains);
  o.add("effect", name(effect));
  o.flag("ignore_case", ignore_case);
  o.text("note", note);
  return o.str();
}

std::string config(const PmConfig& c, const std::string& indent) {
  const auto& [file, key, value, effect, note] = c;
  Fields o(indent, true);
  o.text("file", file);
  o.text("key", key);
  o.text("value", value);
  o.add("effect", name(effect));
  o.text("note", note);
  return o.str();
}

std::string subcommand(const PmSubcommand& s, const std::string& indent) {
  const auto& [names, kind, install_default, packages, dev_default, source, flags, envs, note] = s;
  Fields o(indent);
  o.list("names", names);
  o.add("kind", name(kind));
  o.add("install_default", name(install_default));
  o.add("packages", name(packages));
  o.flag("dev_default", dev_default);
  o.add("source", name(source));
  if (!flags.empty()) o.add("flags", list_of(flags, indent + "  ", flag));
  if (!envs.empty()) o.add("env", list_of(envs, indent + "  ", env));
  o.text("note", note);
  return o.str();
}

std::string project(const PmProject& p, const std::string& indent) {
  const auto& [markers, max_depth, workspace, env, lockfile_flags, lockfile_env] = p;
  Fields o(indent);
  o.list("markers", markers);
  if (max_depth) o.add("max_depth", std::to_string(max_depth));
  o.flag("workspace", workspace);
  o.list("env", env);
  o.list("lockfile_flags", lockfile_flags);
  o.list("lockfile_env", lockfile_env);
  return "PmProject" + o.str();
}

std::string manager(const PackageManager& pm) {
  const auto& [id, display, ecosystem, executables, wrapper, implied, default_subcommand, manifests,
               lockfiles, cache_dirs, cache_env, cache_sharing, value_flags, project_dir_flags,
               pins, flags, envs, configs, subcommands, proj, global_flags, config_set] = pm;
  Fields o("  ");
  o.text("id", id);
  o.text("name", display);
  o.text("ecosystem", ecosystem);
  o.list("executables", executables);
  if (wrapper) o.add("wrapper", name(*wrapper));
  if (!implied.empty()) {
    std::string pairs = "{";
    for (size_t i = 0; i < implied.size(); ++i)
      pairs += std::string(i ? ", " : "") + "{" + quote(implied[i].first) + ", " +
               quote(implied[i].second) + "}";
    o.add("implied", pairs + "}");
  }
  o.text("default_subcommand", default_subcommand);
  o.list("manifests", manifests);
  o.list("lockfiles", lockfiles);
  o.list("cache_dirs", cache_dirs);
  o.list("cache_env", cache_env);
  o.text("cache_sharing", cache_sharing);
  o.list("value_flags", value_flags);
  o.list("project_dir_flags", project_dir_flags);
  o.list("pins", pins);
  if (!flags.empty()) o.add("flags", list_of(flags, "    ", flag));
  if (!envs.empty()) o.add("env", list_of(envs, "    ", env));
  if (!configs.empty()) o.add("config", list_of(configs, "    ", config));
  if (!subcommands.empty()) o.add("subcommands", list_of(subcommands, "    ", subcommand));
  if (proj) o.add("project", project(*proj, "    "));
  o.list("global_flags", global_flags);
  o.text("config_set", config_set);
  return o.str();
}

// The loader's errors count lines from the start of the document; the
// document starts on the `R"yaml(` line of the data file, so they become
// `file:line:` messages an editor can jump to.
std::string located(const std::string& error, const char* data_path) {
  std::ifstream in(data_path);
  std::string line;
  int first = 0;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find("R\"yaml(") != std::string::npos) {
      first = n;
      break;
    }
  int yaml_line = 0;
  if (!first || std::sscanf(error.c_str(), "line %d: ", &yaml_line) != 1)
    return std::string(data_path) + ": " + error;
  std::string rest = error.substr(error.find(": ") + 2);
  return std::string(data_path) + ":" + std::to_string(first + yaml_line - 1) + ": " + rest;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: dd-pmgen <out.cc> <src/knowledge/package_managers_data.cc>\n";
    return 2;
  }
  PmLoadResult data = load_package_managers(knowledge::kPackageManagersYaml);
  for (const std::string& e : data.errors) std::cerr << located(e, argv[2]) << "\n";
  if (!data.errors.empty()) return 1;

  std::ostringstream out;
  out << "// Generated by dd-pmgen from src/knowledge/package_managers_data.cc. Do not edit.\n"
         "#include \"knowledge/package_managers.h\"\n\n"
         "namespace dd::knowledge {\nnamespace {\n";
  // One function a manager keeps each one small for the compiler.
  for (size_t i = 0; i < data.managers.size(); ++i)
    out << "\n// " << data.managers[i].id << "\nPackageManager manager" << i
        << "() {\n  return PackageManager" << manager(data.managers[i]) << ";\n}\n";
  out << "\n}  // namespace\n\nstd::vector<PackageManager> generated_package_managers() {\n"
         "  std::vector<PackageManager> out;\n  out.reserve("
      << data.managers.size() << ");\n";
  for (size_t i = 0; i < data.managers.size(); ++i)
    out << "  out.push_back(manager" << i << "());\n";
  out << "  return out;\n}\n\n}  // namespace dd::knowledge\n";

  std::ofstream file(argv[1]);
  file << out.str();
  if (!file) {
    std::cerr << "dd-pmgen: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
