// See bench_corpus.h.
#include "bench_corpus.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/discover.h"

namespace dd::bench {

const BenchFiles& bench_dockerfiles() {
  static const BenchFiles files = [] {
    BenchFiles f;
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("DD_BENCH_CORPUS")) candidates.push_back(env);
    candidates.push_back(DD_SOURCE_DIR "/../shared/corpus");
    candidates.push_back(DD_SOURCE_DIR "/fixtures");
    for (const std::string& dir : candidates) {
      if (!std::filesystem::is_directory(dir)) continue;
      cli::Discovery found = cli::discover({dir}, "<stdin>");
      for (const cli::Input& input : found.inputs) {
        if (input.compose) continue;  // the walk finds compose files too
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
    std::fprintf(stderr, "corpus: %zu Dockerfiles (%zu bytes) from %s\n", f.texts.size(), f.bytes,
                 f.where.c_str());
    return f;
  }();
  return files;
}

}  // namespace dd::bench
