// The Dockerfiles and compose files the micro-benchmarks read: those under
// DD_BENCH_CORPUS, or the shared corpus's, or, without either, the
// repository's fixtures (found as the CLI finds them). Read once, before any
// timing. `paths` are the names the CLI shows.
#pragma once

#include <string>
#include <vector>

namespace dd::bench {

struct BenchFiles {
  std::string where;  // the directory they came from
  std::vector<std::string> paths, texts;
  size_t bytes = 0;
};

const BenchFiles& bench_dockerfiles();
const BenchFiles& bench_compose_files();

}  // namespace dd::bench
