// Every rules/*.md has exactly one check_ddNNN under src/rules/ and vice
// versa; ids are permanent and well-formed; names are unique.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "docker_doctor/rule.h"
#include "rules/check.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kRoot = DD_SOURCE_DIR;

}  // namespace

TEST(RulesRegistry, TableMatchesRuleFiles) {
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(kRoot / "rules")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("DD", 0) == 0 && entry.path().extension() == ".md")
      files.insert(entry.path().stem().string());
  }
  std::set<std::string> table;
  for (const dd::RuleInfo& r : dd::all_rules()) table.insert(std::string(r.id));
  EXPECT_EQ(files, table) << "the build's rule table is stale or a rules/*.md was not picked up";
}
