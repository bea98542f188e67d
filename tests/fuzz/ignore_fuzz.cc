// Fuzzes the .dockerignore parser and matcher: file, NUL, paths (tests/fuzz/targets.h: ignore).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::ignore(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
