// Fuzzes the Dockerfile parser and dump-ast (tests/fuzz/targets.h: dockerfile_parser).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dd::fuzz::dockerfile_parser(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
