// The package-manager data (src/knowledge/package_managers_data.cc) loads
// without errors and covers what rules rely on; the loader rejects broken
// data with a line number instead of guessing.
#include "knowledge/package_managers.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using dd::load_package_managers;
using dd::PmEffect;
using dd::PmSubcommandKind;

TEST(KnowledgeData, BuiltinDataHasNoErrors) {
  for (const std::string& e : load_package_managers(dd::knowledge::kPackageManagersYaml).errors) ADD_FAILURE() << e;
  EXPECT_GE(dd::package_managers().size(), 20u);
}

// The table dd-pmgen compiles is exactly what the loader reads from the
// document: operator== compares every field of every struct, so a field the
// generator leaves out (or writes wrongly) fails here, manager by manager.
TEST(KnowledgeData, GeneratedTableEqualsTheDocument) {
  dd::PmLoadResult loaded = load_package_managers(dd::knowledge::kPackageManagersYaml);
  ASSERT_TRUE(loaded.errors.empty());
  const std::vector<dd::PackageManager>& generated = dd::package_managers();
  ASSERT_EQ(generated.size(), loaded.managers.size());
  for (size_t i = 0; i < generated.size(); ++i) {
    const dd::PackageManager& g = generated[i];
    const dd::PackageManager& l = loaded.managers[i];
    EXPECT_EQ(g.id, l.id);
    EXPECT_TRUE(g.flags == l.flags) << l.id << ": flags";
    EXPECT_TRUE(g.env == l.env) << l.id << ": env";
    EXPECT_TRUE(g.config == l.config) << l.id << ": config";
    ASSERT_EQ(g.subcommands.size(), l.subcommands.size()) << l.id;
    for (size_t k = 0; k < g.subcommands.size(); ++k)
      EXPECT_TRUE(g.subcommands[k] == l.subcommands[k]) << l.id << ": subcommand " << l.subcommands[k].names[0];
    EXPECT_TRUE(g.project == l.project) << l.id << ": project";
    EXPECT_TRUE(g == l) << l.id;
  }
  EXPECT_TRUE(generated == loaded.managers);
}

// Equality must see a change in any field, or the test above proves nothing.
TEST(KnowledgeData, EqualityNoticesEveryKindOfField) {
  const std::vector<dd::PackageManager>& base = dd::package_managers();
  ASSERT_FALSE(base.empty());
  const dd::PackageManager& pm = *dd::manager_by_id("npm");
  auto differs = [&](auto change) {
    dd::PackageManager copy = pm;
    change(copy);
    return !(copy == pm);
  };
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.config_set += "x"; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.global_flags.push_back("-x"); }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.implied.emplace_back("a", "b"); }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.wrapper = dd::WrapperKind::Sudo; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.project = std::nullopt; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.project->max_depth += 1; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.subcommands[0].dev_default = !m.subcommands[0].dev_default; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.subcommands[0].source = dd::PmSource::Root; }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.flags.push_back({}); }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.env.push_back({}); }));
  EXPECT_TRUE(differs([](dd::PackageManager& m) { m.config.push_back({}); }));
}

TEST(KnowledgeData, CoversTheManagersRulesNeed) {
  for (const char* id : {"pip", "uv", "uv-pip", "pdm", "poetry", "pipenv", "pip-tools", "conda", "npm", "pnpm",
                         "yarn", "bun", "apt", "apk", "dnf", "yum", "microdnf", "zypper", "gem", "bundler", "go",
                         "cargo", "composer"}) {
    const dd::PackageManager* pm = dd::manager_by_id(id);
    ASSERT_NE(pm, nullptr) << id;
    EXPECT_FALSE(pm->cache_dirs.empty()) << id << " has no cache directory";
    EXPECT_FALSE(pm->subcommands.empty()) << id;
  }
  const dd::PackageManager* conda = dd::manager_by_id("conda");
  for (const char* exe : {"conda", "mamba", "micromamba"})
    EXPECT_NE(std::find(conda->executables.begin(), conda->executables.end(), exe), conda->executables.end());
}

TEST(KnowledgeData, InvariantsRulesRelyOn) {
  std::set<std::string> executables_without_wrapper;
  for (const dd::PackageManager& pm : dd::package_managers()) {
    for (const std::string& lock : pm.lockfiles)
      EXPECT_EQ(lock.find('/'), std::string::npos) << pm.id << ": lockfiles are file names";
    for (const std::string& dir : pm.cache_paths("/root")) EXPECT_EQ(dir[0], '/') << pm.id;
    // Without a wrapper constraint an executable belongs to one manager only.
    if (!pm.wrapper) {
      for (const std::string& exe : pm.executables) {
        EXPECT_TRUE(executables_without_wrapper.insert(exe).second) << exe << " is claimed twice";
      }
    }
    for (const dd::PmSubcommand& sub : pm.subcommands) {
      for (const dd::PmFlag& f : sub.flags) {
        if (f.effect == PmEffect::FrozenIfPinned) {
          EXPECT_TRUE(f.takes_value) << pm.id << " " << f.flag;
        }
      }
    }
  }
}

TEST(KnowledgeData, CacheDirectoriesForRoot) {
  auto pip = dd::manager_by_id("pip")->cache_paths("/root");
  EXPECT_EQ(pip, (std::vector<std::string>{"/root/.cache/pip"}));
  auto home = dd::manager_by_id("pip")->cache_paths("/home/app");
  EXPECT_EQ(home.front(), "/home/app/.cache/pip");
  auto apt = dd::manager_by_id("apt")->cache_paths();
  EXPECT_EQ(apt, (std::vector<std::string>{"/var/cache/apt", "/var/lib/apt"}));
  auto pnpm = dd::manager_by_id("pnpm")->cache_paths();
  EXPECT_NE(std::find(pnpm.begin(), pnpm.end(), "/pnpm/store"), pnpm.end());
  EXPECT_NE(std::find(pnpm.begin(), pnpm.end(), "/root/.local/share/pnpm/store"), pnpm.end());
  auto go = dd::manager_by_id("go")->cache_paths();
  EXPECT_NE(std::find(go.begin(), go.end(), "/go/pkg/mod"), go.end());
  EXPECT_NE(std::find(go.begin(), go.end(), "/root/.cache/go-build"), go.end());
}

TEST(KnowledgeData, LockfilesAndManifests) {
  auto has = [](const std::vector<std::string>& v, const char* s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  EXPECT_TRUE(has(dd::manager_by_id("pdm")->lockfiles, "pdm.lock"));
  EXPECT_TRUE(has(dd::manager_by_id("uv")->lockfiles, "uv.lock"));
  EXPECT_TRUE(has(dd::manager_by_id("pnpm")->lockfiles, "pnpm-lock.yaml"));
  EXPECT_TRUE(has(dd::manager_by_id("npm")->lockfiles, "package-lock.json"));
  EXPECT_TRUE(has(dd::manager_by_id("poetry")->manifests, "pyproject.toml"));
  EXPECT_TRUE(has(dd::manager_by_id("go")->lockfiles, "go.sum"));
  const dd::PackageManager* npm = dd::manager_by_id("npm");
  ASSERT_FALSE(npm->config.empty());
  EXPECT_EQ(npm->config[0].file, ".npmrc");
  EXPECT_EQ(npm->config[0].effect, PmEffect::NoLockfile);
}

// Broken data: one error each, with its line.
struct BadCase {
  const char* yaml;
  const char* expected;  // a fragment of the error
};

TEST(KnowledgeData, LoaderRejectsBrokenData) {
  const std::string ok_manager =
      "- id: frob\n  name: Frob\n  ecosystem: test\n  executables: [frob]\n  subcommands:\n"
      "    - names: [sync]\n      action: install\n      default: frozen\n";
  const BadCase cases[] = {
      {"managers: [", "line"},
      {"nothing: 1\n", "`managers` list"},
      {"managers:\n- id: frob\n  name: Frob\n  ecosystem: t\n  subcommands: []\n", "needs `executables`"},
      {"managers:\n- id: Frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands: []\n", "lower-case"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  exectuables: [g]\n  subcommands: []\n",
       "unknown key `exectuables`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: install\n      default: frozen\n      flags:\n"
       "        - {flag: --x, effect: frozn}\n",
       "unknown effect `frozn`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: install\n",
       "needs `default`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: instal\n",
       "unknown action `instal`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: other\n    - names: [a]\n      action: other\n",
       "listed twice"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: install\n      default: frozen\n      flags:\n"
       "        - {flag: frozen, effect: frozen}\n",
       "must start with '-'"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: install\n      default: frozen\n      flags:\n"
       "        - {flag: --lockfile=false, effect: no-lockfile}\n",
       "use `value`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  implied: {g: a}\n  subcommands:\n"
       "    - names: [a]\n      action: other\n",
       "not in executables"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  default_subcommand: b\n"
       "  subcommands:\n    - names: [a]\n      action: other\n",
       "is not a subcommand"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  wrapper: doas\n  subcommands:\n"
       "    - names: [a]\n      action: other\n",
       "unknown wrapper `doas`"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  cache: {dirs: [relative/dir]}\n"
       "  subcommands:\n    - names: [a]\n      action: other\n",
       "must be absolute"},
      {"managers:\n- id: frob\n  name: F\n  ecosystem: t\n  executables: [f]\n  subcommands:\n"
       "    - names: [a]\n      action: other\n      env:\n        - {name: X, values: maybe, effect: frozen}\n",
       "`truthy` or `falsy`"},
  };
  for (const BadCase& c : cases) {
    dd::PmLoadResult r = load_package_managers(c.yaml);
    ASSERT_FALSE(r.errors.empty()) << c.yaml;
    bool found = false;
    for (const std::string& e : r.errors) found = found || e.find(c.expected) != std::string::npos;
    EXPECT_TRUE(found) << "expected `" << c.expected << "` in: " << r.errors.front();
  }
  // Duplicate ids, and the line of the second one.
  dd::PmLoadResult dup = load_package_managers("managers:\n" + ok_manager + ok_manager);
  ASSERT_EQ(dup.errors.size(), 1u);
  EXPECT_NE(dup.errors[0].find("duplicate manager id `frob`"), std::string::npos);
  EXPECT_EQ(dup.errors[0].substr(0, 8), "line 10:");
  // The good one alone is fine.
  dd::PmLoadResult good = load_package_managers("managers:\n" + ok_manager);
  EXPECT_TRUE(good.errors.empty());
  ASSERT_EQ(good.managers.size(), 1u);
  EXPECT_EQ(good.managers[0].subcommands[0].kind, PmSubcommandKind::Install);
}

TEST(KnowledgeData, EnvSpecMatching) {
  dd::PmEnv truthy;
  truthy.values = {"1", "true", "yes", "on", "y"};
  EXPECT_TRUE(truthy.matches("TRUE"));
  EXPECT_FALSE(truthy.matches("0"));
  dd::PmEnv contains;
  contains.contains = "-mod=mod";
  EXPECT_TRUE(contains.matches("-trimpath -mod=mod"));
  dd::PmEnv any;
  EXPECT_TRUE(any.matches("x"));
  EXPECT_FALSE(any.matches(""));
}

}  // namespace
