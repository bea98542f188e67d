// dd_lsp_bench: what an edit costs in the language server. Times one
// didChange through to its publishDiagnostics (the debounce excluded) on a
// 300-line Dockerfile, against a direct lint_dockerfile_text of the same
// text in the same run, then checks memory over 10,000 edits.
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

// An initialized server with the Dockerfile open and linted once.
struct Session {
  size_t published = 0;
  dd::lsp::Server server{[this](std::string body) {
                           if (body.find("publishDiagnostics") != std::string::npos) ++published;
                         },
                         dd::lsp::ServerOptions{std::chrono::milliseconds(0)}};
  int64_t version = 1;
  Session() {
    server.handle(json{{"jsonrpc", "2.0"},
                       {"id", 1},
                       {"method", "initialize"},
                       {"params", {{"capabilities", json::object()}}}}
                      .dump());
    server.handle(
        json{{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}.dump());
    server.handle(json{
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params",
         {{"textDocument",
           {{"uri", kUri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", dockerfile()}}}}}}
                      .dump());
    server.lint_pending_now();
  }
  // One keystroke: replace the stage number in a LABEL line near the middle.
  std::string change() {
    ++version;
    int line = 9 + 15 * 10;  // a LABEL line
    std::string digit(1, static_cast<char>('0' + version % 10));
    return json{{"jsonrpc", "2.0"},
                {"method", "textDocument/didChange"},
                {"params",
                 {{"textDocument", {{"uri", kUri}, {"version", version}}},
                  {"contentChanges",
                   {{{"range",
                      {{"start", {{"line", line}, {"character", 25}}},
                       {"end", {{"line", line}, {"character", 26}}}}},
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
