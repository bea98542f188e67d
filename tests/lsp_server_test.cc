// The language server's state machine (src/lsp/server.cc), driven message by
// message through its sink: lifecycle errors, documents and incremental
// sync, debounced diagnostics, code actions, hovers and build contexts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lsp/code_actions.h"
#include "lsp/diagnostics.h"
#include "lsp/server.h"
#include "lsp/uri.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class LspServerTest : public ::testing::Test {
 protected:
  LspServerTest()
      : server_([this](std::string body) { out_.push_back(json::parse(body)); }, options()) {}

  static dd::lsp::ServerOptions options() {
    dd::lsp::ServerOptions o;
    o.debounce = std::chrono::milliseconds(50);
    return o;
  }

  void send(const json& m) { server_.handle(m.dump()); }
  void request(int id, const std::string& method, const json& params = json::object()) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  }
  void notify(const std::string& method, const json& params = json::object()) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  // The response to request `id` among the messages sent so far.
  json response(const json& id) {
    for (const json& m : out_)
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    ADD_FAILURE() << "no response to " << id;
    return json::object();
  }
  // The last diagnostics published for `uri`.
  std::optional<json> diagnostics(const std::string& uri) {
    std::optional<json> last;
    for (const json& m : out_)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        last = m["params"];
    return last;
  }
  void initialize(const json& capabilities = json::object(), const json& extra = json::object()) {
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}};
    params.update(extra);
    request(1, "initialize", params);
    notify("initialized");
  }
  void open(const std::string& uri, const std::string& text,
            const std::string& lang = "dockerfile") {
    notify(
        "textDocument/didOpen",
        {{"textDocument", {{"uri", uri}, {"languageId", lang}, {"version", 1}, {"text", text}}}});
  }

  std::vector<json> out_;
  dd::lsp::Server server_;
};

const char* kUri = "untitled:Dockerfile";

TEST_F(LspServerTest, RequestsBeforeInitializeFail) {
  request(7, "textDocument/hover",
          {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(response(7)["error"]["code"], -32002);
  open(kUri, "MAINTAINER x\n");  // dropped: not initialized
  server_.lint_pending_now();
  EXPECT_FALSE(diagnostics(kUri));
  notify("exit");
  EXPECT_TRUE(server_.exit_requested());
  EXPECT_EQ(server_.exit_code(), 1);
}

TEST_F(LspServerTest, InitializeAdvertisesCapabilities) {
  initialize();
  json caps = response(1)["result"]["capabilities"];
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
  EXPECT_EQ(caps["textDocumentSync"]["openClose"], true);
  EXPECT_EQ(caps["hoverProvider"], true);
  EXPECT_EQ(caps["codeActionProvider"]["codeActionKinds"], json::array({"quickfix"}));
  EXPECT_EQ(response(1)["result"]["serverInfo"]["name"], "docker-doctor");
  request(2, "initialize", {{"capabilities", json::object()}});
  EXPECT_EQ(response(2)["error"]["code"], -32600);
}

TEST_F(LspServerTest, NegotiatesUtf8WhenTheClientOffersIt) {
  initialize({{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
  EXPECT_EQ(response(1)["result"]["capabilities"]["positionEncoding"], "utf-8");
}

TEST_F(LspServerTest, UnknownMethodsAndMalformedMessages) {
  initialize();
  request(3, "textDocument/definition");
  EXPECT_EQ(response(3)["error"]["code"], -32601);
  size_t before = out_.size();
  notify("$/somethingNew");                                // unknown notifications are ignored
  notify("textDocument/didChange", {{"nonsense", true}});  // malformed: logged, no reply
  for (size_t i = before; i < out_.size(); ++i) EXPECT_FALSE(out_[i].contains("id"));
  server_.handle("{not json");
  EXPECT_EQ(out_.back()["error"]["code"], -32700);
  EXPECT_TRUE(out_.back()["id"].is_null());
  server_.handle(R"({"id":4,"method":"shutdown"})");  // no jsonrpc member
  EXPECT_EQ(response(4)["error"]["code"], -32600);
  server_.handle(R"({"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"})");
  EXPECT_EQ(out_.back()["error"]["code"], -32600);
  server_.handle(R"([1,2])");
  EXPECT_EQ(out_.back()["error"]["code"], -32600);
  request(5, "textDocument/hover", {{"textDocument", 12}});
  EXPECT_EQ(response(5)["error"]["code"], -32602);
  server_.framing_error("bad header");
  EXPECT_EQ(out_.back()["error"]["code"], -32700);
  EXPECT_FALSE(server_.exit_requested());
}

TEST_F(LspServerTest, ShutdownThenExit) {
  initialize();
  request(2, "shutdown");
  EXPECT_TRUE(response(2).contains("result"));
  EXPECT_TRUE(response(2)["result"].is_null());
  request(3, "textDocument/hover",
          {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(response(3)["error"]["code"], -32600);
  notify("exit");
  EXPECT_TRUE(server_.exit_requested());
  EXPECT_EQ(server_.exit_code(), 0);
}

TEST_F(LspServerTest, CancelledRequestInTheSameBatch) {
  initialize();
  open(kUri, "FROM alpine\n");
  json hover = {
      {"jsonrpc", "2.0"},
      {"id", 9},
      {"method", "textDocument/hover"},
      {"params",
       {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 0}}}}}};
  json cancel = {{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 9}}}};
  server_.handle(std::vector<std::string>{hover.dump(), cancel.dump()});
  EXPECT_EQ(response(9)["error"]["code"], -32800);
  notify("$/cancelRequest", {{"id", 12345}});  // nothing pending: ignored
}

TEST_F(LspServerTest, PublishesDiagnosticsWithUtf16Ranges) {
  initialize();
  // "😀" before the finding: 4 bytes, 2 UTF-16 units.
  open(kUri, "FROM alpine\nLABEL x=\"\xF0\x9F\x98\x80\"\nMAINTAINER me\n");
  server_.lint_pending_now();
  std::optional<json> d = diagnostics(kUri);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)["version"], 1);
  ASSERT_EQ((*d)["diagnostics"].size(), 1u) << d->dump();
  json diag = (*d)["diagnostics"][0];
  EXPECT_EQ(diag["code"], "DD601");
  EXPECT_EQ(diag["source"], "docker-doctor");
  EXPECT_EQ(diag["severity"], 2);
  EXPECT_EQ(diag["codeDescription"]["href"],
            std::string(dd::lsp::kDefaultRuleDocsUrl) + "DD601.md");
  EXPECT_EQ(diag["range"]["start"]["line"], 2);
  EXPECT_FALSE(diag["message"].get<std::string>().empty());
}

TEST_F(LspServerTest, RangesAfterAnAstralCharacterInBothEncodings) {
  // DD605 (relative WORKDIR) points at the path, which holds a surrogate pair:
  // 5 UTF-16 units, 7 bytes.
  std::string text =
      "FROM alpine\nLABEL a=\"\xF0\x9F\x98\x80\" b=1\nWORKDIR \xF0\x9F\x98\x80"
      "app\n";
  for (bool utf8 : {false, true}) {
    out_.clear();
    dd::lsp::Server server([this](std::string body) { out_.push_back(json::parse(body)); },
                           options());
    json caps = utf8 ? json{{"general", {{"positionEncodings", {"utf-8"}}}}} : json::object();
    server.handle(json{{"jsonrpc", "2.0"},
                       {"id", 1},
                       {"method", "initialize"},
                       {"params", {{"capabilities", caps}}}}
                      .dump());
    server.handle(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              {{"textDocument",
                {{"uri", kUri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", text}}}}}}
            .dump());
    server.lint_pending_now();
    std::optional<json> d = diagnostics(kUri);
    ASSERT_TRUE(d);
    bool found = false;
    for (const json& diag : (*d)["diagnostics"]) {
      if (diag["code"] != "DD605") continue;
      found = true;
      EXPECT_EQ(diag["range"]["start"]["line"], 2);
      EXPECT_EQ(diag["range"]["start"]["character"], 8);
      EXPECT_EQ(diag["range"]["end"]["character"], utf8 ? 15 : 13);
    }
    EXPECT_TRUE(found) << d->dump();
  }
}

TEST_F(LspServerTest, DebouncesChangesAndAppliesThemIncrementally) {
  initialize();
  open(kUri, "FROM alpine\nRUN true\n");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics(kUri));
  EXPECT_TRUE((*diagnostics(kUri))["diagnostics"].empty());
  // Turn `RUN true` into `MAINTAINER x` in two edits.
  notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", kUri}, {"version", 2}}},
       {"contentChanges",
        {{{"range",
           {{"start", {{"line", 1}, {"character", 0}}}, {"end", {{"line", 1}, {"character", 3}}}}},
          {"text", "MAINTAINER"}},
         {{"range",
           {{"start", {{"line", 1}, {"character", 11}}},
            {"end", {{"line", 1}, {"character", 15}}}}},
          {"text", "x"}}}}});
  size_t published = out_.size();
  auto now = dd::lsp::Clock::now();
  std::optional<dd::lsp::Clock::time_point> next = server_.lint_due(now);
  ASSERT_TRUE(next);  // still within the debounce: nothing linted yet
  EXPECT_GT(*next, now);
  EXPECT_EQ(out_.size(), published);
  EXPECT_FALSE(server_.lint_due(*next + std::chrono::milliseconds(1)));
  std::optional<json> d = diagnostics(kUri);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)["version"], 2);
  ASSERT_EQ((*d)["diagnostics"].size(), 1u) << d->dump();
  EXPECT_EQ((*d)["diagnostics"][0]["code"], "DD601");
  notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  EXPECT_TRUE((*diagnostics(kUri))["diagnostics"].empty());
  server_.lint_pending_now();
  EXPECT_TRUE((*diagnostics(kUri))["diagnostics"].empty());
}

// A change list whose second entry is malformed: the first is applied, and
// the findings of the text before it are not reused.
TEST_F(LspServerTest, MalformedChangeDoesNotLeaveStaleFindings) {
  initialize();
  open(kUri, "FROM alpine\nMAINTAINER me\n");
  server_.lint_pending_now();
  ASSERT_EQ((*diagnostics(kUri))["diagnostics"].size(), 1u);
  json first = {
      {"range",
       {{"start", {{"line", 1}, {"character", 0}}}, {"end", {{"line", 2}, {"character", 0}}}}},
      {"text", ""}};
  notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                                    {"contentChanges", {first, {{"range", 7}}}}});
  request(2, "textDocument/hover",
          {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 2}}}});
  EXPECT_TRUE(response(2)["result"].is_null());  // MAINTAINER is gone
  EXPECT_TRUE((*diagnostics(kUri))["diagnostics"].empty());
}

TEST_F(LspServerTest, CodeActionsFixAndIgnore) {
  initialize({{"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}});
  open(kUri, "# syntax=docker/dockerfile:1\nFROM alpine\n  MAINTAINER me\n");
  request(2, "textDocument/codeAction",
          {{"textDocument", {{"uri", kUri}}},
           {"range",
            {{"start", {{"line", 2}, {"character", 3}}}, {"end", {{"line", 2}, {"character", 3}}}}},
           {"context", {{"diagnostics", json::array()}}}});
  json actions = response(2)["result"];
  ASSERT_EQ(actions.size(), 3u) << actions.dump();
  EXPECT_EQ(actions[0]["kind"], "quickfix");
  EXPECT_EQ(actions[0]["diagnostics"][0]["code"], "DD601");
  json edit0 = actions[0]["edit"]["documentChanges"][0];
  EXPECT_EQ(edit0["textDocument"]["uri"], kUri);
  EXPECT_EQ(edit0["textDocument"]["version"], 1);
  EXPECT_NE(edit0["edits"][0]["newText"].get<std::string>().find("LABEL"), std::string::npos);
  EXPECT_EQ(actions[1]["title"], "Ignore DD601 for this instruction");
  json ignore = actions[1]["edit"]["documentChanges"][0]["edits"][0];
  EXPECT_EQ(ignore["newText"], "  # docker-doctor ignore=DD601\n");
  EXPECT_EQ(ignore["range"]["start"], (json{{"line", 2}, {"character", 0}}));
  EXPECT_EQ(actions[2]["title"], "Ignore DD601 for this file");
  json top = actions[2]["edit"]["documentChanges"][0]["edits"][0];
  EXPECT_EQ(top["newText"], "# docker-doctor ignore-file=DD601\n");
  EXPECT_EQ(top["range"]["start"], (json{{"line", 1}, {"character", 0}}));  // after the directive
  // Another range: no actions; a filter without quickfix: none either.
  request(3, "textDocument/codeAction",
          {{"textDocument", {{"uri", kUri}}},
           {"range",
            {{"start", {{"line", 1}, {"character", 0}}}, {"end", {{"line", 1}, {"character", 2}}}}},
           {"context", {{"diagnostics", json::array()}}}});
  EXPECT_TRUE(response(3)["result"].empty());
  request(4, "textDocument/codeAction",
          {{"textDocument", {{"uri", kUri}}},
           {"range",
            {{"start", {{"line", 2}, {"character", 3}}}, {"end", {{"line", 2}, {"character", 3}}}}},
           {"context", {{"diagnostics", json::array()}, {"only", {"refactor"}}}}});
  EXPECT_TRUE(response(4)["result"].empty());
}

TEST_F(LspServerTest, IgnoreCommentsKeepCrLfAndContinuations) {
  dd::lsp::TextDocument doc("FROM alpine\r\nRUN apk add \\\r\n    curl\r\n");
  dd::Finding f;
  f.rule_id = "DD999";
  f.span.start.offset = doc.text().find("curl");
  f.span.end.offset = f.span.start.offset + 4;
  dd::lsp::Insertion here = dd::lsp::ignore_instruction_insertion(doc, f);
  EXPECT_EQ(here.offset,
            doc.text().find("RUN"));  // above the instruction, not the continuation line
  EXPECT_EQ(here.text, "# docker-doctor ignore=DD999\r\n");
  dd::lsp::Insertion top = dd::lsp::ignore_file_insertion(doc, "DD999");
  EXPECT_EQ(top.offset, 0u);
  EXPECT_EQ(top.text, "# docker-doctor ignore-file=DD999\r\n");
  dd::lsp::TextDocument directive_only("# escape=`");
  top = dd::lsp::ignore_file_insertion(directive_only, "DD1");
  EXPECT_EQ(top.offset, directive_only.text().size());
  EXPECT_EQ(top.text, "\n# docker-doctor ignore-file=DD1\n");
}

TEST_F(LspServerTest, HoverShowsTheRule) {
  initialize();
  open(kUri, "FROM alpine\nMAINTAINER me\n");
  request(2, "textDocument/hover",
          {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 2}}}});
  json result = response(2)["result"];
  ASSERT_TRUE(result.is_object()) << result.dump();
  EXPECT_EQ(result["contents"]["kind"], "markdown");
  std::string md = result["contents"]["value"];
  EXPECT_NE(md.find("**DD601**"), std::string::npos) << md;
  EXPECT_NE(md.find("maintainer-deprecated"), std::string::npos) << md;
  EXPECT_GT(md.size(), 120u) << md;  // summary and rationale, not just the id
  EXPECT_EQ(result["range"]["start"]["line"], 1);
  request(3, "textDocument/hover",
          {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 1}}}});
  EXPECT_TRUE(response(3)["result"].is_null());
}

TEST_F(LspServerTest, ComposeAndDockerignoreAreLintedOtherFilesKept) {
  initialize();
  open("file:///nowhere/compose.yaml", "version: \"3\"\nservices: {}\n", "yaml");
  open("file:///nowhere/.dockerignore", "node_modules\n", "ignore");
  open("file:///nowhere/notes.txt", "FROM\n", "plaintext");
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics("file:///nowhere/compose.yaml"));
  json compose = *diagnostics("file:///nowhere/compose.yaml");  // named: the loop reads it
  bool dd315 = false;
  for (const json& d : compose["diagnostics"]) dd315 = dd315 || d["code"] == "DD315";
  EXPECT_TRUE(dd315) << compose.dump();
  ASSERT_TRUE(diagnostics("file:///nowhere/.dockerignore"));
  EXPECT_TRUE((*diagnostics("file:///nowhere/.dockerignore"))["diagnostics"].empty());
  EXPECT_FALSE(diagnostics("file:///nowhere/notes.txt"));  // no linter reads it
  // Kept as a document: hovers answer (empty) rather than fail.
  request(2, "textDocument/hover",
          {{"textDocument", {{"uri", "file:///nowhere/notes.txt"}}},
           {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_TRUE(response(2).contains("result"));
  EXPECT_TRUE(response(2)["result"].is_null());
}

// A Dockerfile whose build context is a directory on disk: a lockfile that
// exists only as an unsaved buffer counts as a file of the context.
TEST_F(LspServerTest, BuildContextFromDiskAndOpenBuffers) {
  fs::path dir = fs::temp_directory_path() / ("dd-lsp-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "app");
  std::ofstream(dir / "app" / "package.json") << "{}\n";
  std::string dockerfile =
      "FROM node:22-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\n";
  std::ofstream(dir / "app" / "Dockerfile") << dockerfile;
  std::string root_uri = dd::lsp::path_to_uri(dir.string());
  std::string uri = dd::lsp::path_to_uri((dir / "app" / "Dockerfile").string());
  initialize(json::object(), {{"rootUri", root_uri}});
  open(uri, dockerfile);
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics(uri));
  size_t without_lockfile = (*diagnostics(uri))["diagnostics"].size();
  // The lockfile, open but never saved.
  open(dd::lsp::path_to_uri((dir / "app" / "package-lock.json").string()), "{}\n", "json");
  server_.lint_pending_now();
  json with = (*diagnostics(uri))["diagnostics"];
  bool dd102 = false;
  for (const json& d : with) dd102 = dd102 || d["code"] == "DD102";
  EXPECT_TRUE(dd102) << with.dump();
  EXPECT_GT(with.size(), without_lockfile);
  fs::remove_all(dir);
}

// Project rules (DD505) compare a Dockerfile with its twin: the twin is read
// from disk, and from the editor's buffer once it is open there.
TEST_F(LspServerTest, ProjectRulesSeeTwinsOnDiskAndInBuffers) {
  fs::path dir = fs::temp_directory_path() / ("dd-lsp-twins-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "app");
  std::ofstream(dir / "app" / "package.json") << "{}\n";
  std::ofstream(dir / "app" / "pnpm-lock.yaml") << "lockfileVersion: '9.0'\n";
  std::string prod =
      "FROM node:20-slim\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\n"
      "RUN pnpm install --frozen-lockfile --prod\nCOPY . .\nUSER node\nCMD [\"node\", "
      "\"server.js\"]\n";
  std::string dev =
      "FROM node:22-slim\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\n"
      "RUN pnpm install --frozen-lockfile\nCOPY . .\nCMD [\"pnpm\", \"run\", \"dev\"]\n";
  std::ofstream(dir / "app" / "Dockerfile") << prod;
  std::ofstream(dir / "app" / "Dockerfile.dev") << dev;
  initialize(json::object(), {{"rootUri", dd::lsp::path_to_uri(dir.string())}});
  std::string dev_uri = dd::lsp::path_to_uri((dir / "app" / "Dockerfile.dev").string());
  auto dd505 = [&] {
    int n = 0;
    json published = *diagnostics(dev_uri);  // a named copy: the loop must not outlive it
    for (const json& d : published["diagnostics"]) n += d["code"] == "DD505";
    return n;
  };
  open(dev_uri, dev);
  server_.lint_pending_now();
  ASSERT_TRUE(diagnostics(dev_uri));
  EXPECT_GT(dd505(), 0) << (*diagnostics(dev_uri)).dump();
  // The production Dockerfile, opened and moved to node 22 without saving.
  std::string prod_uri = dd::lsp::path_to_uri((dir / "app" / "Dockerfile").string());
  open(prod_uri, prod);
  json to22 = {
      {"range",
       {{"start", {{"line", 0}, {"character", 10}}}, {"end", {{"line", 0}, {"character", 12}}}}},
      {"text", "22"}};
  notify("textDocument/didChange", {{"textDocument", {{"uri", prod_uri}, {"version", 2}}},
                                    {"contentChanges", json::array({to22})}});
  server_.lint_pending_now();
  EXPECT_EQ(dd505(), 0) << (*diagnostics(dev_uri)).dump();
  fs::remove_all(dir);
}

}  // namespace
