// The .dockerignore reader (ignore_file.h).
#include "ignore/ignore_file.h"

#include <fmt/format.h>

#include <optional>

#include "ignore/go_path.h"

namespace dd::ignore {

namespace {

struct Cleaned {
  std::string pattern;  // without '!'
  bool exception = false;
  std::optional<PatternError> error;  // offset into the written text
};

// What Docker's reader and then its pattern matcher make of one trimmed,
// non-empty line.
Cleaned clean_line(std::string_view written) {
  Cleaned out;
  std::string_view rest = written;
  if (rest[0] == '!') {
    out.exception = true;
    rest = trim_space(rest.substr(1));
  }
  std::string p;
  if (!rest.empty()) {
    p = go_clean(rest);
    if (p.size() > 1 && p[0] == '/') p.erase(0, 1);
  }
  // The matcher cleans "!" + p once more: "!/" becomes "!", which it refuses.
  if (out.exception && (p.empty() || p == "/")) {
    out.error = PatternError{0, "an exception '!' needs a pattern after it"};
    return out;
  }
  out.pattern = std::move(p);
  if (auto e = go_match_syntax_error(out.pattern)) {
    // Point into the written text where cleaning left it alone (it only
    // drops a leading '/' and trailing ones in the common case).
    size_t base = written.size() - rest.size();
    if (rest.starts_with("/") && !out.pattern.starts_with("/")) {
      rest.remove_prefix(1);
      ++base;
    }
    out.error = PatternError{rest.starts_with(out.pattern) ? base + e->offset : base, e->message};
  }
  return out;
}

Position advance(Position p, std::string_view line, size_t bytes) {
  p.column += static_cast<int>(bytes);
  p.offset += bytes;
  (void)line;
  return p;
}

}  // namespace

IgnoreFile parse_ignore_file(std::string_view text) {
  IgnoreFile out;
  size_t offset = 0;
  int line_no = 0;
  while (offset < text.size()) {
    size_t nl = text.find('\n', offset);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(offset, end - offset);
    Position start{++line_no, 1, offset};
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) {
      line.remove_prefix(3);
      start = advance(start, line, 3);
    }
    offset = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line.starts_with("#")) continue;
    std::string_view written = trim_space(line);
    if (written.empty()) continue;
    size_t lead = static_cast<size_t>(written.data() - line.data());
    Span span{advance(start, line, lead), advance(start, line, lead + written.size())};
    Cleaned c = clean_line(written);
    if (c.error) {
      Position at = advance(span.start, line, std::min(c.error->offset, written.size()));
      out.errors.push_back(
          {Span{at, span.end}, fmt::format("invalid pattern '{}': {}", written, c.error->message)});
      continue;
    }
    out.patterns.push_back({std::string(written), std::move(c.pattern), c.exception, span});
  }
  return out;
}

Matcher compile_ignore_file(IgnoreFile& file) {
  std::vector<MatcherPattern> patterns;
  for (const IgnorePattern& p : file.patterns) patterns.push_back({p.cleaned, p.exception});
  std::vector<Matcher::CompileError> errors;
  Matcher m(patterns, &errors);
  if (errors.empty()) return m;
  // Rare: drop the refused patterns and compile again, so indices agree.
  std::vector<bool> bad(file.patterns.size());
  for (const auto& e : errors) {
    bad[e.index] = true;
    const IgnorePattern& p = file.patterns[e.index];
    file.errors.push_back({p.span, fmt::format("invalid pattern '{}': {}", p.written, e.message)});
  }
  std::vector<IgnorePattern> kept;
  for (size_t i = 0; i < file.patterns.size(); ++i)
    if (!bad[i]) kept.push_back(std::move(file.patterns[i]));
  file.patterns = std::move(kept);
  patterns.clear();
  for (const IgnorePattern& p : file.patterns) patterns.push_back({p.cleaned, p.exception});
  return Matcher(patterns);
}

std::vector<MatcherPattern> matcher_patterns(const std::vector<std::string>& list,
                                             std::vector<std::string>* errors) {
  std::vector<MatcherPattern> out;
  for (const std::string& entry : list) {
    std::string_view trimmed = trim_space(entry);
    if (trimmed.empty()) continue;
    std::string p = go_clean(trimmed);
    MatcherPattern m;
    if (p[0] == '!') {
      if (p.size() == 1) {
        if (errors) errors->push_back("illegal exclusion pattern: \"!\"");
        continue;
      }
      m.exception = true;
      p.erase(0, 1);
    }
    if (auto e = go_match_syntax_error(p)) {
      if (errors) errors->push_back(fmt::format("'{}': {}", p, e->message));
      continue;
    }
    m.cleaned = std::move(p);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace dd::ignore
