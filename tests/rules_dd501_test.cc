// DD501 dev-tooling-in-production: which stages count as production, what
// counts as development tooling (knowledge flags, package words, extras,
// requirement files, launch commands), inheritance, removal, wrappers, and
// the fixes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "rules/doc_options.h"
#include "rules/image_role.h"

namespace {

struct Hit {
  std::string text;  // the spanned characters
  std::string message;
  bool fixable = false;
  std::string replacement;
};

std::vector<Hit> dd501(const std::string& text, const std::string& path = "svc/Dockerfile") {
  dd::FileInfo file;
  file.path = path;
  std::vector<Hit> out;
  for (const dd::Finding& f : dd::lint_dockerfile_text(file, text)) {
    if (f.rule_id != "DD501") continue;
    Hit h{text.substr(f.span.start.offset, f.span.end.offset - f.span.start.offset), f.message, f.fix.has_value(), ""};
    if (f.fix && f.fix->edits.size() == 1) h.replacement = f.fix->edits[0].replacement;
    out.push_back(h);
  }
  return out;
}

std::vector<std::string> texts(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits) out.push_back(h.text);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(RulesDD501, ImageRolesFromFileAndStageNames) {
  using dd::rules::is_dev_file_path;
  for (const char* dev : {"Dockerfile.dev", "svc/Dockerfile-dev", "dev.Dockerfile", "api.test.Dockerfile",
                          "Dockerfile.debug", "Dockerfile.local", ".devcontainer/Dockerfile", "tests/Dockerfile",
                          "x/Dockerfile.DEV", "Containerfile.ci"})
    EXPECT_TRUE(is_dev_file_path(dev)) << dev;
  for (const char* prod : {"Dockerfile", "Dockerfile.prod", "services/api/Dockerfile", "002-dev-prod-drift/Dockerfile",
                           "devices/Dockerfile", "Dockerfile.production", "contest/Dockerfile"})
    EXPECT_FALSE(is_dev_file_path(prod)) << prod;
  EXPECT_TRUE(dd::rules::is_dev_stage_name("dev"));
  EXPECT_TRUE(dd::rules::is_dev_stage_name("test-runner"));
  EXPECT_TRUE(dd::rules::is_dev_stage_name("runtime-dev"));
  EXPECT_FALSE(dd::rules::is_prod_stage_name("runtime-dev"));
  EXPECT_TRUE(dd::rules::is_prod_stage_name("prod"));
  EXPECT_TRUE(dd::rules::is_prod_stage_name("runtime_gpu"));
  EXPECT_FALSE(dd::rules::is_dev_stage_name("devices"));
}

TEST(RulesDD501, OptionDefaultsComeFromTheRuleDoc) {
  for (const char* option : {"dev-packages", "dev-extras", "debug-commands", "dev-server-commands"})
    EXPECT_FALSE(dd::rules::rule_option_words("DD501", option).empty()) << option;
  const std::vector<std::string>& packages = dd::rules::rule_option_words("DD501", "dev-packages");
  EXPECT_NE(std::find(packages.begin(), packages.end(), "debugpy"), packages.end());
  // Prose before "Default:" is not part of the list.
  EXPECT_EQ(std::find(packages.begin(), packages.end(), "-"), packages.end());
  EXPECT_TRUE(dd::rules::rule_option_words("DD501", "no-such-option").empty());
  EXPECT_EQ(dd::rules::doc_option_words("## Options\n\n- `x`: words `a`. Default: `b`,\n  `c`.\n- `y`: Default: `d`\n",
                                        "x"),
            (V{"b", "c"}));
}

TEST(RulesDD501, Seed002ProductionDockerfile) {
  std::string text =
      "FROM python:3.11-slim\n"
      "RUN pip install --no-cache-dir poetry==1.8.3\n"
      "RUN poetry lock --no-update && poetry install --no-root --with dev\n"
      "RUN pip install --no-cache-dir debugpy\n"
      "USER 1000\n"
      "CMD [\"uvicorn\", \"rag_backend.main:app\", \"--host\", \"0.0.0.0\"]\n";
  std::vector<Hit> hits = dd501(text, "services/rag-backend/Dockerfile");
  ASSERT_EQ(texts(hits), (V{"--with dev", "debugpy"}));
  EXPECT_NE(hits[0].message.find("`--with dev` makes Poetry install development dependencies in the production image"),
            std::string::npos)
      << hits[0].message;
  EXPECT_NE(hits[0].message.find("(`--only main`)"), std::string::npos) << hits[0].message;
  EXPECT_EQ(hits[0].replacement, "--only main");
  EXPECT_NE(hits[1].message.find("`debugpy` is development tooling"), std::string::npos);
  EXPECT_FALSE(hits[1].fixable);
  // The same file named for development is silent.
  EXPECT_TRUE(dd501(text, "services/rag-backend/Dockerfile.dev").empty());
}

TEST(RulesDD501, InheritedFromAnAncestorStage) {
  std::string text =
      "FROM python:3.11-slim AS base\n"
      "RUN pdm install --dev --frozen-lockfile\n"
      "FROM base AS production\n"
      "CMD [\"python\", \"app.py\"]\n"
      "FROM base AS dev\n"
      "CMD [\"python\", \"-m\", \"debugpy\", \"--listen\", \"0.0.0.0:5678\", \"app.py\"]\n";
  std::vector<Hit> hits = dd501(text);
  ASSERT_EQ(texts(hits), (V{"--dev"}));
  EXPECT_NE(hits[0].message.find("in stage 'base', which the production stage 'production' is built FROM"),
            std::string::npos)
      << hits[0].message;
  EXPECT_EQ(hits[0].replacement, "--prod");
}

TEST(RulesDD501, OnePointForSeveralProductionStages) {
  std::string text =
      "FROM node:22 AS base\n"
      "RUN npm ci --include=dev\n"
      "FROM base AS runtime\n"
      "FROM base AS release\n";
  std::vector<Hit> hits = dd501(text);
  ASSERT_EQ(texts(hits), (V{"--include=dev"}));
  EXPECT_NE(hits[0].message.find("'runtime' and the production stage 'release' are built FROM"), std::string::npos)
      << hits[0].message;
  EXPECT_EQ(hits[0].replacement, "--omit=dev");
}

TEST(RulesDD501, OnlyProductionStages) {
  // A final stage named for development, an unrelated build stage.
  EXPECT_TRUE(dd501("FROM node:22 AS build\nRUN npm ci --include=dev && npm run build\n"
                    "FROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
                  .empty());
  EXPECT_TRUE(dd501("FROM python:3.12 AS base\nFROM base AS development\nRUN pip install debugpy pytest\n").empty());
  // Without a file name, only stage names count.
  dd::FileInfo none;
  (void)none;
  std::vector<dd::Finding> stdin_findings = dd::lint_dockerfile_text("-", "FROM python:3.12\nRUN pip install pytest\n");
  bool fired = false;
  for (const dd::Finding& f : stdin_findings) fired = fired || f.rule_id == "DD501";
  EXPECT_TRUE(fired);
}

TEST(RulesDD501, PackageWordsThroughWrappersAndForms) {
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN sudo python3 -m pip install -U 'pytest>=8' ipdb==0.13\n")),
            (V{"pytest", "ipdb"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN sh -c \"pip install Pre_Commit\"\n")), (V{"Pre_Commit"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN uv pip install --system black ruff[format]\n")),
            (V{"black", "ruff"}));
  EXPECT_EQ(texts(dd501("FROM node:22\nRUN npm install -g nodemon@3 @nestjs/cli\n")), (V{"nodemon"}));
  EXPECT_EQ(texts(dd501("FROM node:22\nRUN yarn global add ts-node-dev\n")), (V{"ts-node-dev"}));
  EXPECT_EQ(texts(dd501("FROM node:22\nRUN pnpm add -g nodemon\n")), (V{"nodemon"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN <<EOF\nset -e\npip install debugpy\nEOF\n")), (V{"debugpy"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN [\"pip\", \"install\", \"debugpy\"]\n")), (V{"debugpy"}));
  // Not development tooling, or not installed.
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN pip install pytest-runtime-thing flask\n").empty());
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN pip download pytestx && echo pytest\n").empty());
  EXPECT_TRUE(dd501("FROM debian\nRUN apt-get install -y black\n").empty());  // an OS package
  EXPECT_TRUE(dd501("FROM node:22\nRUN npm uninstall nodemon\n").empty());
  EXPECT_TRUE(dd501("FROM python:3.12\nARG TOOLS=debugpy\nRUN pip install $TOOLS\n").empty());
}

TEST(RulesDD501, ExtrasAndRequirementFiles) {
  std::vector<Hit> hits = dd501("FROM python:3.12\nRUN pip install -e '.[dev,postgres,test]'\n");
  EXPECT_EQ(texts(hits), (V{"dev", "test"}));
  hits = dd501("FROM python:3.12\nRUN pip install -r requirements/dev.txt -r requirements.txt\n");
  ASSERT_EQ(texts(hits), (V{"requirements/dev.txt"}));
  EXPECT_NE(hits[0].message.find("lists development requirements"), std::string::npos);
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN pip install --requirement=requirements-test.txt\n")),
            (V{"requirements-test.txt"}));
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN pip install -r requirements.txt '.[postgres]'\n").empty());
}

TEST(RulesDD501, KnowledgeSelectsDevDependencies) {
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN uv sync --frozen --dev\n")), (V{"--dev"}));
  EXPECT_EQ(texts(dd501("FROM node:22\nRUN yarn install --production=false\n")), (V{"--production=false"}));
  std::vector<Hit> hits = dd501("FROM node:22\nRUN NODE_ENV=development npm ci\n");
  ASSERT_EQ(texts(hits), (V{"NODE_ENV=development"}));
  EXPECT_EQ(hits[0].replacement, "NODE_ENV=production");
  // From ENV: the variable also configures the service, so no fix.
  hits = dd501("FROM node:22\nENV NODE_ENV=development\nRUN npm ci\n");
  ASSERT_EQ(texts(hits), (V{"NODE_ENV=development"}));
  EXPECT_FALSE(hits[0].fixable);
  // Development dependencies by default only: not reported.
  EXPECT_TRUE(dd501("FROM node:22\nRUN npm ci && npm run build\n").empty());
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN poetry install --only main\n").empty());
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN poetry export --with dev -o req.txt\n").empty());
}

TEST(RulesDD501, RemovedLaterIsNotShipped) {
  EXPECT_TRUE(dd501("FROM python:3.12\nRUN pip install debugpy && python -m compileall . && pip uninstall -y debugpy\n")
                  .empty());
  EXPECT_TRUE(dd501("FROM python:3.12 AS base\nRUN pip install pytest\nFROM base AS runtime\n"
                    "RUN pip uninstall -y pytest\n")
                  .empty());
  // Removed before it was installed does not count.
  EXPECT_EQ(texts(dd501("FROM python:3.12\nRUN pip uninstall -y pytest\nRUN pip install pytest\n")), (V{"pytest"}));
}

TEST(RulesDD501, LaunchCommands) {
  std::vector<Hit> hits =
      dd501("FROM python:3.12\nCMD [\"python\", \"-m\", \"debugpy\", \"--listen\", \"0.0.0.0:5678\", \"app.py\"]\n");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].text, "debugpy\", \"--listen");
  EXPECT_NE(hits[0].message.find("`debugpy --listen` in the CMD of the production image"), std::string::npos);
  EXPECT_NE(hits[0].message.find("starts a debugger"), std::string::npos);
  EXPECT_FALSE(hits[0].fixable);

  hits = dd501("FROM python:3.12\nCMD uvicorn app:app --host 0.0.0.0 --reload\n");
  ASSERT_EQ(texts(hits), (V{"--reload"}));
  EXPECT_NE(hits[0].message.find("development server or reloader"), std::string::npos);
  EXPECT_TRUE(hits[0].fixable);
  EXPECT_EQ(texts(dd501("FROM node:22\nENTRYPOINT [\"node\", \"--inspect=0.0.0.0:9229\", \"server.js\"]\n")),
            (V{"node\", \"--inspect=0.0.0.0:9229"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nCMD [\"sh\", \"-c\", \"python manage.py migrate && python manage.py runserver 0.0.0.0:8000\"]\n")),
            (V{"manage.py runserver"}));
  EXPECT_EQ(texts(dd501("FROM python:3.12\nCMD flask --app hello run --debug\n")), (V{"flask --app hello run --debug"}));
  // Words of different commands do not combine.
  EXPECT_TRUE(dd501("FROM node:22\nCMD node --version && exec node server.js; echo inspect\n").empty());
  // A CMD replaced later, or inherited and then reset by ENTRYPOINT.
  EXPECT_TRUE(dd501("FROM python:3.12 AS base\nCMD [\"uvicorn\", \"app:app\", \"--reload\"]\n"
                    "FROM base AS prod\nENTRYPOINT [\"gunicorn\", \"app:app\"]\n")
                  .empty());
  EXPECT_TRUE(dd501("FROM python:3.12\nCMD [\"gunicorn\", \"--reload-extra-file\", \"x\", \"app:app\"]\n").empty());
}

TEST(RulesDD501, NonPosixShellHasNoCommands) {
  EXPECT_TRUE(dd501("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                    "RUN pip install pytest\n")
                  .empty());
}

// Inherited through an image the repository builds: the production image is
// FROM a deps image whose install selected development dependencies.
namespace {

struct Linked {
  std::vector<dd::Finding> deps, api;
};

Linked lint_linked(const std::string& deps, const std::string& api,
                   const std::vector<dd::RepoImage>& images) {
  std::vector<dd::DockerfileInput> in(2);
  in[0].file.path = "docker/deps.Dockerfile";
  in[0].text = deps;
  in[1].file.path = "services/api/Dockerfile";
  in[1].text = api;
  auto out = dd::lint_dockerfiles(in, {}, 1, images);
  auto only = [](std::vector<dd::Finding> v) {
    std::erase_if(v, [](const dd::Finding& f) { return f.rule_id != "DD501"; });
    return v;
  };
  return {only(out[0]), only(out[1])};
}

const char* kDevDeps =
    "FROM python:3.12-slim AS deps\n"
    "WORKDIR /app\n"
    "COPY pyproject.toml pdm.lock ./\n"
    "RUN pip install pdm==2.19.3 && pdm install --frozen-lockfile --dev\n"
    "FROM deps AS tests\n"
    "RUN pip install pytest\n";
const char* kApi =
    "ARG DEPS_IMAGE=app-deps:dev\n"
    "FROM ${DEPS_IMAGE} AS runtime\n"
    "COPY src ./src\n"
    "CMD [\"python\", \"src/main.py\"]\n";

TEST(DD501, InheritedFromAnImageTheRepositoryBuildsIsReportedAtTheFrom) {
  Linked r = lint_linked(kDevDeps, kApi,
                         {{"app-deps:dev", "docker/deps.Dockerfile", "deps",
                           "compose service 'deps' (compose.yaml:2)"}});
  ASSERT_EQ(r.api.size(), 1u);
  const dd::Finding& f = r.api[0];
  EXPECT_EQ(f.span.start.line, 2);
  EXPECT_EQ(std::string(kApi).substr(f.span.start.offset, f.span.end.offset - f.span.start.offset),
            "${DEPS_IMAGE}");
  EXPECT_NE(f.message.find("`--dev` makes PDM install development dependencies at "
                           "docker/deps.Dockerfile:4, in the image `app-deps:dev` (compose "
                           "service 'deps' (compose.yaml:2)) that the production stage "
                           "'runtime' is built FROM"),
            std::string::npos)
      << f.message;
  // The target is the stage 'deps': the tests stage's pytest is not in it.
  EXPECT_EQ(f.message.find("pytest"), std::string::npos);
}

TEST(DD501, InheritedNeedsTheLinkAndADevelopmentInstall) {
  // The same name with another tag, no repository image, a production install.
  EXPECT_TRUE(lint_linked(kDevDeps, kApi, {{"app-deps:prod", "docker/deps.Dockerfile", "deps", "x"}})
                  .api.empty());
  EXPECT_TRUE(lint_linked(kDevDeps, kApi, {}).api.empty());
  // A name another directory's compose project gives its build.
  EXPECT_TRUE(lint_linked(kDevDeps, kApi, {{"app-deps:dev", "docker/deps.Dockerfile", "deps", "x", "docker"}})
                  .api.empty());
  EXPECT_FALSE(lint_linked(kDevDeps, kApi, {{"app-deps:dev", "docker/deps.Dockerfile", "deps", "x", "services"}})
                   .api.empty());
  std::string prod = kDevDeps;
  prod.replace(prod.find("--dev"), 5, "--prod");
  EXPECT_TRUE(lint_linked(prod, kApi, {{"app-deps:dev", "docker/deps.Dockerfile", "deps", "x"}})
                  .api.empty());
  // A development image built on it may have development tooling.
  std::vector<dd::DockerfileInput> in(2);
  in[0].file.path = "docker/deps.Dockerfile";
  in[0].text = kDevDeps;
  in[1].file.path = "services/api/Dockerfile.dev";
  in[1].text = kApi;
  std::vector<dd::RepoImage> images = {{"app-deps:dev", "docker/deps.Dockerfile", "deps", "x"}};
  for (const dd::Finding& f : dd::lint_dockerfiles(in, {}, 1, images)[1]) EXPECT_NE(f.rule_id, "DD501");
}

TEST(DD501, InheritedMatchesDockerHubNamesAndHonoursUninstalls) {
  // The last stage (tests, with pytest) is the image; the api removes pytest again.
  Linked r = lint_linked(kDevDeps,
                         "FROM docker.io/library/app-deps:dev\nRUN pip uninstall -y pytest\n",
                         {{"app-deps:dev", "docker/deps.Dockerfile", "", "Makefile:3"}});
  ASSERT_EQ(r.api.size(), 1u);
  EXPECT_NE(r.api[0].message.find("`--dev`"), std::string::npos) << r.api[0].message;
}

}  // namespace
