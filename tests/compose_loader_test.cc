// The compose loader: YAML as Compose reads it (merge keys, tags, one
// document), interpolation in place, override files, extends, include and
// the normalised service model, with every location pointing at the file and
// characters that set the value.
#include <gtest/gtest.h>

#include "compose/loader.h"
#include "compose_test_util.h"

namespace {

using dd::compose::Diagnostic;
using dd::compose::Node;
using dd::compose::Project;
using dd::compose::Service;
using dd::compose::testing::Files;
using dd::compose::testing::kinds;

Node parse(const std::string& text, std::vector<Diagnostic>* diags) {
  return dd::compose::parse_yaml(text, "compose.yaml", dd::compose::Limits{}, diags);
}

std::string at(const dd::compose::Location& l) {
  return l.file + ":" + std::to_string(l.span.start.line) + ":" +
         std::to_string(l.span.start.column) + "-" + std::to_string(l.span.end.line) + ":" +
         std::to_string(l.span.end.column);
}

TEST(ComposeParse, KeepsExactSpansOfScalarsKeysAndCollections) {
  std::string text =
      "services:\n"
      "  web:\n"
      "    image: \"nginx:1.25\"\n"
      "    command: ['a', \"b\"]\n"
      "    ports:\n"
      "      - 8080:80\n";
  std::vector<Diagnostic> d;
  Node root = parse(text, &d);
  ASSERT_TRUE(d.empty());
  const Node* web = root.get("services")->get("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(at(web->get("image")->loc), "compose.yaml:3:12-3:24");
  EXPECT_TRUE(web->get("image")->quoted);
  EXPECT_EQ(at(*web->key_location("image")), "compose.yaml:3:5-3:10");
  EXPECT_EQ(at(web->get("command")->loc), "compose.yaml:4:14-4:24");
  EXPECT_EQ(at(web->get("ports")->items[0].loc), "compose.yaml:6:9-6:16");
  EXPECT_EQ(web->get("ports")->items[0].loc.span.start.offset, text.find("8080"));
}

TEST(ComposeParse, BlockScalarSpanCoversItsLines) {
  std::string text = "a:\n  cmd: |\n    one\n    two\n  b: 1\n";
  std::vector<Diagnostic> d;
  Node root = parse(text, &d);
  const Node* cmd = root.get("a")->get("cmd");
  EXPECT_EQ(cmd->value, "one\ntwo\n");
  EXPECT_EQ(at(cmd->loc), "compose.yaml:2:8-4:8");
}

TEST(ComposeParse, MergeKeysExplicitKeysWinAndEarlierSourcesWin) {
  std::string text =
      "x-a: &a {image: a, user: a, tty: true}\n"
      "x-b: &b {image: b, user: b, init: true}\n"
      "one:\n"
      "  <<: *a\n"
      "  image: mine\n"
      "two:\n"
      "  <<: [*a, *b]\n"
      "three:\n"
      "  <<: [*b, *a]\n"
      "  init: false\n";
  std::vector<Diagnostic> d;
  Node root = parse(text, &d);
  ASSERT_TRUE(d.empty()) << d[0].message;
  EXPECT_EQ(root.get("one")->get("image")->value, "mine");
  EXPECT_EQ(root.get("one")->get("user")->value, "a");
  EXPECT_EQ(root.get("two")->get("image")->value, "a");
  EXPECT_EQ(root.get("two")->get("init")->value, "true");
  EXPECT_EQ(root.get("three")->get("image")->value, "b");
  EXPECT_EQ(root.get("three")->get("tty")->value, "true");
  EXPECT_EQ(root.get("three")->get("init")->value, "false");
  EXPECT_EQ(root.get("one")->get("<<"), nullptr);
  // A merged value points at where the anchor wrote it.
  EXPECT_EQ(root.get("two")->get("user")->loc.span.start.line, 1);
}

TEST(ComposeParse, MergeKeyWithoutMappingIsAnError) {
  std::vector<Diagnostic> d;
  parse("a:\n  <<: 3\n", &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("merge key"), std::string::npos);
}

TEST(ComposeParse, TagsAreKept) {
  std::vector<Diagnostic> d;
  Node root = parse("a: !reset []\nb: !override\n  - 1\nc: !reset null\nd: !reset\ne: 1\n", &d);
  ASSERT_TRUE(d.empty());
  EXPECT_EQ(root.get("a")->tag, "!reset");
  EXPECT_EQ(root.get("b")->tag, "!override");
  EXPECT_EQ(root.get("c")->tag, "!reset");
  EXPECT_EQ(root.get("d")->tag, "!reset");
  EXPECT_EQ(root.get("e")->tag, "");
}

TEST(ComposeParse, InvalidYamlIsOneDiagnosticAtTheParserPosition) {
  std::vector<Diagnostic> d;
  parse("services:\n  web:\n    image: [unclosed\n    ports: 1\n", &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Diagnostic::Kind::ParseError);
  EXPECT_NE(d[0].message.find("invalid YAML"), std::string::npos);
  EXPECT_GE(d[0].loc.span.start.line, 3);
}

TEST(ComposeParse, MultipleDocumentsAreRejected) {
  std::vector<Diagnostic> d;
  parse("services: {}\n---\nservices: {}\n", &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("more than one YAML document"), std::string::npos);
  EXPECT_EQ(d[0].loc.span.start.line, 2);
  d.clear();
  parse("---\nservices: {}\n", &d);
  EXPECT_TRUE(d.empty());
}

TEST(ComposeParse, DuplicateKeysAreErrors) {
  std::vector<Diagnostic> d;
  parse("services:\n  web: {}\n  web: {}\n", &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].loc.span.start.line, 3);
}

TEST(ComposeLoad, InterpolatesFromDotenvWithTheCallersEnvironmentWinning) {
  Files f;
  f.files["compose.yaml"] =
      "services:\n"
      "  web:\n"
      "    image: nginx:${TAG}\n"
      "    ports: [\"${PORT:-80}:80\"]\n"
      "    environment:\n"
      "      A: ${FROM_ENV}\n"
      "      B: $$literal\n";
  f.files[".env"] = "TAG=1.25\nFROM_ENV=dotenv\n";
  f.env["FROM_ENV"] = "shell";
  Project p = f.load({"compose.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  const Service& web = p.services.at(0);
  EXPECT_EQ(web.image->value, "nginx:1.25");
  EXPECT_EQ(web.image->raw, "nginx:${TAG}");
  EXPECT_EQ(web.ports.at(0).published, "80");
  EXPECT_EQ(web.environment.at(0).value->value, "shell");
  EXPECT_EQ(web.environment.at(1).value->value, "$literal");
}

TEST(ComposeLoad, UnsetVariableIsADiagnosticAtItsDollar) {
  Files f;
  f.files["compose.yaml"] =
      "services:\n  web:\n    image: nginx:${TAG}\n    command: \"echo ${X:?set X}\"\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_EQ(p.diagnostics.size(), 2u) << kinds(p);
  EXPECT_EQ(p.diagnostics[0].kind, Diagnostic::Kind::VariableUnset);
  EXPECT_EQ(at(p.diagnostics[0].loc), "compose.yaml:3:18-3:24");
  EXPECT_EQ(p.diagnostics[1].kind, Diagnostic::Kind::VariableError);
  EXPECT_EQ(at(p.diagnostics[1].loc), "compose.yaml:4:20-4:31");
  EXPECT_NE(p.diagnostics[1].message.find("set X"), std::string::npos);
  EXPECT_EQ(p.services.at(0).image->value, "nginx:");
}

// The override rules, one per test, each against the merged model.
Files base_and_override(const std::string& base, const std::string& over) {
  Files f;
  f.files["compose.yaml"] = base;
  f.files["compose.override.yaml"] = over;
  return f;
}

TEST(ComposeOverride, MappingsMergeAndScalarsAreReplaced) {
  Files f = base_and_override(
      "services:\n  web:\n    image: a\n    environment:\n      A: 1\n      B: 2\n",
      "services:\n  web:\n    image: b\n    environment:\n      - B=3\n      - C=4\n  db:\n    "
      "image: pg\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  ASSERT_EQ(p.services.size(), 2u);
  const Service& web = *p.service("web");
  EXPECT_EQ(web.image->value, "b");
  EXPECT_EQ(web.image->loc.file, "compose.override.yaml");
  ASSERT_EQ(web.environment.size(), 3u);
  EXPECT_EQ(web.environment[0].key.value, "A");
  EXPECT_EQ(web.environment[0].loc.file, "compose.yaml");
  EXPECT_EQ(web.environment[1].value->value, "3");
  EXPECT_EQ(web.environment[1].value->loc.file, "compose.override.yaml");
  EXPECT_EQ(web.environment[2].key.value, "C");
}

TEST(ComposeOverride, PortsAndVolumesMergeByTheirKey) {
  Files f = base_and_override(
      "services:\n  web:\n    image: a\n    ports: [\"8080:80\", \"443:443\"]\n"
      "    volumes: [\"./a:/app\", \"data:/data\"]\n",
      "services:\n  web:\n    ports: [\"8080:80\", \"9090:90\"]\n"
      "    volumes: [\"./b:/app:ro\", {type: tmpfs, target: /tmp}]\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  const Service& web = *p.service("web");
  ASSERT_EQ(web.ports.size(), 3u);
  EXPECT_EQ(web.ports[0].loc.file, "compose.override.yaml");
  EXPECT_EQ(web.ports[1].published, "443");
  EXPECT_EQ(web.ports[2].published, "9090");
  ASSERT_EQ(web.volumes.size(), 3u);
  EXPECT_EQ(web.volumes[0].source, "./b");
  EXPECT_TRUE(web.volumes[0].read_only);
  EXPECT_EQ(web.volumes[0].loc.file, "compose.override.yaml");
  EXPECT_EQ(web.volumes[1].target, "/data");
  EXPECT_EQ(web.volumes[2].type, dd::compose::VolumeMount::Type::Tmpfs);
}

TEST(ComposeOverride, CommandAndEntrypointAreReplacedNotAppended) {
  Files f = base_and_override(
      "services:\n  web:\n    image: a\n    command: [a, b]\n    entrypoint: [x]\n",
      "services:\n  web:\n    command: [c]\n    entrypoint: y z\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  const Service& web = *p.service("web");
  ASSERT_EQ(web.command->items.size(), 1u);
  EXPECT_EQ(web.command->items[0].value, "c");
  EXPECT_TRUE(web.command->list_form);
  EXPECT_FALSE(web.entrypoint->list_form);
  EXPECT_EQ(web.entrypoint->items[0].value, "y z");
}

TEST(ComposeOverride, ResetRemovesAndOverrideReplaces) {
  Files f = base_and_override(
      "services:\n  web:\n    image: a\n    ports: [\"80:80\"]\n    build: .\n"
      "    environment: {A: 1, B: 2}\n",
      "services:\n  web:\n    ports: !reset []\n    build: !reset null\n"
      "    environment: !override\n      C: 3\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  const Service& web = *p.service("web");
  EXPECT_TRUE(web.ports.empty());
  EXPECT_FALSE(web.build.has_value());
  EXPECT_EQ(web.node.get("ports"), nullptr);
  ASSERT_EQ(web.environment.size(), 1u);
  EXPECT_EQ(web.environment[0].key.value, "C");
  EXPECT_TRUE(web.node.get("environment")->tag.empty());
}

TEST(ComposeOverride, ListAndMappingFormsOfDependsOnMerge) {
  Files f = base_and_override(
      "services:\n  web:\n    image: a\n    depends_on: [db]\n  db: {image: b}\n  c: {image: c}\n",
      "services:\n  web:\n    depends_on:\n      c:\n        condition: service_healthy\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  const Service& web = *p.service("web");
  ASSERT_EQ(web.depends_on.size(), 2u);
  EXPECT_EQ(web.depends_on[0].service.value, "db");
  EXPECT_EQ(web.depends_on[0].condition, "service_started");
  EXPECT_EQ(web.depends_on[1].service.value, "c");
  EXPECT_EQ(web.depends_on[1].condition, "service_healthy");
}

TEST(ComposeOverride, BuildStringMergesWithBuildMapping) {
  Files f = base_and_override("services:\n  web:\n    build: ./app\n",
                              "services:\n  web:\n    build:\n      target: dev\n");
  Project p = f.load({"compose.yaml", "compose.override.yaml"});
  const Service& web = *p.service("web");
  ASSERT_TRUE(web.build);
  EXPECT_EQ(web.build->context->value, "./app");
  EXPECT_EQ(web.build->context->loc.file, "compose.yaml");
  EXPECT_EQ(web.build->target->value, "dev");
}

TEST(ComposeExtends, SameFile) {
  Files f;
  f.files["compose.yaml"] =
      "services:\n"
      "  base:\n    image: a\n    environment: [A=1]\n    command: [x]\n"
      "  web:\n    extends: base\n    command: [y]\n    environment: [B=2]\n"
      "  worker:\n    extends:\n      service: web\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  const Service& web = *p.service("web");
  EXPECT_EQ(web.image->value, "a");
  EXPECT_EQ(web.command->items.at(0).value, "y");
  EXPECT_EQ(web.environment.size(), 2u);
  EXPECT_EQ(web.node.get("extends"), nullptr);
  const Service& worker = *p.service("worker");
  EXPECT_EQ(worker.image->value, "a");
  EXPECT_EQ(worker.command->items.at(0).value, "y");
}

TEST(ComposeExtends, OtherFileKeepsItsLocationsForRelativePaths) {
  Files f;
  f.files["compose.yaml"] =
      "services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: app\n";
  f.files["common/base.yaml"] =
      "services:\n  app:\n    build: ./ctx\n    volumes: [\"./data:/data\"]\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  const Service& web = *p.service("web");
  ASSERT_TRUE(web.build);
  EXPECT_EQ(web.build->context->loc.file, "common/base.yaml");
  EXPECT_EQ(web.build->base_dir, "common");
  EXPECT_EQ(web.volumes.at(0).source_loc.file, "common/base.yaml");
  EXPECT_EQ(web.volumes.at(0).source_loc.span.start.line, 4);
  EXPECT_NE(p.file("common/base.yaml"), nullptr);
}

TEST(ComposeExtends, CyclesAndMissingServicesAreDiagnostics) {
  Files f;
  f.files["compose.yaml"] =
      "services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: nope\n";
  Project p = f.load({"compose.yaml"});
  std::string k = kinds(p);
  EXPECT_NE(k.find("cycle"), std::string::npos) << k;
  EXPECT_NE(k.find("no service 'nope'"), std::string::npos) << k;
}

TEST(ComposeInclude, ImportsServicesAndReportsConflicts) {
  Files f;
  f.files["compose.yaml"] =
      "include:\n  - sub/compose.yaml\n  - path: other.yaml\nservices:\n  web:\n    image: a\n";
  f.files["sub/compose.yaml"] = "services:\n  db:\n    image: ${DB_IMAGE}\nvolumes:\n  data: {}\n";
  f.files["sub/.env"] = "DB_IMAGE=postgres:16\n";
  f.files["other.yaml"] = "services:\n  web:\n    image: b\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_NE(p.service("db"), nullptr);
  EXPECT_EQ(p.service("db")->image->value, "postgres:16");
  EXPECT_EQ(p.service("db")->image->loc.file, "sub/compose.yaml");
  EXPECT_EQ(p.service("web")->image->value, "a");
  EXPECT_EQ(p.volumes.size(), 1u);
  ASSERT_EQ(p.diagnostics.size(), 1u) << kinds(p);
  EXPECT_NE(p.diagnostics[0].message.find("also defined by the included file other.yaml"),
            std::string::npos);
  EXPECT_EQ(p.includes.size(), 2u);
}

TEST(ComposeModel, ProfilesAndShortAndLongSyntax) {
  Files f;
  f.files["compose.yaml"] = R"(services:
  gpu:
    image: nvidia/cuda:12.2.0-base-ubuntu22.04
    profiles: [gpu, debug]
    build:
      context: ./svc
      dockerfile: Dockerfile.gpu
      args: [A=1, B]
      additional_contexts: {shared: ../shared}
      cache_from: [type=local]
      secrets: [npmrc, {source: token}]
    ports:
      - "127.0.0.1:8080:80/udp"
      - "3000-3005"
      - 9000
      - "[::1]:6001:6001"
      - {target: 80, published: "8081", host_ip: 0.0.0.0, protocol: tcp, mode: host}
    volumes:
      - /anon
      - named:/data
      - ./src:/app/src:ro,z
      - C:\Users\me:/win
      - {type: bind, source: /mnt/c/x, target: /x, read_only: true}
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
    gpus: all
    runtime: nvidia
    privileged: true
    cap_add: [SYS_ADMIN]
    networks: {front: {}, back: null}
    secrets: [s1, {source: s2, target: /run/x}]
    develop:
      watch:
        - {path: ./src, action: sync, target: /app/src, ignore: [node_modules/]}
)";
  Project p = f.load({"compose.yaml"});
  ASSERT_TRUE(p.diagnostics.empty()) << kinds(p);
  const Service& s = p.services.at(0);
  ASSERT_EQ(s.profiles.size(), 2u);
  EXPECT_EQ(s.profiles[1].value, "debug");
  EXPECT_EQ(s.build->dockerfile->value, "Dockerfile.gpu");
  EXPECT_EQ(s.build->args.size(), 2u);
  EXPECT_FALSE(s.build->args[1].value.has_value());
  EXPECT_EQ(s.build->additional_contexts.at(0).value->value, "../shared");
  EXPECT_EQ(s.build->secrets.size(), 2u);
  EXPECT_EQ(s.build->secrets[1].value, "token");
  ASSERT_EQ(s.ports.size(), 5u);
  EXPECT_EQ(s.ports[0].host_ip, "127.0.0.1");
  EXPECT_EQ(s.ports[0].published_start, 8080);
  EXPECT_EQ(s.ports[0].target_start, 80);
  EXPECT_EQ(s.ports[0].protocol, "udp");
  EXPECT_EQ(s.ports[1].target_start, 3000);
  EXPECT_EQ(s.ports[1].target_end, 3005);
  EXPECT_EQ(s.ports[1].published, "");
  EXPECT_EQ(s.ports[2].target, "9000");
  EXPECT_EQ(s.ports[3].host_ip, "::1");
  EXPECT_EQ(s.ports[3].published, "6001");
  EXPECT_TRUE(s.ports[4].long_syntax);
  EXPECT_EQ(s.ports[4].published_start, 8081);
  EXPECT_EQ(s.ports[4].mode, "host");
  using T = dd::compose::VolumeMount::Type;
  ASSERT_EQ(s.volumes.size(), 5u);
  EXPECT_EQ(s.volumes[0].type, T::Volume);
  EXPECT_EQ(s.volumes[0].source, "");
  EXPECT_EQ(s.volumes[0].target, "/anon");
  EXPECT_EQ(s.volumes[1].type, T::Volume);
  EXPECT_EQ(s.volumes[1].source, "named");
  EXPECT_EQ(s.volumes[2].type, T::Bind);
  EXPECT_TRUE(s.volumes[2].read_only);
  EXPECT_EQ(s.volumes[2].mode, "ro,z");
  EXPECT_EQ(at(s.volumes[2].source_loc), "compose.yaml:21:9-21:14");
  EXPECT_EQ(at(s.volumes[2].target_loc), "compose.yaml:21:15-21:23");
  EXPECT_EQ(s.volumes[3].type, T::Bind);
  EXPECT_EQ(s.volumes[3].source, "C:\\Users\\me");
  EXPECT_EQ(s.volumes[3].target, "/win");
  EXPECT_TRUE(s.volumes[4].long_syntax);
  EXPECT_TRUE(s.volumes[4].read_only);
  EXPECT_EQ(s.volumes[4].source, "/mnt/c/x");
  ASSERT_EQ(s.devices.size(), 1u);
  EXPECT_EQ(s.devices[0].driver->value, "nvidia");
  EXPECT_EQ(s.devices[0].capabilities.at(0).value, "gpu");
  EXPECT_TRUE(s.gpus.has_value());
  EXPECT_EQ(s.runtime->value, "nvidia");
  EXPECT_EQ(s.privileged->value, "true");
  EXPECT_EQ(s.cap_add.at(0).value, "SYS_ADMIN");
  ASSERT_EQ(s.networks.size(), 2u);
  EXPECT_EQ(s.networks[1].value, "back");
  ASSERT_EQ(s.secrets.size(), 2u);
  EXPECT_EQ(s.secrets[1].target->value, "/run/x");
  ASSERT_EQ(s.watch.size(), 1u);
  EXPECT_EQ(s.watch[0].action->value, "sync");
  EXPECT_EQ(s.watch[0].ignore.at(0).value, "node_modules/");
}

TEST(ComposeModel, FileNames) {
  EXPECT_EQ(dd::compose::override_name("compose.yaml"), "compose.override.yaml");
  EXPECT_EQ(dd::compose::override_name("docker-compose.yml"), "docker-compose.override.yml");
  EXPECT_EQ(dd::compose::override_name("docker-compose.dev.yml"), "");
  EXPECT_TRUE(dd::compose::is_compose_file_name("docker-compose.dev.yml"));
  EXPECT_TRUE(dd::compose::is_compose_file_name("compose.yaml"));
  EXPECT_FALSE(dd::compose::is_compose_file_name("mycompose.yaml"));
  EXPECT_FALSE(dd::compose::is_compose_file_name("compose.json"));
}

}  // namespace

namespace {

TEST(ComposeLoad, UnreadableDotenvLinesPointIntoDotenv) {
  Files f;
  f.files["compose.yaml"] = "services:\n  web:\n    image: nginx:${TAG}\n";
  f.files[".env"] = "# tags\nTAG=1.25\nthis is not a line\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_EQ(p.diagnostics.size(), 1u) << kinds(p);
  EXPECT_EQ(p.diagnostics[0].loc.file, ".env");
  EXPECT_EQ(at(p.diagnostics[0].loc), ".env:3:1-3:19");
  EXPECT_NE(p.file(".env"), nullptr);  // the reporter needs its text
  EXPECT_EQ(p.services.at(0).image->value, "nginx:1.25");
}

TEST(ComposeInclude, ProjectDirectoryAndMissingFiles) {
  Files f;
  f.files["compose.yaml"] =
      "include:\n"
      "  - path: [lib/base.yaml, lib/extra.yaml]\n"
      "    project_directory: lib\n"
      "  - missing.yaml\n"
      "services:\n  web:\n    image: a\n";
  f.files["lib/base.yaml"] = "services:\n  db:\n    image: ${DB}\n";
  f.files["lib/extra.yaml"] = "services:\n  db:\n    ports: [\"5432:5432\"]\n";
  f.files["lib/.env"] = "DB=postgres\n";
  Project p = f.load({"compose.yaml"});
  ASSERT_NE(p.service("db"), nullptr);
  EXPECT_EQ(p.service("db")->image->value, "postgres");
  EXPECT_EQ(p.service("db")->ports.at(0).loc.file, "lib/extra.yaml");
  ASSERT_EQ(p.diagnostics.size(), 1u) << kinds(p);
  EXPECT_EQ(p.diagnostics[0].kind, Diagnostic::Kind::LoadError);
  EXPECT_EQ(at(p.diagnostics[0].loc), "compose.yaml:4:5-4:17");
  EXPECT_NE(p.diagnostics[0].message.find("cannot load 'missing.yaml'"), std::string::npos);
}

}  // namespace
