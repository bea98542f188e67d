// The fuzzing entry point of the language server's input side: arbitrary
// bytes through the framing reader and the server (lifecycle, documents,
// position arithmetic, code actions, hovers), with output discarded. A
// libFuzzer harness (tests/fuzz/) calls it from LLVMFuzzerTestOneInput; the
// regression tests replay saved inputs through it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dd::lsp {

void fuzz_lsp_input(const uint8_t* data, size_t size);

}  // namespace dd::lsp
