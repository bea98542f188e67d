// The manifest parsers (src/manifest/manifest.h): each local-dependency and
// workspace form, the span of the declaring text, malformed files with the
// position of the error, and hostile sizes generated here.
#include "manifest/manifest.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace dd::manifest {
namespace {

// The text a span covers.
std::string_view covered(std::string_view text, const Span& s) {
  return text.substr(s.start.offset, s.end.offset - s.start.offset);
}

const LocalDep* dep_named(const Manifest& m, std::string_view name) {
  for (const LocalDep& d : m.deps)
    if (d.name == name) return &d;
  return nullptr;
}

TEST(ManifestKind, RecognisesManifestNames) {
  EXPECT_EQ(kind_of("pyproject.toml"), Kind::Pyproject);
  EXPECT_EQ(kind_of("requirements-dev.txt"), Kind::Requirements);
  EXPECT_EQ(kind_of("requirements.in"), Kind::Requirements);
  EXPECT_EQ(kind_of("pnpm-workspace.yaml"), Kind::PnpmWorkspace);
  EXPECT_EQ(kind_of("Cargo.toml"), Kind::Cargo);
  EXPECT_FALSE(kind_of("notes.txt"));
  EXPECT_FALSE(kind_of("pdm.lock"));
}

TEST(ManifestPaths, CleanRelativeKeepsLeadingParents) {
  EXPECT_EQ(clean_relative("../shared/./python/"), "../shared/python");
  EXPECT_EQ(clean_relative("./libs/x/../y"), "libs/y");
  EXPECT_EQ(clean_relative("../../a"), "../../a");
  EXPECT_EQ(clean_relative("."), "");
}

TEST(Pyproject, PoetryPathDependencyWithSpan) {
  std::string text =
      "[tool.poetry.dependencies]\n"
      "python = \"^3.11\"\n"
      "shared-python = { path = \"../shared/python\", develop = true }\n"
      "flask = \"^3.0\"\n"
      "[tool.poetry.group.test.dependencies]\n"
      "fixtures = { path = \"libs/fixtures\" }\n";
  Manifest m = parse_pyproject(text);
  ASSERT_TRUE(m.diagnostics.empty());
  ASSERT_EQ(m.deps.size(), 2u);
  const LocalDep* d = dep_named(m, "shared-python");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->path, "../shared/python");
  EXPECT_TRUE(d->editable);
  EXPECT_EQ(d->form, DepForm::Editable);
  EXPECT_EQ(d->section, "tool.poetry.dependencies");
  EXPECT_EQ(d->span.start.line, 3);
  EXPECT_EQ(d->span.start.column, 26);
  EXPECT_EQ(covered(text, d->span), "\"../shared/python\"");
  const LocalDep* t = dep_named(m, "fixtures");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->dev);
  EXPECT_FALSE(t->editable);
  EXPECT_EQ(t->form, DepForm::Path);
}

TEST(Pyproject, PdmEditableProjectRootEntries) {
  std::string text =
      "[project]\n"
      "name = \"huleedu\"\n"
      "dependencies = [\n"
      "    \"-e file:///${PROJECT_ROOT}/libs/common_core#egg=common-core\",\n"
      "    \"fastapi>=0.115\",\n"
      "    \"nlp @ file:///${PROJECT_ROOT}/services/nlp\",\n"
      "]\n"
      "[tool.pdm.dev-dependencies]\n"
      "dev = [\"-e file:///${PROJECT_ROOT}/tools/lint#egg=lint\", \"pytest\"]\n";
  Manifest m = parse_pyproject(text);
  ASSERT_TRUE(m.diagnostics.empty());
  EXPECT_EQ(m.name, "huleedu");
  ASSERT_EQ(m.deps.size(), 3u);
  const LocalDep* core = dep_named(m, "common-core");
  ASSERT_NE(core, nullptr);
  EXPECT_EQ(core->path, "libs/common_core");
  EXPECT_TRUE(core->editable);
  EXPECT_FALSE(core->absolute);
  EXPECT_EQ(core->span.start.line, 4);
  EXPECT_EQ(covered(text, core->span),
            "\"-e file:///${PROJECT_ROOT}/libs/common_core#egg=common-core\"");
  const LocalDep* nlp = dep_named(m, "nlp");
  ASSERT_NE(nlp, nullptr);
  EXPECT_EQ(nlp->form, DepForm::File);
  EXPECT_EQ(nlp->path, "services/nlp");
  const LocalDep* lint = dep_named(m, "lint");
  ASSERT_NE(lint, nullptr);
  EXPECT_TRUE(lint->dev);
  EXPECT_EQ(lint->section, "tool.pdm.dev-dependencies.dev");
}

TEST(Pyproject, OptionalDependenciesAndGroups) {
  Manifest m = parse_pyproject(
      "[project.optional-dependencies]\n"
      "docs = [\"theme @ file:///${PROJECT_ROOT}/docs/theme\"]\n"
      "[dependency-groups]\n"
      "test = [\"-e ./libs/testing\"]\n");
  ASSERT_EQ(m.deps.size(), 2u);
  EXPECT_EQ(m.deps[0].path, "docs/theme");
  EXPECT_TRUE(m.deps[0].dev);
  EXPECT_EQ(m.deps[1].path, "libs/testing");
  EXPECT_TRUE(m.deps[1].editable);
}

TEST(Pyproject, AbsoluteFileUrlIsKeptAsAbsolute) {
  Manifest m = parse_pyproject("[project]\ndependencies = [\"x @ file:///opt/x\"]\n");
  ASSERT_EQ(m.deps.size(), 1u);
  EXPECT_TRUE(m.deps[0].absolute);
  EXPECT_EQ(m.deps[0].path, "/opt/x");
}

TEST(Pyproject, RegistryAndRemoteRequirementsAreNotLocal) {
  Manifest m = parse_pyproject(
      "[project]\n"
      "dependencies = [\"flask>=3\", \"x @ git+https://example.com/x.git\", \"y @ "
      "https://e.com/y.whl\"]\n");
  EXPECT_TRUE(m.deps.empty());
}

TEST(Pyproject, UvWorkspaceAndSources) {
  std::string text =
      "[project]\n"
      "name = \"ws\"\n"
      "[tool.uv.workspace]\n"
      "members = [\"packages/*\", \"apps/web\"]\n"
      "exclude = [\"packages/legacy\"]\n"
      "[tool.uv.sources]\n"
      "core = { workspace = true }\n"
      "vendored = { path = \"third_party/vendored\", editable = true }\n";
  Manifest m = parse_pyproject(text);
  ASSERT_TRUE(m.diagnostics.empty());
  EXPECT_TRUE(m.workspace_root);
  ASSERT_EQ(m.members.size(), 3u);
  EXPECT_EQ(m.members[0].pattern, "packages/*");
  EXPECT_FALSE(m.members[0].exclude);
  EXPECT_EQ(covered(text, m.members[0].span), "\"packages/*\"");
  EXPECT_TRUE(m.members[2].exclude);
  const LocalDep* core = dep_named(m, "core");
  ASSERT_NE(core, nullptr);
  EXPECT_EQ(core->form, DepForm::Workspace);
  EXPECT_EQ(core->span.start.line, 7);
  const LocalDep* v = dep_named(m, "vendored");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(v->editable);
  EXPECT_EQ(v->path, "third_party/vendored");
}

TEST(Pyproject, MalformedFileReportsWhereTheErrorIs) {
  Manifest m = parse_pyproject("[project]\nname = \"x\"\ndependencies = [\"a\",\n  oops\n]\n");
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].at.line, 4);
  EXPECT_GE(m.diagnostics[0].at.column, 3);
  EXPECT_TRUE(m.deps.empty());
}

TEST(Pyproject, InvalidUtf8IsADiagnosticNotACrash) {
  Manifest m = parse_pyproject(std::string("[project]\nname = \"\xff\xfe\"\n"));
  EXPECT_FALSE(m.diagnostics.empty());
}

TEST(Pipfile, PathPackages) {
  std::string text =
      "[packages]\n"
      "requests = \"*\"\n"
      "shared = {path = \"./libs/shared\", editable = true}\n"
      "[dev-packages]\n"
      "testing = {path = \"../testing\"}\n";
  Manifest m = parse_pipfile(text);
  ASSERT_EQ(m.deps.size(), 2u);
  EXPECT_EQ(m.deps[0].name, "shared");
  EXPECT_EQ(m.deps[0].path, "libs/shared");
  EXPECT_TRUE(m.deps[0].editable);
  EXPECT_EQ(m.deps[0].span.start.line, 3);
  EXPECT_EQ(m.deps[1].path, "../testing");
  EXPECT_TRUE(m.deps[1].dev);
}

TEST(Cargo, PathDependenciesAndWorkspace) {
  std::string text =
      "[package]\n"
      "name = \"api\"\n"
      "[dependencies]\n"
      "core = { path = \"../core\" }\n"
      "serde = \"1\"\n"
      "util.workspace = true\n"
      "[target.'cfg(unix)'.dependencies]\n"
      "unixy = { path = \"../unixy\" }\n"
      "[workspace]\n"
      "members = [\"crates/*\"]\n"
      "exclude = [\"crates/old\"]\n";
  Manifest m = parse_cargo(text);
  ASSERT_TRUE(m.diagnostics.empty());
  EXPECT_EQ(m.name, "api");
  EXPECT_TRUE(m.workspace_root);
  ASSERT_EQ(m.members.size(), 2u);
  EXPECT_TRUE(m.members[1].exclude);
  const LocalDep* core = dep_named(m, "core");
  ASSERT_NE(core, nullptr);
  EXPECT_EQ(core->path, "../core");
  EXPECT_EQ(covered(text, core->span), "\"../core\"");
  const LocalDep* util = dep_named(m, "util");
  ASSERT_NE(util, nullptr);
  EXPECT_EQ(util->form, DepForm::Workspace);
  ASSERT_NE(dep_named(m, "unixy"), nullptr);
}

TEST(PackageJson, WorkspacesArrayAndLocalDependencies) {
  std::string text =
      "{\n"
      "  \"name\": \"web\",\n"
      "  \"workspaces\": [\"packages/*\", \"!packages/old\"],\n"
      "  \"dependencies\": {\n"
      "    \"@acme/ui\": \"workspace:*\",\n"
      "    \"react\": \"^18\",\n"
      "    \"local\": \"file:../local\",\n"
      "    \"linked\": \"link:./vendor/linked\"\n"
      "  },\n"
      "  \"devDependencies\": {\"tool\": \"../tools/tool\"}\n"
      "}\n";
  Manifest m = parse_package_json(text);
  ASSERT_TRUE(m.diagnostics.empty());
  EXPECT_EQ(m.name, "web");
  EXPECT_TRUE(m.workspace_root);
  ASSERT_EQ(m.members.size(), 2u);
  EXPECT_EQ(m.members[0].pattern, "packages/*");
  EXPECT_TRUE(m.members[1].exclude);
  EXPECT_EQ(m.members[1].pattern, "packages/old");
  EXPECT_EQ(m.members[0].span.start.line, 3);
  ASSERT_EQ(m.deps.size(), 4u);
  const LocalDep* ui = dep_named(m, "@acme/ui");
  ASSERT_NE(ui, nullptr);
  EXPECT_EQ(ui->form, DepForm::Workspace);
  EXPECT_EQ(ui->span.start.line, 5);
  EXPECT_EQ(covered(text, ui->span), "\"workspace:*\"");
  const LocalDep* local = dep_named(m, "local");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->form, DepForm::File);
  EXPECT_EQ(local->path, "../local");
  EXPECT_EQ(local->span.start.line, 7);
  const LocalDep* linked = dep_named(m, "linked");
  ASSERT_NE(linked, nullptr);
  EXPECT_EQ(linked->form, DepForm::Link);
  EXPECT_EQ(linked->path, "vendor/linked");
  const LocalDep* tool = dep_named(m, "tool");
  ASSERT_NE(tool, nullptr);
  EXPECT_TRUE(tool->dev);
  EXPECT_EQ(tool->span.start.line, 10);
}

TEST(PackageJson, WorkspacesObjectForm) {
  Manifest m =
      parse_package_json(R"({"workspaces": {"packages": ["apps/*"], "nohoist": ["**/x"]}})");
  ASSERT_EQ(m.members.size(), 1u);
  EXPECT_EQ(m.members[0].pattern, "apps/*");
}

TEST(PackageJson, SameValueInTwoSectionsGetsItsOwnSpan) {
  std::string text =
      "{\"dependencies\": {\"a\": \"workspace:*\"},\n"
      " \"devDependencies\": {\"b\": \"workspace:*\"}}\n";
  Manifest m = parse_package_json(text);
  ASSERT_EQ(m.deps.size(), 2u);
  EXPECT_EQ(dep_named(m, "a")->span.start.line, 1);
  EXPECT_EQ(dep_named(m, "b")->span.start.line, 2);
}

TEST(PackageJson, MalformedFileReportsWhereTheErrorIs) {
  Manifest m = parse_package_json("{\n  \"name\": \"x\",\n  \"dependencies\": {,}\n}\n");
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].at.line, 3);
  Manifest array = parse_package_json("[1, 2]");
  ASSERT_EQ(array.diagnostics.size(), 1u);
}

TEST(PnpmWorkspace, PackagesGlobsWithSpans) {
  std::string text =
      "packages:\n"
      "  - \"apps/*\"\n"
      "  - libs/**\n"
      "  - '!**/test/**'\n";
  Manifest m = parse_pnpm_workspace(text);
  ASSERT_TRUE(m.diagnostics.empty());
  ASSERT_EQ(m.members.size(), 3u);
  EXPECT_EQ(m.members[0].pattern, "apps/*");
  EXPECT_EQ(covered(text, m.members[0].span), "\"apps/*\"");
  EXPECT_EQ(m.members[1].pattern, "libs/**");
  EXPECT_EQ(covered(text, m.members[1].span), "libs/**");
  EXPECT_EQ(m.members[1].span.start.line, 3);
  EXPECT_TRUE(m.members[2].exclude);
}

TEST(PnpmWorkspace, MalformedFileReportsWhereTheErrorIs) {
  Manifest m = parse_pnpm_workspace("packages:\n  - apps/*\n  - [unclosed\n");
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_GE(m.diagnostics[0].at.line, 3);
  Manifest wrong = parse_pnpm_workspace("packages: apps/*\n");
  ASSERT_EQ(wrong.diagnostics.size(), 1u);
  EXPECT_EQ(wrong.diagnostics[0].at.line, 1);
}

TEST(Requirements, EditablesPathsIncludesAndHashes) {
  std::string text =
      "# comment\n"
      "-r base.txt\n"
      "--requirement=./more/dev.txt\n"
      "-c constraints.txt\n"
      "-e ./libs/x\n"
      "--editable ../shared\n"
      "flask==3.0.0 \\\n"
      "    --hash=sha256:abc\n"
      "./vendor/pkg --hash=sha256:def  # local\n"
      "tool @ file:///${PROJECT_ROOT}/tools/tool\n"
      "-e git+https://example.com/r.git#egg=r\n"
      "--index-url https://pypi.org/simple\n";
  Manifest m = parse_requirements(text);
  ASSERT_EQ(m.includes.size(), 3u);
  EXPECT_EQ(m.includes[0], "base.txt");
  EXPECT_EQ(m.includes[1], "more/dev.txt");
  EXPECT_EQ(m.includes[2], "constraints.txt");
  ASSERT_EQ(m.deps.size(), 4u);
  EXPECT_EQ(m.deps[0].path, "libs/x");
  EXPECT_TRUE(m.deps[0].editable);
  EXPECT_TRUE(m.deps[0].from_cwd);
  EXPECT_EQ(m.deps[0].span.start.line, 5);
  EXPECT_EQ(covered(text, m.deps[0].span), "-e ./libs/x");
  EXPECT_EQ(m.deps[1].path, "../shared");
  EXPECT_EQ(m.deps[2].path, "vendor/pkg");
  EXPECT_EQ(covered(text, m.deps[2].span), "./vendor/pkg");
  EXPECT_EQ(m.deps[3].name, "tool");
  EXPECT_EQ(m.deps[3].path, "tools/tool");
}

TEST(GoMod, LocalReplacesOnly) {
  std::string text =
      "module example.com/api\n"
      "\n"
      "replace example.com/core => ../core\n"
      "replace (\n"
      "\texample.com/util v1.2.0 => ./third_party/util // vendored\n"
      "\texample.com/other => example.com/fork v1.0.0\n"
      ")\n"
      "replace broken\n";
  Manifest m = parse_go_mod(text);
  EXPECT_EQ(m.name, "example.com/api");
  ASSERT_EQ(m.deps.size(), 2u);
  EXPECT_EQ(m.deps[0].name, "example.com/core");
  EXPECT_EQ(m.deps[0].path, "../core");
  EXPECT_EQ(m.deps[0].form, DepForm::Replace);
  EXPECT_EQ(covered(text, m.deps[0].span), "../core");
  EXPECT_EQ(m.deps[1].path, "third_party/util");
  EXPECT_EQ(m.deps[1].span.start.line, 5);
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].at.line, 8);
}

// Hostile inputs: generated, never stored.
TEST(ManifestHostile, OversizedFilesAreRefusedWithANote) {
  std::string big(kMaxManifestBytes + 1, ' ');
  for (Kind k : {Kind::Pyproject, Kind::PackageJson, Kind::PnpmWorkspace, Kind::Requirements,
                 Kind::Pipfile, Kind::GoMod, Kind::Cargo}) {
    Manifest m = parse(k, big);
    ASSERT_EQ(m.diagnostics.size(), 1u) << kind_name(k);
    EXPECT_NE(m.diagnostics[0].message.find("larger than"), std::string::npos);
  }
}

TEST(ManifestHostile, DeepNestingIsRefusedBeforeTheLibrarySeesIt) {
  std::string json = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  Manifest j = parse_package_json(json);
  ASSERT_EQ(j.diagnostics.size(), 1u);
  EXPECT_NE(j.diagnostics[0].message.find("nest"), std::string::npos);
  std::string yaml = "packages: " + std::string(100000, '[') + "\n";
  EXPECT_EQ(parse_pnpm_workspace(yaml).diagnostics.size(), 1u);
  std::string toml = "a = " + std::string(100000, '[') + "\n";
  EXPECT_EQ(parse_pyproject(toml).diagnostics.size(), 1u);
}

TEST(ManifestHostile, ManyEntriesWithinTheSizeLimitAreAllRead) {
  std::string text = "[tool.poetry.dependencies]\n";
  for (int i = 0; i < 5000; ++i)
    text += "p" + std::to_string(i) + " = { path = \"../p" + std::to_string(i) + "\" }\n";
  Manifest m = parse_pyproject(text);
  ASSERT_TRUE(m.diagnostics.empty());
  ASSERT_EQ(m.deps.size(), 5000u);
  // toml++ keeps a table's keys sorted: look the last one written up by name.
  const LocalDep* last = dep_named(m, "p4999");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->span.start.line, 5001);
  std::string reqs;
  for (int i = 0; i < 20000; ++i) reqs += "-e ./libs/p" + std::to_string(i) + "\n";
  EXPECT_EQ(parse_requirements(reqs).deps.size(), 20000u);
  // One enormous line of continuation backslashes.
  std::string cont(1'000'000, '\\');
  EXPECT_TRUE(parse_requirements(cont).deps.empty());
}

}  // namespace
}  // namespace dd::manifest
