// The parsed form of a Dockerfile: what BuildKit's parser produces, plus exact
// source spans for every part, grouped into stages. Rules read this model;
// only src/dockerfile/ builds it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/source.h"

namespace dd {

// A run of a word's text that came from consecutive source bytes. A word that
// spans line continuations has one piece per physical line, so positions
// inside the word map back to the file exactly.
struct SourcePiece {
  size_t text_offset = 0;  // where the piece starts in Word::text
  Position source;         // where that byte is in the file
};

// Maps byte `i` of a text of `size` bytes, laid out by `pieces` (sorted by
// text_offset) within `span`, back to its file position; i == size gives
// span.end. Shared by every word type that keeps pieces.
Position piece_position(const std::vector<SourcePiece>& pieces, size_t size, const Span& span, size_t i);
// The file span of text[begin, end) under the same mapping.
Span piece_span(const std::vector<SourcePiece>& pieces, size_t size, const Span& span, size_t begin,
                size_t end);

// A piece of instruction text as written (quotes and `$` kept, continuations
// joined out). Expansion happens later, through expand.h.
struct Word {
  std::string text;
  Span span;  // from the first to the last source byte of the word
  std::vector<SourcePiece> pieces;

  // The file position of byte `i` of `text` (i == text.size() gives span.end).
  Position position_of(size_t i) const;
  // The file span of text[begin, end).
  Span span_of(size_t begin, size_t end) const;
};

// A `--name=value` flag before the arguments (`--from=build`, `--mount=...`).
struct FlagOption {
  std::string key;    // "type", "target", "from", ...
  std::string value;  // empty for bare keys such as `readonly`
};

struct Flag {
  std::string name;                  // without dashes: "from", "mount", "chown"
  std::optional<std::string> value;  // absent for a bare `--link`
  std::string raw;                   // as written: "--from=build"
  Span span;                         // the whole flag
  Span value_span;                   // the value only (empty when there is none)
  // For `--mount` (and other comma-separated key=value flags): the options in
  // order, parsed with CSV quoting as BuildKit does.
  std::vector<FlagOption> options;

  std::optional<std::string_view> option(std::string_view key) const;
};

struct KeyValue {
  Word key;
  Word value;              // empty word for `ARG name` with no default
  bool has_value = false;  // false for `ARG name`
  bool legacy = false;     // `ENV key value` (space-separated) form
};

struct Heredoc {
  std::string name;      // the delimiter word, quotes removed
  bool expand = true;    // false when the delimiter was quoted (<<'EOF' / <<"EOF")
  bool chomp = false;    // <<- : leading tabs are stripped from each line
  std::string content;   // the body lines, each ending in '\n', after chomping
  Span header_span;      // the `<<EOF` token on the instruction line
  Span body_span;        // the body lines, without the closing delimiter line
  Position body_start() const { return body_span.start; }
};

struct Comment {
  std::string text;  // without the leading '#', leading blanks trimmed
  Span span;         // the whole comment line, '#' included
};

enum class Keyword {
  From, Run, Cmd, Label, Maintainer, Expose, Env, Add, Copy, Entrypoint, Volume, User,
  Workdir, Arg, Onbuild, Stopsignal, Healthcheck, Shell, Unknown
};

std::string_view keyword_name(Keyword k);  // upper-case: "FROM"
Keyword keyword_from_name(std::string_view lowercase);

struct Instruction {
  Keyword kind = Keyword::Unknown;
  std::string keyword;  // lower-case, as BuildKit's Node.Value
  Span keyword_span;
  Span span;  // the whole instruction: keyword to last argument or heredoc end
  std::vector<Flag> flags;
  bool json_form = false;  // exec form: the arguments were a JSON array
  // BuildKit's argument list (Node.Next), each with its span:
  //  - JSON form: one word per array element (JSON-decoded; its span covers
  //    the string's content, quotes excluded);
  //  - shell form of RUN/CMD/ENTRYPOINT/SHELL...: one word, the rest of the line;
  //  - FROM/COPY/ADD/EXPOSE/VOLUME/USER/...: whitespace-separated words;
  //  - HEALTHCHECK: the type ("CMD"/"NONE") then the command words;
  //  - ARG: the raw words ("name" or "name=default");
  //  - ENV/LABEL: empty; see `pairs`;
  //  - an unknown instruction: the rest of the line as one word (BuildKit
  //    keeps nothing; the word is there for fixes).
  std::vector<Word> args;
  std::vector<KeyValue> pairs;  // ENV, LABEL and ARG, in order
  std::vector<Heredoc> heredocs;     // for `ONBUILD RUN <<EOF`: on the trigger in `onbuild`
  std::vector<Instruction> onbuild;  // the trigger of ONBUILD (one element)
  std::string original;              // the instruction line as written, continuations joined
  std::vector<Comment> comments_before;  // comments directly above (BuildKit's PrevComment)

  const Flag* flag(std::string_view name) const;  // first flag with that name
};

struct Directive {
  std::string name;  // lower-case: "syntax", "escape", "check"
  std::string value;
  Span span;
};

// Which BuildKit layer rejects the input. Both make `docker build` fail;
// a Syntax error means BuildKit's parser itself gives up (no AST at all), an
// Instruction error comes from the instruction layer that reads the AST
// (unknown instruction, a flag the instruction does not accept, ...).
enum class ErrorLayer { Syntax, Instruction };

struct ParseError {
  std::string message;  // what was expected, e.g. "unterminated JSON array: expected ']'"
  Span span;
  ErrorLayer layer = ErrorLayer::Syntax;
};

// A build stage: FROM and the instructions up to the next FROM.
struct Stage {
  size_t index = 0;
  std::string name;  // lower-cased `AS name`, empty when unnamed
  Span name_span;    // where the name is written (empty when unnamed)
  std::string base;  // the image word as written ("python:3.12-slim", "${BASE}", "builder")
  std::optional<std::string> platform;  // --platform value as written
  size_t from;                          // index of the FROM in Dockerfile::instructions
  std::vector<size_t> body;             // indices of the stage's other instructions, in order
};

struct Dockerfile {
  std::string text;  // the whole file as read (BOM included)
  char escape = '\\';
  std::vector<Directive> directives;
  std::vector<Comment> comments;
  std::vector<Instruction> instructions;  // top level, in order
  std::vector<size_t> global_args;        // indices of the ARGs before the first FROM
  std::vector<Stage> stages;
  std::vector<ParseError> errors;  // empty when the file parsed

  const Instruction& at(size_t index) const { return instructions[index]; }
  const Stage* stage_named(std::string_view lowercase_name) const;
  // The stage a `--from`/`FROM` reference names: a stage name or a numeric index.
  const Stage* stage_ref(std::string_view ref) const;
};

// Parses `text` as BuildKit does. Never throws; problems land in `errors`
// with exact spans, and everything parsed up to them is kept.
Dockerfile parse_dockerfile(std::string_view text);

// BuildKit's Node.Dump() format (see ../shared/conformance/README.md).
std::string dump_ast(const Dockerfile& dockerfile);

}  // namespace dd
