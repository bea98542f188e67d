// Throughput of the shell model (src/shell) over real Dockerfiles, with the
// Dockerfile parser measured in the same run as the baseline. See
// bench/README.md for how to run it and the figures measured.
//
// The files are the shared corpus's Dockerfiles (found as the CLI finds
// them), or the Dockerfiles under the directory given in DD_BENCH_CORPUS;
// without either, the repository's own fixtures.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "dockerfile/ast.h"
#include "shell/shell.h"

namespace {

struct Corpus {
  std::string where;
  std::vector<std::string> texts;
  std::vector<dd::Dockerfile> parsed;
  size_t file_bytes = 0;
  size_t run_bytes = 0;  // the bytes of every RUN (and ONBUILD RUN), heredoc bodies included
  size_t runs = 0;
};

size_t run_bytes_of(const dd::Instruction& in) {
  if (in.kind == dd::Keyword::Run) return in.span.end.offset - in.span.start.offset;
  if (in.kind == dd::Keyword::Onbuild && !in.onbuild.empty() && in.onbuild[0].kind == dd::Keyword::Run)
    return in.span.end.offset - in.span.start.offset;
  return 0;
}

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    const dd::bench::BenchFiles& files = dd::bench::bench_dockerfiles();
    c.where = files.where;
    c.texts = files.texts;
    for (const std::string& t : c.texts) {
      c.file_bytes += t.size();
      c.parsed.push_back(dd::parse_dockerfile(t));
      for (const dd::Instruction& in : c.parsed.back().instructions) {
        size_t n = run_bytes_of(in);
        c.run_bytes += n;
        c.runs += n > 0 ? 1 : 0;
      }
    }
    std::fprintf(stderr, "corpus: %zu Dockerfiles from %s: %zu bytes, %zu RUN instructions of %zu bytes\n",
                 c.texts.size(), c.where.c_str(), c.file_bytes, c.runs, c.run_bytes);
    return c;
  }();
  return c;
}

// Baseline: parse every file (bytes = whole files).
void BM_Parse(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state)
    for (const std::string& t : c.texts) benchmark::DoNotOptimize(dd::parse_dockerfile(t));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.file_bytes));
  state.counters["files"] = static_cast<double>(c.texts.size());
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// The shell model of every parsed file, scopes included as the rules get
// it (bytes = RUN text only).
void BM_ShellModel(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state)
    for (const dd::Dockerfile& df : c.parsed) benchmark::DoNotOptimize(dd::build_shell_model(df));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.run_bytes));
  state.counters["runs"] = static_cast<double>(c.runs);
}
BENCHMARK(BM_ShellModel)->Unit(benchmark::kMillisecond);

// The console report, then the shell model's figures relative to the
// parser's from this same run: absolute MB/s differ from machine to machine,
// the ratios much less.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  // Colour only on a terminal, as the library's own default reporter does.
  RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") continue;
      std::string name = r.run_name.function_name;
      auto bps = r.counters.find("bytes_per_second");
      if (bps == r.counters.end()) continue;
      Figures& f = figures_[name];
      f.bytes_per_second = bps->second.value;
      f.seconds_per_iteration = r.GetAdjustedCPUTime() / unit_per_second(r.time_unit);
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto parse = figures_.find("BM_Parse");
    auto shell = figures_.find("BM_ShellModel");
    if (parse == figures_.end() || shell == figures_.end()) return;
    const Corpus& c = corpus();
    std::printf(
        "\nparse: %.1f MB/s of Dockerfile text; shell model: %.1f MB/s of RUN text\n"
        "shell model MB/s / parse MB/s = %.3f\n"
        "time for all RUNs / time to parse all files = %.2f (RUN text is %.0f%% of the bytes)\n",
        parse->second.bytes_per_second / 1e6, shell->second.bytes_per_second / 1e6,
        shell->second.bytes_per_second / parse->second.bytes_per_second,
        shell->second.seconds_per_iteration / parse->second.seconds_per_iteration,
        c.file_bytes ? 100.0 * static_cast<double>(c.run_bytes) / static_cast<double>(c.file_bytes) : 0.0);
  }

 private:
  struct Figures {
    double bytes_per_second = 0;
    double seconds_per_iteration = 0;
  };
  static double unit_per_second(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kNanosecond: return 1e9;
      case benchmark::kMicrosecond: return 1e6;
      case benchmark::kMillisecond: return 1e3;
      default: return 1;
    }
  }
  std::map<std::string, Figures> figures_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (corpus().texts.empty()) {
    std::fprintf(stderr, "dd_bench: no Dockerfiles found (set DD_BENCH_CORPUS to a directory)\n");
    return 1;
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
