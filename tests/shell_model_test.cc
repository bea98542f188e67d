// The shell model of RUN instructions (src/shell/shell.h), through the
// Dockerfile parser: commands, chains, working directories, wrappers, inner
// scripts, heredocs, exec form, SHELL, spans and parse errors.
#include "shell/shell.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dockerfile/ast.h"

namespace {

using dd::Chain;
using dd::Command;
using dd::ShellRun;
using dd::WrapperKind;

struct Parsed {
  dd::Dockerfile df;
  dd::ShellModel model;

  const ShellRun& run(size_t i = 0) const { return model.runs.at(i); }
  // The file text a span covers.
  std::string text(dd::Span s) const {
    return df.text.substr(s.start.offset, s.end.offset - s.start.offset);
  }
};

std::unique_ptr<Parsed> parse(std::string_view text) {
  auto p = std::make_unique<Parsed>();
  p->df = dd::parse_dockerfile(text);
  EXPECT_TRUE(p->df.errors.empty()) << p->df.errors.front().message;
  p->model = dd::build_shell_model(p->df);
  return p;
}

std::vector<std::string> programs(const ShellRun& r) {
  std::vector<std::string> out;
  for (const Command& c : r.commands) out.emplace_back(c.program());
  return out;
}

std::vector<std::string> args(const Command& c) {
  std::vector<std::string> out;
  for (const auto& a : c.args) out.push_back(a.value);
  return out;
}

using Strings = std::vector<std::string>;

TEST(ShellModel, AndChainWithArguments) {
  auto p = parse("FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n");
  ASSERT_EQ(p->model.runs.size(), 1u);
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"apt-get", "apt-get"}));
  EXPECT_EQ(args(r.commands[1]), (Strings{"install", "-y", "--no-install-recommends", "curl"}));
  EXPECT_EQ(r.commands[0].chain, Chain::Start);
  EXPECT_EQ(r.commands[1].chain, Chain::And);
  EXPECT_TRUE(r.runs_after_success(r.commands[0], r.commands[1]));
  EXPECT_FALSE(r.runs_after_success(r.commands[1], r.commands[0]));
  EXPECT_EQ(p->text(r.commands[1].span), "apt-get install -y --no-install-recommends curl");
  EXPECT_EQ(p->text(r.commands[1].args[3].span), "curl");
  EXPECT_EQ(r.commands[1].args[3].span.start.line, 2);
  EXPECT_EQ(r.commands[1].first_positional()->value, "install");
  ASSERT_NE(r.commands[1].find_flag("-y"), nullptr);
  EXPECT_EQ(r.commands[1].find_flag("--yes"), nullptr);
}

TEST(ShellModel, SequenceOrAndPrecedence) {
  auto p = parse("FROM debian\nRUN a; b && c || d\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"a", "b", "c", "d"}));
  const auto& c = r.commands;
  EXPECT_EQ(c[1].chain, Chain::Sequence);
  EXPECT_EQ(c[2].chain, Chain::And);
  EXPECT_EQ(c[3].chain, Chain::Or);
  EXPECT_FALSE(r.runs_after_success(c[0], c[1]));  // `;` without set -e
  EXPECT_TRUE(r.runs_after_success(c[1], c[2]));
  EXPECT_FALSE(r.runs_after_success(c[1], c[3]));  // d runs when b or c failed
  EXPECT_FALSE(r.runs_after_success(c[2], c[3]));
}

TEST(ShellModel, SetErrexitMakesSequencesConditional) {
  auto p = parse("FROM debian\nRUN set -eux; a; b && c; d\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"set", "a", "b", "c", "d"}));
  const auto& c = r.commands;
  EXPECT_FALSE(c[0].errexit);
  EXPECT_TRUE(c[1].errexit);
  EXPECT_TRUE(r.runs_after_success(c[1], c[2]));   // a; b under set -e
  EXPECT_TRUE(r.runs_after_success(c[2], c[3]));   // b && c
  EXPECT_TRUE(r.runs_after_success(c[1], c[4]));   // a succeeded before d
  EXPECT_FALSE(r.runs_after_success(c[2], c[4]));  // b may fail without stopping the script
  EXPECT_FALSE(r.runs_after_success(c[3], c[4]));  // when b fails, c never runs and d does
}

TEST(ShellModel, ShellInstructionOptionsAreInherited) {
  auto p = parse(
      "FROM debian AS base\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n"
      "FROM base\nRUN a; curl x | sh\n");
  const ShellRun& r = p->run();
  EXPECT_EQ(r.shell, (Strings{"/bin/bash", "-eo", "pipefail", "-c"}));
  ASSERT_EQ(programs(r), (Strings{"a", "curl", "sh"}));
  EXPECT_TRUE(r.commands[0].errexit);
  EXPECT_TRUE(r.commands[1].pipefail);
  EXPECT_TRUE(r.runs_after_success(r.commands[0], r.commands[2]));
}

TEST(ShellModel, IfConditionAndBranches) {
  auto p = parse(
      "FROM debian\nRUN if test -f pdm.lock; then pdm sync; elif test -f x; then pdm lock; else pip install .; fi; z\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"test", "pdm", "test", "pdm", "pip", "z"}));
  const auto& c = r.commands;
  EXPECT_TRUE(c[0].context.condition);
  EXPECT_TRUE(c[1].context.branch);
  EXPECT_TRUE(r.runs_after_success(c[0], c[1]));
  EXPECT_FALSE(r.runs_after_success(c[0], c[2]));  // elif runs when the first test failed
  EXPECT_TRUE(r.runs_after_success(c[2], c[3]));
  EXPECT_FALSE(r.runs_after_success(c[2], c[4]));
  EXPECT_FALSE(r.runs_after_success(c[0], c[5]));
  EXPECT_FALSE(c[5].context.branch);
}

TEST(ShellModel, PipelinesAndBackground) {
  auto p = parse("FROM debian\nRUN curl -fsSL https://x/install.sh | sh -s -- -y & wait\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"curl", "sh", "wait"}));
  const auto& c = r.commands;
  EXPECT_TRUE(c[0].context.pipeline);
  EXPECT_TRUE(c[1].context.pipeline);
  EXPECT_EQ(c[1].chain, Chain::Pipe);
  EXPECT_EQ(c[1].pipe_from, 0);
  EXPECT_TRUE(c[0].context.background);
  EXPECT_EQ(c[2].chain, Chain::Background);
  EXPECT_FALSE(c[2].context.background);
  EXPECT_FALSE(r.runs_after_success(c[1], c[2]));
}

TEST(ShellModel, SubshellScopesWorkingDirectory) {
  auto p = parse("FROM debian\nWORKDIR /src\nRUN (cd build && make) && make install\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"cd", "make", "make"}));
  const auto& c = r.commands;
  EXPECT_TRUE(c[1].context.subshell);
  EXPECT_EQ(c[0].workdir, "/src");
  EXPECT_EQ(c[1].workdir, "/src/build");
  EXPECT_EQ(c[2].workdir, "/src");
  EXPECT_EQ(c[1].chain, Chain::And);
  EXPECT_EQ(c[0].chain, Chain::Start);
  EXPECT_TRUE(r.runs_after_success(c[1], c[2]));
  EXPECT_TRUE(r.runs_after_success(c[0], c[2]));
}

TEST(ShellModel, CdTracking) {
  auto p = parse(
      "FROM python:3.12\nWORKDIR /app\n"
      "RUN cd services/nlp && pdm lock && cd /opt; ls && cd ../tmp/./x//y && pwd && cd - && a && "
      "cd \"$HOME\" && b && cd && c\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"cd", "pdm", "cd", "ls", "cd", "pwd", "cd", "a", "cd", "b", "cd", "c"}));
  const auto& c = r.commands;
  EXPECT_EQ(c[0].workdir, "/app");
  EXPECT_EQ(c[1].workdir, "/app/services/nlp");
  EXPECT_EQ(c[3].workdir, "/opt");  // cd then `;` still changes the directory
  EXPECT_EQ(c[5].workdir, "/tmp/x/y");
  EXPECT_EQ(c[7].workdir, std::nullopt);  // cd -
  EXPECT_EQ(c[9].workdir, std::nullopt);  // cd "$HOME"
  EXPECT_EQ(c[11].workdir, std::nullopt);  // cd alone
}

TEST(ShellModel, CdInBranchesAndLoops) {
  auto p = parse(
      "FROM debian\nWORKDIR /w\n"
      "RUN if x; then cd /a; else cd /a; fi && p1 && if y; then cd /b; fi && p2\n"
      "RUN for d in a b; do cd $d; done; p3\nRUN cd /x | cat; p4\n");
  EXPECT_EQ(p->run(0).commands_named("p1").at(0)->workdir, "/a");
  EXPECT_EQ(p->run(0).commands_named("p2").at(0)->workdir, std::nullopt);
  EXPECT_EQ(p->run(1).commands_named("p3").at(0)->workdir, std::nullopt);
  EXPECT_TRUE(p->run(1).commands_named("cd").at(0)->context.loop);
  EXPECT_EQ(p->run(2).commands_named("p4").at(0)->workdir, "/w");  // a pipeline element is a subshell
}

TEST(ShellModel, WorkdirFromStageArgsAndEnv) {
  auto p = parse(
      "ARG ROOT=/srv\nFROM debian AS base\nARG ROOT\nENV APP=$ROOT/app\nWORKDIR $APP\nWORKDIR sub\n"
      "RUN pwd\nFROM base AS child\nRUN pwd\nWORKDIR ..\nRUN pwd\n"
      "FROM debian\nARG DIR\nWORKDIR $DIR\nRUN pwd\nFROM debian\nRUN pwd\n");
  ASSERT_EQ(p->model.runs.size(), 5u);
  EXPECT_EQ(p->run(0).workdir, "/srv/app/sub");
  EXPECT_EQ(p->run(0).commands[0].workdir, "/srv/app/sub");
  EXPECT_EQ(p->run(1).workdir, "/srv/app/sub");  // inherited through FROM base
  EXPECT_EQ(p->run(2).workdir, "/srv/app");
  EXPECT_EQ(p->run(3).workdir, std::nullopt);  // ARG without a default
  EXPECT_EQ(p->run(3).commands[0].workdir, std::nullopt);
  EXPECT_EQ(p->run(4).workdir, "/");
  EXPECT_EQ(p->run(1).stage, 1u);
}

TEST(ShellModel, WrappersAreSeenThrough) {
  auto p = parse(
      "FROM debian\nRUN sudo -u app -E env -i FOO=1 BAR=\"x y\" nice -n 5 nohup timeout -s KILL 60 "
      "pip install flask\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(r.commands.size(), 1u);
  const Command& c = r.commands[0];
  EXPECT_EQ(c.program(), "pip");
  EXPECT_EQ(args(c), (Strings{"install", "flask"}));
  ASSERT_EQ(c.wrappers.size(), 5u);
  EXPECT_EQ(c.wrappers[0].kind, WrapperKind::Sudo);
  EXPECT_EQ(c.wrappers[1].kind, WrapperKind::Env);
  EXPECT_EQ(c.wrappers[2].kind, WrapperKind::Nice);
  EXPECT_EQ(c.wrappers[3].kind, WrapperKind::Nohup);
  EXPECT_EQ(c.wrappers[4].kind, WrapperKind::Timeout);
  EXPECT_EQ(p->text(c.wrappers[0].span), "sudo -u app -E");
  EXPECT_TRUE(c.env_cleared);
  ASSERT_EQ(c.env.size(), 2u);
  EXPECT_EQ(c.env[1].name, "BAR");
  EXPECT_EQ(c.env[1].value.value, "x y");
  EXPECT_EQ(p->text(c.name.span), "pip");
  ASSERT_NE(c.wrapper(WrapperKind::Sudo), nullptr);
  EXPECT_EQ(c.wrapper(WrapperKind::Sudo)->name(), "sudo");
}

TEST(ShellModel, PrefixAssignmentsAndExports) {
  auto p = parse(
      "FROM node\nENV NODE_ENV=production\nARG TOKEN\n"
      "RUN export npm_config_cache=/c && PIP_NO_CACHE_DIR=1 pip install x && (export A=1) && "
      "npm ci && unset NODE_ENV && npm ci && B=2 && env\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"export", "pip", "export", "npm", "unset", "npm", "env"}));
  EXPECT_TRUE(r.commands[2].context.subshell);
  const Command& pip = r.commands[1];
  ASSERT_EQ(pip.env.size(), 1u);
  EXPECT_EQ(p->text(pip.env[0].span), "PIP_NO_CACHE_DIR=1");
  auto v = r.env_for(pip, "PIP_NO_CACHE_DIR");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value, "1");
  const Command& npm1 = r.commands[3];
  EXPECT_FALSE(r.env_for(npm1, "PIP_NO_CACHE_DIR"));
  EXPECT_FALSE(r.env_for(npm1, "A"));  // exported in a subshell only
  ASSERT_TRUE(r.env_for(npm1, "NPM_CONFIG_CACHE", true));
  EXPECT_EQ(r.env_for(npm1, "NPM_CONFIG_CACHE", true)->value, "/c");
  EXPECT_FALSE(r.env_for(npm1, "NPM_CONFIG_CACHE"));
  auto node_env = r.env_for(npm1, "NODE_ENV");
  ASSERT_TRUE(node_env);
  EXPECT_EQ(node_env->value, "production");
  EXPECT_EQ(p->text(node_env->span), "NODE_ENV=production");
  EXPECT_FALSE(r.env_for(r.commands[5], "NODE_ENV"));  // unset
  auto token = r.env_for(npm1, "TOKEN");
  ASSERT_TRUE(token);
  EXPECT_FALSE(token->known);
  EXPECT_FALSE(r.env_for(r.commands[6], "B"));  // not exported
}

TEST(ShellModel, PythonModuleAndUvPip) {
  auto p = parse(
      "FROM python\nRUN python -m pip install -U pip && python3.11 -u -m pip install x && "
      "/usr/local/bin/python3 -mpip install y && uv pip install --system z && "
      "python -c 'import pip' && uv --no-cache pip sync r.txt && python -m venv /v\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"pip", "pip", "pip", "pip", "python", "pip", "venv"}));
  const auto& c = r.commands;
  EXPECT_EQ(c[0].wrappers.at(0).kind, WrapperKind::Python);
  EXPECT_EQ(p->text(c[0].wrappers[0].span), "python -m");
  EXPECT_EQ(c[1].wrappers.at(0).name(), "python3.11");
  EXPECT_EQ(p->text(c[2].name.span), "pip");  // cut out of -mpip
  EXPECT_EQ(c[3].wrappers.at(0).kind, WrapperKind::Uv);
  EXPECT_EQ(args(c[3]), (Strings{"install", "--system", "z"}));
  EXPECT_TRUE(c[4].wrappers.empty());
  EXPECT_EQ(p->text(c[5].wrappers.at(0).span), "uv --no-cache");
}

TEST(ShellModel, PackageRunnersAndXargs) {
  auto p = parse(
      "FROM node\nRUN corepack pnpm install && npx --yes pnpm@9 install && corepack enable && "
      "cat reqs | xargs -n 1 -I{} pip install {} && command -v pip && command pip list && "
      "pipx run --spec poetry==1.8 poetry lock && exec pdm sync\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"pnpm", "pnpm@9", "corepack", "cat", "pip", "command", "pip",
                                  "poetry", "pdm"}));
  const auto& c = r.commands;
  EXPECT_EQ(c[0].wrappers.at(0).kind, WrapperKind::Corepack);
  EXPECT_EQ(c[1].wrappers.at(0).kind, WrapperKind::Npx);
  EXPECT_EQ(c[4].wrappers.at(0).kind, WrapperKind::Xargs);
  EXPECT_EQ(args(c[4]), (Strings{"install", "{}"}));
  EXPECT_TRUE(c[5].wrappers.empty());  // command -v looks up, runs nothing
  EXPECT_EQ(c[6].wrappers.at(0).kind, WrapperKind::Command);
  EXPECT_EQ(c[7].wrappers.at(0).kind, WrapperKind::Pipx);
  EXPECT_EQ(args(c[7]), (Strings{"lock"}));
  EXPECT_EQ(c[8].wrappers.at(0).kind, WrapperKind::Exec);
}

TEST(ShellModel, ShDashCIsParsedWithSpansInsideTheString) {
  auto p = parse(
      "FROM debian\nWORKDIR /app\nRUN sudo sh -ec 'cd sub && pip install x' && bash -c \"pdm lock --lockfile \\\"pdm.lock.docker\\\"\" && y\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"cd", "pip", "pdm", "y"}));
  const auto& c = r.commands;
  EXPECT_TRUE(c[1].context.inner_script);
  ASSERT_EQ(c[1].wrappers.size(), 2u);
  EXPECT_EQ(c[1].wrappers[0].kind, WrapperKind::Sudo);
  EXPECT_EQ(c[1].wrappers[1].kind, WrapperKind::Shell);
  EXPECT_EQ(p->text(c[1].wrappers[1].span), "sh -ec");
  EXPECT_EQ(c[1].workdir, "/app/sub");
  EXPECT_TRUE(c[1].errexit);  // sh -e
  EXPECT_EQ(p->text(c[1].args[1].span), "x");
  EXPECT_EQ(p->text(c[1].span), "pip install x");
  EXPECT_EQ(c[2].args[2].value, "pdm.lock.docker");
  EXPECT_EQ(p->text(c[2].args[2].span), "\\\"pdm.lock.docker\\\"");
  EXPECT_EQ(p->text(c[2].args[2].span_of(0, 3)), "pdm");
  EXPECT_EQ(c[3].workdir, "/app");  // the inner cd does not leak out
  EXPECT_TRUE(r.runs_after_success(c[1], c[2]));
  EXPECT_TRUE(r.runs_after_success(c[2], c[3]));
  EXPECT_FALSE(c[3].context.inner_script);
}

TEST(ShellModel, DynamicShDashCStaysACommand) {
  auto p = parse("FROM debian\nRUN sh -c \"$(curl -fsSL https://x)\" && bash -c \"pip install $PKG\"\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"curl", "sh", "pip"}));
  EXPECT_TRUE(r.commands[0].context.substitution);
  EXPECT_TRUE(r.commands[1].args[1].dynamic);
  EXPECT_TRUE(r.commands[2].args[1].dynamic);
  EXPECT_EQ(p->text(r.commands[2].args[1].span), "$PKG");
}

TEST(ShellModel, CommandSubstitutionRunsFirst) {
  auto p = parse("FROM debian\nRUN pip install $(cat reqs.txt | grep -v '#') `echo y`\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"cat", "grep", "echo", "pip"}));
  EXPECT_TRUE(r.commands[0].context.substitution);
  EXPECT_FALSE(r.commands[3].context.substitution);
  EXPECT_TRUE(r.commands[3].args[1].dynamic);
  EXPECT_EQ(r.commands[2].program(), "echo");
}

TEST(ShellModel, HeredocRunIsTheScript) {
  auto p = parse(
      "# syntax=docker/dockerfile:1\nFROM debian\nWORKDIR /app\nRUN <<EOF\nset -e\ncd sub\n"
      "pip install --no-cache-dir flask\nEOF\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"set", "cd", "pip"}));
  const Command& pip = r.commands[2];
  EXPECT_EQ(pip.workdir, "/app/sub");
  EXPECT_TRUE(pip.errexit);
  EXPECT_EQ(pip.span.start.line, 7);
  EXPECT_EQ(pip.span.start.column, 1);
  EXPECT_EQ(p->text(pip.args[1].span), "--no-cache-dir");
  EXPECT_TRUE(r.runs_after_success(r.commands[1], pip));
}

TEST(ShellModel, ChompedHeredocMapsEachLine) {
  auto p = parse("FROM debian\nRUN <<-EOF\n\t\tapt-get update\n\tpip install x\n\tEOF\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"apt-get", "pip"}));
  EXPECT_EQ(p->text(r.commands[0].span), "apt-get update");
  EXPECT_EQ(r.commands[0].span.start.column, 3);
  EXPECT_EQ(p->text(r.commands[1].args[1].span), "x");
}

TEST(ShellModel, HeredocWithShebang) {
  auto p = parse(
      "FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n"
      "RUN <<EOF\n#!/bin/bash -e\npip install x\nEOF\n");
  EXPECT_EQ(p->run(0).interpreter, "/usr/bin/env python3");
  EXPECT_TRUE(p->run(0).commands.empty());
  ASSERT_EQ(programs(p->run(1)), (Strings{"pip"}));
  EXPECT_TRUE(p->run(1).commands[0].errexit);
}

TEST(ShellModel, HeredocFedToAShellOrAFile) {
  auto p = parse(
      "FROM debian\nRUN bash -ex <<EOT\napt-get update\napt-get install -y git\nEOT\n"
      "RUN cat <<EOF > /etc/pip.conf && pip install x\n[global]\nno-cache-dir = false\nEOF\n");
  const ShellRun& r0 = p->run(0);
  ASSERT_EQ(programs(r0), (Strings{"apt-get", "apt-get"}));
  EXPECT_EQ(r0.commands[1].wrappers.at(0).kind, WrapperKind::Shell);
  EXPECT_TRUE(r0.commands[1].errexit);
  EXPECT_EQ(p->text(r0.commands[1].args[2].span), "git");
  EXPECT_EQ(r0.commands[1].args[2].span.start.line, 4);
  const ShellRun& r1 = p->run(1);
  ASSERT_EQ(programs(r1), (Strings{"cat", "pip"}));
  ASSERT_EQ(r1.commands[0].redirects.size(), 2u);
  EXPECT_EQ(r1.commands[0].redirects[0].op, "<<");
  EXPECT_EQ(r1.commands[0].redirects[1].op, ">");
  EXPECT_EQ(r1.commands[0].redirects[1].target.value, "/etc/pip.conf");
  EXPECT_TRUE(r1.runs_after_success(r1.commands[0], r1.commands[1]));
}

TEST(ShellModel, HeredocOperatorBeforeTheCommand) {
  // `RUN <<EOT bash` is common; tree-sitter-bash needs the operator after
  // the command, so the script is rebuilt with every part still mapped.
  auto p = parse(
      "FROM debian\nRUN <<EOT bash\n    set -ex\n    apt-get install -y \\\n        git\nEOT\n"
      "RUN <<-EOF python3 -u\n\tprint(1)\n\tEOF\nRUN <<A cat >/a&& pip install x\n1\nA\n");
  const ShellRun& r0 = p->run(0);
  EXPECT_TRUE(r0.errors.empty()) << r0.errors.at(0).message;
  ASSERT_EQ(programs(r0), (Strings{"set", "apt-get"}));
  EXPECT_EQ(r0.commands[1].wrappers.at(0).kind, WrapperKind::Shell);
  EXPECT_EQ(p->text(r0.commands[1].wrappers[0].span), "bash");
  EXPECT_EQ(p->text(r0.commands[1].args[2].span), "git");
  EXPECT_EQ(r0.commands[1].args[2].span.start.line, 5);
  const ShellRun& r1 = p->run(1);
  EXPECT_TRUE(r1.errors.empty());
  ASSERT_EQ(programs(r1), (Strings{"python3"}));
  EXPECT_EQ(p->text(r1.commands[0].args[0].span), "-u");
  const ShellRun& r2 = p->run(2);
  EXPECT_TRUE(r2.errors.empty());
  ASSERT_EQ(programs(r2), (Strings{"cat", "pip"}));
  EXPECT_EQ(p->text(r2.commands[1].span), "pip install x");
}

TEST(ShellModel, ExecForm) {
  auto p = parse(
      "FROM debian\nRUN [\"pip\", \"install\", \"--no-cache-dir\", \"x\"]\n"
      "RUN [\"/bin/sh\", \"-c\", \"cd /a && pdm sync\"]\n");
  const ShellRun& r0 = p->run(0);
  EXPECT_TRUE(r0.exec_form);
  ASSERT_EQ(programs(r0), (Strings{"pip"}));
  EXPECT_EQ(p->text(r0.commands[0].args[1].span), "--no-cache-dir");  // the JSON string's content
  const ShellRun& r1 = p->run(1);
  ASSERT_EQ(programs(r1), (Strings{"cd", "pdm"}));
  EXPECT_EQ(r1.commands[1].workdir, "/a");
  EXPECT_EQ(p->text(r1.commands[1].args[0].span), "sync");
}

TEST(ShellModel, PowershellStageHasNoShellCommands) {
  auto p = parse(
      "FROM mcr.microsoft.com/windows/servercore AS win\n"
      "SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]\n"
      "RUN Install-Package x; pip install y\nFROM win\nRUN pip install z\nRUN [\"pip\", \"install\", \"w\"]\n"
      "FROM debian\nRUN pip install v\n");
  ASSERT_EQ(p->model.runs.size(), 4u);
  EXPECT_FALSE(p->run(0).posix);
  EXPECT_TRUE(p->run(0).commands.empty());
  EXPECT_FALSE(p->run(1).posix);  // SHELL inherited through FROM win
  EXPECT_EQ(programs(p->run(2)), (Strings{"pip"}));  // exec form needs no shell
  EXPECT_TRUE(p->run(3).posix);
  EXPECT_EQ(programs(p->run(3)), (Strings{"pip"}));
}

TEST(ShellModel, SpansAcrossContinuations) {
  auto p = parse(
      "FROM debian\nRUN pip install \\\n    --no-cache-dir \\\n    # a comment\n"
      "    --lockfile=\"false\" flask && \\\n  pdm lock\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"pip", "pdm"}));
  const Command& pip = r.commands[0];
  EXPECT_EQ(p->text(pip.args[1].span), "--no-cache-dir");
  EXPECT_EQ(pip.args[1].span.start.line, 3);
  EXPECT_EQ(pip.args[1].span.start.column, 5);
  const auto& lock = pip.args[2];
  EXPECT_EQ(lock.value, "--lockfile=false");
  EXPECT_EQ(p->text(lock.span), "--lockfile=\"false\"");
  EXPECT_EQ(p->text(lock.span_of(11, 16)), "false");
  EXPECT_EQ(lock.span.start.line, 5);
  EXPECT_EQ(p->text(r.commands[1].span), "pdm lock");
  EXPECT_EQ(r.commands[1].span.start.line, 6);
  // A word broken by a continuation maps each part to its own line.
  auto q = parse("FROM debian\nRUN pip ins\\\ntall x\n");
  const auto& w = q->run().commands.at(0).args.at(0);
  EXPECT_EQ(w.value, "install");
  EXPECT_EQ(w.position_of(0).line, 2);
  EXPECT_EQ(w.position_of(3).line, 3);
  EXPECT_EQ(w.position_of(3).column, 1);
}

TEST(ShellModel, QuoteRemovalAndWordFlags) {
  auto p = parse(
      "FROM debian\nRUN echo 'a b' \"c\\\"d\" e\\ f $'g\\th' \"$X\" *.whl ~/x 'p[q]' r[s]\n");
  const Command& c = p->run().commands.at(0);
  ASSERT_EQ(c.args.size(), 9u);
  EXPECT_EQ(c.args[0].value, "a b");
  EXPECT_EQ(c.args[1].value, "c\"d");
  EXPECT_EQ(c.args[2].value, "e f");
  EXPECT_EQ(c.args[3].value, "g\th");
  EXPECT_TRUE(c.args[4].dynamic);
  EXPECT_EQ(c.args[4].value, "$X");
  EXPECT_TRUE(c.args[5].glob);
  EXPECT_TRUE(c.args[6].dynamic);
  EXPECT_FALSE(c.args[7].glob);
  EXPECT_TRUE(c.args[8].glob);
  EXPECT_FALSE(c.args[0].dynamic);
  EXPECT_EQ(c.args[1].raw, "\"c\\\"d\"");
}

TEST(ShellModel, ParseErrorIsRecordedAndTheRestAnalysed) {
  auto p = parse(
      "FROM debian\nRUN pip install x && && pdm lock; echo ok\nRUN echo \"unterminated; pdm lock\n"
      "RUN pip install y\n");
  const ShellRun& r0 = p->run(0);
  ASSERT_FALSE(r0.errors.empty());
  EXPECT_EQ(r0.errors[0].span.start.line, 2);
  EXPECT_EQ(p->text(r0.errors[0].span), "&&");
  auto names = programs(r0);
  EXPECT_NE(std::find(names.begin(), names.end(), "pip"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "echo"), names.end());
  const ShellRun& r1 = p->run(1);
  EXPECT_FALSE(r1.errors.empty());
  EXPECT_EQ(programs(r1), (Strings{"echo"}));  // the unterminated string is not a command
  EXPECT_TRUE(p->run(2).errors.empty());
  EXPECT_EQ(programs(p->run(2)), (Strings{"pip"}));
}

TEST(ShellModel, UnclosedIfKeepsItsCommandsAsRecovered) {
  auto p = parse("FROM debian\nRUN pip install x; if a; then b; echo c\n");
  const ShellRun& r = p->run();
  ASSERT_FALSE(r.errors.empty());
  auto pips = r.commands_named("pip");
  ASSERT_EQ(pips.size(), 1u);
  EXPECT_EQ(p->text(pips[0]->span), "pip install x");
}

TEST(ShellModel, OnbuildRunUsesTheFinalStageState) {
  auto p = parse("FROM debian\nWORKDIR /a\nONBUILD RUN pip install .\nWORKDIR /b\nRUN true\n");
  ASSERT_EQ(p->model.runs.size(), 2u);
  const ShellRun& ob = p->run(0);
  EXPECT_TRUE(ob.onbuild);
  EXPECT_EQ(ob.instruction_index, 2u);
  EXPECT_EQ(ob.instruction->kind, dd::Keyword::Run);
  ASSERT_EQ(programs(ob), (Strings{"pip"}));
  EXPECT_EQ(ob.commands[0].workdir, "/b");
  EXPECT_EQ(p->text(ob.commands[0].args[1].span), ".");
  EXPECT_EQ(p->model.run_at(2), &ob);
  EXPECT_EQ(p->model.run_at(0), nullptr);
}

TEST(ShellModel, FunctionsCaseAndNegation) {
  auto p = parse(
      "FROM debian\nRUN f() { pip install x; }; case \"$A\" in a) pdm sync ;; *) pdm lock ;; esac; "
      "! grep -q x y && z\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"pip", "pdm", "pdm", "grep", "z"}));
  EXPECT_TRUE(r.commands[0].context.function);
  EXPECT_TRUE(r.commands[1].context.branch);
  EXPECT_TRUE(r.commands[3].context.negated);
  EXPECT_FALSE(r.runs_after_success(r.commands[3], r.commands[4]));
}

TEST(ShellModel, WhileLoopConditionGuardsBody) {
  auto p = parse("FROM debian\nRUN while read -r p; do pip install \"$p\"; done < reqs.txt; until ok; do retry; done\n");
  const ShellRun& r = p->run();
  ASSERT_EQ(programs(r), (Strings{"read", "pip", "ok", "retry"}));
  EXPECT_TRUE(r.commands[1].context.loop);
  EXPECT_TRUE(r.runs_after_success(r.commands[0], r.commands[1]));
  EXPECT_FALSE(r.runs_after_success(r.commands[2], r.commands[3]));  // until: body runs on failure
}

TEST(ShellModel, AnalyzeScriptDirectly) {
  dd::RunContext ctx;
  ctx.workdir = "/x";
  dd::Position origin{10, 5, 100};
  ShellRun r = dd::analyze_script("cd y\npip install z", origin, ctx);
  ASSERT_EQ(programs(r), (Strings{"cd", "pip"}));
  EXPECT_EQ(r.commands[1].workdir, "/x/y");
  EXPECT_EQ(r.commands[1].span.start.line, 11);
  EXPECT_EQ(r.commands[1].span.start.column, 1);
  EXPECT_EQ(r.commands[1].span.start.offset, 105u);
  EXPECT_EQ(r.commands[0].span.start.column, 5);
}

TEST(ShellModel, JoinPath) {
  EXPECT_EQ(dd::join_path("/", "app"), "/app");
  EXPECT_EQ(dd::join_path("/app", "../x/./y/"), "/x/y");
  EXPECT_EQ(dd::join_path("/app", "/abs//p"), "/abs/p");
  EXPECT_EQ(dd::join_path("/", "../.."), "/");
}

}  // namespace
