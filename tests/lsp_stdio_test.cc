// The stdio transport (src/lsp/stdio_server.cc) over real pipes: messages
// split across writes, garbage between them, the lint worker publishing
// after the debounce, and the exit statuses LSP prescribes.
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <future>
#include <string>

#include "lsp/framing.h"
#include "lsp/stdio_server.h"

namespace {

using nlohmann::json;

class Pipes {
 public:
  Pipes() {
    EXPECT_EQ(::pipe(in_), 0);
    EXPECT_EQ(::pipe(out_), 0);
    dd::lsp::ServerOptions options;
    options.debounce = std::chrono::milliseconds(10);
    status_ = std::async(std::launch::async, [this, options] {
      int status = dd::lsp::run_stdio_server(in_[0], out_[1], options);
      ::close(out_[1]);
      return status;
    });
  }
  ~Pipes() {
    close_input();
    if (status_.valid()) status_.wait();
    ::close(in_[0]);
    ::close(out_[0]);
  }

  void write_raw(const std::string& bytes) {
    ASSERT_EQ(::write(in_[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  void send(const json& m) { write_raw(dd::lsp::frame_message(m.dump())); }
  void close_input() {
    if (in_[1] >= 0) ::close(in_[1]);
    in_[1] = -1;
  }

  // The next message the server writes, or null after 10 s of silence or at EOF.
  json next() {
    for (;;) {
      if (std::optional<dd::lsp::Frame> f = reader_.next()) {
        if (f->ok) return json::parse(f->text);
        continue;
      }
      pollfd p{out_[0], POLLIN, 0};
      if (::poll(&p, 1, 10000) <= 0) return nullptr;
      char buf[4096];
      ssize_t n = ::read(out_[0], buf, sizeof buf);
      if (n <= 0) return nullptr;
      reader_.feed(std::string_view(buf, static_cast<size_t>(n)));
    }
  }
  // The next message matching `pred`, skipping others (logs, diagnostics).
  template <typename Pred>
  json next_where(Pred pred) {
    for (json m = next(); !m.is_null(); m = next())
      if (pred(m)) return m;
    return nullptr;
  }
  int status() { return status_.get(); }

 private:
  int in_[2] = {-1, -1};
  int out_[2] = {-1, -1};
  std::future<int> status_;
  dd::lsp::FrameReader reader_;
};

json request(int id, const std::string& method, const json& params = json::object()) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}
json notification(const std::string& method, const json& params = json::object()) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", params}};
}
auto id_is(int id) {
  return [id](const json& m) { return m.contains("id") && m["id"] == id; };
}

TEST(LspStdio, SessionOverPipesExitsZeroAfterShutdown) {
  Pipes p;
  // The initialize request written in two halves.
  std::string init =
      dd::lsp::frame_message(request(1, "initialize", {{"capabilities", json::object()}}).dump());
  p.write_raw(init.substr(0, 10));
  p.write_raw(init.substr(10));
  EXPECT_TRUE(p.next_where(id_is(1))["result"].contains("capabilities"));
  p.send(notification("initialized"));
  p.write_raw("garbage\r\n\r\n");
  json error = p.next_where([](const json& m) { return m.contains("error"); });
  EXPECT_EQ(error["error"]["code"], -32700);
  EXPECT_TRUE(error["id"].is_null());
  p.send(notification("textDocument/didOpen", {{"textDocument",
                                                {{"uri", "untitled:Dockerfile"},
                                                 {"languageId", "dockerfile"},
                                                 {"version", 1},
                                                 {"text", "FROM alpine\nMAINTAINER me\n"}}}}));
  json published = p.next_where(
      [](const json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  ASSERT_FALSE(published.is_null());
  EXPECT_EQ(published["params"]["diagnostics"][0]["code"], "DD601");
  p.send(request(2, "shutdown"));
  EXPECT_TRUE(p.next_where(id_is(2))["result"].is_null());
  p.send(notification("exit"));
  EXPECT_EQ(p.status(), 0);
}

TEST(LspStdio, ExitWithoutShutdownIsOne) {
  Pipes p;
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.next_where(id_is(1));
  p.send(notification("exit"));
  EXPECT_EQ(p.status(), 1);
}

TEST(LspStdio, EndOfInputEndsTheServer) {
  Pipes p;
  p.send(request(1, "shutdown"));  // before initialize: refused
  EXPECT_EQ(p.next_where(id_is(1))["error"]["code"], -32002);
  p.write_raw("Content-Length: 100\r\n\r\n{\"jsonrpc\"");  // cut short by EOF
  p.close_input();
  EXPECT_EQ(p.status(), 1);
}

}  // namespace
