// Precision on real Dockerfiles: every Dockerfile of the shared corpus is
// linted with every rule, as the CLI finds them. The test prints how often
// each rule fires (run `ctest -V -R CorpusPrecision` or the test binary to
// see the table) and fails when a rule fires on a file a reviewer has judged
// clean (tests/corpus_reviewed_clean.txt), when a rule fails internally
// (DD003) anywhere, or when the run takes unreasonably long.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/discover.h"
#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "project/build_context.h"
#include "time_limits.h"

namespace fs = std::filesystem;

namespace dd {
namespace {

const std::string kCorpus = DD_SOURCE_DIR "/../shared/corpus";
const std::string kReviewedList = DD_SOURCE_DIR "/tests/corpus_reviewed_clean.txt";

// A run over the whole corpus takes about a second in an optimised build;
// these bounds catch a hang or a quadratic blow-up, with room for the
// sanitizer build and a busy machine.
constexpr double kMaxTotalSeconds = dd::test::time_limit(60);
constexpr double kMaxFileSeconds = dd::test::time_limit(5);

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct ReviewedList {
  std::map<std::string, int> lines;  // corpus-relative path -> line in the list
  std::vector<std::string> errors;
};

// One path per line; `#` starts a comment (a reason); blank lines are skipped.
ReviewedList load_reviewed(const std::string& path) {
  ReviewedList out;
  std::ifstream in(path);
  if (!in) {
    out.errors.push_back("cannot read " + path);
    return out;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    size_t b = line.find_first_not_of(" \t\r");
    size_t e = line.find_last_not_of(" \t\r");
    if (b == std::string::npos) continue;
    std::string entry = line.substr(b, e - b + 1);
    if (!out.lines.emplace(entry, number).second)
      out.errors.push_back("line " + std::to_string(number) + ": '" + entry + "' is listed twice");
  }
  return out;
}

bool corpus_present() { return fs::is_directory(kCorpus); }

std::string skip_notice() {
  return "the shared corpus is not at " + kCorpus + " (only the team's checkouts have it): not run";
}

TEST(CorpusPrecision, ReviewedListNamesCorpusDockerfiles) {
  if (!corpus_present()) GTEST_SKIP() << skip_notice();
  ReviewedList reviewed = load_reviewed(kReviewedList);
  for (const std::string& e : reviewed.errors) ADD_FAILURE() << kReviewedList << ": " << e;
  EXPECT_FALSE(reviewed.lines.empty()) << "no reviewed file: the precision check would check nothing";
  cli::Discovery found = cli::discover({kCorpus}, "<stdin>");
  std::set<std::string> linted;
  for (const cli::Input& in : found.inputs) linted.insert(in.display);
  // A stale entry would silently check nothing.
  for (const auto& [path, line] : reviewed.lines)
    EXPECT_TRUE(linted.count(path)) << kReviewedList << ":" << line << ": '" << path
                                    << "' is not a Dockerfile the CLI finds in the corpus";
}

TEST(CorpusPrecision, NoRuleFiresOnReviewedFilesOrFailsAnywhere) {
  if (!corpus_present()) GTEST_SKIP() << skip_notice();
  ReviewedList reviewed = load_reviewed(kReviewedList);
  Clock::time_point start = Clock::now();
  cli::Discovery found = cli::discover({kCorpus}, "<stdin>");
  ASSERT_GT(found.inputs.size(), 100u) << "the corpus at " << kCorpus << " looks truncated";

  struct Count {
    size_t findings = 0;
    size_t files = 0;
  };
  std::map<std::string, Count> per_rule;
  for (const RuleInfo& r : all_rules())
    if (!r.removed) per_rule[std::string(r.id)];
  size_t reviewed_seen = 0, reviewed_dirty = 0, from_ancestor = 0, without_context = 0;
  double lint_seconds = 0, context_seconds = 0;
  std::vector<std::pair<double, std::string>> slowest;
  BuildContexts contexts;

  for (const cli::Input& input : found.inputs) {
    std::string text, error;
    if (!cli::read_input(input, &text, &error)) {
      ADD_FAILURE() << error;
      continue;
    }
    bool is_reviewed = reviewed.lines.count(input.display) > 0;
    Clock::time_point file_start = Clock::now();

    // Precision is judged without a context: the corpus keeps the build
    // files of each repository, not the sources they copy, so a listing of
    // it would miss every file a COPY names.
    FileInfo bare;
    bare.path = input.display;
    std::vector<Finding> findings = lint_dockerfile_text(bare, text);
    lint_seconds += seconds_since(file_start);
    std::set<std::string> rules_here;
    for (const Finding& f : findings) {
      ++per_rule[f.rule_id].findings;
      rules_here.insert(f.rule_id);
      if (f.rule_id == "DD003")
        ADD_FAILURE() << f.file << ":" << f.span.start.line << ":" << f.span.start.column << ": " << f.message;
      if (is_reviewed)
        ADD_FAILURE() << f.file << ":" << f.span.start.line << ":" << f.span.start.column << ": " << f.rule_id
                      << " (" << f.rule_name << ") fired on a file reviewed as clean ("
                      << "tests/corpus_reviewed_clean.txt line " << reviewed.lines[input.display]
                      << "): " << f.message;
    }
    for (const std::string& r : rules_here) ++per_rule[r].files;
    if (is_reviewed) {
      ++reviewed_seen;
      reviewed_dirty += rules_here.empty() ? 0 : 1;
    }

    // The same file with the context the CLI infers: rules that read the
    // listing must not fail on it either.
    Clock::time_point context_start = Clock::now();
    FileInfo located;
    located.path = input.display;
    BuildContextInfo* context =
        contexts.infer({input.root, input.root_display, input.rel}, parse_dockerfile(text));
    if (!context) ++without_context;
    size_t slash = input.display.rfind('/');
    std::string own_dir = slash == std::string::npos ? "." : input.display.substr(0, slash);
    if (context && context->dir != own_dir) ++from_ancestor;
    located.context = context;
    for (const Finding& f : lint_dockerfile_text(located, text))
      if (f.rule_id == "DD003") ADD_FAILURE() << f.file << " (with its inferred context): " << f.message;
    context_seconds += seconds_since(context_start);

    double file_seconds = seconds_since(file_start);
    EXPECT_LT(file_seconds, kMaxFileSeconds) << input.display << " took " << file_seconds << " s to lint";
    slowest.emplace_back(file_seconds, input.display);
  }
  for (const std::string& note : contexts.take_notes()) std::printf("note: %s\n", note.c_str());
  double total = seconds_since(start);

  std::sort(slowest.rbegin(), slowest.rend());
  std::string table;
  table += "\ncorpus precision: " + std::to_string(found.inputs.size()) + " Dockerfiles under " + kCorpus + "\n";
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-7s %-36s %9s %7s\n", "rule", "name", "findings", "files");
  table += buf;
  for (const auto& [id, c] : per_rule) {
    const RuleInfo* r = find_rule(id);
    std::snprintf(buf, sizeof buf, "%-7s %-36s %9zu %7zu\n", id.c_str(),
                  r ? std::string(r->name).c_str() : "?", c.findings, c.files);
    table += buf;
  }
  std::snprintf(buf, sizeof buf,
                "reviewed clean: %zu files, %zu with findings\n"
                "inferred contexts: %zu from an ancestor directory, %zu not listed, %zu directories walked\n"
                "time: %.2f s in all (lint %.2f s, context inference and a second lint %.2f s)\n",
                reviewed_seen, reviewed_dirty, from_ancestor, without_context, contexts.walks(), total,
                lint_seconds, context_seconds);
  table += buf;
  for (size_t i = 0; i < slowest.size() && i < 3; ++i) {
    std::snprintf(buf, sizeof buf, "slowest: %.3f s %s\n", slowest[i].first, slowest[i].second.c_str());
    table += buf;
  }
  std::fputs(table.c_str(), stdout);
  std::fflush(stdout);
  RecordProperty("dockerfiles", static_cast<int>(found.inputs.size()));

  EXPECT_EQ(reviewed_seen, reviewed.lines.size()) << "some reviewed files were not linted";
  EXPECT_LT(total, kMaxTotalSeconds) << "linting the corpus took " << total << " s";
}

}  // namespace
}  // namespace dd
