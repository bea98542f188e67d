// URI <-> path conversion for the file scheme (RFC 8089), percent-decoding
// strictly: a bad escape is a bad URI, never a guessed path.
#include "lsp/uri.h"

#include <cctype>

namespace dd::lsp {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri) {
  if (!starts_with_icase(uri, "file://")) return std::nullopt;
  std::string_view rest = uri.substr(7);
  // The authority: empty or "localhost" names this machine.
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = rest.substr(0, slash);
  if (!host.empty() && host != "localhost") return std::nullopt;
  std::string_view path = rest.substr(slash);
  size_t end = path.find_first_of("?#");
  if (end != std::string_view::npos) path = path.substr(0, end);
  std::optional<std::string> decoded = percent_decode(path);
  if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
  return decoded;
}

std::string path_to_uri(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) ||
        std::string_view("-._~/!$&'()*+,;=:@").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string uri_basename(std::string_view uri) {
  size_t end = uri.find_first_of("?#");
  if (end != std::string_view::npos) uri = uri.substr(0, end);
  size_t slash = uri.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? uri : uri.substr(slash + 1);
  if (std::optional<std::string> decoded = percent_decode(base)) return *decoded;
  return std::string(base);
}

}  // namespace dd::lsp
