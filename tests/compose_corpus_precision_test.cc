// The compose rules over the compose files of the shared corpus, as the CLI
// lints them: no check fails internally (DD003) anywhere, and files a
// reviewer judged clean (tests/compose_corpus_reviewed_clean.txt) get no
// finding at all. The compose twin of corpus_precision_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/compose_projects.h"
#include "cli/discover.h"

namespace fs = std::filesystem;

namespace dd {
namespace {

const fs::path kCorpus = fs::path(DD_SOURCE_DIR) / ".." / "shared" / "corpus";
const std::string kReviewed = DD_SOURCE_DIR "/tests/compose_corpus_reviewed_clean.txt";

// path -> line in the reviewed list.
std::map<std::string, int> load_reviewed() {
  std::map<std::string, int> out;
  std::ifstream in(kReviewed);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    line = line.substr(0, line.find('#'));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (!line.empty()) out[line] = n;
  }
  return out;
}

}  // namespace

TEST(ComposeCorpusPrecision, NoRuleFiresOnReviewedFilesOrFailsAnywhere) {
  std::error_code ec;
  if (!fs::is_directory(kCorpus, ec))
    GTEST_SKIP() << "the shared corpus (" << kCorpus.string()
                 << ") is absent: compose precision is not checked";
  std::map<std::string, int> reviewed = load_reviewed();
  ASSERT_FALSE(reviewed.empty()) << kReviewed << " lists no file: the check would check nothing";

  // The compose files the CLI finds, grouped by directory as it groups them.
  cli::Discovery found = cli::discover({kCorpus.string()}, "<stdin>");
  std::vector<cli::Input> inputs;
  for (const cli::Input& in : found.inputs)
    if (in.compose) inputs.push_back(in);
  ASSERT_GT(inputs.size(), 100u) << "the corpus looks truncated";

  std::map<std::string, int> seen;
  for (const std::vector<size_t>& group : cli::group_compose_inputs(inputs)) {
    std::vector<std::string> errors;
    for (const cli::ComposeFileFindings& f : cli::lint_compose_group(inputs, group, &errors)) {
      const std::string& rel = f.display;  // relative to the corpus root, as discovered
      bool is_reviewed = reviewed.count(rel) > 0;
      if (is_reviewed) seen[rel] = 1;
      for (const Finding& x : f.findings) {
        EXPECT_NE(x.rule_id, "DD003") << f.display << ": " << x.message;
        if (is_reviewed)
          ADD_FAILURE() << rel << ":" << x.span.start.line << ":" << x.span.start.column << ": "
                        << x.rule_id << " (" << x.rule_name
                        << ") fired on a file reviewed as clean ("
                        << "tests/compose_corpus_reviewed_clean.txt line " << reviewed[rel]
                        << "): " << x.message;
      }
    }
  }
  for (const auto& [path, line] : reviewed)
    EXPECT_TRUE(seen.count(path)) << "tests/compose_corpus_reviewed_clean.txt line " << line
                                  << ": '" << path
                                  << "' is not a compose file the CLI finds in the corpus";
}

}  // namespace dd
