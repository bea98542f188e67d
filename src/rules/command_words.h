// The words of a CMD or ENTRYPOINT as a reader sees them, for rules that look
// for a program and its options there: exec-form elements, and the words of
// shell-form text or of a `sh -c` script element, split at blanks, each
// with its exact span.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"
#include "dockerfile/ast.h"

namespace dd::rules {

struct CommandMatch {
  Span span;          // from the first matched word to the last
  std::string text;   // the words from the first matched one to the last, blank-separated
  size_t first = 0, last = 0;  // token indices
  bool single_flag = false;    // the pattern was one option word (`--reload`)
};

class CommandWords {
 public:
  CommandWords(const Dockerfile& df, const Instruction& ins);

  // The first place where the words of one of `patterns` ("debugpy
  // --listen") appear in this order within one command (`;`, `&&`, `||`,
  // `|` and `&` separate commands). A pattern word that starts with '-'
  // matches that option, also as `--opt=value`; another word matches a word
  // or its base name (`/usr/bin/nodemon` for `nodemon`).
  std::optional<CommandMatch> find_any(const std::vector<std::string>& patterns) const;

  // An edit deleting a single-option match with the separator before it
  // (`, "--reload"` of an exec form, ` --reload` of a script), marked
  // unsafe; nullopt when the option is the command's first word or the text
  // cannot be mapped exactly.
  std::optional<Fix> removal_fix(const CommandMatch& m) const;

 private:
  struct Token {
    std::string text;
    Span span;
    size_t arg = 0;            // index in Instruction::args
    size_t begin = 0, end = 0;  // in the arg word's text
    bool whole = false;        // the whole arg (an exec-form element)
    bool separator = false;    // ; && || | &
  };
  std::optional<CommandMatch> match(const std::vector<std::string>& pattern) const;
  std::string_view source(const Span& s) const;

  const Dockerfile& df_;
  const Instruction& ins_;
  std::vector<Token> tokens_;
};

}  // namespace dd::rules
