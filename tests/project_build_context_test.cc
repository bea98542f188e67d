// Build context inference and listing (src/project/build_context.h), on the
// seed repositories in place and on temporary trees built per test.
#include "project/build_context.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "time_limits.h"

namespace fs = std::filesystem;

namespace dd {
namespace {

const std::string kSeeds = DD_SOURCE_DIR "/fixtures/seeds";

class TempTree {
 public:
  TempTree() {
    char tmpl[] = "/tmp/dd-ctx-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const std::string& path() const { return root_; }
  std::string operator/(const std::string& rel) const { return root_ + "/" + rel; }
  void write(const std::string& rel, const std::string& text = "") const {
    fs::path p = root_ + "/" + rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(root_ + "/" + rel); }

 private:
  std::string root_;
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The inferred context (relative to root) of the Dockerfile at root/rel.
std::string infer(const std::string& root, const std::string& rel) {
  Dockerfile df = parse_dockerfile(read(root + "/" + rel));
  std::string dir = rel.find('/') == std::string::npos ? "" : rel.substr(0, rel.rfind('/'));
  return infer_context_dir(root, dir, context_sources(df));
}

std::string infer_text(const TempTree& t, const std::string& rel, const std::string& text) {
  t.write(rel, text);
  return infer(t.path(), rel);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// --- The seed repositories: each compose file names the context these
// Dockerfiles are built with; inference must find the same directory.

TEST(ProjectBuildContext, SeedMonorepoServicesInferTheRepositoryRoot) {
  EXPECT_EQ(infer(kSeeds + "/000-pdm-single-lockfile/before", "services/nlp_service/Dockerfile"), "");
  EXPECT_EQ(infer(kSeeds + "/000-pdm-single-lockfile/before", "services/nlp_service/Dockerfile.dev"), "");
  EXPECT_EQ(infer(kSeeds + "/001-pnpm-lockfile-disabled/before", "backend/Dockerfile"), "");
  EXPECT_EQ(infer(kSeeds + "/002-dev-prod-drift/before", "services/rag-backend/Dockerfile"), "");
  EXPECT_EQ(infer(kSeeds + "/002-dev-prod-drift/before", "services/rag-backend/Dockerfile.dev"), "");
  EXPECT_EQ(infer(kSeeds + "/003-poetry-path-dependency/before", "packages/server/Dockerfile"), "");
  // The `after` forms are built the same way.
  EXPECT_EQ(infer(kSeeds + "/000-pdm-single-lockfile/after", "services/nlp_service/Dockerfile"), "");
  EXPECT_EQ(infer(kSeeds + "/003-poetry-path-dependency/after", "packages/server/Dockerfile"), "");
}

TEST(ProjectBuildContext, SeedServiceThatCopiesItsOwnDirectoryKeepsIt) {
  // `COPY . .` exists everywhere: the tie goes to the Dockerfile's directory,
  // which is what the seed's compose file says (build: ./services/pose).
  EXPECT_EQ(infer(kSeeds + "/004-gpu-pose-service/before", "services/pose/Dockerfile"), "services/pose");
  EXPECT_EQ(infer(kSeeds + "/004-gpu-pose-service/after", "services/pose/Dockerfile"), "services/pose");
}

TEST(ProjectBuildContext, SeedContextsAreListedRaw) {
  BuildContexts contexts;
  std::string root = kSeeds + "/004-gpu-pose-service/before";
  Dockerfile df = parse_dockerfile(read(root + "/services/pose/Dockerfile"));
  BuildContextInfo* info = contexts.infer({root, "", "services/pose/Dockerfile"}, df);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->dir, "services/pose");
  EXPECT_FALSE(info->has_dockerignore);
  // Docker sends data/ unless .dockerignore says otherwise. (git cannot
  // commit a `.git` directory inside a fixture, so none is expected here.)
  EXPECT_EQ(info->files, (std::vector<std::string>{".env.example", "Dockerfile",
                                                   "data/samples.csv", "pose/model.py",
                                                   "requirements.txt", "scripts/install_deps.sh",
                                                   "serve.py"}));

  std::string root0 = kSeeds + "/000-pdm-single-lockfile/before";
  Dockerfile df0 = parse_dockerfile(read(root0 + "/services/nlp_service/Dockerfile"));
  BuildContextInfo* info0 = contexts.infer({root0, "", "services/nlp_service/Dockerfile"}, df0);
  ASSERT_NE(info0, nullptr);
  EXPECT_EQ(info0->dir, ".");
  EXPECT_TRUE(info0->has_dockerignore);
  EXPECT_TRUE(contains(info0->files, "pdm.lock"));
  EXPECT_TRUE(contains(info0->files, "libs/common_core/src/common_core/__init__.py"));
  EXPECT_TRUE(std::is_sorted(info0->files.begin(), info0->files.end()));
}

// --- Inference rules on small trees.

TEST(ProjectBuildContext, NoSourcesKeepsTheDockerfileDirectory) {
  TempTree t;
  t.write("app.py");
  EXPECT_EQ(infer_text(t, "svc/Dockerfile", "FROM alpine\nRUN echo hi\n"), "svc");
  EXPECT_EQ(infer_text(t, "Dockerfile", "FROM alpine\n"), "");
  // An unparsable file has no sources either.
  EXPECT_EQ(infer_text(t, "bad/Dockerfile", "FROM alpine\nCOPY\n"), "bad");
}

TEST(ProjectBuildContext, SourcesThatAreNotFromTheContextAreIgnored) {
  TempTree t;
  t.write("app/main.py");
  t.write("config.json");
  // Each of these names a path that exists only at the root; none reads the context.
  EXPECT_EQ(infer_text(t, "svc/Dockerfile",
                       "FROM alpine AS build\nFROM alpine\nCOPY --from=build app/ /app/\n"
                       "COPY --from=nginx:1 config.json /c\n"
                       "ADD https://example.com/config.json /c\n"
                       "COPY <<config.json /c\nhello\nconfig.json\n"
                       "RUN --mount=type=bind,from=build,source=config.json,target=/x true\n"),
            "svc");
}

TEST(ProjectBuildContext, MostResolvedSourcesWinAndTiesGoToTheNearest) {
  TempTree t;
  t.write("pdm.lock");
  t.write("services/nlp/pyproject.toml");
  t.write("services/nlp/src/main.py");
  // Only the root has both.
  EXPECT_EQ(infer_text(t, "services/nlp/Dockerfile",
                       "FROM python\nCOPY services/nlp/pyproject.toml pdm.lock ./\n"),
            "");
  // All beside the Dockerfile.
  EXPECT_EQ(infer_text(t, "services/nlp/Dockerfile", "FROM python\nCOPY pyproject.toml src/ ./\n"),
            "services/nlp");
  // One resolves beside it, another at the root: a tie, the nearest wins.
  EXPECT_EQ(infer_text(t, "services/nlp/Dockerfile", "FROM python\nCOPY pyproject.toml pdm.lock ./\n"),
            "services/nlp");
  // A middle ancestor with as many as the root wins over it.
  t.write("services/shared.txt");
  t.write("shared.txt");
  EXPECT_EQ(infer_text(t, "services/nlp/Dockerfile", "FROM python\nCOPY shared.txt /x\n"), "services");
  // Nothing resolves anywhere: the Dockerfile's own directory.
  EXPECT_EQ(infer_text(t, "services/nlp/Dockerfile", "FROM python\nCOPY missing.txt /x\n"),
            "services/nlp");
}

TEST(ProjectBuildContext, AStrayMatchFarUpIsNotAContext) {
  TempTree t;
  t.write("README.md");
  t.mkdir("tools/pop");
  // Half the sources is not most of them.
  EXPECT_EQ(infer_text(t, "tools/spec/Dockerfile", "FROM alpine\nCOPY schema /schema\nCOPY *.md /src/\n"),
            "tools/spec");
  // `pop` is the binary built beside the Dockerfile, not the directory the
  // Dockerfile itself is in, seen from above.
  EXPECT_EQ(infer_text(t, "tools/pop/Dockerfile", "FROM alpine\nCOPY pop /usr/local/bin/pop\n"), "tools/pop");
  EXPECT_EQ(infer_text(t, "tools/pop/Dockerfile", "FROM alpine\nCOPY tools /t\n"), "tools/pop");
  // Written as a directory, or as a path from above, it does count.
  EXPECT_EQ(infer_text(t, "tools/pop/Dockerfile", "FROM alpine\nCOPY pop/ /src/\n"), "tools");
  EXPECT_EQ(infer_text(t, "tools/pop/Dockerfile", "FROM alpine\nCOPY tools/pop /src\n"), "");
}

TEST(ProjectBuildContext, TrailingSlashSourcesMustBeDirectories) {
  TempTree t;
  t.write("svc/src");  // a file named src beside the Dockerfile
  t.write("src/main.go");
  EXPECT_EQ(infer_text(t, "svc/Dockerfile", "FROM golang\nCOPY src/ /app/\n"), "");
  EXPECT_EQ(infer_text(t, "svc/Dockerfile", "FROM golang\nCOPY src /app/\n"), "svc");
}

TEST(ProjectBuildContext, ArgDependentSources) {
  TempTree t;
  t.write("services/api/requirements.txt");
  t.write("services/api/main.py");
  // A default value is used, as docker build does without --build-arg.
  EXPECT_EQ(infer_text(t, "services/api/Dockerfile",
                       "ARG APP=services/api\nFROM python\nARG APP\n"
                       "COPY ${APP}/requirements.txt ./\nCOPY $APP/main.py ./\n"),
            "");
  // ENV values count too.
  EXPECT_EQ(infer_text(t, "services/api/Dockerfile",
                       "FROM python\nENV SRC=services/api\nCOPY ${SRC}/main.py ./\n"),
            "");
  // Without a default the value is unknown: that source does not vote.
  EXPECT_EQ(infer_text(t, "services/api/Dockerfile",
                       "FROM python\nARG APP\nCOPY ${APP}/requirements.txt ./\nCOPY main.py ./\n"),
            "services/api");
  // The global ARG not redeclared in the stage is not in scope there.
  EXPECT_EQ(infer_text(t, "services/api/Dockerfile",
                       "ARG APP=services/api\nFROM python\nCOPY ${APP}/requirements.txt ./\n"),
            "services/api");
}

TEST(ProjectBuildContext, GlobSourcesMatchSegmentBySegment) {
  TempTree t;
  t.write("packages/a/package.json");
  t.write("packages/b/package.json");
  t.write("apps/web/index.js");
  EXPECT_EQ(infer_text(t, "apps/web/Dockerfile", "FROM node\nCOPY packages/*/package.json ./\n"), "");
  EXPECT_EQ(infer_text(t, "apps/web/Dockerfile", "FROM node\nCOPY *.js ./\n"), "apps/web");
  EXPECT_EQ(infer_text(t, "apps/web/Dockerfile", "FROM node\nCOPY packages/[ab]/pack?ge.json ./\n"), "");
  EXPECT_EQ(infer_text(t, "apps/web/Dockerfile", "FROM node\nCOPY packages/*/missing.json ./\n"),
            "apps/web");
}

TEST(ProjectBuildContext, BindMountSourcesVote) {
  TempTree t;
  t.write("uv.lock");
  t.write("svc/app.py");
  EXPECT_EQ(infer_text(t, "svc/Dockerfile",
                       "FROM python\nRUN --mount=type=bind,source=uv.lock,target=/uv.lock uv sync\n"),
            "");
  // The default mount type is bind.
  EXPECT_EQ(infer_text(t, "svc/Dockerfile", "FROM python\nRUN --mount=src=uv.lock,target=/u true\n"), "");
  EXPECT_EQ(infer_text(t, "svc/Dockerfile",
                       "FROM python\nRUN --mount=type=cache,source=uv.lock,target=/u true\n"),
            "svc");
}

TEST(ProjectBuildContext, ContextSourcesAreCleanedAndDeduplicated) {
  Dockerfile df = parse_dockerfile(
      "FROM alpine\nCOPY ./a/../b/ /x/\nCOPY /etc/hosts b/ /y/\nCOPY . /z\nCOPY --from=alpine /c /d\n");
  std::vector<ContextSource> s = context_sources(df);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].path, "b");
  EXPECT_TRUE(s[0].dir);
  EXPECT_EQ(s[1].path, "etc/hosts");
  EXPECT_FALSE(s[1].dir);
  EXPECT_EQ(s[2].path, "");
}

// --- Listing.

TEST(ProjectBuildContext, ListingNeverFollowsSymlinks) {
  TempTree t;
  t.write("outside/secret.txt");
  t.write("repo/app/main.py");
  t.write("repo/.dockerignore", ".git\n");
  t.write("repo/.git/config");
  ASSERT_EQ(symlink("../outside", (t / "repo/out").c_str()), 0);
  ASSERT_EQ(symlink("app", (t / "repo/app-link").c_str()), 0);
  ASSERT_EQ(symlink("/nonexistent", (t / "repo/broken").c_str()), 0);
  ContextListing l = list_context(t / "repo");
  EXPECT_TRUE(l.complete);
  EXPECT_TRUE(l.has_dockerignore);
  // Links are entries of their own (Docker sends them as links); nothing
  // behind them is listed.
  EXPECT_EQ(l.files, (std::vector<std::string>{".dockerignore", ".git/config", "app-link", "app/main.py",
                                               "broken", "out"}));
}

TEST(ProjectBuildContext, ASymlinkedDockerignoreCounts) {
  TempTree t;
  t.write("repo/ignore-rules", "node_modules\n");
  ASSERT_EQ(symlink("ignore-rules", (t / "repo/.dockerignore").c_str()), 0);
  EXPECT_TRUE(list_context(t / "repo").has_dockerignore);
  t.mkdir("other/.dockerignore");  // a directory of that name is not an ignore file
  EXPECT_FALSE(list_context(t / "other").has_dockerignore);
}

TEST(ProjectBuildContext, TheWalkStopsAtTheCap) {
  TempTree t;
  for (int i = 0; i < 30; ++i) t.write("d" + std::to_string(i % 3) + "/f" + std::to_string(i));
  ContextListing full = list_context(t.path(), 100);
  EXPECT_TRUE(full.complete);
  EXPECT_EQ(full.files.size(), 30u);
  EXPECT_EQ(full.entries, 33u);  // 30 files and 3 directories

  ContextListing cut = list_context(t.path(), 10);
  EXPECT_FALSE(cut.complete);
  EXPECT_EQ(cut.entries, 10u);
  ASSERT_EQ(cut.notes.size(), 1u);
  EXPECT_NE(cut.notes[0].find("more than 10 entries"), std::string::npos);

  // The engine gives rules no listing rather than a partial one, and says so.
  BuildContexts contexts(10);
  EXPECT_EQ(contexts.at(t.path(), "."), nullptr);
  std::vector<std::string> notes = contexts.take_notes();
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("build context '.' is not listed"), std::string::npos) << notes.back();
  EXPECT_TRUE(contexts.take_notes().empty());
  // Asked again, it is not walked again and not noted again.
  EXPECT_EQ(contexts.at(t.path(), "."), nullptr);
  EXPECT_EQ(contexts.walks(), 1u);
  EXPECT_TRUE(contexts.take_notes().empty());
}

TEST(ProjectBuildContext, ARunSharesOneBudgetAcrossContexts) {
  TempTree t;
  for (int i = 0; i < 8; ++i) {
    t.write("a/f" + std::to_string(i));
    t.write("b/f" + std::to_string(i));
    t.write("c/f" + std::to_string(i));
  }
  BuildContexts contexts(100, 20);
  EXPECT_NE(contexts.at(t / "a", "a"), nullptr);  // 8 entries, 12 left
  EXPECT_NE(contexts.at(t / "b", "b"), nullptr);  // 8 more, 4 left
  EXPECT_EQ(contexts.at(t / "c", "c"), nullptr);  // would need 8
  std::vector<std::string> notes = contexts.take_notes();
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("budget of 20 entries"), std::string::npos) << notes.back();
  EXPECT_EQ(contexts.at(t / "d-missing", "d"), nullptr);
}

TEST(ProjectBuildContext, EachContextIsWalkedOncePerRun) {
  TempTree t;
  t.write("pdm.lock");
  t.write("services/a/Dockerfile", "FROM python\nCOPY pdm.lock services/a/ ./\n");
  t.write("services/b/Dockerfile", "FROM python\nCOPY pdm.lock services/b/ ./\n");
  t.write("services/c/Dockerfile", "FROM python\nCOPY main.py ./\n");
  t.write("services/c/main.py");
  BuildContexts contexts;
  std::vector<BuildContextInfo*> seen;
  for (std::string rel : {"services/a/Dockerfile", "services/b/Dockerfile", "services/c/Dockerfile"})
    seen.push_back(contexts.infer({t.path(), "", rel}, parse_dockerfile(read(t / rel))));
  ASSERT_NE(seen[0], nullptr);
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(seen[0]->dir, ".");
  ASSERT_NE(seen[2], nullptr);
  EXPECT_EQ(seen[2]->dir, "services/c");
  EXPECT_EQ(seen[2]->files, (std::vector<std::string>{"Dockerfile", "main.py"}));
  EXPECT_EQ(contexts.walks(), 2u);
  // A root shown with a prefix (several paths on the command line).
  BuildContextInfo* shown = contexts.infer({t / "services", "services", "c/Dockerfile"},
                                           parse_dockerfile(read(t / "services/c/Dockerfile")));
  ASSERT_NE(shown, nullptr);
  EXPECT_EQ(shown->dir, "services/c");
  EXPECT_EQ(contexts.walks(), 2u);  // the same directory on disk
}

TEST(ProjectBuildContext, AContextIsSharedByPointer) {
  TempTree t;
  t.write("a.txt");
  BuildContexts contexts;
  const BuildContextInfo* shared = contexts.at(t.path(), ".");
  ASSERT_NE(shared, nullptr);
  FileInfo file;
  file.path = "Dockerfile";
  file.context = shared;
  // The linter reads it through the FileInfo, and leaves it as it was.
  std::vector<Finding> findings = lint_dockerfile_text(file, "FROM alpine:3.20\n");
  for (const Finding& f : findings) EXPECT_NE(f.rule_id, "DD003") << f.message;
  EXPECT_EQ(shared->files, std::vector<std::string>{"a.txt"});
  EXPECT_EQ(shared->dir, ".");
}

TEST(ProjectBuildContext, DeepAndWideTreesStayLinear) {
  TempTree t;
  std::string rel;
  for (int i = 0; i < 300; ++i) rel += "d/";
  t.write(rel + "leaf");
  for (int i = 0; i < 3000; ++i) t.write("wide/f" + std::to_string(i));
  auto start = std::chrono::steady_clock::now();
  ContextListing l = list_context(t.path());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(l.complete);
  EXPECT_EQ(l.files.size(), 3001u);
  EXPECT_TRUE(contains(l.files, rel + "leaf"));
  EXPECT_LT(seconds, dd::test::time_limit(5.0));
  // A glob over the wide directory is bounded too.
  EXPECT_TRUE(source_exists(t.path(), {"wide/f29*", true, false}));
  EXPECT_FALSE(source_exists(t.path(), {"wide/*/x", true, false}));
}

}  // namespace
}  // namespace dd
