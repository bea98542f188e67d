// Small helpers several checks share: spans inside flags, whole-line edits,
// near-name suggestions. Kept here so each rule file stays about its rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"

namespace dd::rules {

std::string ascii_lower(std::string_view s);

// Levenshtein distance, giving up (returning limit + 1) once it exceeds
// `limit`, so comparing long strings costs O(len * limit).
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

// The candidate closest to `word` (case-insensitively) when it is near enough
// to be a likely typo; nullopt otherwise.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The file span of raw[begin, end) of a flag as written ("--from=build").
// Flags that span a line continuation map to the whole flag.
Span flag_raw_span(const Flag& flag, size_t begin, size_t end);

// The span of a flag's value (`build` in `--from=build`).
Span flag_value_span(const Flag& flag);

// A RUN --mount option as written: its value with quotes removed and the
// span of that value in the file.
struct MountOption {
  std::string value;
  Span span;
};
std::optional<MountOption> mount_option(const Flag& mount, std::string_view key);

// The bytes to delete to remove `ins` entirely: from the start of its first
// line through the line break after its last line (comments directly above
// it are left alone: they may describe more than this instruction).
Span instruction_lines(const Dockerfile& df, const Instruction& ins);

// 1-based line of a span's start, for messages that point elsewhere.
inline int line_of(const Span& s) { return s.start.line; }

}  // namespace dd::rules
