// DD501-DD504 on the seed fixtures and the example monorepo, linted as the
// CLI lints them: with their file names, which decide what is a development
// image (Dockerfile.dev). Each file's `# expect:` lines for these rules must
// match exactly; the `after/` trees must be silent for them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "lint/expectations.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(DD_SOURCE_DIR) / "fixtures";

bool ours(const std::string& rule) {
  return rule == "DD501" || rule == "DD502" || rule == "DD503" || rule == "DD504";
}

std::vector<fs::path> dockerfiles(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_regular_file() && (name == "Dockerfile" || name.rfind("Dockerfile.", 0) == 0))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(RulesDD50xFixtures, SeedsAndExampleMonorepoWithFileNames) {
  std::vector<fs::path> files = dockerfiles(kFixtures / "seeds");
  std::vector<fs::path> example = dockerfiles(kFixtures / "example-monorepo");
  files.insert(files.end(), example.begin(), example.end());
  ASSERT_GE(files.size(), 10u)
      << "the seed fixtures and the example monorepo are part of the repository";
  size_t dev_files = 0, expected = 0;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string rel = fs::relative(path, kFixtures.parent_path()).generic_string();
    dd::FileInfo file;
    file.path = rel;
    std::vector<dd::Finding> findings;
    for (const dd::Finding& f : dd::lint_dockerfile_text(file, text.str()))
      if (ours(f.rule_id)) findings.push_back(f);
    std::vector<dd::Expectation> expectations;
    for (const dd::Expectation& e : dd::parse_expectations(text.str()).expectations)
      if (ours(e.rule_id)) expectations.push_back(e);
    expected += expectations.size();
    dev_files += path.filename().string().find(".dev") != std::string::npos;
    if (rel.find("/after/") != std::string::npos) {
      EXPECT_TRUE(expectations.empty()) << rel << ": an after/ fixture must not expect DD501-DD504";
    }
    for (const std::string& d : dd::compare_expectations(expectations, findings))
      ADD_FAILURE() << rel << ": " << d;
  }
  EXPECT_GE(dev_files, 4u);
  EXPECT_GE(expected, 13u) << "seeds 002 and 004 and the example monorepo show every rule";
}
