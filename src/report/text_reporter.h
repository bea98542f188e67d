// The human-readable report: one location line per finding, the source line
// with the span underlined, and a closing summary.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "docker_doctor/finding.h"

namespace dd {

struct TextOptions {
  bool color = false;   // ANSI colours (the CLI decides: terminal, NO_COLOR, --color)
  int tab_width = 8;    // tabs in source lines expand to this stop, as a terminal shows them
  int max_width = 160;  // longer source lines are cropped around the span
};

// A source line as printed under a finding, and the underline below it, both
// in terminal cells: tabs expanded, wide characters counted twice, control and
// bidi characters replaced so the file cannot drive the terminal.
struct Excerpt {
  std::string source;
  std::string underline;  // spaces, then '^' and '~' under the span
};

// `start_byte_column` and `end_byte_column` are 1-based byte columns of
// `line`, the end exclusive; an end past the line (a span that goes on to
// later lines) underlines to the end of the line.
Excerpt make_excerpt(std::string_view line, int start_byte_column, int end_byte_column,
                     const TextOptions& options);

// The 1-based terminal column where the character at byte column
// `byte_column` of `line` starts: tabs advance to the next multiple of
// `tab_width`, wide characters take two columns, combining marks none. Past
// the end of the line, one column past its width. GNU-style column numbers.
int display_column(std::string_view line, int byte_column, int tab_width = 8);

// The line that opens the findings of one file: its name and how many there are.
std::string text_file_header(std::string_view file, size_t findings, const TextOptions& options);

// Appends the report of the findings of one file whose contents are `text`.
// `findings` must all belong to that file, in the order to print them.
void write_text_findings(std::string& out, std::string_view text,
                         const std::vector<Finding>& findings, const TextOptions& options);

// Findings per severity, for the summary line and the exit code.
struct Tally {
  int by_severity[4] = {0, 0, 0, 0};  // indexed by Severity
  int files = 0;                      // files linted
  std::set<std::string> rules;        // ids of the rules that reported

  void add(const std::vector<Finding>& findings);
  int total() const;
};

// "3 findings (1 error, 2 warnings) in 5 files", or "No findings in 5 files".
std::string text_summary(const Tally& tally, const TextOptions& options);

// "Run 'docker-doctor explain DD601' for details." naming the rules that
// reported (a few of them when there are many); empty when none did.
std::string text_hint(const Tally& tally, const TextOptions& options);

// Replaces bytes that must not reach a terminal raw (controls, bidi overrides,
// invalid UTF-8) with U+FFFD. For paths and messages printed inline.
std::string terminal_safe(std::string_view s);

}  // namespace dd
