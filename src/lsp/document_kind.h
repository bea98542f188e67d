// Which linter an open document goes to, from its file name and the
// language id the editor gave it.
#pragma once

#include <string_view>

namespace dd::lsp {

enum class DocumentKind { Dockerfile, Compose, DockerIgnore, Other };

std::string_view kind_name(DocumentKind kind);  // "dockerfile", "compose", ...

// `basename` is the file name ("Dockerfile.prod"); `language_id` what the
// client sent in didOpen ("dockerfile", "dockercompose", "yaml", ...). An
// explicit Dockerfile language wins over the name, so an editor can lint a
// buffer of any name by setting its language; a YAML file is a compose file
// only when its name says so.
DocumentKind document_kind(std::string_view basename, std::string_view language_id);

}  // namespace dd::lsp
