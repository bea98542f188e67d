// The language server's state machine: the LSP 3.17 lifecycle, open
// documents, debounced linting and the requests an editor makes. It sees
// message bodies, not bytes (framing.h) and writes through a sink, so tests
// and benchmarks drive it without pipes or threads; stdio_server.h runs it
// on a process's standard streams with a lint worker thread.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "lsp/config_set.h"
#include "lsp/document_kind.h"
#include "lsp/linters.h"
#include "lsp/text_document.h"

namespace dd {
class BuildContexts;
}

namespace dd::lsp {

using Clock = std::chrono::steady_clock;

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestCancelled = -32800,
};

struct ServerOptions {
  // Quiet time after the last change before a document is linted.
  std::chrono::milliseconds debounce{100};
  // Read build contexts from disk. Off for fuzzing: a fuzzed URI must not
  // make the server walk the machine's file system.
  bool read_disk = true;
};

class Server {
 public:
  // Receives each outgoing message body (JSON text). Called from the thread
  // that handles messages and from the lint worker: it must be thread-safe.
  using Sink = std::function<void(std::string)>;

  explicit Server(Sink sink, ServerOptions options = {});
  ~Server();

  // Handles message bodies that arrived together, in order. A request whose
  // `$/cancelRequest` is among them is answered with RequestCancelled
  // instead of being run.
  void handle(const std::vector<std::string>& bodies);
  void handle(std::string body) { handle(std::vector<std::string>{std::move(body)}); }

  // The bytes between messages were not a valid frame: answers with a
  // ParseError whose id is null, as JSON-RPC prescribes.
  void framing_error(const std::string& what);

  // Lints and publishes every document whose debounce has elapsed at `now`.
  // Returns when the next one is due (nullopt: nothing pending).
  std::optional<Clock::time_point> lint_due(Clock::time_point now);
  // Lints every pending document now, whatever its debounce.
  void lint_pending_now() { lint_due(Clock::time_point::max()); }

  bool exit_requested() const;
  // The process exit status LSP prescribes: 0 after shutdown, 1 otherwise.
  int exit_code() const;

 private:
  struct Document {
    std::string uri;
    std::string path;     // on disk; empty for another scheme
    std::string display;  // the name findings carry
    std::string language_id;
    DocumentKind kind = DocumentKind::Other;
    int64_t version = 0;
    TextDocument text;
    uint64_t generation = 0;         // bumped on every change: a lint of an older one is stale
    uint64_t linted_generation = 0;  // the generation `findings` belong to (0: none)
    std::vector<Finding> findings;
    std::optional<Clock::time_point> due;  // a lint is pending
  };
  struct Reply {
    nlohmann::json result;
    std::optional<std::pair<int, std::string>> error;
  };

  void dispatch(const nlohmann::json& message, bool cancelled);
  Reply request(const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params);

  Reply initialize(const nlohmann::json& params);
  Reply code_action(const nlohmann::json& params);
  Reply hover(const nlohmann::json& params);
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void files_changed();
  // An empty context cache whose ignore files are read from open buffers first.
  std::unique_ptr<BuildContexts> new_contexts();
  // A configuration buffer was opened, edited or closed (text nullopt).
  void config_buffer(const Document& doc, std::optional<std::string> text);
  // Reports configuration files whose problems changed: diagnostics on
  // the file and, for a new problem, a message (caller holds lint_mu_).
  void publish_config_changes();
  // Every open document is linted again (the configuration or the disk changed).
  void relint_all();
  void send(const nlohmann::json& message);
  void respond(const nlohmann::json& id, const Reply& reply);
  void publish(const Document& doc);
  void log(int type, const std::string& message);

  Document* find(const nlohmann::json& params);
  std::string display_path(const std::string& path, const std::string& uri) const;
  void schedule(Document& doc, Clock::time_point when);
  void schedule_dependents(const Document& changed);
  // Lints `doc` now (caller holds mu_) unless its findings are current.
  const std::vector<Finding>& current_findings(Document& doc);
  // What the linters see of the open documents (copied: the worker lints
  // without holding mu_).
  struct OpenFiles {
    std::vector<std::string> paths;
    std::map<std::string, std::string> dockerfiles;  // path -> buffer
    std::map<std::string, std::string> buffers;      // every open file: path -> buffer
  };
  OpenFiles open_files() const;
  std::vector<Finding> run_linter(const LintRequest& request, OpenFiles open);

  Sink sink_;
  ServerOptions options_;
  mutable std::mutex mu_;  // everything below but the workspace
  std::mutex lint_mu_;     // the workspace and its context cache
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  bool document_changes_ = false;
  bool watch_registration_ = false;
  std::string rule_docs_url_;
  std::map<std::string, Document> docs_;  // by URI
  uint64_t next_generation_ = 1;
  int64_t next_request_id_ = 1;
  Workspace workspace_;
  ConfigSet configs_;  // under lint_mu_
  std::unique_ptr<BuildContexts> contexts_;
};

}  // namespace dd::lsp
