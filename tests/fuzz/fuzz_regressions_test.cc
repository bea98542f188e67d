// Replays every input the fuzzers ever crashed on (tests/fuzz/regressions/
// <harness>/) through the same target function the harness calls, in the
// normal test build, so a fixed bug stays fixed without a fuzzing toolchain.
// The fixture Dockerfiles go through every target too: the targets' checks
// (spans inside the text, positions in order) then hold on real files as
// well as on the fuzzers' inventions.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "targets.h"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "README.md" &&
        e.path().filename().string()[0] != '.')  // .gitkeep
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const fs::path kFuzzDir = fs::path(DD_SOURCE_DIR) / "tests" / "fuzz";

TEST(FuzzRegressions, EveryHarnessHasARegressionDirectory) {
  for (const dd::fuzz::Target& t : dd::fuzz::targets()) {
    EXPECT_TRUE(fs::is_directory(kFuzzDir / "regressions" / t.name))
        << "tests/fuzz/regressions/" << t.name << "/ is where that harness's crashes go";
    EXPECT_TRUE(fs::is_regular_file(kFuzzDir / (std::string(t.name) + "_fuzz.cc")))
        << "every target has its libFuzzer harness";
  }
  for (const auto& e : fs::directory_iterator(kFuzzDir / "regressions")) {
    if (!e.is_directory()) continue;
    bool known = false;
    for (const dd::fuzz::Target& t : dd::fuzz::targets()) known |= e.path().filename() == t.name;
    EXPECT_TRUE(known) << e.path() << " names no harness in tests/fuzz/targets.h";
  }
}

TEST(FuzzRegressions, SavedCrashesStayFixed) {
  size_t replayed = 0;
  for (const dd::fuzz::Target& t : dd::fuzz::targets()) {
    for (const fs::path& input : files_under(kFuzzDir / "regressions" / t.name)) {
      SCOPED_TRACE(input.string());
      t.run(read_file(input));  // a regression aborts the test binary with the invariant it broke
      ++replayed;
    }
  }
  std::printf("replayed %zu saved fuzz inputs\n", replayed);
}

TEST(FuzzRegressions, FixturesPassEveryTarget) {
  std::vector<fs::path> fixtures = files_under(fs::path(DD_SOURCE_DIR) / "fixtures");
  size_t dockerfiles = 0;
  for (const fs::path& p : fixtures) {
    std::string name = p.filename().string();
    if (name.find("ockerfile") == std::string::npos &&
        name.find("ontainerfile") == std::string::npos)
      continue;
    SCOPED_TRACE(p.string());
    std::string text = read_file(p);
    for (const dd::fuzz::Target& t : dd::fuzz::targets()) t.run(text);
    ++dockerfiles;
  }
  EXPECT_GT(dockerfiles, 20u) << "the fixtures hold dozens of Dockerfiles";
}

// The compose and .dockerignore fixtures through the targets made for them,
// whose checks (locations inside their file, the combined matcher agreeing
// with the patterns one by one) then hold on real files too.
TEST(FuzzRegressions, ComposeAndIgnoreFixturesPassTheirTargets) {
  size_t compose = 0, ignore = 0;
  for (const fs::path& p : files_under(fs::path(DD_SOURCE_DIR) / "fixtures")) {
    std::string name = p.filename().string();
    SCOPED_TRACE(p.string());
    if (name.find("compose") != std::string::npos &&
        (p.extension() == ".yml" || p.extension() == ".yaml")) {
      dd::fuzz::compose_loader(read_file(p));
      ++compose;
    }
  }
  // files_under() skips dot files, so the .dockerignore files are found here.
  for (const auto& e : fs::recursive_directory_iterator(fs::path(DD_SOURCE_DIR) / "fixtures")) {
    if (!e.is_regular_file() || e.path().filename() != ".dockerignore") continue;
    SCOPED_TRACE(e.path().string());
    dd::fuzz::ignore(read_file(e.path()) + std::string(1, '\0') +
                     "node_modules/x\nsrc/app.py\n.git/HEAD\ndist/\na/b/c.log\n");
    ++ignore;
  }
  EXPECT_GT(compose, 10u) << "the fixtures hold compose files";
  EXPECT_GT(ignore, 5u) << "the fixtures hold .dockerignore files";
}

}  // namespace
