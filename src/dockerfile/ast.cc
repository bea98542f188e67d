// Small accessors of the Dockerfile model (ast.h): position mapping inside
// words, flag and stage look-ups, keyword names.
#include "dockerfile/ast.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace dd {

Position piece_position(const std::vector<SourcePiece>& pieces, size_t size, const Span& span, size_t i) {
  if (i >= size || pieces.empty()) return i == 0 && size == 0 ? span.start : span.end;
  // The last piece that starts at or before byte i holds it.
  auto it = std::upper_bound(pieces.begin(), pieces.end(), i,
                             [](size_t v, const SourcePiece& p) { return v < p.text_offset; });
  if (it == pieces.begin()) return span.start;
  const SourcePiece& p = *(it - 1);
  Position pos = p.source;
  size_t delta = i - p.text_offset;
  // A piece's text can be longer than its source where bytes were decoded
  // (an invalid UTF-8 byte became U+FFFD): the extra bytes stay on the
  // piece's last source byte instead of running into the next piece, so
  // positions never go backwards.
  const size_t limit = it != pieces.end() ? it->source.offset : span.end.offset;
  if (limit <= p.source.offset)
    delta = 0;
  else if (p.source.offset + delta >= limit)
    delta = limit - 1 - p.source.offset;
  pos.offset += delta;
  pos.column += static_cast<int>(delta);
  return pos;
}

Span piece_span(const std::vector<SourcePiece>& pieces, size_t size, const Span& span, size_t begin,
                size_t end) {
  if (end < begin) end = begin;
  Span s{piece_position(pieces, size, span, begin), piece_position(pieces, size, span, begin)};
  if (end > begin) {
    // Just past the last byte of the range: text[end] may sit on a later line
    // when the range ends right before a continuation.
    s.end = piece_position(pieces, size, span, end - 1);
    if (end - 1 < size) {
      s.end.offset += 1;
      s.end.column += 1;
    }
  }
  return s;
}

Position Word::position_of(size_t i) const { return piece_position(pieces, text.size(), span, i); }

Span Word::span_of(size_t begin, size_t end) const {
  return piece_span(pieces, text.size(), span, begin, end);
}

std::optional<std::string_view> Flag::option(std::string_view key) const {
  for (const FlagOption& o : options)
    if (o.key == key) return std::string_view(o.value);
  return std::nullopt;
}

const Flag* Instruction::flag(std::string_view name) const {
  for (const Flag& f : flags)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {
struct KeywordEntry {
  Keyword kind;
  std::string_view upper;
  std::string_view lower;
};
constexpr std::array<KeywordEntry, 18> kKeywords{{
    {Keyword::From, "FROM", "from"},
    {Keyword::Run, "RUN", "run"},
    {Keyword::Cmd, "CMD", "cmd"},
    {Keyword::Label, "LABEL", "label"},
    {Keyword::Maintainer, "MAINTAINER", "maintainer"},
    {Keyword::Expose, "EXPOSE", "expose"},
    {Keyword::Env, "ENV", "env"},
    {Keyword::Add, "ADD", "add"},
    {Keyword::Copy, "COPY", "copy"},
    {Keyword::Entrypoint, "ENTRYPOINT", "entrypoint"},
    {Keyword::Volume, "VOLUME", "volume"},
    {Keyword::User, "USER", "user"},
    {Keyword::Workdir, "WORKDIR", "workdir"},
    {Keyword::Arg, "ARG", "arg"},
    {Keyword::Onbuild, "ONBUILD", "onbuild"},
    {Keyword::Stopsignal, "STOPSIGNAL", "stopsignal"},
    {Keyword::Healthcheck, "HEALTHCHECK", "healthcheck"},
    {Keyword::Shell, "SHELL", "shell"},
}};
}  // namespace

std::string_view keyword_name(Keyword k) {
  for (const KeywordEntry& e : kKeywords)
    if (e.kind == k) return e.upper;
  return "UNKNOWN";
}

Keyword keyword_from_name(std::string_view lowercase) {
  for (const KeywordEntry& e : kKeywords)
    if (e.lower == lowercase) return e.kind;
  return Keyword::Unknown;
}

const Stage* Dockerfile::stage_named(std::string_view lowercase_name) const {
  if (lowercase_name.empty()) return nullptr;
  for (const Stage& s : stages)
    if (s.name == lowercase_name) return &s;
  return nullptr;
}

const Stage* Dockerfile::stage_ref(std::string_view ref) const {
  std::string lower(ref);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (const Stage* s = stage_named(lower)) return s;
  // BuildKit accepts a stage index written as a plain decimal number.
  if (ref.empty() ||
      !std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return nullptr;
  size_t index = 0;
  auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), index);
  if (ec != std::errc() || ptr != ref.data() + ref.size() || index >= stages.size()) return nullptr;
  return &stages[index];
}

}  // namespace dd
