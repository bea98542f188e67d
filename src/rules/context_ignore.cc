// Build-context helpers for the .dockerignore rules (context_ignore.h).
#include "rules/context_ignore.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace dd::rules {

FileRange files_under(const BuildContextInfo& context, std::string_view path) {
  const auto& files = context.files;
  if (path.empty()) return {0, files.size()};
  FileRange r;
  auto exact = std::lower_bound(files.begin(), files.end(), path);
  if (exact != files.end() && *exact == path) {
    r.begin = static_cast<size_t>(exact - files.begin());
    r.end = r.begin + 1;
    return r;
  }
  std::string prefix = std::string(path) + "/";
  auto lo = std::lower_bound(files.begin(), files.end(), prefix);
  auto hi = lo;
  while (hi != files.end() && hi->starts_with(prefix)) ++hi;
  r.begin = static_cast<size_t>(lo - files.begin());
  r.end = static_cast<size_t>(hi - files.begin());
  return r;
}

int excluding_pattern(const BuildContextInfo& context, FileRange range) {
  if (range.empty()) return -1;
  std::map<int, size_t> deciders;
  for (size_t i = range.begin; i < range.end; ++i) {
    if (!context.excluded(i)) return -1;
    ++deciders[context.decided_by[i]];
  }
  auto best = std::max_element(deciders.begin(), deciders.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

std::string describe_pattern(const BuildContextInfo& context, int pattern) {
  const IgnorePatternInfo& p = context.ignore_patterns.at(static_cast<size_t>(pattern));
  return fmt::format("`{}` ({} line {})", p.written, context.ignore_file, p.span.start.line);
}

std::string human_bytes(unsigned long long bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes) / 1024;
  size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(units)) {
    v /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", v, units[u]);
}

std::string count_files(size_t n) {
  return fmt::format("{} file{}", n, n == 1 ? "" : "s");
}

}  // namespace dd::rules
