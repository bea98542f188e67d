// The clang-tidy-style fixture idiom: every Dockerfile under fixtures/ says
// inline which findings it must produce (`# expect: DD604@12 "..."` after
// the line). Each expectation must be met and each finding expected; one
// test case per file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/compose_projects.h"
#include "cli/discover.h"
#include "cli/repo_builds.h"
#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "lint/expectations.h"
#include "project/build_context.h"
#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/project_check.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(DD_SOURCE_DIR) / "fixtures";

bool is_dockerfile_name(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "Dockerfile" || name == "Containerfile" || name.rfind("Dockerfile.", 0) == 0 ||
         name.rfind("Containerfile.", 0) == 0 || ends_with(".Dockerfile") ||
         ends_with(".dockerfile");
}

std::vector<std::string> fixture_files() {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(kFixtures, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(kFixtures, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && (is_dockerfile_name(it->path().filename().string()) ||
                                  dd::cli::is_compose_name(it->path().filename().string())))
      files.push_back(fs::relative(it->path(), kFixtures).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

using dd::testing::slurp;

// gtest parameter names allow only [A-Za-z0-9_].
std::string case_name(const testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name + "_" + std::to_string(info.index);
}

class FixtureExpect : public testing::TestWithParam<std::string> {};

// The repository a fixture belongs to, relative to fixtures/: a seed's
// before/ or after/ tree, the example monorepo, or a case directory of a
// rule (fixtures/rules/DD505/<case>/). Empty for the per-rule snippets
// directly in fixtures/rules/DDnnn/: their COPY sources exist nowhere, so
// they are linted as an editor buffer or standard input is, alone and
// without a build context.
std::string fixture_repository(const std::string& rel) {
  std::vector<std::string> parts;
  for (const auto& p : fs::path(rel)) parts.push_back(p.generic_string());
  if (parts.size() > 3 && (parts[0] == "seeds" || parts[0] == "rules"))
    return parts[0] + "/" + parts[1] + "/" + parts[2];
  if (parts.size() > 1 && parts[0] == "example-monorepo") return parts[0];
  return "";
}

// Lints every Dockerfile of a fixture repository together, the way
// `docker-doctor fixtures/REPO` does: with their file names (Dockerfile.dev
// is a development image), their inferred build contexts, and the project
// rules that compare them. Findings by path below fixtures/.
std::map<std::string, std::vector<dd::Finding>> lint_repository(const std::string& repo) {
  std::vector<std::string> rels;
  dd::cli::Discovery found;  // the repository's Dockerfiles and compose files, as a walk finds them
  for (const std::string& rel : fixture_files()) {
    if (fixture_repository(rel) != repo) continue;
    std::string below = fs::relative(fs::path(rel), fs::path(repo)).generic_string();
    dd::cli::Input in{(kFixtures / rel).string(), "fixtures/" + rel, true};
    in.root = (kFixtures / repo).string();
    in.root_display = "fixtures/" + repo;
    in.rel = below;
    in.compose = dd::cli::is_compose_name(fs::path(rel).filename().string());
    found.inputs.push_back(in);
    if (!in.compose) rels.push_back(rel);
  }
  // Compose services name their Dockerfiles' contexts and the images the
  // repository builds link FROM lines, as in the lint run.
  dd::cli::RepoBuilds repo_builds = dd::cli::collect_repo_builds(found);
  dd::BuildContexts contexts;
  std::vector<std::string> texts;
  std::vector<dd::DockerfileInput> inputs;
  for (const std::string& rel : rels) {
    texts.push_back(slurp(kFixtures / rel));
    dd::DockerfileInput in;
    in.file.path = "fixtures/" + rel;
    std::string below = fs::relative(fs::path(rel), fs::path(repo)).generic_string();
    if (auto c = repo_builds.contexts.find(in.file.path); c != repo_builds.contexts.end())
      in.file.context = contexts.at(c->second.front().dir, c->second.front().display,
                                    (kFixtures / rel).string(), in.file.path);
    else
      in.file.context = contexts.infer(
          dd::DockerfileLocation{(kFixtures / repo).string(), "fixtures/" + repo, below},
          dd::parse_dockerfile(texts.back()));
    inputs.push_back(std::move(in));
  }
  for (size_t i = 0; i < inputs.size(); ++i) inputs[i].text = texts[i];
  // A rule's case folder runs its rule even when the rule is off by default.
  dd::LintOptions options;
  if (repo.rfind("rules/", 0) == 0) options.enabled_rules.push_back(repo.substr(6, 5));
  std::vector<std::vector<dd::Finding>> results =
      dd::lint_dockerfiles(inputs, options, 1, repo_builds.images);
  dd::cli::lint_other_compose_contexts(inputs, options, repo_builds, contexts, results);
  std::map<std::string, std::vector<dd::Finding>> out;
  for (size_t i = 0; i < rels.size(); ++i) out[rels[i]] = std::move(results[i]);
  return out;
}

// The options a fixture is linted with: the `default: off` rule its folder
// is about (fixtures/rules/DD324/...) and every rule it expects run, as if
// the configuration turned them on.
dd::LintOptions fixture_options(const std::string& rel, const dd::ExpectationSet& set) {
  dd::LintOptions options;
  std::vector<std::string> parts;
  for (const auto& p : fs::path(rel)) parts.push_back(p.generic_string());
  if (parts.size() > 2 && parts[0] == "rules") options.enabled_rules.push_back(parts[1]);
  for (const dd::Expectation& e : set.expectations) options.enabled_rules.push_back(e.rule_id);
  return options;
}

// A compose fixture is linted as the CLI lints its directory: with its
// override companion or base when there is one; only its own findings count.
std::vector<dd::Finding> lint_compose_like_cli(const std::string& rel, const dd::LintOptions& options) {
  fs::path dir = (kFixtures / rel).parent_path();
  std::vector<dd::cli::Input> inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!dd::cli::is_compose_name(name)) continue;
    std::string display = "fixtures/" + fs::relative(entry.path(), kFixtures).generic_string();
    dd::cli::Input in{entry.path().string(), display, true};
    in.compose = true;
    in.root = dir.string();  // env files are read inside the fixture's folder
    inputs.push_back(in);
  }
  std::sort(inputs.begin(), inputs.end(), [](const auto& a, const auto& b) { return a.display < b.display; });
  std::vector<dd::Finding> out;
  for (const std::vector<size_t>& group : dd::cli::group_compose_inputs(inputs)) {
    std::vector<std::string> errors;
    for (const dd::cli::ComposeFileFindings& f : dd::cli::lint_compose_group(inputs, group, &errors, options))
      if (f.display == "fixtures/" + rel) out.insert(out.end(), f.findings.begin(), f.findings.end());
  }
  return out;
}

std::vector<dd::Finding> lint_like_cli(const std::string& rel, const std::string& text,
                                      const dd::LintOptions& options) {
  if (dd::cli::is_compose_name(fs::path(rel).filename().string())) return lint_compose_like_cli(rel, options);
  std::string repo = fixture_repository(rel);
  if (repo.empty()) {
    dd::FileInfo file;
    file.path = "fixtures/" + rel;
    return dd::lint_dockerfile_text(file, text, options);
  }
  static std::map<std::string, std::map<std::string, std::vector<dd::Finding>>> by_repo;
  auto it = by_repo.find(repo);
  if (it == by_repo.end()) it = by_repo.emplace(repo, lint_repository(repo)).first;
  return it->second.at(rel);
}

}  // namespace

TEST_P(FixtureExpect, FindingsMatchExpectations) {
  const std::string& rel = GetParam();
  std::string text = slurp(kFixtures / rel);
  dd::ExpectationSet set = dd::parse_expectations(text);
  for (const std::string& e : set.errors)
    ADD_FAILURE() << "fixtures/" << rel << ": malformed expect line, " << e;
  for (const dd::Expectation& e : set.expectations)
    if (!dd::find_rule(e.rule_id))
      ADD_FAILURE() << "fixtures/" << rel << ":" << e.written_on << ": expects " << e.rule_id
                    << ", which is not a rule (yet): no rules/" << e.rule_id << ".md";

  std::vector<dd::Finding> findings = lint_like_cli(rel, text, fixture_options(rel, set));
  std::vector<std::string> diffs = dd::compare_expectations(set, findings);
  if (!diffs.empty()) {
    std::string listing;
    for (const std::string& d : diffs) listing += "  " + d + "\n";
    ADD_FAILURE() << "fixtures/" << rel << ": findings and # expect lines differ\n" << listing;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureExpect, testing::ValuesIn(fixture_files()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FixtureExpect);

// Each rule a check implements has its own small fixtures: at least one file
// that fires it and one that does not.
TEST(FixtureExpectRules, EveryCheckedRuleHasBadAndGoodFixtures) {
  std::vector<std::string_view> ids;
  for (const dd::RuleCheck& rc : dd::rule_checks()) ids.push_back(rc.id);
  for (const dd::ProjectRuleCheck& pc : dd::project_rule_checks()) ids.push_back(pc.id);
  for (std::string_view id : ids) {
    fs::path dir = kFixtures / "rules" / std::string(id);
    bool fires = false, quiet = false;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!is_dockerfile_name(it->path().filename().string())) continue;
      bool expects_rule = false;
      for (const dd::Expectation& e : dd::parse_expectations(slurp(it->path())).expectations)
        expects_rule = expects_rule || e.rule_id == id;
      (expects_rule ? fires : quiet) = true;
    }
    EXPECT_TRUE(fires) << "fixtures/rules/" << id << "/ needs a Dockerfile with '# expect: " << id
                       << "' lines";
    EXPECT_TRUE(quiet) << "fixtures/rules/" << id << "/ needs a Dockerfile on which " << id
                       << " stays silent";
  }
}

// The same for compose-scope rules, with compose files.
TEST(FixtureExpectRules, EveryComposeRuleHasBadAndGoodFixtures) {
  for (const dd::ComposeRuleCheck& rc : dd::compose_rule_checks()) {
    fs::path dir = kFixtures / "rules" / std::string(rc.id);
    bool fires = false, quiet = false;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!dd::cli::is_compose_name(it->path().filename().string())) continue;
      bool expects_rule = false;
      for (const dd::Expectation& e : dd::parse_expectations(slurp(it->path())).expectations)
        expects_rule = expects_rule || e.rule_id == rc.id;
      (expects_rule ? fires : quiet) = true;
    }
    EXPECT_TRUE(fires) << "fixtures/rules/" << rc.id << "/ needs a compose file with '# expect: " << rc.id
                       << "' lines";
    EXPECT_TRUE(quiet) << "fixtures/rules/" << rc.id << "/ needs a compose file on which " << rc.id
                       << " stays silent";
  }
}

// The matcher itself: a wrong fixture must fail, or the idiom proves nothing.
TEST(FixtureExpectMatcher, ReportsMissingAndUnexpectedFindings) {
  std::string text =
      "FROM a AS x\n"
      "# expect: DD603@11 \"already\"\n"
      "# expect: DD604\n"
      "RUN b\n";
  dd::ExpectationSet set = dd::parse_expectations(text);
  ASSERT_TRUE(set.errors.empty());
  ASSERT_EQ(set.expectations.size(), 2u);
  EXPECT_EQ(set.expectations[0].line, 1);
  EXPECT_EQ(set.expectations[0].column, 11);
  EXPECT_EQ(set.expectations[0].fragment, "already");
  EXPECT_EQ(set.expectations[1].line, 1);

  dd::Finding ok;
  ok.rule_id = "DD603";
  ok.message = "stage name 'x' is already used";
  ok.span.start = {1, 11, 10};
  dd::Finding stray = ok;
  stray.rule_id = "DD605";
  stray.span.start = {4, 1, 40};
  std::vector<std::string> diffs = dd::compare_expectations(set.expectations, {ok, stray});
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_NE(diffs[0].find("missing"), std::string::npos);
  EXPECT_NE(diffs[0].find("DD604"), std::string::npos);
  EXPECT_NE(diffs[1].find("unexpected"), std::string::npos);
  EXPECT_NE(diffs[1].find("DD605"), std::string::npos);

  // Wrong column and wrong fragment both miss.
  dd::Finding moved = ok;
  moved.span.start.column = 12;
  EXPECT_EQ(dd::compare_expectations({set.expectations[0]}, {moved}).size(), 2u);
  dd::Finding reworded = ok;
  reworded.message = "duplicate";
  EXPECT_EQ(dd::compare_expectations({set.expectations[0]}, {reworded}).size(), 2u);
}

TEST(FixtureExpectMatcher, MalformedExpectLinesAreErrors) {
  dd::ExpectationSet set = dd::parse_expectations(
      "# expect: DD601\n"
      "FROM a\n"
      "# expect: D601\n"
      "# expect: DD601@x\n"
      "# expect: DD601 \"open\n"
      "# expect: DD601 trailing\n"
      "# expect: DD601@3 \"a \\\"quoted\\\" word\"\n");
  ASSERT_EQ(set.errors.size(), 5u);
  EXPECT_NE(set.errors[0].find("line 1"), std::string::npos);
  EXPECT_NE(set.errors[1].find("line 3"), std::string::npos);
  ASSERT_EQ(set.expectations.size(), 1u);
  EXPECT_EQ(set.expectations[0].line, 2);
  EXPECT_EQ(set.expectations[0].fragment, "a \"quoted\" word");
}

TEST(FixtureExpectMatcher, ExpectOnlyLimitsTheComparedRules) {
  dd::ExpectationSet set = dd::parse_expectations(
      "# expect-only: DD603, DD604\n"
      "FROM a AS x\n"
      "# expect: DD603\n");
  ASSERT_TRUE(set.errors.empty());
  ASSERT_EQ(set.only, (std::vector<std::string>{"DD603", "DD604"}));
  ASSERT_EQ(set.expectations.size(), 1u);
  EXPECT_EQ(set.expectations[0].line, 2);  // the expect-only line is not a target

  dd::Finding wanted;
  wanted.rule_id = "DD603";
  wanted.span.start = {2, 1, 28};
  dd::Finding other = wanted;
  other.rule_id = "DD202";  // not in the list: ignored
  dd::Finding listed = wanted;
  listed.rule_id = "DD604";  // in the list but not expected: still a failure
  EXPECT_TRUE(dd::compare_expectations(set, {wanted, other}).empty());
  std::vector<std::string> diffs = dd::compare_expectations(set, {wanted, listed});
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_NE(diffs[0].find("DD604"), std::string::npos);

  // An expectation outside the list could never be checked.
  dd::ExpectationSet outside =
      dd::parse_expectations("# expect-only: DD604\nFROM a\n# expect: DD603\n");
  EXPECT_EQ(dd::compare_expectations(outside, {}).size(), 1u);

  EXPECT_EQ(dd::parse_expectations("# expect-only: DD60\n").errors.size(), 1u);
  EXPECT_EQ(dd::parse_expectations("# expect-only:\n").errors.size(), 1u);
}
