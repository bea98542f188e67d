// DD101-DD104 on the seed fixtures and the example monorepo with the build
// context the CLI infers: the findings that need the context's file list
// (fixture_expect_test lints each file without one), and silence on `after`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "project/build_context.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(DD_SOURCE_DIR) / "fixtures";

using dd::testing::slurp;

// "line:column rule" for each finding of DD101-DD104, linting `rel` below
// `root` with its inferred build context.
std::vector<std::string> lint_in_context(const fs::path& root, const std::string& rel,
                                         std::vector<std::string>* messages = nullptr) {
  std::string text = slurp(root / rel);
  dd::BuildContexts contexts;
  dd::FileInfo file;
  file.path = rel;
  dd::BuildContextInfo* context =
      contexts.infer(dd::DockerfileLocation{root.string(), "", rel}, dd::parse_dockerfile(text));
  file.context = context;
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text(file, text);
  std::vector<std::string> out;
  for (const dd::Finding& f : findings) {
    if (f.rule_id < "DD101" || f.rule_id > "DD104") continue;
    out.push_back(std::to_string(f.span.start.line) + ":" + std::to_string(f.span.start.column) + " " + f.rule_id);
    if (messages) messages->push_back(f.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

// "line:column rule" for the first line of root/rel containing `needle`,
// column of `at` within that line: other rules' `# expect` lines move
// things, the offending text does not.
std::string where(const fs::path& root, const std::string& rel, const std::string& needle, const std::string& at,
                  const std::string& rule) {
  std::istringstream in(slurp(root / rel));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos)
      return std::to_string(n) + ":" + std::to_string(line.find(at) + 1) + " " + rule;
  return "(no line with " + needle + ")";
}

TEST(RulesLockfileSeeds, PdmSingleLockfile) {
  fs::path before = kFixtures / "seeds/000-pdm-single-lockfile/before";
  if (!fs::exists(before)) GTEST_SKIP() << "fixtures/seeds is absent";
  std::vector<std::string> messages;
  EXPECT_EQ(lint_in_context(before, "services/nlp_service/Dockerfile", &messages),
            Lines{where(before, "services/nlp_service/Dockerfile", "RUN pdm install", "pdm install", "DD104")});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("run it from /app (`WORKDIR /app`, or `pdm install -p /app`)"), std::string::npos)
      << messages[0];
  messages.clear();
  EXPECT_EQ(lint_in_context(before, "services/nlp_service/Dockerfile.dev", &messages),
            Lines{where(before, "services/nlp_service/Dockerfile.dev", "RUN pdm lock", "lock", "DD101")});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("the build context has pdm.lock at its root: copy it into the image"),
            std::string::npos)
      << messages[0];
  fs::path after = kFixtures / "seeds/000-pdm-single-lockfile/after";
  EXPECT_EQ(lint_in_context(after, "services/nlp_service/Dockerfile"), Lines{});
  EXPECT_EQ(lint_in_context(after, "services/nlp_service/Dockerfile.dev"), Lines{});
}

TEST(RulesLockfileSeeds, PnpmLockfileDisabled) {
  fs::path before = kFixtures / "seeds/001-pnpm-lockfile-disabled/before";
  if (!fs::exists(before)) GTEST_SKIP() << "fixtures/seeds is absent";
  std::vector<std::string> messages;
  EXPECT_EQ(lint_in_context(before, "backend/Dockerfile", &messages),
            Lines{where(before, "backend/Dockerfile", "--lockfile=false", "--lockfile=false", "DD103")});
  ASSERT_EQ(messages.size(), 1u);
  // The context lists pnpm-lock.yaml, but its .dockerignore leaves it out.
  EXPECT_NE(messages[0].find("at its root (but .dockerignore pattern `pnpm-lock.yaml` (.dockerignore line 4) "
                             "excludes it"),
            std::string::npos)
      << messages[0];
  EXPECT_EQ(lint_in_context(kFixtures / "seeds/001-pnpm-lockfile-disabled/after", "backend/Dockerfile"), Lines{});
}

TEST(RulesLockfileSeeds, DevProdDrift) {
  fs::path before = kFixtures / "seeds/002-dev-prod-drift/before";
  if (!fs::exists(before)) GTEST_SKIP() << "fixtures/seeds is absent";
  EXPECT_EQ(lint_in_context(before, "services/rag-backend/Dockerfile"),
            Lines{where(before, "services/rag-backend/Dockerfile", "RUN poetry lock", "lock", "DD101")});
  std::vector<std::string> messages;
  EXPECT_EQ(lint_in_context(before, "services/rag-backend/Dockerfile.dev", &messages),
            Lines{where(before, "services/rag-backend/Dockerfile.dev", "RUN poetry install", "install", "DD102")});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("services/rag-backend/poetry.lock"), std::string::npos) << messages[0];
  fs::path after = kFixtures / "seeds/002-dev-prod-drift/after";
  EXPECT_EQ(lint_in_context(after, "services/rag-backend/Dockerfile"), Lines{});
  EXPECT_EQ(lint_in_context(after, "services/rag-backend/Dockerfile.dev"), Lines{});
}

TEST(RulesLockfileSeeds, ExampleMonorepo) {
  fs::path root = kFixtures / "example-monorepo";
  if (!fs::exists(root)) GTEST_SKIP() << "fixtures/example-monorepo is absent";
  std::vector<std::string> messages;
  EXPECT_EQ(lint_in_context(root, "services/nlp_service/Dockerfile", &messages),
            Lines{where(root, "services/nlp_service/Dockerfile", "RUN pdm install", "pdm install", "DD104")});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("that is the lockfile of the build context's root (pdm.lock, copied at line"),
            std::string::npos)
      << messages[0];
  EXPECT_EQ(lint_in_context(root, "services/nlp_service/Dockerfile.dev"),
            Lines{where(root, "services/nlp_service/Dockerfile.dev", "RUN pdm lock", "lock", "DD101")});
  EXPECT_EQ(lint_in_context(root, "apps/web/Dockerfile"),
            Lines{where(root, "apps/web/Dockerfile", "--lockfile=false", "--lockfile=false", "DD103")});
  EXPECT_EQ(lint_in_context(root, "services/rag_backend/Dockerfile.dev"),
            Lines{where(root, "services/rag_backend/Dockerfile.dev", "RUN poetry lock", "lock", "DD101")});
  for (const char* quiet : {"services/rag_backend/Dockerfile", "packages/server/Dockerfile", "services/pose/Dockerfile"})
    EXPECT_EQ(lint_in_context(root, quiet), Lines{}) << quiet;
}

}  // namespace
