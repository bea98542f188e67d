// env_file: the files are read as KEY=VALUE data with positions, only inside
// the linted tree, and their variables reach the rules (DD323 secrets in a
// committed env file, DD327 a required one that is missing).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/compose_projects.h"
#include "cli/env_files.h"
#include "compose/env_file.h"
#include "compose_test_util.h"
#include "lint/compose_run.h"

namespace fs = std::filesystem;
using dd::compose::EnvAssignment;
using dd::compose::EnvFile;

namespace {

struct TempTree {
  fs::path root;
  TempTree() {
    static int n = 0;
    root = fs::temp_directory_path() /
           ("dd-env-file-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempTree() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
};

// Lints the compose files `names` of `dir` as the CLI does (a walk of `dir`).
std::vector<dd::cli::ComposeFileFindings> lint_dir(const fs::path& dir,
                                                   const std::vector<std::string>& names) {
  std::vector<dd::cli::Input> inputs;
  for (const std::string& n : names) {
    dd::cli::Input in{(dir / n).string(), n, true};
    in.compose = true;
    in.root = dir.string();
    inputs.push_back(in);
  }
  std::vector<size_t> group;
  for (size_t i = 0; i < inputs.size(); ++i) group.push_back(i);
  std::vector<std::string> errors;
  auto out = dd::cli::lint_compose_group(inputs, group, &errors);
  EXPECT_TRUE(errors.empty());
  return out;
}

std::vector<dd::Finding> findings_in(const std::vector<dd::cli::ComposeFileFindings>& files,
                                     const std::string& display, const std::string& rule) {
  std::vector<dd::Finding> out;
  for (const auto& f : files)
    if (f.display == display)
      for (const dd::Finding& x : f.findings)
        if (x.rule_id == rule) out.push_back(x);
  return out;
}

}  // namespace

TEST(ComposeEnvFile, ParsesAssignmentsWithPositions) {
  std::string text =
      "# comment\n"
      "\n"
      "export A=1\n"
      "B = two words # trailing comment\n"
      "C='single $NOT'\n"
      "D=\"line1\\nline2\"\n"
      "E=\"multi\n"
      "line\"\n"
      "BARE\n"
      "not a line\n"
      "F=\n";
  std::vector<int> bad;
  std::vector<EnvAssignment> a = dd::compose::parse_env_assignments(text, &bad);
  ASSERT_EQ(a.size(), 7u);
  EXPECT_EQ(bad, std::vector<int>{10});
  EXPECT_EQ(a[0].key, "A");
  EXPECT_EQ(a[0].value, "1");
  EXPECT_EQ(text.substr(a[0].key_begin, a[0].key_end - a[0].key_begin), "A");
  EXPECT_EQ(a[1].key, "B");
  EXPECT_EQ(a[1].value, "two words");
  EXPECT_EQ(text.substr(a[1].value_begin, a[1].value_end - a[1].value_begin), "two words");
  EXPECT_EQ(a[2].value, "single $NOT");
  EXPECT_EQ(a[2].raw, "single $NOT");
  EXPECT_EQ(a[3].value, "line1\nline2");
  EXPECT_EQ(a[4].key, "E");
  EXPECT_EQ(a[4].value, "multi\nline");
  EXPECT_EQ(a[5].key, "BARE");
  EXPECT_FALSE(a[5].has_value);
  EXPECT_EQ(a[6].key, "F");
  EXPECT_TRUE(a[6].has_value);
  EXPECT_EQ(a[6].value, "");
}

// The loader resolves each path against the directory of the compose file
// that names it, reads each file once, and keeps `required: false`.
TEST(ComposeEnvFile, LoaderResolvesAgainstTheNamingFileAndKeepsPositions) {
  dd::compose::testing::Files files;
  files.files["compose.yaml"] =
      "services:\n"
      "  api:\n"
      "    image: a:1\n"
      "    env_file:\n"
      "      - app.env\n"
      "      - path: opt.env\n"
      "        required: false\n"
      "  web:\n"
      "    extends: {file: sub/base.yaml, service: base}\n";
  files.files["sub/base.yaml"] = "services:\n  base:\n    image: b:1\n    env_file: base.env\n";
  dd::compose::LoadOptions options = files.options();
  std::vector<std::string> asked;
  options.read_env_file = [&](const std::string& path) {
    asked.push_back(path);
    dd::compose::EnvFileRead r;
    if (path == "app.env") {
      r.state = EnvFile::State::Read;
      r.text = "# x\nDB_PASSWORD=hunter2\n";
    } else {
      r.state = EnvFile::State::Missing;
    }
    return r;
  };
  dd::compose::Project p = dd::compose::load_project({{"compose.yaml", "compose.yaml"}}, options);
  ASSERT_EQ(p.services.size(), 2u);
  const dd::compose::Service& api = p.services[0];
  ASSERT_EQ(api.env_files.size(), 2u);
  EXPECT_EQ(api.env_files[0].state, EnvFile::State::Read);
  EXPECT_TRUE(api.env_files[0].required);
  EXPECT_EQ(api.env_files[0].display, "app.env");
  ASSERT_EQ(api.env_files[0].vars.size(), 1u);
  const dd::compose::EnvFileVar& v = api.env_files[0].vars[0];
  EXPECT_EQ(v.key.value, "DB_PASSWORD");
  EXPECT_EQ(v.key.loc.file, "app.env");
  EXPECT_EQ(v.key.loc.span.start.line, 2);
  EXPECT_EQ(v.value->loc.span.start.column, 13);
  EXPECT_EQ(v.value->value, "hunter2");
  EXPECT_EQ(api.env_files[1].state, EnvFile::State::Missing);
  EXPECT_FALSE(api.env_files[1].required);
  // The extended service's env file is relative to sub/base.yaml.
  const dd::compose::Service& web = p.services[1];
  ASSERT_EQ(web.env_files.size(), 1u);
  EXPECT_EQ(web.env_files[0].display, "sub/base.env");
  EXPECT_EQ(web.env_files[0].path.loc.file, "sub/base.yaml");
  EXPECT_EQ(asked, (std::vector<std::string>{"app.env", "opt.env", "sub/base.env"}));
  // The env file is one of the project's files, for the reporters' code frame.
  ASSERT_NE(p.file("app.env"), nullptr);
  EXPECT_EQ(p.file("app.env")->text, "# x\nDB_PASSWORD=hunter2\n");
}

TEST(ComposeEnvFile, WithoutAReaderNothingIsReadOrReported) {
  dd::compose::testing::Files files;
  files.files["compose.yaml"] = "services:\n  api:\n    image: a:1\n    env_file: gone.env\n";
  dd::compose::Project p = files.load({"compose.yaml"});
  ASSERT_EQ(p.services[0].env_files.size(), 1u);
  EXPECT_EQ(p.services[0].env_files[0].state, EnvFile::State::NotRead);
  for (const dd::Finding& f : dd::lint_compose_project(p))
    EXPECT_NE(f.rule_id, "DD327") << f.message;
}

// On disk, through the CLI's reader: a committed env file with a literal
// secret is a finding at the value in the env file; a git-ignored one is not;
// a missing required one is DD327.
TEST(ComposeEnvFile, CommittedSecretsAndMissingFilesOnDisk) {
  TempTree t;
  fs::create_directories(t.root / ".git");
  t.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: a:1\n"
          "    env_file: [app.env, local.env, gone.env]\n"
          "  worker:\n"
          "    image: w:1\n"
          "    env_file: app.env\n");
  t.write("app.env",
          "LOG_LEVEL=info\nSTRIPE_API_KEY=sk_live_0123456789\nDB_PASSWORD=${DB_PASSWORD}\n");
  t.write("local.env", "DB_PASSWORD=hunter2\n");
  t.write(".gitignore", "# local settings\nlocal.env\n");
  auto files = lint_dir(t.root, {"compose.yaml"});
  std::vector<dd::Finding> secrets = findings_in(files, "app.env", "DD323");
  ASSERT_EQ(secrets.size(), 1u) << "a file two services read is reported once";
  EXPECT_EQ(secrets[0].span.start.line, 2);
  EXPECT_EQ(secrets[0].span.start.column, 16);
  EXPECT_NE(secrets[0].message.find("`STRIPE_API_KEY` is set to a literal value in `app.env`"),
            std::string::npos);
  EXPECT_TRUE(findings_in(files, "local.env", "DD323").empty()) << "git ignores local.env";
  std::vector<dd::Finding> missing = findings_in(files, "compose.yaml", "DD327");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].span.start.line, 4);
  EXPECT_EQ(missing[0].span.start.column, 36);
}

TEST(ComposeEnvFile, NeverReadsOutsideTheLintedTree) {
  TempTree outside;
  outside.write("secret.env", "DB_PASSWORD=hunter2\n");
  TempTree t;
  t.write("compose.yaml",
          "services:\n  api:\n    image: a:1\n    env_file: [link.env, ../x/escape.env]\n");
  fs::create_symlink(outside.root / "secret.env", t.root / "link.env");
  dd::compose::EnvFileRead link =
      dd::cli::read_env_file_within(t.root.string(), (t.root / "link.env").string());
  EXPECT_EQ(link.state, EnvFile::State::Refused);
  EXPECT_TRUE(link.text.empty());
  EXPECT_NE(link.problem.find("outside the linted directory"), std::string::npos);
  auto files = lint_dir(t.root, {"compose.yaml"});
  for (const auto& f : files) {
    EXPECT_NE(f.display, "link.env");
    for (const dd::Finding& x : f.findings) EXPECT_NE(x.rule_id, "DD323") << x.message;
  }
  // A symbolic link that stays inside the tree is followed.
  t.write("real.env", "A=1\n");
  fs::create_symlink(t.root / "real.env", t.root / "inside.env");
  EXPECT_EQ(dd::cli::read_env_file_within(t.root.string(), (t.root / "inside.env").string()).state,
            EnvFile::State::Read);
}

TEST(ComposeEnvFile, RefusesLargeFilesAndDirectories) {
  TempTree t;
  t.write("big.env", std::string(dd::cli::kMaxEnvFileBytes + 1, 'x'));
  fs::create_directories(t.root / "dir.env");
  dd::compose::EnvFileRead big =
      dd::cli::read_env_file_within(t.root.string(), (t.root / "big.env").string());
  EXPECT_EQ(big.state, EnvFile::State::Refused);
  EXPECT_NE(big.problem.find("too large"), std::string::npos);
  EXPECT_EQ(dd::cli::read_env_file_within(t.root.string(), (t.root / "dir.env").string()).state,
            EnvFile::State::Refused);
  EXPECT_EQ(dd::cli::read_env_file_within(t.root.string(), (t.root / "none.env").string()).state,
            EnvFile::State::Missing);
}

TEST(ComposeEnvFile, GitIgnoreSubset) {
  TempTree t;
  fs::create_directories(t.root / ".git");
  t.write(".gitignore", "*.env\n!shared.env\nsecrets/\n/top.txt\n");
  t.write("svc/.gitignore", "!svc.env\n");
  for (const char* f : {"a.env", "shared.env", "svc/svc.env", "svc/other.env", "secrets/x.txt",
                        "top.txt", "sub/top.txt"})
    t.write(f, "A=1\n");
  EXPECT_TRUE(dd::cli::git_ignores((t.root / "a.env").string()));
  EXPECT_FALSE(dd::cli::git_ignores((t.root / "shared.env").string()));
  EXPECT_FALSE(dd::cli::git_ignores((t.root / "svc/svc.env").string()))
      << "the deeper .gitignore wins";
  EXPECT_TRUE(dd::cli::git_ignores((t.root / "svc/other.env").string()));
  EXPECT_TRUE(dd::cli::git_ignores((t.root / "secrets/x.txt").string()));
  EXPECT_TRUE(dd::cli::git_ignores((t.root / "top.txt").string()));
  EXPECT_FALSE(dd::cli::git_ignores((t.root / "sub/top.txt").string()))
      << "a pattern with '/' is anchored";
}
