// The stdio transport. The reader blocks in read(); the worker sleeps on a
// condition variable until the next lint is due or a message arrives, so an
// idle server uses no CPU. Output is written whole, one message at a time.
#include "lsp/stdio_server.h"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "lsp/framing.h"

namespace dd::lsp {

namespace {

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client is gone; the reader will see EOF
    done += static_cast<size_t>(n);
  }
}

class LintWorker {
 public:
  explicit LintWorker(Server& server) : server_(server), thread_([this] { run(); }) {}
  ~LintWorker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // A message was handled: a lint may have been scheduled sooner than the
  // worker's current wait.
  void kick() {
    {
      std::lock_guard lock(mu_);
      kicked_ = true;
    }
    cv_.notify_one();
  }

 private:
  void run() {
    for (;;) {
      std::optional<Clock::time_point> next = server_.lint_due(Clock::now());
      std::unique_lock lock(mu_);
      auto woken = [this] { return stop_ || kicked_; };
      if (next)
        cv_.wait_until(lock, *next, woken);
      else
        cv_.wait(lock, woken);
      if (stop_) return;
      kicked_ = false;
    }
  }

  Server& server_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool kicked_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace

int run_stdio_server(int in_fd, int out_fd, ServerOptions options) {
  std::mutex out_mu;
  Server server(
      [&](const std::string& body) {
        std::string framed = frame_message(body);
        std::lock_guard lock(out_mu);
        write_all(out_fd, framed);
      },
      options);
  {
    LintWorker worker(server);
    FrameReader reader;
    char buf[64 * 1024];
    while (!server.exit_requested()) {
      ssize_t n = ::read(in_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // end of input: the client is gone
      reader.feed(std::string_view(buf, static_cast<size_t>(n)));
      std::vector<std::string> batch;
      while (std::optional<Frame> frame = reader.next()) {
        if (frame->ok) {
          batch.push_back(std::move(frame->text));
          continue;
        }
        server.handle(std::exchange(batch, {}));
        server.framing_error(frame->text);
      }
      if (!batch.empty()) server.handle(batch);
      worker.kick();
    }
  }
  return server.exit_code();
}

}  // namespace dd::lsp
