// Fuzzes the language server's framing, JSON and handlers (src/lsp/fuzz_entry.h)
// (tests/fuzz/targets.h: lsp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::lsp(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
