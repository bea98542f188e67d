// Fuzzes the shell model: the input as a bare script and as a Dockerfile whose RUNs go
// through build_shell_model (tests/fuzz/targets.h: shell_model).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::shell_model(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
