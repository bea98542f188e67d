// Feeds fuzz input in uneven slices (so partial reads are exercised) to a
// server that has already been initialized, so that the bytes reach the
// document handlers and not only the "initialize first" error.
#include "lsp/fuzz_entry.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string_view>

#include "lsp/framing.h"
#include "lsp/server.h"

namespace dd::lsp {

void fuzz_lsp_input(const uint8_t* data, size_t size) {
  Server server([](const std::string&) {},
                ServerOptions{std::chrono::milliseconds(0), /*read_disk=*/false});
  // The first byte picks the negotiated encoding, so both paths are fuzzed.
  bool utf8 = size > 0 && (data[0] & 1);
  server.handle(
      std::string(
          R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":[)") +
      (utf8 ? R"("utf-8")" : R"("utf-16")") + "]}}}}");
  server.handle(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
  FrameReader reader(1u << 20);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t slice = 1;
  while (!in.empty() && !server.exit_requested()) {
    size_t n = std::min(in.size(), slice);
    reader.feed(in.substr(0, n));
    in.remove_prefix(n);
    slice = slice * 3 % 257 + 1;
    std::vector<std::string> batch;
    while (std::optional<Frame> frame = reader.next()) {
      if (frame->ok)
        batch.push_back(std::move(frame->text));
      else
        server.framing_error(frame->text);
    }
    server.handle(batch);
    server.lint_pending_now();
  }
}

}  // namespace dd::lsp
