// Pieces shared by the parser layer (parser.cc) and the instruction layer
// (instructions.cc, mount.cc); not part of the model's public surface.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"

namespace dd::dfparse {

// encoding/csv's Reader.Read of a single record, as BuildKit reads a
// --mount value: fields split on ',', a field that starts with '"' is quoted
// ("" inside stands for '"'). False with `error` set when csv.Reader fails.
struct CsvField {
  std::string text;  // unquoted
  size_t begin = 0;  // where the field is written in the input
  size_t end = 0;
};
bool read_csv_record(std::string_view text, std::vector<CsvField>& fields, std::string& error);

// The options of a `--mount` value: each field split at its first '=', key
// lower-cased as BuildKit does. Empty when the CSV does not parse.
std::vector<FlagOption> mount_options(std::string_view value);

// The instruction layer: BuildKit's instructions.Parse checks (arguments,
// flags, --mount specs, order of FROM) plus the stage model. Appends to
// df.errors with ErrorLayer::Instruction. Instructions flagged in
// `syntax_failed` already have a parser error and are not judged again.
void check_instructions(Dockerfile& df, const std::vector<bool>& syntax_failed);

// suggest.WrapError's choice: the option closest to `value` (Levenshtein
// distance below 3), or empty. `case_sensitive` false matches case-blind and
// answers in the case `value` was written in.
std::string suggest(std::string_view value, const std::vector<std::string_view>& options,
                    bool case_sensitive);

// `s` shortened for an error message: user text can be megabytes of
// garbage, a message needs only its start. Cuts on a UTF-8 boundary.
std::string clip(std::string_view s, size_t max = 80);

}  // namespace dd::dfparse
