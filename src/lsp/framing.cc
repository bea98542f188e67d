// Content-Length framing (LSP base protocol). Lenient where peers differ
// (header case, a bare "\n" line end, unknown headers such as Content-Type),
// strict where a mistake would desynchronise the stream (the length itself).
#include "lsp/framing.h"

#include <algorithm>
#include <cctype>

namespace dd::lsp {

namespace {

constexpr std::string_view kLengthHeader = "content-length";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// HTTP token characters: a header name made of anything else is not a header.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F ||
        std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
      return false;
  }
  return true;
}

// Where the blank line that ends the headers starting at `from` is, and where
// the body begins. Accepts "\r\n\r\n" and, from lenient peers, "\n\n".
bool find_header_end(std::string_view buf, size_t from, size_t* end, size_t* body) {
  for (size_t i = buf.find('\n', from); i != std::string_view::npos; i = buf.find('\n', i + 1)) {
    size_t next = i + 1;
    if (next < buf.size() && buf[next] == '\n') {
      *end = i, *body = next + 1;
      return true;
    }
    if (next + 1 < buf.size() && buf[next] == '\r' && buf[next + 1] == '\n') {
      *end = i, *body = next + 2;
      return true;
    }
  }
  return false;
}

size_t find_length_header(std::string_view buf, size_t from) {
  for (size_t i = from; i + kLengthHeader.size() <= buf.size(); ++i)
    if (iequals(buf.substr(i, kLengthHeader.size()), kLengthHeader)) return i;
  return std::string_view::npos;
}

}  // namespace

Frame FrameReader::resync(std::string message, size_t fallback) {
  size_t at = find_length_header(buf_, pos_ + 1);
  // Always move forward, or the same bytes would be reported forever.
  pos_ = std::max(pos_ + 1, at != std::string::npos ? at : fallback);
  pos_ = std::min(pos_, buf_.size());
  compact();
  return Frame{false, std::move(message)};
}

Frame FrameReader::skip_to(size_t at, std::string message) {
  pos_ = at;
  compact();
  return Frame{false, std::move(message)};
}

void FrameReader::compact() {
  if (pos_ > 0 && (pos_ == buf_.size() || pos_ >= size_t{64} * 1024 || pos_ > buf_.size() / 2)) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
}

std::optional<Frame> FrameReader::next() {
  // Blank lines between messages are noise, not an error.
  while (pos_ < buf_.size() && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) ++pos_;
  compact();
  if (buffered() == 0) return std::nullopt;
  std::string_view buf = buf_;
  size_t header_end = 0, body = 0;
  if (!find_header_end(buf, pos_, &header_end, &body)) {
    // Keep a tail that may be the beginning of a header still arriving.
    if (buffered() > kMaxHeaderBytes)
      return resync("header block too long or not a header", buf_.size() - kLengthHeader.size());
    return std::nullopt;
  }
  if (header_end - pos_ > kMaxHeaderBytes)
    return resync("header block too long or not a header", body);

  std::optional<size_t> length;
  std::string_view headers = buf.substr(pos_, header_end - pos_);
  while (!headers.empty()) {
    size_t nl = headers.find('\n');
    std::string_view line = headers.substr(0, nl);
    headers = nl == std::string_view::npos ? std::string_view() : headers.substr(nl + 1);
    line = trim(line);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return resync("malformed header line", body);
    if (!iequals(line.substr(0, colon), kLengthHeader)) continue;  // Content-Type and others
    std::string_view value = trim(line.substr(colon + 1));
    // A well-formed header block with an unusable length: skip the block
    // (a body after it then resynchronises like any garbage).
    if (value.empty() || value.size() > 12 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return skip_to(body, "Content-Length is not a non-negative integer");
    size_t n = std::stoull(std::string(value));
    if (n > max_body_) return skip_to(body, "Content-Length exceeds the message size limit");
    if (length && *length != n) return skip_to(body, "conflicting Content-Length headers");
    length = n;
  }
  if (!length) {
    // "garbageContent-Length: 2": the header is there, glued to junk.
    if (find_length_header(buf, pos_ + 1) < header_end)
      return resync("garbage before a header", body);
    return skip_to(body, "missing Content-Length header");
  }
  if (buf.size() - body < *length) return std::nullopt;  // the body is still arriving
  Frame frame{true, std::string(buf.substr(body, *length))};
  pos_ = body + *length;
  compact();
  return frame;
}

std::string frame_message(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body.data(), body.size());
  return out;
}

}  // namespace dd::lsp
