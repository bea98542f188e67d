// Throughput of the .dockerignore matcher (src/ignore): pattern-path pairs
// decided per second, for a realistic ignore file and for generated lists of
// 1,000 and 100,000 patterns, against two baselines measured in the same
// run: a plain std::string compare of every path with every pattern (the
// cheapest conceivable per-pair work) and RE2 alone, one compiled
// expression per pattern, as a naive port of Docker's matcher would do. See
// bench/README.md.
#include <benchmark/benchmark.h>
#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "ignore/ignore_file.h"
#include "ignore/matcher.h"
#include "ignore/pattern.h"

namespace {

// A monorepo-like tree: services, packages, node_modules, caches, data.
const std::vector<std::string>& paths() {
  static const std::vector<std::string> out = [] {
    std::vector<std::string> p;
    const char* tops[] = {"services/api", "services/worker", "apps/web", "packages/ui", "libs/py"};
    const char* mids[] = {"src",         "src/handlers", "tests",   "node_modules/lodash",
                          "__pycache__", "dist",         "data/raw"};
    const char* leaves[] = {"index.js", "main.py",   "util.ts", "README.md",
                            "app.log",  "model.pkl", "x.json"};
    for (int round = 0; round < 60; ++round)
      for (const char* t : tops)
        for (const char* m : mids)
          for (const char* l : leaves)
            p.push_back(std::string(t) + "/" + m + "/r" + std::to_string(round) + "/" + l);
    return p;  // 14,700 paths
  }();
  return out;
}

// A hand-written ignore file (about what real repositories hold), or a
// generated one of `n` patterns mixing every kind: literals, `dir/**`,
// `**/name`, `*` and `?` globs, classes and exceptions.
std::string ignore_text(int n) {
  if (n <= 0)
    return ".git\n**/node_modules\n**/__pycache__\n**/.venv\n.env\n*.log\n**/*.log\ndata\n**/"
           "*.pkl\n"
           "dist/**\n!dist/keep\ncoverage\n*.md\n!README.md\n";
  std::string text;
  for (int i = 0; i < n; ++i) {
    std::string k = std::to_string(i);
    switch (i % 8) {
      case 0:
        text += "services/s" + k + "\n";
        break;
      case 1:
        text += "apps/a" + k + "/**\n";
        break;
      case 2:
        text += "**/gen" + k + ".txt\n";
        break;
      case 3:
        text += "*/c" + k + "/*.log\n";
        break;
      case 4:
        text += "!services/s" + std::to_string(i - 4) + "/keep?\n";
        break;
      case 5:
        text += "pkg[0-9]" + k + "\n";
        break;
      case 6:
        text += "**/tmp" + k + "/**\n";
        break;
      case 7:
        text += "libs/l" + k + "\n";
        break;
    }
  }
  return text;
}

dd::ignore::IgnoreFile parsed(int n) {
  return dd::ignore::parse_ignore_file(ignore_text(n));
}

void BM_IgnoreMatcher(benchmark::State& state) {
  dd::ignore::IgnoreFile f = parsed(static_cast<int>(state.range(0)));
  dd::ignore::Matcher m = dd::ignore::compile_ignore_file(f);
  const auto& ps = paths();
  size_t excluded = 0;
  for (auto _ : state)
    for (const std::string& p : ps) excluded += m.excluded(p) ? 1 : 0;
  benchmark::DoNotOptimize(excluded);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ps.size() * f.patterns.size()));
  state.counters["paths/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * ps.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IgnoreMatcher)->Arg(0)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_IgnoreCompile(benchmark::State& state) {
  dd::ignore::IgnoreFile f = parsed(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    dd::ignore::IgnoreFile copy = f;
    dd::ignore::Matcher m = dd::ignore::compile_ignore_file(copy);
    benchmark::DoNotOptimize(m.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.patterns.size()));
}
BENCHMARK(BM_IgnoreCompile)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// Baseline 1: every path compared with every cleaned pattern as a string.
void BM_BaselineStringCompare(benchmark::State& state) {
  dd::ignore::IgnoreFile f = parsed(static_cast<int>(state.range(0)));
  const auto& ps = paths();
  size_t equal = 0;
  for (auto _ : state)
    for (const std::string& p : ps)
      for (const auto& pattern : f.patterns) equal += p == pattern.cleaned ? 1 : 0;
  benchmark::DoNotOptimize(equal);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ps.size() * f.patterns.size()));
}
BENCHMARK(BM_BaselineStringCompare)->Arg(0)->Arg(1000)->Unit(benchmark::kMillisecond);

// Baseline 2: RE2 alone, one expression per pattern, full match per path
// (parents not even tried: a lower bound on the naive matcher's cost).
void BM_BaselineRe2PerPattern(benchmark::State& state) {
  dd::ignore::IgnoreFile f = parsed(static_cast<int>(state.range(0)));
  std::vector<std::unique_ptr<RE2>> res;
  for (const auto& pattern : f.patterns) {
    dd::ignore::CompiledPattern c = dd::ignore::compile_pattern(pattern.cleaned);
    std::string re =
        c.kind == dd::ignore::MatchKind::Regex ? c.regex : "^" + RE2::QuoteMeta(c.literal) + "$";
    res.push_back(std::make_unique<RE2>(re));
  }
  const auto& ps = paths();
  size_t hits = 0;
  for (auto _ : state)
    for (const std::string& p : ps)
      for (const auto& re : res) hits += RE2::FullMatch(p, *re) ? 1 : 0;
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ps.size() * res.size()));
}
BENCHMARK(BM_BaselineRe2PerPattern)->Arg(0)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
