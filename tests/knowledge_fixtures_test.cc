// The shell model and the package-manager knowledge over the seed fixtures
// (fixtures/seeds/*/{before,after}): every RUN parses, and the lockfile
// mistakes the reports describe show up in `before` and not in `after`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "dockerfile/ast.h"
#include "knowledge/package_managers.h"
#include "shell/shell.h"

namespace {

namespace fs = std::filesystem;
const fs::path kSeeds = fs::path(DD_SOURCE_DIR) / "fixtures" / "seeds";

struct Finding {
  std::string file;
  int line;
  std::string manager;
  dd::PmAction action;
};

// Every package-manager command of every Dockerfile under `side` of each seed.
std::map<std::string, std::vector<Finding>> scan(const std::string& side) {
  std::map<std::string, std::vector<Finding>> out;
  for (const auto& seed : fs::directory_iterator(kSeeds)) {
    if (!seed.is_directory()) continue;
    fs::path root = seed.path() / side;
    if (!fs::exists(root)) continue;
    std::vector<Finding>& found = out[seed.path().filename().string()];
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.rfind("Dockerfile", 0) != 0) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      dd::Dockerfile df = dd::parse_dockerfile(text.str());
      dd::ShellModel model = dd::build_shell_model(df);
      for (const dd::ShellRun& run : model.runs) {
        for (const dd::ShellError& e : run.errors)
          ADD_FAILURE() << entry.path() << ":" << e.span.start.line << ": " << e.message;
        for (const dd::Command& c : run.commands) {
          dd::PmClassification k = dd::classify_command(c, &run);
          if (!k.recognized()) continue;
          found.push_back({fs::relative(entry.path(), kSeeds).string(), k.decisive.span.start.line,
                           k.manager->id, k.action});
        }
      }
    }
  }
  return out;
}

bool has(const std::vector<Finding>& v, std::string_view manager, dd::PmAction action) {
  for (const Finding& f : v)
    if (f.manager == manager && f.action == action) return true;
  return false;
}

TEST(KnowledgeFixtures, SeedsShowTheirLockfileMistakesBeforeAndNotAfter) {
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "fixtures/seeds is absent";
  auto before = scan("before");
  auto after = scan("after");
  ASSERT_FALSE(before.empty());

  EXPECT_TRUE(has(before["000-pdm-single-lockfile"], "pdm", dd::PmAction::Resolve));
  EXPECT_TRUE(has(before["001-pnpm-lockfile-disabled"], "pnpm", dd::PmAction::LockfileDisabled));
  EXPECT_TRUE(has(before["002-dev-prod-drift"], "poetry", dd::PmAction::Resolve));
  EXPECT_TRUE(has(after["001-pnpm-lockfile-disabled"], "pnpm", dd::PmAction::InstallFrozen));
  EXPECT_TRUE(has(after["000-pdm-single-lockfile"], "pdm", dd::PmAction::InstallFrozen));

  // After the fixes no manager that has a lockfile re-resolves, installs
  // unfrozen or ignores its lockfile.
  for (const auto& [seed, findings] : after) {
    for (const Finding& f : findings) {
      const dd::PackageManager* pm = dd::manager_by_id(f.manager);
      if (pm->lockfiles.empty()) continue;
      EXPECT_TRUE(f.action != dd::PmAction::Resolve && f.action != dd::PmAction::LockfileDisabled &&
                  f.action != dd::PmAction::InstallUnfrozen)
          << f.file << ":" << f.line << " " << f.manager << " " << dd::pm_action_name(f.action);
    }
  }
}

}  // namespace
