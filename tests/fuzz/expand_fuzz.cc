// Fuzzes word expansion (tests/fuzz/targets.h: expand): byte 0 picks the escape character and
// expand_word or expand_words; NUL separates the word from extra NAME=value lines.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::expand(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
