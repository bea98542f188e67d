// The LSP state machine. Every message is untrusted: malformed requests get
// JSON-RPC errors, malformed notifications are logged and dropped, and no
// exception leaves handle(). Handlers run one at a time under mu_; the lint
// worker takes mu_ only to snapshot and to publish, never while linting.
#include "lsp/server.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <set>

#include "config/settings.h"
#include "docker_doctor/rule.h"
#include "lsp/code_actions.h"
#include "lsp/diagnostics.h"
#include "lsp/uri.h"
#include "project/build_context.h"

namespace dd::lsp {

using nlohmann::json;

namespace {

// MessageType for window/logMessage.
constexpr int kLogError = 1;
constexpr int kLogWarning = 2;
constexpr int kLogInfo = 3;

struct LintJob {
  std::string uri;
  uint64_t generation = 0;
  DocumentKind kind = DocumentKind::Other;
  std::string path, display, text;
};

const json* member(const json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// The value at a path of keys, or null when any step is missing.
const json* dig(const json& j, std::initializer_list<std::string_view> keys) {
  const json* at = &j;
  for (std::string_view k : keys)
    if (!(at = member(*at, k))) return nullptr;
  return at;
}

bool flag(const json& j, std::initializer_list<std::string_view> keys) {
  const json* v = dig(j, keys);
  return v && v->is_boolean() && v->get<bool>();
}

LspPosition position_param(const json& p) {
  return LspPosition{p.at("line").get<int64_t>(), p.at("character").get<int64_t>()};
}

LspRange range_param(const json& r) {
  return LspRange{position_param(r.at("start")), position_param(r.at("end"))};
}

bool valid_id(const json& id) {
  return id.is_string() || id.is_number_integer() || id.is_number_unsigned();
}

}  // namespace

Server::Server(Sink sink, ServerOptions options)
    : sink_(std::move(sink)),
      options_(options),
      rule_docs_url_(kDefaultRuleDocsUrl),
      contexts_(new_contexts()) {}

Server::~Server() = default;

bool Server::exit_requested() const {
  std::lock_guard lock(mu_);
  return exit_;
}

int Server::exit_code() const {
  std::lock_guard lock(mu_);
  return shutdown_ ? 0 : 1;
}

void Server::send(const json& message) {
  // Messages quote file text, which may not be UTF-8: replace, never throw.
  sink_(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::respond(const json& id, const Reply& reply) {
  json out = {{"jsonrpc", "2.0"}, {"id", id}};
  if (reply.error)
    out["error"] = {{"code", reply.error->first}, {"message", reply.error->second}};
  else
    out["result"] = reply.result;
  send(out);
}

void Server::log(int type, const std::string& message) {
  send({{"jsonrpc", "2.0"},
        {"method", "window/logMessage"},
        {"params", {{"type", type}, {"message", "docker-doctor: " + message}}}});
}

void Server::framing_error(const std::string& what) {
  std::lock_guard lock(mu_);
  respond(nullptr, Reply{nullptr, std::make_pair(kParseError, "unreadable message: " + what)});
}

void Server::handle(const std::vector<std::string>& bodies) {
  std::lock_guard lock(mu_);
  std::vector<json> messages;
  messages.reserve(bodies.size());
  std::set<json> cancelled;
  for (const std::string& body : bodies) {
    messages.push_back(json::parse(body, nullptr, /*allow_exceptions=*/false));
    const json& m = messages.back();
    const json* method = member(m, "method");
    const json* id = dig(m, {"params", "id"});
    if (method && *method == "$/cancelRequest" && id && valid_id(*id)) cancelled.insert(*id);
  }
  for (const json& m : messages) {
    if (exit_) return;  // nothing after `exit` is read
    if (m.is_discarded()) {
      respond(nullptr,
              Reply{nullptr, std::make_pair(kParseError, "message body is not valid JSON")});
      continue;
    }
    const json* id = member(m, "id");
    dispatch(m, id && valid_id(*id) && cancelled.count(*id) > 0);
  }
}

void Server::dispatch(const json& m, bool cancelled) {
  const json* id = member(m, "id");
  const json* method = member(m, "method");
  const json* version = member(m, "jsonrpc");
  json reply_id = id && valid_id(*id) ? *id : json(nullptr);
  auto fail = [&](int code, std::string message) {
    respond(reply_id, Reply{nullptr, std::make_pair(code, std::move(message))});
  };
  if (!m.is_object()) return fail(kInvalidRequest, "a message must be a JSON object");
  if (!version || *version != "2.0") return fail(kInvalidRequest, "jsonrpc must be \"2.0\"");
  if (!method) {
    // A response to one of our requests (client/registerCapability): nothing waits on it.
    if (id && (m.contains("result") || m.contains("error"))) return;
    return fail(kInvalidRequest, "a message needs a method");
  }
  if (!method->is_string()) return fail(kInvalidRequest, "method must be a string");
  if (id && !valid_id(*id)) return fail(kInvalidRequest, "id must be an integer or a string");
  const json* params = member(m, "params");
  if (params && !params->is_object() && !params->is_array()) {
    if (id) fail(kInvalidParams, "params must be an object or an array");
    return;
  }
  static const json kNoParams = json::object();
  const json& p = params ? *params : kNoParams;
  std::string name = method->get<std::string>();

  if (!id) {
    try {
      notification(name, p);
    } catch (const std::exception& e) {
      log(kLogError, name + ": " + e.what());
    }
    return;
  }
  if (cancelled) return fail(kRequestCancelled, "request cancelled");
  Reply reply;
  try {
    reply = request(name, p);
  } catch (const json::exception& e) {
    reply = Reply{nullptr, std::make_pair(kInvalidParams, name + ": " + e.what())};
  } catch (const std::exception& e) {
    reply = Reply{nullptr, std::make_pair(kInternalError, name + ": " + e.what())};
  }
  respond(*id, reply);
}

Server::Reply Server::request(const std::string& method, const json& params) {
  auto error = [](int code, std::string message) {
    return Reply{nullptr, std::make_pair(code, std::move(message))};
  };
  if (method == "initialize") {
    if (initialized_) return error(kInvalidRequest, "initialize was already received");
    return initialize(params);
  }
  if (!initialized_) return error(kServerNotInitialized, "initialize must come first");
  if (shutdown_) return error(kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    shutdown_ = true;
    return Reply{nullptr, std::nullopt};
  }
  if (method == "textDocument/codeAction") return code_action(params);
  if (method == "textDocument/hover") return hover(params);
  return error(kMethodNotFound, "unknown method " + method);
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  // Before initialize and after shutdown, notifications other than exit are dropped.
  if (!initialized_ || shutdown_) return;
  if (method == "initialized") {
    if (!watch_registration_) return;
    // Ask for the files that change a lint: config, ignore files, and any
    // file created or deleted (it joins or leaves a build context).
    json watchers = json::array({{{"globPattern", "**/.docker-doctor.{yaml,yml}"}},
                                 {{"globPattern", "**/.dockerignore"}},
                                 {{"globPattern", "**/*"}, {"kind", 1 | 4}}});
    send({{"jsonrpc", "2.0"},
          {"id", "docker-doctor/" + std::to_string(next_request_id_++)},
          {"method", "client/registerCapability"},
          {"params",
           {{"registrations", json::array({{{"id", "docker-doctor-watch"},
                                            {"method", "workspace/didChangeWatchedFiles"},
                                            {"registerOptions", {{"watchers", watchers}}}}})}}}});
  } else if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
    files_changed();
    // A configuration file that changed on disk shows its problems even
    // when no open document uses it yet.
    if (const json* changes = member(params, "changes"); changes && changes->is_array()) {
      std::lock_guard lint(lint_mu_);
      for (const json& c : *changes) {
        const json* uri = member(c, "uri");
        if (!uri || !uri->is_string() || !is_config_name(uri_basename(uri->get<std::string>())))
          continue;
        if (std::optional<std::string> path = uri_to_path(uri->get<std::string>());
            path && options_.read_disk)
          configs_.check(*path);
      }
      publish_config_changes();
    }
  } else if (method == "workspace/didChangeWorkspaceFolders") {
    const json& event = params.at("event");
    std::lock_guard lint(lint_mu_);  // the worker reads the roots while linting
    for (const json& f : event.at("removed")) {
      if (std::optional<std::string> path = uri_to_path(f.at("uri").get<std::string>()))
        std::erase(workspace_.roots, *path);
    }
    for (const json& f : event.at("added")) {
      if (std::optional<std::string> path = uri_to_path(f.at("uri").get<std::string>()))
        workspace_.roots.push_back(*path);
    }
  }
  if (method == "workspace/didChangeWorkspaceFolders") {
    files_changed();
  }
  // $/cancelRequest was handled with its batch; other notifications ($/setTrace, ...) are ignored.
}

Server::Reply Server::initialize(const json& params) {
  initialized_ = true;
  // UTF-8 positions save the conversion; LSP's default is UTF-16.
  encoding_ = PositionEncoding::Utf16;
  if (const json* encodings = dig(params, {"capabilities", "general", "positionEncodings"});
      encodings && encodings->is_array()) {
    for (const json& e : *encodings)
      if (e == "utf-8") encoding_ = PositionEncoding::Utf8;
  }
  document_changes_ =
      flag(params, {"capabilities", "workspace", "workspaceEdit", "documentChanges"});
  watch_registration_ =
      flag(params, {"capabilities", "workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  if (const json* url = dig(params, {"initializationOptions", "ruleDocsUrl"});
      url && url->is_string())
    rule_docs_url_ = url->get<std::string>();
  // The configuration file, with the CLI's precedence: named (the client's
  // `config` option standing in for --config), else DOCKER_DOCTOR_CONFIG,
  // else discovered per document.
  std::string fixed_config;
  if (const char* env = std::getenv("DOCKER_DOCTOR_CONFIG"); env && *env) fixed_config = env;
  if (const json* path = dig(params, {"initializationOptions", "config"});
      path && path->is_string() && !path->get<std::string>().empty())
    fixed_config = path->get<std::string>();
  std::string env_error;
  bool no_inline = config::env_flag(
      "DOCKER_DOCTOR_NO_INLINE_SUPPRESSIONS",
      [](const char* name) -> const char* { return std::getenv(name); }, &env_error);

  std::lock_guard lint(lint_mu_);
  auto add_root = [&](const json* uri) {
    if (!uri || !uri->is_string()) return;
    if (std::optional<std::string> path = uri_to_path(uri->get<std::string>())) {
      while (path->size() > 1 && path->back() == '/') path->pop_back();
      if (std::find(workspace_.roots.begin(), workspace_.roots.end(), *path) ==
          workspace_.roots.end())
        workspace_.roots.push_back(*path);
    }
  };
  if (const json* folders = member(params, "workspaceFolders"); folders && folders->is_array()) {
    for (const json& f : *folders) add_root(member(f, "uri"));
  }
  if (workspace_.roots.empty()) add_root(member(params, "rootUri"));
  if (const json* path = member(params, "rootPath"); workspace_.roots.empty() && path &&
                                                     path->is_string() &&
                                                     path->get<std::string>().starts_with("/")) {
    json uri = path_to_uri(path->get<std::string>());
    add_root(&uri);
  }
  // A relative configuration path is relative to the first workspace folder.
  if (!fixed_config.empty() && !fixed_config.starts_with("/") && !workspace_.roots.empty())
    fixed_config = workspace_.roots.front() + "/" + fixed_config;
  configs_.set_fixed(fixed_config);
  configs_.set_no_inline_suppressions(no_inline);
  if (const char* min = std::getenv("DOCKER_DOCTOR_MIN_SEVERITY"); min && *min)
    configs_.set_min_severity(parse_severity(min));
  if (!env_error.empty()) log(kLogError, env_error);

  json capabilities = {
      {"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2 /* incremental */}, {"save", {{"includeText", false}}}}},
      {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
      {"hoverProvider", true},
      {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
  };
  return Reply{{{"capabilities", capabilities},
                {"serverInfo", {{"name", "docker-doctor"}, {"version", DD_VERSION}}}},
               std::nullopt};
}

std::string Server::display_path(const std::string& path, const std::string& uri) const {
  if (path.empty()) return uri_basename(uri);
  std::string best;
  for (const std::string& root : workspace_.roots)
    if (path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/' &&
        root.size() > best.size())
      best = root;
  return best.empty() ? path : path.substr(best.size() + 1);
}

Server::Document* Server::find(const json& params) {
  auto it = docs_.find(params.at("textDocument").at("uri").get<std::string>());
  return it == docs_.end() ? nullptr : &it->second;
}

void Server::schedule(Document& doc, Clock::time_point when) {
  if (!doc.due || when < *doc.due) doc.due = when;
}

// A Dockerfile's lint reads its build context and its twins: any other open
// document may be one (an unsaved new file, the .dockerignore being edited,
// the Dockerfile.dev that project rules compare it with). A compose file's
// reads its project's other files and its services' builds; a
// .dockerignore's, the open Dockerfiles of its context.
void Server::schedule_dependents(const Document& changed) {
  if (changed.kind == DocumentKind::DockerIgnore) {
    // Build contexts apply their ignore file once: read it again.
    std::lock_guard lint(lint_mu_);
    contexts_ = new_contexts();
  }
  Clock::time_point when = Clock::now() + options_.debounce;
  for (auto& [uri, doc] : docs_)
    if (&doc != &changed && doc.kind != DocumentKind::Other) schedule(doc, when);
}

void Server::did_open(const json& params) {
  const json& item = params.at("textDocument");
  std::string uri = item.at("uri").get<std::string>();
  Document& doc = docs_[uri];
  doc.uri = uri;
  doc.path = uri_to_path(uri).value_or("");
  doc.display = display_path(doc.path, uri);
  doc.language_id = item.value("languageId", "");
  doc.kind = document_kind(uri_basename(uri), doc.language_id);
  doc.version = item.value("version", int64_t{0});
  doc.text.set_text(item.at("text").get<std::string>());
  doc.generation = next_generation_++;
  schedule(doc, Clock::now());  // the first lint needs no debounce
  schedule_dependents(doc);
  if (is_config_name(uri_basename(uri))) config_buffer(doc, doc.text.text());
}

void Server::did_change(const json& params) {
  Document* doc = find(params);
  if (!doc) return;  // a change to a document never opened: nothing to apply it to
  // Bumped first: a malformed change further down the list throws with the
  // ones before it applied, and the old findings must not outlive them.
  doc->generation = next_generation_++;
  doc->due = Clock::now() + options_.debounce;  // restart the quiet period
  for (const json& change : params.at("contentChanges")) {
    std::string text = change.at("text").get<std::string>();
    if (const json* range = member(change, "range"))
      doc->text.apply_change(range_param(*range), text, encoding_);
    else
      doc->text.set_text(std::move(text));
  }
  if (const json* v = dig(params, {"textDocument", "version"}); v && v->is_number_integer())
    doc->version = v->get<int64_t>();
  // Any open Dockerfile may read this file: as a file of its build context,
  // or as a twin that project rules compare it with.
  schedule_dependents(*doc);
  if (is_config_name(uri_basename(doc->uri))) config_buffer(*doc, doc->text.text());
}

void Server::did_close(const json& params) {
  Document* doc = find(params);
  if (!doc) return;
  std::string uri = doc->uri;
  // Clear what the editor shows: the file may not be linted again.
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  Document closed = std::move(*doc);
  docs_.erase(uri);
  schedule_dependents(closed);
  if (is_config_name(uri_basename(uri))) config_buffer(closed, std::nullopt);
}

std::unique_ptr<BuildContexts> Server::new_contexts() {
  auto contexts = std::make_unique<BuildContexts>();
  // Called while a lint holds lint_mu_, which guards workspace_.
  contexts->set_ignore_reader([this](const std::string& path, std::string* text) {
    auto it = workspace_.open_buffers.find(path);
    if (it == workspace_.open_buffers.end()) return false;
    *text = it->second;
    return true;
  });
  return contexts;
}

void Server::relint_all() {
  Clock::time_point when = Clock::now() + options_.debounce;
  for (auto& [uri, doc] : docs_) {
    doc.linted_generation = 0;
    schedule(doc, when);
  }
}

// Files changed on disk (a save, a watched file): build context listings
// and the configuration are read again for every open document.
void Server::files_changed() {
  {
    std::lock_guard lint(lint_mu_);
    contexts_ = new_contexts();
    configs_.reload();
  }
  relint_all();
}

void Server::config_buffer(const Document& doc, std::optional<std::string> text) {
  // Without the disk (fuzzing) no configuration applies: closing a buffer
  // would read the file it names.
  if (doc.path.empty() || !options_.read_disk) return;
  {
    std::lock_guard lint(lint_mu_);
    configs_.set_buffer(doc.path, std::move(text));
    configs_.check(doc.path);
    publish_config_changes();
  }
  relint_all();
}

void Server::publish_config_changes() {
  for (const ConfigSet::Status& status : configs_.take_changes()) {
    TextDocument text(status.text);
    json diagnostics = json::array();
    for (const config::ConfigError& e : status.errors) {
      Span span;
      if (e.line > 0) {
        LspPosition at{e.line - 1, std::max(0, e.column - 1)};
        span.start.offset = text.offset_at(at, PositionEncoding::Utf8);
        span.end.offset =
            text.offset_at(LspPosition{e.line - 1, INT32_MAX}, PositionEncoding::Utf8);
      }
      diagnostics.push_back({{"range", lsp_range(text, span, encoding_)},
                             {"severity", 1},
                             {"source", "docker-doctor"},
                             {"message", e.message}});
    }
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/publishDiagnostics"},
          {"params", {{"uri", path_to_uri(status.path)}, {"diagnostics", diagnostics}}}});
    if (status.errors.empty()) continue;
    std::string message = "docker-doctor: " + status.errors.front().str();
    if (status.errors.size() > 1)
      message += " (and " + std::to_string(status.errors.size() - 1) + " more)";
    message += "; the last configuration that loaded stays in force";
    send({{"jsonrpc", "2.0"},
          {"method", "window/showMessage"},
          {"params", {{"type", kLogWarning}, {"message", message}}}});
  }
}

Server::OpenFiles Server::open_files() const {
  OpenFiles open;
  for (const auto& [uri, doc] : docs_) {
    if (doc.path.empty()) continue;
    open.paths.push_back(doc.path);
    open.buffers[doc.path] = doc.text.text();
    if (doc.kind == DocumentKind::Dockerfile) open.dockerfiles[doc.path] = doc.text.text();
  }
  return open;
}

std::vector<Finding> Server::run_linter(const LintRequest& request, OpenFiles open) {
  DocumentLinter linter = linter_for(request.kind);
  if (!linter) return {};
  std::vector<std::string> notes;
  std::vector<Finding> findings;
  {
    std::lock_guard lint(lint_mu_);
    workspace_.contexts = options_.read_disk ? contexts_.get() : nullptr;
    workspace_.open_paths = std::move(open.paths);
    workspace_.open_dockerfiles = std::move(open.dockerfiles);
    workspace_.open_buffers = std::move(open.buffers);
    ConfigSet::ForFile config =
        options_.read_disk ? configs_.for_file(request.path) : ConfigSet::ForFile{};
    publish_config_changes();
    workspace_.options = std::move(config.options);
    try {
      // A file the configuration excludes is not linted, as on the command line.
      if (!config.excluded) findings = linter(request, workspace_);
    } catch (const std::exception& e) {
      workspace_.notes.push_back(request.display + ": lint failed: " + e.what());
    }
    std::erase_if(findings, [&](const Finding& f) {
      return static_cast<int>(f.severity) > static_cast<int>(config.min_severity);
    });
    notes = std::exchange(workspace_.notes, {});
  }
  for (const std::string& note : notes) log(kLogInfo, note);
  return findings;
}

void Server::publish(const Document& doc) {
  if (!linter_for(doc.kind)) return;  // a file no linter reads (yet): say nothing about it
  json diagnostics = json::array();
  for (const Finding& f : doc.findings)
    diagnostics.push_back(to_diagnostic(doc.text, f, encoding_, rule_docs_url_));
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", doc.uri}, {"version", doc.version}, {"diagnostics", diagnostics}}}});
}

const std::vector<Finding>& Server::current_findings(Document& doc) {
  if (doc.linted_generation == doc.generation) return doc.findings;
  LintRequest request{doc.kind, doc.path, doc.display, doc.text.text()};
  doc.findings = run_linter(request, open_files());
  doc.linted_generation = doc.generation;
  doc.due.reset();
  publish(doc);  // the editor shows what the answer is based on
  return doc.findings;
}

std::optional<Clock::time_point> Server::lint_due(Clock::time_point now) {
  std::vector<LintJob> jobs;
  OpenFiles open;
  std::optional<Clock::time_point> next;
  {
    std::lock_guard lock(mu_);
    if (exit_) return std::nullopt;
    open = open_files();
    for (auto& [uri, doc] : docs_) {
      if (!doc.due) continue;
      if (*doc.due > now) {
        next = next ? std::min(*next, *doc.due) : *doc.due;
        continue;
      }
      doc.due.reset();
      jobs.push_back(
          LintJob{uri, doc.generation, doc.kind, doc.path, doc.display, doc.text.text()});
    }
  }
  for (LintJob& job : jobs) {
    std::vector<Finding> findings =
        run_linter(LintRequest{job.kind, job.path, job.display, job.text}, open);
    std::lock_guard lock(mu_);
    auto it = docs_.find(job.uri);
    // Closed or edited meanwhile: the newer text has its own lint coming.
    if (it == docs_.end() || it->second.generation != job.generation) continue;
    it->second.findings = std::move(findings);
    it->second.linted_generation = job.generation;
    publish(it->second);
  }
  return next;
}

Server::Reply Server::code_action(const json& params) {
  Document* doc = find(params);
  if (!doc) return Reply{json::array(), std::nullopt};
  if (const json* only = dig(params, {"context", "only"}); only && only->is_array()) {
    bool wanted = false;
    for (const json& kind : *only)
      if (kind == "quickfix" || kind == "") wanted = true;  // "" is CodeActionKind.Empty: any
    if (!wanted) return Reply{json::array(), std::nullopt};
  }
  LspRange range = range_param(params.at("range"));
  size_t begin = doc->text.offset_at(range.start, encoding_, Snap::Before);
  size_t end = doc->text.offset_at(range.end, encoding_, Snap::After);
  CodeActionTarget target{doc->uri,  doc->version,      doc->kind,     &doc->text,
                          encoding_, document_changes_, rule_docs_url_};
  return Reply{code_actions(target, current_findings(*doc), begin, std::max(begin, end)),
               std::nullopt};
}

Server::Reply Server::hover(const json& params) {
  Document* doc = find(params);
  if (!doc) return Reply{nullptr, std::nullopt};
  size_t at = doc->text.offset_at(position_param(params.at("position")), encoding_);
  std::string markdown;
  const Finding* first = nullptr;
  std::set<std::string> shown;
  for (const Finding& f : current_findings(*doc)) {
    if (at < f.span.start.offset || at > f.span.end.offset) continue;
    if (!first) first = &f;
    if (!shown.insert(f.rule_id).second) continue;
    if (!markdown.empty()) markdown += "\n\n---\n\n";
    markdown += rule_hover_markdown(f);
  }
  if (!first) return Reply{nullptr, std::nullopt};
  return Reply{{{"contents", {{"kind", "markdown"}, {"value", markdown}}},
                {"range", lsp_range(doc->text, first->span, encoding_)}},
               std::nullopt};
}

}  // namespace dd::lsp
