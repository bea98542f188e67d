// What the context rules (DD401, DD402, DD105) share about a build context
// after .dockerignore: the files at or below a path, the pattern that
// excludes them, and how to say so.
#pragma once

#include <string>
#include <string_view>

#include "docker_doctor/linter.h"

namespace dd::rules {

// The files of `context` at `path` or below it: indices [begin, end) into
// context.files (empty when there are none). "" is the whole context.
struct FileRange {
  size_t begin = 0, end = 0;
  bool empty() const { return begin == end; }
};
FileRange files_under(const BuildContextInfo& context, std::string_view path);

// The pattern that excludes every file of `range`, or -1 when one of them
// is sent (or the range is empty). The pattern that decides the most files
// is the one named.
int excluding_pattern(const BuildContextInfo& context, FileRange range);

// "`pnpm-lock.yaml` (apps/web/.dockerignore line 4)".
std::string describe_pattern(const BuildContextInfo& context, int pattern);

// "3.2 MB", "512 bytes".
std::string human_bytes(unsigned long long bytes);

// "1 file" / "12 files".
std::string count_files(size_t n);

}  // namespace dd::rules
