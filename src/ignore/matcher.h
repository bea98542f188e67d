// Docker's .dockerignore decision for many paths against many patterns:
// "is this path, or one of its parent directories, matched by the pattern
// list, the last matching pattern deciding" (MatchesOrParentMatches).
//
// Patterns are compiled once. Literal patterns (most real ones: `.git`,
// `node_modules`, `dist/**`, `**/__pycache__`) are looked up in hash tables
// by the lengths they come in; the rest are combined into RE2 sets, so one
// path costs one pass per set rather than one regular expression per
// pattern, and RE2 keeps every match linear in the path's length whatever
// the pattern (`**/**/**/x` cannot backtrack).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ignore/pattern.h"

namespace dd::ignore {

struct MatcherPattern {
  std::string cleaned;     // filepath.Clean'ed, without the '!'
  bool exception = false;  // written with '!': re-includes what it matches
};

class Matcher {
 public:
  // Patterns whose regular expression RE2 rejects (Go's regexp would too:
  // `[z-a]`) are left out; `errors` (when given) gets the index and why.
  struct CompileError {
    size_t index;
    std::string message;
  };
  explicit Matcher(std::vector<MatcherPattern> patterns,
                   std::vector<CompileError>* errors = nullptr);
  // Patterns translated by another dialect (.gitignore, gitignore.h), one
  // `compiled` per pattern. With `bytes`, regular expressions match bytes
  // (RE2's Latin-1 mode), not UTF-8 characters: Git's `?` is one byte.
  Matcher(std::vector<MatcherPattern> patterns, const std::vector<CompiledPattern>& compiled,
          bool bytes, std::vector<CompileError>* errors = nullptr);
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  size_t size() const { return patterns_.size(); }
  const MatcherPattern& pattern(size_t i) const { return patterns_[i]; }

  // The index of the last pattern that matches `path` itself, or -1.
  long last_match(std::string_view path) const;

  // Docker's answer for `path` as given (not cleaned; a trailing '/' is
  // kept): the last pattern matching the path or a parent directory, or -1.
  long deciding_pattern(std::string_view path) const;
  // Whether that pattern excludes the path.
  bool excluded(std::string_view path) const;
  bool excludes(long deciding) const { return deciding >= 0 && !patterns_[deciding].exception; }

 private:
  // Looked up with a slice of the path: no string is built per lookup.
  struct SliceHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct LengthTable {
    std::unordered_map<std::string, long, SliceHash, std::equal_to<>> last;  // literal -> its last pattern
    std::vector<size_t> lengths;                 // the distinct literal lengths, ascending
    void add(const std::string& literal, long index);
    void finish();
  };
  struct RegexGroup;  // an RE2 set of up to a few hundred patterns (matcher.cc)

  void build(const std::vector<CompiledPattern>& compiled, bool bytes,
             std::vector<CompileError>* errors);

  std::vector<MatcherPattern> patterns_;
  LengthTable exact_, prefix_, suffix_;
  std::vector<std::unique_ptr<RegexGroup>> groups_;
};

}  // namespace dd::ignore
