// Docker's own .dockerignore match vectors, read in place from
// ../shared/conformance/dockerignore/matches.json (moby/patternmatcher's
// TestMatches): every case must get Docker's answer. One test checks them
// all and lists every mismatch, so a regression shows its whole extent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ignore/ignore_file.h"
#include "ignore/matcher.h"

namespace {

const std::string kVectors = DD_SOURCE_DIR "/../shared/conformance/dockerignore/matches.json";

}  // namespace

TEST(ConformanceDockerignore, EveryVectorMatchesDocker) {
  std::ifstream in(kVectors);
  if (!in) GTEST_SKIP() << "no " << kVectors << ": the shared conformance data is absent";
  nlohmann::json data = nlohmann::json::parse(in);
  const auto& cases = data.at("cases");
  ASSERT_FALSE(cases.empty());
  std::string mismatches;
  size_t failed = 0;
  for (const auto& c : cases) {
    std::vector<std::string> patterns = c.at("patterns").get<std::vector<std::string>>();
    std::string path = c.at("path").get<std::string>();
    bool want = c.at("matches").get<bool>();
    std::vector<std::string> errors;
    dd::ignore::Matcher m(dd::ignore::matcher_patterns(patterns, &errors));
    bool got = m.excluded(path);
    if (got != want || !errors.empty()) {
      ++failed;
      mismatches += "  " + nlohmann::json(patterns).dump() + " on '" + path + "': want " +
                    (want ? "excluded" : "sent") + ", got " + (got ? "excluded" : "sent") +
                    (errors.empty() ? "" : " (refused: " + errors.front() + ")") + "\n";
    }
  }
  std::cout << "[ dockerignore ] " << cases.size() << " vectors, " << failed << " mismatches\n";
  EXPECT_EQ(failed, 0u) << mismatches;
}
