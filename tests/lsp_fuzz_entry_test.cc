// The language server's fuzzing entry point (src/lsp/fuzz_entry.h), run here
// on a whole framed session and on deterministic mutations of it, so the
// input side is exercised in every build, not only under libFuzzer. The
// entry point aborts if the server ever writes something that is not JSON.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "lsp/framing.h"
#include "lsp/fuzz_entry.h"

namespace {

using nlohmann::json;

std::string session() {
  const char* uri = "file:///work/Dockerfile";
  std::vector<json> messages = {
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didOpen"},
       {"params",
        {{"textDocument",
          {{"uri", uri},
           {"languageId", "dockerfile"},
           {"version", 1},
           {"text",
            "# escape=`\r\nFROM alpine AS a\r\n  MAINTAINER \xF0\x9F\x98\x80\r\nWORKDIR "
            "x\r\n"}}}}}},
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didChange"},
       {"params",
        {{"textDocument", {{"uri", uri}, {"version", 2}}},
         {"contentChanges",
          {{{"range",
             {{"start", {{"line", 2}, {"character", 14}}},
              {"end", {{"line", 9}, {"character", -3}}}}},
            {"text", "\xC3\xA9\n\rRUN x"}}}}}}},
      {{"jsonrpc", "2.0"},
       {"id", 2},
       {"method", "textDocument/codeAction"},
       {"params",
        {{"textDocument", {{"uri", uri}}},
         {"range",
          {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 99}, {"character", 0}}}}},
         {"context", {{"diagnostics", json::array()}}}}}},
      {{"jsonrpc", "2.0"},
       {"id", 3},
       {"method", "textDocument/hover"},
       {"params",
        {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 2}, {"character", 3}}}}}},
      {{"jsonrpc", "2.0"},
       {"method", "workspace/didChangeWatchedFiles"},
       {"params", {{"changes", json::array()}}}},
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didClose"},
       {"params", {{"textDocument", {{"uri", uri}}}}}},
      {{"jsonrpc", "2.0"}, {"id", 4}, {"method", "shutdown"}},
      {{"jsonrpc", "2.0"}, {"method", "exit"}},
  };
  std::string out;
  for (const json& m : messages) out += dd::lsp::frame_message(m.dump());
  return out;
}

void feed(const std::string& input) {
  dd::lsp::fuzz_lsp_input(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

TEST(LspFuzzEntry, WholeSessionInBothEncodings) {
  std::string s = session();
  feed(s);
  feed(std::string(1, '\x01') + s);  // odd first byte: UTF-8 positions
  feed("");
}

TEST(LspFuzzEntry, MutatedSessions) {
  std::string base = session();
  uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 300; ++i) {
    std::string input = base;
    int flips = 1 + static_cast<int>(next() % 8);
    for (int k = 0; k < flips; ++k) {
      size_t at = next() % input.size();
      switch (next() % 4) {
        case 0:
          input[at] = static_cast<char>(next());
          break;  // a byte
        case 1:
          input.erase(at, next() % 16);
          break;  // a cut
        case 2:
          input.insert(at, input.substr(next() % input.size(), 24));
          break;  // a copy
        default:
          input.insert(at, "Content-Length: 7\r\n\r\n");
          break;  // a stray header
      }
    }
    feed(input);
  }
}

}  // namespace
