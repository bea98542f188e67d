// See bench_corpus.h.
#include "bench_corpus.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/discover.h"

namespace dd::bench {

namespace {

// The first candidate directory that holds files of the kind wanted, read
// as the CLI reads them.
BenchFiles load_files(bool compose) {
  BenchFiles f;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("DD_BENCH_CORPUS")) candidates.push_back(env);
  candidates.push_back(DD_SOURCE_DIR "/../shared/corpus");
  candidates.push_back(DD_SOURCE_DIR "/fixtures");
  for (const std::string& dir : candidates) {
    if (!std::filesystem::is_directory(dir)) continue;
    cli::Discovery found = cli::discover({dir}, "<stdin>");
    for (const cli::Input& input : found.inputs) {
      if (input.compose != compose) continue;  // the walk finds both kinds
      std::string text, error;
      if (!cli::read_input(input, &text, &error)) continue;
      f.bytes += text.size();
      f.paths.push_back(input.display);
      f.texts.push_back(std::move(text));
    }
    if (!f.texts.empty()) {
      f.where = dir;
      break;
    }
  }
  std::fprintf(stderr, "corpus: %zu %s (%zu bytes) from %s\n", f.texts.size(),
               compose ? "compose files" : "Dockerfiles", f.bytes, f.where.c_str());
  return f;
}

}  // namespace

const BenchFiles& bench_dockerfiles() {
  static const BenchFiles files = load_files(false);
  return files;
}

const BenchFiles& bench_compose_files() {
  static const BenchFiles files = load_files(true);
  return files;
}

}  // namespace dd::bench
