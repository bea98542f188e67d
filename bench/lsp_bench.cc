// dd_lsp_bench: what an edit costs in the language server. Times one
// didChange through to its publishDiagnostics (the debounce excluded) on a
// 300-line Dockerfile, against a direct lint_dockerfile_text of the same
// text in the same run, and on a 500-line compose file (loaded and linted
// as a project), then checks memory over 10,000 edits.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "lsp/server.h"

namespace {

using nlohmann::json;

constexpr int kLines = 300;
constexpr const char* kUri = "untitled:Dockerfile";

// A realistic multi-stage Dockerfile of exactly kLines lines: installs,
// copies, continuations, a few findings (MAINTAINER, relative WORKDIR).
const std::string& dockerfile() {
  static const std::string text = [] {
    std::vector<std::string> stage = {
        "FROM node:22-slim AS build{}",
        "MAINTAINER team{} <team@example.com>",
        "WORKDIR app",
        "COPY package.json package-lock.json ./",
        "RUN npm ci",
        "COPY . .",
        "RUN npm run build && \\",
        "    npm prune --omit=dev",
        "ENV NODE_ENV=production PORT=80{}",
        "LABEL org.example.stage=\"{}\"",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\",
        "    && rm -rf /var/lib/apt/lists/*",
        "EXPOSE 80",
        "USER node",
        "CMD [\"node\", \"dist/server.js\"]",
    };
    std::string out;
    for (int line = 0; line < kLines; ++line) {
      std::string l = stage[static_cast<size_t>(line) % stage.size()];
      if (size_t at = l.find("{}"); at != std::string::npos)
        l.replace(at, 2, std::to_string(line / static_cast<int>(stage.size())));
      out += l + "\n";
    }
    return out;
  }();
  return text;
}

constexpr int kComposeLines = 500;
constexpr const char* kComposeUri = "untitled:compose.yaml";
constexpr int kComposeEditLine = 2 + 10 * 24 + 4;  // a LOG_LEVEL value near the middle

// A compose file of exactly kComposeLines lines: 49 services of 10 lines
// (image, restart, environment, a loopback port, depends_on), then volumes.
const std::string& compose_file() {
  static const std::string text = [] {
    std::string out = "name: bench\nservices:\n";
    for (int i = 0; i < 49; ++i) {
      std::string n = std::to_string(i);
      out += "  svc" + n + ":\n";
      out += "    image: registry.example.com/team/svc" + n + ":1." + n + "\n";
      out += "    restart: unless-stopped\n";
      out += "    environment:\n";
      out += "      LOG_LEVEL: info" + std::to_string(i % 10) + "\n";
      out += "      PORT: \"8" + n + "\"\n";
      out += "    ports:\n";
      out += "      - \"127.0.0.1:" + std::to_string(18000 + i) + ":80\"\n";
      out += "    depends_on:\n";
      out += "      - svc" + std::to_string(i == 0 ? 48 : i - 1) + "\n";
    }
    out += "volumes:\n";
    for (int line = 2 + 49 * 10 + 1; line < kComposeLines; ++line)
      out += "  data" + std::to_string(line) + ": {}\n";
    return out;
  }();
  return text;
}

// An initialized server with one document open and linted once.
struct Session {
  size_t published = 0;
  dd::lsp::Server server{[this](std::string body) {
                           if (body.find("publishDiagnostics") != std::string::npos) ++published;
                         },
                         dd::lsp::ServerOptions{std::chrono::milliseconds(0)}};
  int64_t version = 1;
  std::string uri;
  int edit_line, edit_character;
  explicit Session(std::string doc_uri = kUri, const std::string& language = "dockerfile",
                   const std::string& text = dockerfile(), int line = 9 + 15 * 10,
                   int character = 25)
      : uri(std::move(doc_uri)), edit_line(line), edit_character(character) {
    server.handle(json{{"jsonrpc", "2.0"},
                       {"id", 1},
                       {"method", "initialize"},
                       {"params", {{"capabilities", json::object()}}}}
                      .dump());
    server.handle(
        json{{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}.dump());
    server.handle(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              {{"textDocument",
                {{"uri", uri}, {"languageId", language}, {"version", 1}, {"text", text}}}}}}
            .dump());
    server.lint_pending_now();
  }
  // One keystroke: replace one digit near the middle (a LABEL's stage
  // number, a compose service's LOG_LEVEL).
  std::string change() {
    ++version;
    int line = edit_line;
    std::string digit(1, static_cast<char>('0' + version % 10));
    return json{{"jsonrpc", "2.0"},
                {"method", "textDocument/didChange"},
                {"params",
                 {{"textDocument", {{"uri", uri}, {"version", version}}},
                  {"contentChanges",
                   {{{"range",
                      {{"start", {{"line", line}, {"character", edit_character}}},
                       {"end", {{"line", line}, {"character", edit_character + 1}}}}},
                     {"text", digit}}}}}}}
        .dump();
  }
};

void BM_LintDirect(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(dd::lint_dockerfile_text("Dockerfile", dockerfile()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * dockerfile().size()));
}
BENCHMARK(BM_LintDirect)->Unit(benchmark::kMicrosecond);

void BM_DidChangeToPublish(benchmark::State& state) {
  Session s;
  for (auto _ : state) {
    state.PauseTiming();
    std::string message = s.change();
    state.ResumeTiming();
    s.server.handle(message);
    s.server.lint_pending_now();
  }
  if (s.published < static_cast<size_t>(state.iterations()) + 1)
    state.SkipWithError("a change published nothing");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * dockerfile().size()));
}
BENCHMARK(BM_DidChangeToPublish)->Unit(benchmark::kMicrosecond);

// The compose file as an untitled buffer: loaded, validated against the
// compose-spec schema and linted by every compose rule on each edit (no
// disk: no .env and no services' builds to read).
void BM_ComposeDidChangeToPublish(benchmark::State& state) {
  Session s(kComposeUri, "dockercompose", compose_file(), kComposeEditLine, 21);
  for (auto _ : state) {
    state.PauseTiming();
    std::string message = s.change();
    state.ResumeTiming();
    s.server.handle(message);
    s.server.lint_pending_now();
  }
  if (s.published < static_cast<size_t>(state.iterations()) + 1)
    state.SkipWithError("a change published nothing");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * compose_file().size()));
}
BENCHMARK(BM_ComposeDidChangeToPublish)->Unit(benchmark::kMicrosecond);

long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Memory over many edits: after a warm-up, 10,000 more edits (each linted
// and published) must not grow the resident set by more than noise.
int memory_check() {
  Session s;
  for (int i = 0; i < 500; ++i) {
    s.server.handle(s.change());
    s.server.lint_pending_now();
  }
  long before = rss_kib();
  for (int i = 0; i < 10000; ++i) {
    s.server.handle(s.change());
    s.server.lint_pending_now();
  }
  long after = rss_kib();
  std::printf(
      "\nmemory over 10,000 edits of a %d-line Dockerfile (%zu bytes): RSS %ld KiB -> %ld KiB "
      "(%+ld KiB)\n",
      kLines, dockerfile().size(), before, after, after - before);
  // 1 MiB of slack for allocator noise; a leak of even one finding per edit is far more.
  if (after - before > 1024) {
    std::printf("dd_lsp_bench: memory grew over the edits\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return memory_check();
}
