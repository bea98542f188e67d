// Fuzzes the configuration loader: .docker-doctor.yaml, NUL, paths (tests/fuzz/targets.h: config).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::config(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
