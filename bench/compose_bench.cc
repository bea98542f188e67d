// Throughput of the compose loader over real compose files, in files per
// second, with yaml-cpp's own YAML::Load of the same texts measured in the
// same run as the baseline (absolute figures differ between machines, the
// ratio much less). See bench/README.md.
//
// The files are the shared corpus's compose files (named as the CLI finds
// them), or those under DD_BENCH_CORPUS; without either, the fixtures'.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "bench_corpus.h"
#include "compose/loader.h"

namespace {

using dd::bench::BenchFiles;

void report(benchmark::State& state, const BenchFiles& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.texts.size()), benchmark::Counter::kIsRate);
}

// Baseline: yaml-cpp's YAML::Load (no spans, no merge keys, no checks).
void BM_YamlCppLoad(benchmark::State& state) {
  const BenchFiles& c = dd::bench::bench_compose_files();
  for (auto _ : state)
    for (const std::string& t : c.texts) {
      try {
        benchmark::DoNotOptimize(YAML::Load(t));
      } catch (const YAML::Exception&) {
      }
    }
  report(state, c);
}
BENCHMARK(BM_YamlCppLoad)->Unit(benchmark::kMillisecond);

// docker-doctor's parse alone: spans, tags, merge keys, limits.
void BM_ComposeParse(benchmark::State& state) {
  const BenchFiles& c = dd::bench::bench_compose_files();
  for (auto _ : state)
    for (const std::string& t : c.texts) {
      std::vector<dd::compose::Diagnostic> d;
      benchmark::DoNotOptimize(dd::compose::parse_yaml(t, "compose.yaml", {}, &d));
    }
  report(state, c);
}
BENCHMARK(BM_ComposeParse)->Unit(benchmark::kMillisecond);

// The whole load as the lint run does it: parse, interpolate, extends and
// include, schema validation, the normalised model.
void BM_ComposeLoad(benchmark::State& state) {
  const BenchFiles& c = dd::bench::bench_compose_files();
  for (auto _ : state)
    for (size_t i = 0; i < c.texts.size(); ++i) {
      dd::compose::LoadOptions options;
      const std::string& text = c.texts[i];
      const std::string& path = c.paths[i];
      options.read_file = [&](const std::string& p, std::string* out, std::string* error) {
        if (p != path) {
          *error = "not loaded in the benchmark";
          return false;
        }
        *out = text;
        return true;
      };
      benchmark::DoNotOptimize(dd::compose::load_project({{path, "compose.yaml"}}, options));
    }
  report(state, c);
}
BENCHMARK(BM_ComposeLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
