// DD106 install-outside-workspace-root and DD107 path-dependency-not-in-image
// over in-memory build contexts: the manifests' texts, the listing, and the
// Dockerfile; plus the workspace model they read.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "manifest/workspace.h"
#include "project/context_manifests.h"

namespace {

struct Repo {
  std::map<std::string, std::string> manifests;  // path -> text
  std::vector<std::string> other;                // more files of the listing
};

struct Result {
  std::string text;
  std::vector<dd::Finding> findings;
  std::string at(size_t i) const {
    const dd::Span& s = findings.at(i).span;
    return text.substr(s.start.offset, s.end.offset - s.start.offset);
  }
};

Result lint(const std::string& rule, std::string text, const Repo& repo) {
  dd::FileInfo file;
  file.path = "Dockerfile";
  dd::BuildContextInfo info;  // outlives the lint below, which points at it
  info.dir = ".";
  std::vector<std::string> locks;
  for (const auto& [p, _] : repo.manifests) info.files.push_back(p);
  for (const std::string& p : repo.other) {
    info.files.push_back(p);
    if (dd::ContextManifests::is_lockfile(p)) locks.push_back(p);
  }
  std::sort(info.files.begin(), info.files.end());
  info.manifests = dd::ContextManifests::from_texts(repo.manifests, locks);
  file.context = &info;
  Result r;
  r.text = std::move(text);
  for (dd::Finding& f : dd::lint_dockerfile_text(file, r.text))
    if (f.rule_id == rule) r.findings.push_back(std::move(f));
  return r;
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

const Repo kPoetry = {
    {{"packages/server/pyproject.toml",
      "[tool.poetry.dependencies]\npython = \"^3.11\"\nshared-python = {path = "
      "\"../shared/python\", develop = true}\n"},
     {"packages/shared/python/pyproject.toml", "[tool.poetry]\nname = \"shared-python\"\n"}},
    {"packages/server/poetry.lock", "packages/shared/python/src/shared/__init__.py"}};

TEST(RulesDD107, PoetryPathDependencyNeverCopied) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "WORKDIR /app\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock ./\n"
                  "RUN poetry install --no-root\n",
                  kPoetry);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "poetry install");
  EXPECT_EQ(r.findings[0].span.start.line, 4);
  const std::string& m = r.findings[0].message;
  EXPECT_TRUE(has(m, "packages/server/pyproject.toml:3")) << m;
  EXPECT_TRUE(has(m, "from /shared/python")) << m;
  EXPECT_TRUE(has(m, "COPY packages/shared/python/ /shared/python/")) << m;
}

TEST(RulesDD107, CopiedToWhereThePathPointsIsSilent) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "WORKDIR /app\n"
                  "COPY packages/shared/python/ ../shared/python/\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock ./\n"
                  "RUN poetry install --no-root\n",
                  kPoetry);
  EXPECT_TRUE(r.findings.empty());
}

TEST(RulesDD107, CopiedAfterTheInstallStillFires) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "WORKDIR /app\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock ./\n"
                  "RUN poetry install --no-root\n"
                  "COPY packages/shared/python/ ../shared/python/\n",
                  kPoetry);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST(RulesDD107, CopiedToTheWrongPlaceFires) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "WORKDIR /app\n"
                  "COPY packages/shared/python/ ./shared/python/\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock ./\n"
                  "RUN poetry install --no-root\n",
                  kPoetry);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST(RulesDD107, RepositoryLayoutInTheImageIsSilent) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "WORKDIR /repo\n"
                  "COPY . .\n"
                  "WORKDIR /repo/packages/server\n"
                  "RUN poetry install --no-root\n",
                  kPoetry);
  EXPECT_TRUE(r.findings.empty());
}

TEST(RulesDD107, AnotherStageMayHoldItSoTheRuleIsSilent) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim AS src\n"
                  "FROM python:3.11-slim\n"
                  "COPY --from=src /shared /shared\n"
                  "WORKDIR /app\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock ./\n"
                  "RUN poetry install --no-root\n",
                  kPoetry);
  EXPECT_TRUE(r.findings.empty());
}

TEST(RulesDD107, WithoutAContextTheRuleIsSilent) {
  std::string text =
      "FROM python:3.11-slim\nWORKDIR /app\nCOPY packages/server/pyproject.toml ./\nRUN poetry "
      "install --no-root\n";
  for (const dd::Finding& f : dd::lint_dockerfile_text("Dockerfile", text))
    EXPECT_NE(f.rule_id, "DD107");
}

TEST(RulesDD107, PathOutsideTheContext) {
  Repo repo = {
      {{"pyproject.toml", "[tool.poetry.dependencies]\nshared = {path = \"../shared\"}\n"}},
      {"poetry.lock"}};
  Result r = lint("DD107",
                  "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN "
                  "poetry install\n",
                  repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "outside the build context")) << r.findings[0].message;
}

TEST(RulesDD107, PathMissingFromTheContext) {
  Repo repo = {
      {{"pyproject.toml", "[tool.poetry.dependencies]\nshared = {path = \"libs/shared\"}\n"}},
      {"poetry.lock"}};
  Result r = lint("DD107",
                  "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN "
                  "poetry install\n",
                  repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "holds no files in the build context"))
      << r.findings[0].message;
}

TEST(RulesDD107, CdInTheRunIsWhereTheProjectIs) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\n"
                  "COPY packages/server/pyproject.toml packages/server/poetry.lock /srv/app/\n"
                  "COPY packages/shared/python/ /shared/python/\n"
                  "RUN cd /srv/app && poetry install --no-root\n",
                  kPoetry);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "from /srv/shared/python")) << r.findings[0].message;
}

TEST(RulesDD107, GoReplaceOfALocalModule) {
  Repo repo = {{{"api/go.mod", "module example.com/api\n\nreplace example.com/core => ../core\n"},
                {"core/go.mod", "module example.com/core\n"}},
               {"api/go.sum", "api/main.go", "core/core.go"}};
  Result r = lint(
      "DD107",
      "FROM golang:1.22\nWORKDIR /src/api\nCOPY api/go.mod api/go.sum ./\nRUN go mod download\n",
      repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "api/go.mod:3")) << r.findings[0].message;
  Result good = lint(
      "DD107",
      "FROM golang:1.22\nWORKDIR /src/api\nCOPY core/ ../core/\nCOPY api/go.mod api/go.sum ./\n"
      "RUN go mod download\n",
      repo);
  EXPECT_TRUE(good.findings.empty());
}

const Repo kPdm = {
    {{"pyproject.toml",
      "[project]\nname = \"root\"\ndependencies = [\n  \"-e "
      "file:///${PROJECT_ROOT}/libs/core#egg=core\",\n]\n"
      "[tool.pdm.dev-dependencies]\ndev = [\"-e file:///${PROJECT_ROOT}/tools/lint#egg=lint\"]\n"},
     {"libs/core/pyproject.toml", "[project]\nname = \"core\"\n"},
     {"tools/lint/pyproject.toml", "[project]\nname = \"lint\"\n"}},
    {"pdm.lock", "libs/core/src/core/__init__.py"}};

TEST(RulesDD107, PdmEditableProjectRootDependency) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml pdm.lock ./\n"
                  "COPY tools/lint/ tools/lint/\n"
                  "RUN pdm install --frozen-lockfile\n",
                  kPdm);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "pyproject.toml:4")) << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "/app/libs/core")) << r.findings[0].message;
}

TEST(RulesDD107, DevGroupLeftOutByTheInstallIsNotChecked) {
  Result r = lint("DD107",
                  "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml pdm.lock ./\n"
                  "COPY libs/core/ libs/core/\n"
                  "RUN pdm install --prod --frozen-lockfile\n",
                  kPdm);
  EXPECT_TRUE(r.findings.empty());
  Result dev = lint("DD107",
                    "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml pdm.lock ./\n"
                    "COPY libs/core/ libs/core/\n"
                    "RUN pdm install --dev --frozen-lockfile\n",
                    kPdm);
  ASSERT_EQ(dev.findings.size(), 1u);
  EXPECT_TRUE(has(dev.findings[0].message, "tools/lint")) << dev.findings[0].message;
}

TEST(RulesDD106, MemberInstalledOnItsOwn) {
  Repo repo = {
      {{"pyproject.toml",
        "[project]\ndependencies = [\"-e file:///${PROJECT_ROOT}/services/api#egg=api\"]\n"},
       {"services/api/pyproject.toml", "[project]\nname = \"api\"\n"}},
      {"pdm.lock"}};
  Result r =
      lint("DD106",
           "FROM python:3.11-slim\nWORKDIR /app/services/api\nCOPY services/api/pyproject.toml ./\n"
           "RUN pdm install --prod\n",
           repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.at(0), "pdm install");
  EXPECT_TRUE(has(r.findings[0].message, "without a lockfile")) << r.findings[0].message;
  EXPECT_TRUE(has(r.findings[0].message, "pyproject.toml:2")) << r.findings[0].message;

  // With the root lockfile copied DD104 judges the install; DD106 is silent.
  Result copied =
      lint("DD106",
           "FROM python:3.11-slim\nWORKDIR /app/services/api\nCOPY pdm.lock pyproject.toml /app/\n"
           "COPY services/api/pyproject.toml ./\nRUN pdm install --prod --frozen-lockfile\n",
           repo);
  EXPECT_TRUE(copied.findings.empty());
  Result dd104 =
      lint("DD104",
           "FROM python:3.11-slim\nWORKDIR /app/services/api\nCOPY pdm.lock pyproject.toml /app/\n"
           "COPY services/api/pyproject.toml ./\nRUN pdm install --prod --frozen-lockfile\n",
           repo);
  EXPECT_EQ(dd104.findings.size(), 1u);

  // From the root it is the workspace's install.
  Result root = lint("DD106",
                     "FROM python:3.11-slim\nWORKDIR /app\nCOPY pdm.lock pyproject.toml ./\n"
                     "COPY services/api/ services/api/\nRUN pdm install --prod --frozen-lockfile\n",
                     repo);
  EXPECT_TRUE(root.findings.empty());
}

TEST(RulesDD106, OwnLockfileNamedByAnOption) {
  Repo repo = {
      {{"pyproject.toml",
        "[project]\ndependencies = [\"-e file:///${PROJECT_ROOT}/services/api#egg=api\"]\n"},
       {"services/api/pyproject.toml", "[project]\nname = \"api\"\n"}},
      {"pdm.lock"}};
  Result r =
      lint("DD106",
           "FROM python:3.11-slim\nWORKDIR /app/services/api\nCOPY services/api/pyproject.toml ./\n"
           "RUN pdm lock -L pdm.lock.docker && pdm install -L pdm.lock.docker\n",
           repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "with its own lockfile pdm.lock.docker"))
      << r.findings[0].message;
}

TEST(RulesDD106, PnpmWorkspaceMemberWithoutTheRootLock) {
  Repo repo = {{{"pnpm-workspace.yaml", "packages:\n  - apps/*\n"},
                {"package.json", "{\"name\": \"root\", \"private\": true}"},
                {"apps/web/package.json", "{\"name\": \"web\"}"}},
               {"pnpm-lock.yaml"}};
  Result r =
      lint("DD106", "FROM node:20\nWORKDIR /web\nCOPY apps/web/package.json ./\nRUN pnpm install\n",
           repo);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(has(r.findings[0].message, "pnpm-workspace.yaml:2")) << r.findings[0].message;
  // A directory outside every workspace pattern is a project of its own.
  Repo other = repo;
  other.manifests.erase("apps/web/package.json");
  other.manifests["tools/x/package.json"] = "{\"name\": \"x\"}";
  Result alone = lint(
      "DD106", "FROM node:20\nWORKDIR /x\nCOPY tools/x/package.json ./\nRUN pnpm install\n", other);
  EXPECT_TRUE(alone.findings.empty());
}

TEST(RulesDD106, SubdirectoryWithoutRootLockfileIsNoWorkspace) {
  Repo repo = {
      {{"pyproject.toml",
        "[project]\ndependencies = [\"-e file:///${PROJECT_ROOT}/services/api#egg=api\"]\n"},
       {"services/api/pyproject.toml", "[project]\nname = \"api\"\n"}},
      {}};
  Result r = lint(
      "DD106",
      "FROM python:3.11-slim\nWORKDIR /app\nCOPY services/api/pyproject.toml ./\nRUN pdm install\n",
      repo);
  EXPECT_TRUE(r.findings.empty());
}

// The model itself.
TEST(WorkspaceModel, UvMembersWithExcludeAndNesting) {
  dd::manifest::WorkspaceModel model(
      {{"pyproject.toml",
        "[tool.uv.workspace]\nmembers = [\"packages/*\"]\nexclude = [\"packages/old\"]\n"},
       {"packages/a/pyproject.toml", "[project]\nname = \"a\"\n"},
       {"packages/old/pyproject.toml", "[project]\nname = \"old\"\n"},
       {"packages/a/deep/pyproject.toml", "[project]\nname = \"deep\"\n"}},
      {"uv.lock"});
  ASSERT_EQ(model.workspaces().size(), 1u);
  EXPECT_EQ(model.workspaces()[0].members, std::vector<std::string>{"packages/a"});
  EXPECT_NE(model.governing("packages/a"), nullptr);
  EXPECT_EQ(model.governing("packages/old"), nullptr);
  EXPECT_EQ(model.governing("packages/a/deep"), nullptr);
  EXPECT_EQ(model.governing(""), nullptr);
}

TEST(WorkspaceModel, MemberPatterns) {
  using dd::manifest::member_matches;
  EXPECT_TRUE(member_matches("packages/*", "packages/a"));
  EXPECT_FALSE(member_matches("packages/*", "packages/a/b"));
  EXPECT_TRUE(member_matches("libs/**", "libs/a/b"));
  EXPECT_TRUE(member_matches("**/svc", "x/y/svc"));
  EXPECT_TRUE(member_matches("apps/web", "apps/web"));
  EXPECT_FALSE(member_matches("apps/web", "apps/webx"));
}

TEST(WorkspaceModel, ResolvesAgainstTheContext) {
  dd::manifest::WorkspaceModel model({{"a/b/pyproject.toml",
                                       "[tool.poetry.dependencies]\nx = {path = \"../../../x\"}\n"
                                       "y = {path = \"../y\"}\n"}},
                                     {});
  const dd::manifest::ManifestFile* f = model.file("a/b/pyproject.toml");
  ASSERT_NE(f, nullptr);
  std::vector<dd::manifest::ResolvedDep> deps = model.local_deps(*f);
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_TRUE(deps[0].outside);
  EXPECT_EQ(deps[1].dir, "a/y");
}

TEST(ContextManifests, PicksManifestsFromAListingAndSkipsInstalledPackages) {
  EXPECT_TRUE(dd::ContextManifests::is_manifest("services/api/pyproject.toml"));
  EXPECT_FALSE(dd::ContextManifests::is_manifest("web/node_modules/react/package.json"));
  EXPECT_FALSE(dd::ContextManifests::is_manifest(".venv/lib/site-packages/x/pyproject.toml"));
  EXPECT_TRUE(dd::ContextManifests::is_lockfile("pdm.lock"));
  EXPECT_FALSE(
      dd::ContextManifests::is_lockfile("requirements.txt"));  // a manifest, not a root lockfile
}

// A context with thousands of manifests (a vendored tree the name filter
// does not know) is modelled from the first ones, with a note, rather than
// read whole.
TEST(ContextManifests, ManyManifestsAreCappedWithANote) {
  std::map<std::string, std::string> texts;
  for (size_t i = 0; i <= dd::ContextManifests::kMaxManifests; ++i)
    texts["pkg" + std::to_string(100000 + i) + "/package.json"] = "{\"name\": \"p\"}";
  auto manifests = dd::ContextManifests::from_texts(texts, {});
  const dd::manifest::WorkspaceModel& model = manifests->model();
  EXPECT_EQ(model.files().size(), dd::ContextManifests::kMaxManifests);
  ASSERT_EQ(model.notes.size(), 1u);
  EXPECT_EQ(&manifests->model(), &model);  // parsed once
}

TEST(ContextManifests, PicksOnlyManifestNamesFromALargeListing) {
  std::vector<std::string> files;
  for (int i = 0; i < 200000; ++i) files.push_back("src/f" + std::to_string(i) + ".py");
  files.push_back("pyproject.toml");
  files.push_back("pdm.lock");
  files.push_back("web/node_modules/x/package.json");
  std::sort(files.begin(), files.end());
  auto manifests = dd::ContextManifests::from_listing("/nonexistent-dd-context", files);
  // Nothing is read yet; reading a missing file gives an empty manifest.
  const dd::manifest::WorkspaceModel& model = manifests->model();
  ASSERT_EQ(model.files().size(), 1u);
  EXPECT_EQ(model.files()[0].path, "pyproject.toml");
  EXPECT_EQ(model.lockfiles(), std::vector<std::string>{"pdm.lock"});
}

}  // namespace
