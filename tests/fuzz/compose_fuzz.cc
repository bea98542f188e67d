// Fuzzes the compose loader: compose.yaml, NUL, override, NUL, .env (tests/fuzz/targets.h:
// compose_loader).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::compose_loader(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
