// Classifying real commands (many from /work/shared/seeds) with the
// package-manager knowledge, through the Dockerfile parser and shell model.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dockerfile/ast.h"
#include "knowledge/package_managers.h"
#include "shell/shell.h"

namespace {

using dd::PmAction;
using dd::PmCondition;

struct Case {
  dd::Dockerfile df;
  dd::ShellModel model;
  std::string text(dd::Span s) const { return df.text.substr(s.start.offset, s.end.offset - s.start.offset); }
};

// The Dockerfile `prefix` + "RUN " + `run`; classifies the RUN's last command.
struct Classified {
  std::unique_ptr<Case> c;
  const dd::Command* command = nullptr;
  dd::PmClassification k;
  std::string decisive() const { return c->text(k.decisive.span); }
};

Classified classify(std::string_view run, std::string_view prefix = "FROM debian\n") {
  Classified out;
  out.c = std::make_unique<Case>();
  out.c->df = dd::parse_dockerfile(std::string(prefix) + "RUN " + std::string(run) + "\n");
  EXPECT_TRUE(out.c->df.errors.empty());
  out.c->model = dd::build_shell_model(out.c->df);
  const dd::ShellRun& r = out.c->model.runs.back();
  EXPECT_FALSE(r.commands.empty()) << run;
  if (r.commands.empty()) return out;
  out.command = &r.commands.back();
  out.k = dd::classify_command(*out.command, &r);
  return out;
}

std::string id(const Classified& c) { return c.k.manager ? c.k.manager->id : "none"; }

// --- from the seeds ----------------------------------------------------------

TEST(KnowledgeClassify, PdmLockWithAlternateLockfileResolves) {
  auto c = classify("pdm lock --lockfile pdm.lock.docker", "FROM python\nWORKDIR /app/services/nlp_service\n");
  EXPECT_EQ(id(c), "pdm");
  EXPECT_EQ(c.k.action, PmAction::Resolve);
  EXPECT_EQ(c.decisive(), "pdm lock");
  EXPECT_EQ(c.k.decisive.text, "pdm lock");
  EXPECT_EQ(c.k.project_dir, "/app/services/nlp_service");
  EXPECT_TRUE(c.k.packages.empty());  // pdm.lock.docker is --lockfile's value
}

TEST(KnowledgeClassify, PdmInstallDevFrozen) {
  auto c = classify("--mount=type=cache,target=/root/.cache/pip pdm install --dev --frozen-lockfile");
  EXPECT_EQ(c.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(c.decisive(), "--frozen-lockfile");
  EXPECT_EQ(c.k.decisive.source, dd::PmReason::Source::Flag);
  ASSERT_TRUE(c.k.dev);
  EXPECT_EQ(c.c->text(c.k.dev->span), "--dev");
  EXPECT_TRUE(c.k.installs_dev);
  EXPECT_EQ(c.k.condition, PmCondition::None);
}

TEST(KnowledgeClassify, PdmInstallProdFrozenAndPlainInstall) {
  auto prod = classify("pdm install --prod --frozen-lockfile");
  EXPECT_EQ(prod.k.action, PmAction::InstallFrozen);
  ASSERT_TRUE(prod.k.prod);
  EXPECT_FALSE(prod.k.installs_dev);
  auto plain = classify("pdm install --dev");
  EXPECT_EQ(plain.k.action, PmAction::InstallUnfrozen);  // re-locks when pyproject.toml changed
  EXPECT_EQ(plain.decisive(), "pdm install");
  auto sync = classify("pdm sync -G dev");
  EXPECT_EQ(sync.k.action, PmAction::InstallFrozen);
  ASSERT_TRUE(sync.k.dev);
  EXPECT_EQ(sync.c->text(sync.k.dev->span), "-G dev");
  auto check = classify("pdm lock --check");
  EXPECT_EQ(check.k.action, PmAction::Verify);
  auto env = classify("pdm install", "FROM python\nENV PDM_FROZEN_LOCKFILE=1\n");
  EXPECT_EQ(env.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(env.k.decisive.source, dd::PmReason::Source::Env);
  EXPECT_EQ(env.decisive(), "PDM_FROZEN_LOCKFILE=1");
  auto project = classify("pdm install -p /app --frozen-lockfile", "FROM python\nWORKDIR /app/services/x\n");
  EXPECT_EQ(project.k.project_dir, "/app");
  ASSERT_TRUE(project.k.project_dir_flag);
  EXPECT_EQ(project.c->text(project.k.project_dir_flag->span), "-p /app");
}

TEST(KnowledgeClassify, PnpmLockfileDisabled) {
  auto c = classify("pnpm install --ignore-scripts --lockfile=false");
  EXPECT_EQ(id(c), "pnpm");
  EXPECT_EQ(c.k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(c.decisive(), "--lockfile=false");
  EXPECT_EQ(c.k.decisive.span.start.line, 2);
  auto frozen = classify("pnpm install --ignore-scripts --frozen-lockfile");
  EXPECT_EQ(frozen.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(frozen.decisive(), "--frozen-lockfile");
  // --lockfile with a file name does not disable anything.
  auto named = classify("pnpm install --frozen-lockfile --lockfile=pnpm-lock.docker.yaml");
  EXPECT_EQ(named.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("pnpm install --lockfile-only").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("pnpm install").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("pnpm i --no-frozen-lockfile").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("pnpm install --frozen-lockfile=false").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("pnpm install --no-lockfile").k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("pnpm add lodash").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("pnpm fetch --prod").k.action, PmAction::InstallFrozen);
  // The last of two contradicting flags wins.
  EXPECT_EQ(classify("pnpm install --frozen-lockfile --no-frozen-lockfile").k.action, PmAction::InstallUnfrozen);
  // CI=true turns --frozen-lockfile on; a flag still overrides it.
  EXPECT_EQ(classify("pnpm install", "FROM node\nENV CI=true\n").k.action, PmAction::InstallFrozen);
  auto env = classify("npm_config_lockfile=false pnpm install --frozen-lockfile");
  EXPECT_EQ(env.k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(env.decisive(), "npm_config_lockfile=false");
}

TEST(KnowledgeClassify, PnpmThroughCorepackNpxAndProjectDir) {
  auto a = classify("corepack pnpm install --frozen-lockfile");
  EXPECT_EQ(id(a), "pnpm");
  EXPECT_EQ(a.k.action, PmAction::InstallFrozen);
  auto b = classify("npx --yes pnpm@9.1.0 install --frozen-lockfile");
  EXPECT_EQ(id(b), "pnpm");
  auto c = classify("pnpm -C web --filter api install --prod --frozen-lockfile", "FROM node\nWORKDIR /app\n");
  EXPECT_EQ(c.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(c.k.project_dir, "/app/web");
  ASSERT_TRUE(c.k.prod);
  EXPECT_EQ(c.c->text(c.k.prod->span), "--prod");
  EXPECT_EQ(c.k.subcommand_word->value, "install");
}

TEST(KnowledgeClassify, PoetryInstallNoRootNeedsItsLock) {
  auto c = classify("poetry install --no-root");
  EXPECT_EQ(id(c), "poetry");
  EXPECT_EQ(c.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(c.k.condition, PmCondition::LockfilePresent);
  EXPECT_EQ(c.decisive(), "poetry install");
  EXPECT_TRUE(c.k.installs_dev);
  EXPECT_EQ(classify("poetry lock").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("poetry lock --check").k.action, PmAction::Verify);
  auto only = classify("poetry install --only main --no-interaction");
  ASSERT_TRUE(only.k.prod);
  EXPECT_EQ(only.c->text(only.k.prod->span), "--only main");
  EXPECT_FALSE(only.k.installs_dev);
  auto without = classify("poetry install --without=dev,test");
  EXPECT_TRUE(without.k.prod);
  auto with = classify("poetry install --with dev");
  EXPECT_TRUE(with.k.dev);
  EXPECT_EQ(classify("poetry run python -m src.api").k.action, PmAction::Run);
  EXPECT_EQ(classify("poetry add requests").k.action, PmAction::Resolve);
}

TEST(KnowledgeClassify, PipInstalls) {
  auto tool = classify("pip install --no-cache-dir pdm");
  EXPECT_EQ(id(tool), "pip");
  EXPECT_EQ(tool.k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(tool.decisive(), "pdm");
  EXPECT_EQ(tool.k.decisive.source, dd::PmReason::Source::Package);
  ASSERT_TRUE(tool.k.no_cache);
  EXPECT_EQ(tool.c->text(tool.k.no_cache->span), "--no-cache-dir");
  auto wheel = classify("pip install /tmp/shared_python-0.1.1-py3-none-any.whl");
  EXPECT_EQ(wheel.k.action, PmAction::InstallUnfrozen);
  ASSERT_EQ(wheel.k.packages.size(), 1u);
  auto req = classify("python3 -m pip install -r requirements.txt");
  EXPECT_EQ(id(req), "pip");
  EXPECT_EQ(req.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(req.k.condition, PmCondition::RequirementsPinned);
  ASSERT_NE(req.k.condition_word, nullptr);
  EXPECT_EQ(req.k.condition_word->value, "requirements.txt");
  EXPECT_TRUE(req.k.packages.empty());
  auto hashes = classify("pip install --require-hashes -r requirements.txt");
  EXPECT_EQ(hashes.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(hashes.k.condition, PmCondition::None);
  EXPECT_EQ(hashes.decisive(), "--require-hashes");
  auto upgrade = classify("pip install -U -r requirements.txt");
  EXPECT_EQ(upgrade.k.action, PmAction::InstallUnfrozen);
  auto attached = classify("pip3.12 install --requirement=req/prod.txt");
  EXPECT_EQ(attached.k.condition, PmCondition::RequirementsPinned);
  auto pinned = classify("pip install flask==3.0.0");
  EXPECT_EQ(pinned.k.action, PmAction::InstallUnfrozen);  // its dependencies still float
  EXPECT_EQ(pinned.decisive(), "pip install");          // but the pinned operand is not to blame
  auto env = classify("pip install x", "FROM python\nENV PIP_NO_CACHE_DIR=1\n");
  ASSERT_TRUE(env.k.no_cache);
  EXPECT_EQ(env.c->text(env.k.no_cache->span), "PIP_NO_CACHE_DIR=1");
  EXPECT_EQ(classify("pip list").k.action, PmAction::Other);
  EXPECT_EQ(classify("sudo -H pip install x").k.action, PmAction::InstallUnfrozen);
}

TEST(KnowledgeClassify, UvProjectAndUvPip) {
  auto a = classify("uv pip install --system -r requirements.txt");
  EXPECT_EQ(id(a), "uv-pip");
  EXPECT_EQ(a.k.condition, PmCondition::RequirementsPinned);
  auto b = classify("uv --no-cache pip install x");
  EXPECT_EQ(id(b), "uv-pip");
  ASSERT_TRUE(b.k.no_cache);
  EXPECT_EQ(b.c->text(b.k.no_cache->span), "--no-cache");
  EXPECT_EQ(classify("uv pip sync requirements.txt").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("uv pip compile requirements.in -o requirements.txt").k.action, PmAction::Resolve);
  auto frozen = classify("uv sync --frozen --no-dev");
  EXPECT_EQ(id(frozen), "uv");
  EXPECT_EQ(frozen.k.action, PmAction::InstallFrozen);
  EXPECT_TRUE(frozen.k.prod);
  EXPECT_EQ(classify("uv sync --locked").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("uv sync").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("uv lock").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("uv lock --check").k.action, PmAction::Verify);
  EXPECT_EQ(classify("uv run pytest").k.action, PmAction::InstallUnfrozen);
  auto env = classify("uv sync", "FROM python\nENV UV_FROZEN=1 UV_NO_CACHE=1\n");
  EXPECT_EQ(env.k.action, PmAction::InstallFrozen);
  EXPECT_TRUE(env.k.no_cache);
  auto dir = classify("uv sync --directory /srv --frozen");
  EXPECT_EQ(dir.k.project_dir, "/srv");
}

TEST(KnowledgeClassify, Npm) {
  auto ci = classify("npm ci");
  EXPECT_EQ(ci.k.action, PmAction::InstallFrozen);
  EXPECT_TRUE(ci.k.installs_dev);
  EXPECT_EQ(classify("npm install").k.action, PmAction::InstallUnfrozen);
  auto add = classify("npm install express@4");
  EXPECT_EQ(add.k.action, PmAction::Resolve);
  EXPECT_EQ(add.decisive(), "express@4");
  auto nolock = classify("npm i --no-package-lock");
  EXPECT_EQ(nolock.k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("npm install --package-lock=false").k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("npm install --package-lock-only").k.action, PmAction::Resolve);
  auto omit = classify("npm ci --omit dev");
  ASSERT_TRUE(omit.k.prod);
  EXPECT_EQ(omit.c->text(omit.k.prod->span), "--omit dev");
  EXPECT_TRUE(omit.k.packages.empty());
  auto node_env = classify("npm ci", "FROM node\nENV NODE_ENV=production\n");
  ASSERT_TRUE(node_env.k.prod);
  EXPECT_EQ(node_env.c->text(node_env.k.prod->span), "NODE_ENV=production");
  EXPECT_FALSE(node_env.k.installs_dev);
  auto dev_back = classify("npm ci --include=dev", "FROM node\nENV NODE_ENV=production\n");
  EXPECT_TRUE(dev_back.k.installs_dev);  // a flag beats the variable
  auto upper = classify("NPM_CONFIG_PACKAGE_LOCK=false npm install");
  EXPECT_EQ(upper.k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("npm run build").k.action, PmAction::Run);
  EXPECT_EQ(classify("npm --prefix /app/web ci").k.project_dir, "/app/web");
}

TEST(KnowledgeClassify, YarnBunPipenv) {
  EXPECT_EQ(classify("yarn").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("yarn --frozen-lockfile").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("yarn install --immutable").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("yarn install --no-lockfile").k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("yarn add lodash").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("yarn build").k.action, PmAction::Other);
  EXPECT_EQ(classify("yarn workspaces focus --production").k.prod.has_value(), true);
  EXPECT_EQ(classify("YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("bun install --frozen-lockfile").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("bun ci").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("bun install").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("pipenv install --deploy --system").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("pipenv install --skip-lock").k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(classify("pipenv install requests").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("pipenv lock").k.action, PmAction::Resolve);
  EXPECT_FALSE(classify("pipenv install --deploy").k.installs_dev);
  EXPECT_TRUE(classify("pipenv install --dev --deploy").k.installs_dev);
  EXPECT_EQ(classify("pip-compile --generate-hashes requirements.in").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("pip-sync requirements.txt").k.action, PmAction::InstallFrozen);
}

TEST(KnowledgeClassify, OsPackageManagers) {
  EXPECT_EQ(classify("apt-get update").k.action, PmAction::Refresh);
  auto apt = classify("apt-get -y install --no-install-recommends curl=7.88.1-10 git");
  EXPECT_EQ(id(apt), "apt");
  EXPECT_EQ(apt.k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(apt.decisive(), "git");  // the unpinned one
  auto apk = classify("apk add --no-cache --virtual .build-deps gcc");
  EXPECT_EQ(apk.k.action, PmAction::InstallUnfrozen);
  ASSERT_TRUE(apk.k.no_cache);
  ASSERT_EQ(apk.k.packages.size(), 1u);  // .build-deps is --virtual's value
  EXPECT_EQ(apk.k.packages[0]->value, "gcc");
  EXPECT_EQ(id(classify("microdnf install -y python3")), "microdnf");
  EXPECT_EQ(id(classify("yum install -y git")), "yum");
  EXPECT_EQ(id(classify("dnf -y install git")), "dnf");
  EXPECT_EQ(classify("zypper --non-interactive in git").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("zypper ref").k.action, PmAction::Refresh);
}

TEST(KnowledgeClassify, GoCargoComposerRubyConda) {
  EXPECT_EQ(classify("go mod download").k.action, PmAction::InstallFrozen);
  auto mod = classify("go build -mod=mod -o /out ./cmd/app");
  EXPECT_EQ(mod.k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(mod.decisive(), "-mod=mod");
  EXPECT_EQ(classify("go build ./...", "FROM golang\nENV GOFLAGS=-mod=mod\n").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("go get example.com/x@v1.2.3").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("go -C tools build").k.project_dir, "/tools");
  EXPECT_EQ(classify("cargo build --release --locked").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("cargo build --release").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("cargo install ripgrep").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("cargo generate-lockfile").k.action, PmAction::Resolve);
  auto composer = classify("composer install --no-dev --no-cache --prefer-dist");
  EXPECT_EQ(composer.k.action, PmAction::InstallFrozen);
  EXPECT_EQ(composer.k.condition, PmCondition::LockfilePresent);
  EXPECT_TRUE(composer.k.prod);
  EXPECT_TRUE(composer.k.no_cache);
  EXPECT_EQ(classify("composer update").k.action, PmAction::Resolve);
  EXPECT_EQ(classify("bundle").k.action, PmAction::InstallUnfrozen);
  EXPECT_EQ(classify("BUNDLE_FROZEN=true bundle install").k.action, PmAction::InstallFrozen);
  EXPECT_EQ(classify("bundle install --deployment --without development test").k.prod.has_value(), true);
  EXPECT_EQ(classify("gem install bundler -v 2.4.22").k.action, PmAction::InstallUnfrozen);
  auto conda = classify("conda env create -f environment.yml");
  EXPECT_EQ(id(conda), "conda");
  ASSERT_NE(conda.k.subcommand_word, nullptr);
  EXPECT_EQ(conda.k.subcommand_word->value, "env");  // the two-word subcommand `env create`
  EXPECT_EQ(conda.decisive(), "-f environment.yml");
  EXPECT_EQ(conda.k.condition, PmCondition::RequirementsPinned);
  EXPECT_EQ(id(classify("micromamba install -y -n base -c conda-forge numpy")), "conda");
}

TEST(KnowledgeClassify, NotAManagerOrUnknownSubcommand) {
  auto ls = classify("ls -la");
  EXPECT_FALSE(ls.k.recognized());
  auto odd = classify("pdm frobnicate --x");
  EXPECT_EQ(odd.k.action, PmAction::Other);
  EXPECT_EQ(odd.k.subcommand, nullptr);
  EXPECT_EQ(odd.decisive(), "frobnicate");
  auto dynamic = classify("$PM install");
  EXPECT_FALSE(dynamic.k.recognized());
}

TEST(KnowledgeClassify, InsideShDashCAndHeredocs) {
  auto c = classify("sh -c 'cd /srv && pnpm install --lockfile=false'");
  EXPECT_EQ(c.k.action, PmAction::LockfileDisabled);
  EXPECT_EQ(c.decisive(), "--lockfile=false");
  EXPECT_EQ(c.k.project_dir, "/srv");
  auto h = classify("<<EOF\nset -e\npoetry lock\nEOF", "# syntax=docker/dockerfile:1\nFROM python\n");
  EXPECT_EQ(h.k.action, PmAction::Resolve);
  EXPECT_EQ(h.decisive(), "poetry lock");
  EXPECT_EQ(h.k.decisive.span.start.line, 5);
}

TEST(KnowledgeClassify, PackageManagerCommandsOfARun) {
  auto c = classify("apt-get update && apt-get install -y curl && pip install pdm && cd /app && pdm lock");
  const dd::ShellRun& run = c.c->model.runs.back();
  auto cmds = dd::package_manager_commands(run);
  ASSERT_EQ(cmds.size(), 4u);  // cd is not a package manager
  EXPECT_EQ(cmds[0].classification.action, PmAction::Refresh);
  EXPECT_EQ(cmds[3].command->program(), "pdm");
  EXPECT_EQ(cmds[3].classification.action, PmAction::Resolve);
  EXPECT_EQ(cmds[3].classification.project_dir, "/app");
  EXPECT_TRUE(run.runs_after_success(*cmds[2].command, *cmds[3].command));
}

// A manager added in data alone is recognised and classified: rules need no
// new code.
TEST(KnowledgeClassify, NewManagerFromDataOnly) {
  dd::PmLoadResult data = dd::load_package_managers(R"(
managers:
- id: frob
  name: Frob
  ecosystem: test
  executables: [frob]
  lockfiles: [frob.lock]
  cache: {dirs: [~/.frob]}
  value_flags: [--dir]
  project_dir_flags: [--dir]
  subcommands:
    - names: [sync]
      action: install
      default: unfrozen
      flags:
        - {flag: --pinned, effect: frozen}
        - {flag: --floating, effect: no-lockfile}
      env:
        - {name: FROB_PINNED, values: truthy, effect: frozen}
)");
  ASSERT_TRUE(data.errors.empty()) << data.errors.front();
  auto run = [&](std::string_view script) {
    dd::ShellRun r = dd::analyze_script(script, dd::Position{});
    EXPECT_EQ(r.commands.size(), 1u);
    return dd::classify_command(r.commands.at(0), &r, data.managers);
  };
  EXPECT_EQ(run("frob sync").action, PmAction::InstallUnfrozen);
  EXPECT_EQ(run("frob sync --pinned").action, PmAction::InstallFrozen);
  EXPECT_EQ(run("frob --dir x sync --floating").action, PmAction::LockfileDisabled);
  EXPECT_EQ(run("FROB_PINNED=yes frob sync").action, PmAction::InstallFrozen);
  EXPECT_EQ(run("frob --dir /x sync").project_dir, "/x");
  EXPECT_FALSE(run("pip install x").recognized());  // only the given data counts
}

}  // namespace
