// The language server over a workspace on disk (src/lsp/config_set.cc,
// linters.cc): the configuration file and its reloads, compose projects
// made of a base and an override file, and .dockerignore documents.
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lsp/code_actions.h"
#include "lsp/config_set.h"
#include "lsp/server.h"
#include "lsp/text_document.h"
#include "lsp/uri.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class LspWorkspaceTest : public ::testing::Test {
 protected:
  LspWorkspaceTest()
      : server_([this](std::string body) { out_.push_back(json::parse(body)); }, options()) {
    static int n = 0;
    dir_ = fs::temp_directory_path() /
           ("dd-lsp-ws-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / ".git");  // discovery stops here, as at a repository root
  }
  ~LspWorkspaceTest() override { fs::remove_all(dir_); }

  static dd::lsp::ServerOptions options() {
    dd::lsp::ServerOptions o;
    o.debounce = std::chrono::milliseconds(50);
    return o;
  }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary | std::ios::trunc) << text;
  }
  std::string uri(const std::string& rel) { return dd::lsp::path_to_uri((dir_ / rel).string()); }

  void send(const json& m) { server_.handle(m.dump()); }
  void notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void request(int id, const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  }
  json response(int id) {
    for (const json& m : out_)
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    ADD_FAILURE() << "no response to " << id;
    return json::object();
  }
  void initialize(const json& init_options = json::object()) {
    request(1, "initialize",
            {{"processId", nullptr},
             {"rootUri", dd::lsp::path_to_uri(dir_.string())},
             {"capabilities", json::object()},
             {"initializationOptions", init_options}});
    notify("initialized", json::object());
  }
  void open(const std::string& rel, const std::string& text, const std::string& lang) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri(rel)}, {"languageId", lang}, {"version", 1}, {"text", text}}}});
  }
  void replace(const std::string& rel, const std::string& text, int version) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri(rel)}, {"version", version}}},
                                      {"contentChanges", json::array({{{"text", text}}})}});
  }
  void watched_change(const std::string& rel) {
    notify("workspace/didChangeWatchedFiles",
           {{"changes", json::array({{{"uri", uri(rel)}, {"type", 2}}})}});
  }
  // The last diagnostics published for `rel` (null when none were).
  json diagnostics(const std::string& rel) {
    json last;
    for (const json& m : out_)
      if (m.value("method", "") == "textDocument/publishDiagnostics" &&
          m["params"]["uri"] == uri(rel))
        last = m["params"]["diagnostics"];
    return last;
  }
  // The diagnostics of `rel` with code `code`.
  std::vector<json> with_code(const std::string& rel, const std::string& code) {
    std::vector<json> out;
    json all = diagnostics(rel);
    if (all.is_array())
      for (const json& d : all)
        if (d.value("code", "") == code) out.push_back(d);
    return out;
  }
  int messages(const std::string& method) {
    int n = 0;
    for (const json& m : out_) n += m.value("method", "") == method;
    return n;
  }

  fs::path dir_;
  std::vector<json> out_;
  dd::lsp::Server server_;
};

const char* kDockerfile = "FROM alpine:3.20\nMAINTAINER me\n";

TEST_F(LspWorkspaceTest, ConfigurationTurnsRulesOffAndReloadsOnChange) {
  write(".docker-doctor.yaml", "rules:\n  DD601: off\n");
  write("app/Dockerfile", kDockerfile);
  initialize();
  open("app/Dockerfile", kDockerfile, "dockerfile");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics("app/Dockerfile").is_array());
  EXPECT_TRUE(with_code("app/Dockerfile", "DD601").empty()) << diagnostics("app/Dockerfile");

  // The file changes on disk: the editor's watcher says so.
  write(".docker-doctor.yaml", "rules:\n  DD601: error\n");
  watched_change(".docker-doctor.yaml");
  server_.lint_pending_now();
  std::vector<json> dd601 = with_code("app/Dockerfile", "DD601");
  ASSERT_EQ(dd601.size(), 1u) << diagnostics("app/Dockerfile");
  EXPECT_EQ(dd601[0]["severity"], 1);  // error, as configured

  // A broken file: reported on itself, and the last good one stays in force.
  write(".docker-doctor.yaml", "rules:\n  DD601: [\n");
  watched_change(".docker-doctor.yaml");
  server_.lint_pending_now();
  json problems = diagnostics(".docker-doctor.yaml");
  ASSERT_TRUE(problems.is_array());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0]["severity"], 1);
  EXPECT_EQ(messages("window/showMessage"), 1);
  dd601 = with_code("app/Dockerfile", "DD601");
  ASSERT_EQ(dd601.size(), 1u);
  EXPECT_EQ(dd601[0]["severity"], 1);

  // Fixed again: its diagnostics are cleared.
  write(".docker-doctor.yaml", "rules:\n  DD601: off\n");
  watched_change(".docker-doctor.yaml");
  server_.lint_pending_now();
  EXPECT_TRUE(diagnostics(".docker-doctor.yaml").empty());
  EXPECT_TRUE(with_code("app/Dockerfile", "DD601").empty());
  EXPECT_EQ(messages("window/showMessage"), 1);
}

TEST_F(LspWorkspaceTest, OverridesByGlobAndAnOpenConfigurationBuffer) {
  write(".docker-doctor.yaml",
        "overrides:\n  - files: [\"legacy/**\"]\n    rules:\n      DD601: off\n");
  write("legacy/Dockerfile", kDockerfile);
  write("app/Dockerfile", kDockerfile);
  initialize();
  open("legacy/Dockerfile", kDockerfile, "dockerfile");
  open("app/Dockerfile", kDockerfile, "dockerfile");
  server_.lint_pending_now();
  EXPECT_TRUE(with_code("legacy/Dockerfile", "DD601").empty());
  EXPECT_EQ(with_code("app/Dockerfile", "DD601").size(), 1u);

  // Edited in the editor, not saved: it applies at once.
  open(".docker-doctor.yaml", "rules:\n  DD601: off\n", "yaml");
  server_.lint_pending_now();
  EXPECT_TRUE(with_code("app/Dockerfile", "DD601").empty()) << diagnostics("app/Dockerfile");
  // A half-typed edit: reported on the buffer, the last good version applies.
  replace(".docker-doctor.yaml", "rules:\n  DD601: {severity: nope}\n", 2);
  server_.lint_pending_now();
  ASSERT_FALSE(diagnostics(".docker-doctor.yaml").empty());
  EXPECT_EQ(diagnostics(".docker-doctor.yaml")[0]["range"]["start"]["line"], 1);
  EXPECT_TRUE(with_code("app/Dockerfile", "DD601").empty());
  // Closed without saving: the file on disk applies again.
  notify("textDocument/didClose", {{"textDocument", {{"uri", uri(".docker-doctor.yaml")}}}});
  server_.lint_pending_now();
  EXPECT_EQ(with_code("app/Dockerfile", "DD601").size(), 1u);
}

TEST_F(LspWorkspaceTest, ExcludedFilesAndMinSeverity) {
  write(".docker-doctor.yaml", "exclude: [\"vendor/**\"]\nmin-severity: error\n");
  write("vendor/Dockerfile", kDockerfile);
  write("app/Dockerfile", kDockerfile);
  initialize();
  open("vendor/Dockerfile", kDockerfile, "dockerfile");
  open("app/Dockerfile", kDockerfile, "dockerfile");
  server_.lint_pending_now();
  EXPECT_TRUE(diagnostics("vendor/Dockerfile").empty()) << diagnostics("vendor/Dockerfile");
  for (const json& d : diagnostics("app/Dockerfile")) EXPECT_EQ(d["severity"], 1) << d;
}

TEST_F(LspWorkspaceTest, NamedConfigurationWinsOverDiscovery) {
  write(".docker-doctor.yaml", "rules:\n  DD601: error\n");
  write("ci/strict.yaml", "rules:\n  DD601: off\n");
  write("Dockerfile", kDockerfile);
  initialize({{"config", "ci/strict.yaml"}});
  open("Dockerfile", kDockerfile, "dockerfile");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics("Dockerfile").is_array());
  EXPECT_TRUE(with_code("Dockerfile", "DD601").empty()) << diagnostics("Dockerfile");
}

// compose.yaml and compose.override.yaml make one project: a finding in the
// override is shown on the override, never on the base.
TEST_F(LspWorkspaceTest, ComposeProjectsMergeTheOverrideFromDisk) {
  std::string base = "services:\n  web:\n    image: nginx:1.27\n";
  std::string over = "version: \"3.8\"\nservices:\n  web:\n    environment:\n      A: b\n";
  write("compose.yaml", base);
  write("compose.override.yaml", over);
  initialize();
  open("compose.yaml", base, "yaml");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics("compose.yaml").is_array());
  EXPECT_TRUE(with_code("compose.yaml", "DD315").empty()) << diagnostics("compose.yaml");
  open("compose.override.yaml", over, "dockercompose");
  server_.lint_pending_now();
  ASSERT_EQ(with_code("compose.override.yaml", "DD315").size(), 1u)
      << diagnostics("compose.override.yaml");
  // The base, edited without saving, is what the override's project reads.
  replace("compose.yaml", "services: {}\n", 2);
  server_.lint_pending_now();
  EXPECT_EQ(with_code("compose.override.yaml", "DD315").size(), 1u);
  EXPECT_TRUE(with_code("compose.yaml", "DD315").empty());
}

TEST_F(LspWorkspaceTest, ComposeIgnoreActionInsertsTheSuppressionComment) {
  std::string text = "version: \"3\"\nservices:\n  web:\n    image: nginx:1.27\n";
  write("docker-compose.yml", text);
  initialize();
  open("docker-compose.yml", text, "yaml");
  server_.lint_pending_now();
  std::vector<json> dd315 = with_code("docker-compose.yml", "DD315");
  ASSERT_EQ(dd315.size(), 1u) << diagnostics("docker-compose.yml");
  request(2, "textDocument/codeAction",
          {{"textDocument", {{"uri", uri("docker-compose.yml")}}},
           {"range", dd315[0]["range"]},
           {"context", {{"diagnostics", json::array({dd315[0]})}}}});
  json actions = response(2)["result"];
  json key_action;
  for (const json& a : actions)
    if (a["title"] == "Ignore DD315 for this key") key_action = a;
  ASSERT_TRUE(key_action.is_object()) << actions;
  json edit = key_action["edit"]["changes"][uri("docker-compose.yml")][0];
  EXPECT_EQ(edit["newText"], "# docker-doctor ignore=DD315\n");
  EXPECT_EQ(edit["range"]["start"]["line"], 0);
  // Applied, the finding is gone and the comment is no unused suppression.
  replace("docker-compose.yml", "# docker-doctor ignore=DD315\n" + text, 2);
  server_.lint_pending_now();
  EXPECT_TRUE(with_code("docker-compose.yml", "DD315").empty());
  EXPECT_TRUE(with_code("docker-compose.yml", "DD001").empty())
      << diagnostics("docker-compose.yml");
}

TEST_F(LspWorkspaceTest, ComposeConfigurationAppliesToComposeFindings) {
  std::string text = "version: \"3\"\nservices:\n  web:\n    image: nginx:1.27\n";
  write(".docker-doctor.yaml", "rules:\n  obsolete-version-key: off\n");
  write("compose.yaml", text);
  initialize();
  open("compose.yaml", text, "yaml");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics("compose.yaml").is_array());
  EXPECT_TRUE(with_code("compose.yaml", "DD315").empty()) << diagnostics("compose.yaml");
}

TEST_F(LspWorkspaceTest, DockerignorePatternsDockerRefuses) {
  initialize();
  open(".dockerignore", "*.log\nsrc/[a\nnode_modules\n", "ignore");
  server_.lint_pending_now();
  std::vector<json> errors = with_code(".dockerignore", "DD000");
  ASSERT_EQ(errors.size(), 1u) << diagnostics(".dockerignore");
  EXPECT_EQ(errors[0]["range"]["start"]["line"], 1);
  EXPECT_NE(errors[0]["message"].get<std::string>().find("src/[a"), std::string::npos);
  replace(".dockerignore", "*.log\nnode_modules\n", 2);
  server_.lint_pending_now();
  EXPECT_TRUE(diagnostics(".dockerignore").empty());
}

// An unsaved edit to a context's .dockerignore re-lints the Dockerfiles
// built from that context, which read the buffer instead of the disk.
TEST_F(LspWorkspaceTest, DockerignoreEditsRelintTheContextsDockerfiles) {
  std::string dockerfile = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"a.js\"]\n";
  write("app/Dockerfile", dockerfile);
  write("app/a.js", "1\n");
  write("app/node_modules/left-pad/index.js", "module.exports = 1;\n");
  write("app/.dockerignore", "*.log\n");
  initialize();
  open("app/Dockerfile", dockerfile, "dockerfile");
  server_.lint_pending_now();
  ASSERT_EQ(with_code("app/Dockerfile", "DD401").size(), 1u) << diagnostics("app/Dockerfile");
  open("app/.dockerignore", "*.log\n", "ignore");
  server_.lint_pending_now();
  // The open Dockerfile's DD401 is repeated on the file that fixes it.
  std::vector<json> on_ignore = with_code("app/.dockerignore", "DD401");
  ASSERT_EQ(on_ignore.size(), 1u) << diagnostics("app/.dockerignore");
  EXPECT_EQ(on_ignore[0]["message"].get<std::string>().rfind("app/Dockerfile: ", 0), 0u)
      << on_ignore[0];
  replace("app/.dockerignore", "*.log\nnode_modules\n", 2);
  server_.lint_pending_now();
  EXPECT_TRUE(with_code("app/Dockerfile", "DD401").empty()) << diagnostics("app/Dockerfile");
  EXPECT_TRUE(diagnostics("app/.dockerignore").empty()) << diagnostics("app/.dockerignore");
  // Closed without saving: the file on disk counts again.
  notify("textDocument/didClose", {{"textDocument", {{"uri", uri("app/.dockerignore")}}}});
  server_.lint_pending_now();
  EXPECT_EQ(with_code("app/Dockerfile", "DD401").size(), 1u);
}

TEST(LspConfigSet, KeepsTheLastGoodConfigurationAndReportsChangesOnce) {
  fs::path dir = fs::temp_directory_path() / ("dd-lsp-cfg-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / ".git");
  std::string config = (dir / ".docker-doctor.yaml").string();
  std::string file = (dir / "Dockerfile").string();
  dd::lsp::ConfigSet set;
  EXPECT_TRUE(set.for_file(file).options.disabled_rules.empty());  // no configuration yet
  set.set_buffer(config, "rules:\n  DD601: off\n");
  EXPECT_EQ(set.for_file(file).options.disabled_rules, std::vector<std::string>{"DD601"});
  EXPECT_TRUE(set.take_changes().empty());
  set.set_buffer(config, "rules: [\n");
  EXPECT_EQ(set.for_file(file).options.disabled_rules, std::vector<std::string>{"DD601"});
  std::vector<dd::lsp::ConfigSet::Status> changes = set.take_changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_FALSE(changes[0].errors.empty());
  set.set_buffer(config, "rules: [\n");  // the same problem again: not reported twice
  set.for_file(file);
  EXPECT_TRUE(set.take_changes().empty());
  set.set_no_inline_suppressions(true);
  EXPECT_FALSE(set.for_file(file).options.inline_suppressions);
  fs::remove_all(dir);
}

TEST(LspCodeActions, LineInsertionKeepsIndentAndLineEnding) {
  dd::lsp::TextDocument doc("services:\r\n  web:\r\n    privileged: true\r\n");
  dd::Finding f;
  f.rule_id = "DD318";
  f.span.start.offset = doc.text().find("true");
  f.span.end.offset = f.span.start.offset + 4;
  dd::lsp::Insertion here = dd::lsp::ignore_line_insertion(doc, f);
  EXPECT_EQ(here.offset, doc.text().find("    privileged"));
  EXPECT_EQ(here.text, "    # docker-doctor ignore=DD318\r\n");
}

}  // namespace
