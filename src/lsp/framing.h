// The base protocol of LSP: JSON-RPC messages framed by HTTP-like headers
// (`Content-Length: N\r\n\r\n` then N bytes). The reader is fed whatever
// read() returned and hands back whole messages; it never trusts the peer
// (any header case, extra headers, garbage, absurd lengths) and never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dd::lsp {

// A message body is refused above this size: a single Dockerfile edit is
// never near it, and a wrong length must not make the server buffer forever.
constexpr size_t kMaxMessageBytes = 64u << 20;
// A header block longer than this is garbage, not headers.
constexpr size_t kMaxHeaderBytes = 8u << 10;

struct Frame {
  bool ok = true;    // false: `text` says what was wrong with the bytes skipped
  std::string text;  // the message body (JSON text), or the error
};

class FrameReader {
 public:
  explicit FrameReader(size_t max_body = kMaxMessageBytes) : max_body_(max_body) {}

  void feed(std::string_view bytes) { buf_.append(bytes.data(), bytes.size()); }

  // The next whole message, or an error about bytes that were skipped to
  // find the next header; nullopt when more input is needed.
  std::optional<Frame> next();

  // Bytes held that are not yet a whole message.
  size_t buffered() const { return buf_.size() - pos_; }

 private:
  // Skips what cannot be a header, up to the next `Content-Length` after the
  // current position, or else to `fallback`.
  Frame resync(std::string message, size_t fallback);
  // Skips to `at` (the end of a header block that cannot be used).
  Frame skip_to(size_t at, std::string message);
  void compact();

  size_t max_body_;
  std::string buf_;
  size_t pos_ = 0;  // start of the unread bytes in buf_
};

// Frames one message body for writing.
std::string frame_message(std::string_view body);

}  // namespace dd::lsp
