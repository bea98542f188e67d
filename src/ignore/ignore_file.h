// Reading a .dockerignore file the way Docker does (moby's ignorefile
// reader, re-implemented from its documented behaviour), keeping where each
// pattern is written so findings can point at it.
//
// Per line (split at '\n', one trailing '\r' dropped, a UTF-8 BOM dropped
// from the first line): a line starting with '#' in column 1 is a comment
// (one with leading blanks is a pattern); white space around the pattern is
// trimmed; an empty line is skipped; a leading '!' makes an exception, with
// blanks after it trimmed too; the rest is cleaned with filepath.Clean and
// one leading '/' is dropped, so `/dist/`, `./dist` and `dist` are alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"
#include "ignore/matcher.h"

namespace dd::ignore {

struct IgnorePattern {
  std::string written;  // the trimmed text of the line: "!/dist/"
  std::string cleaned;  // what Docker matches, without the '!': "dist"
  bool exception = false;
  Span span;  // `written` in the file
};

// A pattern Docker refuses (it fails the build): the rest still apply here.
struct IgnoreError {
  Span span;
  std::string message;
};

struct IgnoreFile {
  std::vector<IgnorePattern> patterns;  // the valid ones, in file order
  std::vector<IgnoreError> errors;
};

IgnoreFile parse_ignore_file(std::string_view text);

// A matcher over `file.patterns` (indices agree). Patterns RE2 rejects are
// moved from `file.patterns` to `file.errors` first.
Matcher compile_ignore_file(IgnoreFile& file);

// Docker's pattern matcher fed a list directly (patternmatcher.New, as
// the conformance vectors are): each entry trimmed and cleaned, '!' made an
// exception; an entry it would refuse goes to `errors` instead.
std::vector<MatcherPattern> matcher_patterns(const std::vector<std::string>& list,
                                             std::vector<std::string>* errors = nullptr);

}  // namespace dd::ignore
