// The JSON (exec) form of an instruction, decoded the way BuildKit's
// parseJSON does with Go's encoding/json: the first JSON value must be an
// array of strings; anything after it is ignored.
#pragma once

#include <cstddef>
#include <vector>

#include "dockerfile/ast.h"

namespace dd::dfparse {

struct JsonArray {
  enum class Status {
    NotJson,    // not a JSON array: BuildKit falls back to the shell form
    Ok,         // an array of strings
    NonString,  // valid JSON but an element is not a string: BuildKit rejects it
  };
  Status status = Status::NotJson;
  std::vector<Word> strings;  // decoded elements, each mapped to its source bytes
  Span bad_element;           // for NonString: the first offending element
};

// Parses line.text[begin, end) (which must start with '[' after blanks).
JsonArray parse_json_array(const Word& line, size_t begin, size_t end);

}  // namespace dd::dfparse
