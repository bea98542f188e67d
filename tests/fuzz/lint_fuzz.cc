// Fuzzes the whole Dockerfile lint and the application of its fixes (tests/fuzz/targets.h: lint).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::lint(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
