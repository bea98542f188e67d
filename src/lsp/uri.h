// file:// URIs as clients send them, and back. Only the file scheme names
// something the linter can read; other schemes (untitled:, git:) keep their
// URI and get no path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dd::lsp {

// The local path of a file URI ("file:///a%20b/Dockerfile" -> "/a b/Dockerfile"),
// or nullopt for another scheme, a remote host or a malformed escape.
std::optional<std::string> uri_to_path(std::string_view uri);

// The file URI of an absolute path, escaping what RFC 3986 does not allow.
std::string path_to_uri(std::string_view path);

// The last segment of a URI's path, decoded when possible ("Dockerfile").
std::string uri_basename(std::string_view uri);

}  // namespace dd::lsp
