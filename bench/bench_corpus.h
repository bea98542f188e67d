// The Dockerfiles the micro-benchmarks read: the shared corpus's (found as
// the CLI finds them), or those under DD_BENCH_CORPUS, or, without either,
// the repository's fixtures. Read once, before any timing.
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

}  // namespace dd::bench
