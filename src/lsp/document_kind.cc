// File-kind detection for the language server. The Dockerfile names match
// the CLI's walk (docs/cli.md); compose names are Compose's default files.
#include "lsp/document_kind.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace dd::lsp {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_dockerfile_name(std::string_view name) {
  std::string n = lower(name);
  if (n.ends_with(".dockerignore")) return false;
  return n == "dockerfile" || n == "containerfile" || n.starts_with("dockerfile.") ||
         n.starts_with("containerfile.") || n.ends_with(".dockerfile") ||
         n.ends_with(".containerfile");
}

// compose.yaml, docker-compose.yml, and their override and per-environment
// variants (compose.override.yaml, docker-compose.prod.yml).
bool is_compose_name(std::string_view name) {
  std::string n = lower(name);
  if (!n.ends_with(".yaml") && !n.ends_with(".yml")) return false;
  return n.starts_with("compose.") || n.starts_with("docker-compose.");
}

}  // namespace

std::string_view kind_name(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::Dockerfile:
      return "dockerfile";
    case DocumentKind::Compose:
      return "compose";
    case DocumentKind::DockerIgnore:
      return "dockerignore";
    case DocumentKind::Other:
      break;
  }
  return "other";
}

DocumentKind document_kind(std::string_view basename, std::string_view language_id) {
  std::string lang = lower(language_id);
  if (lang == "dockerfile" || lang == "containerfile") return DocumentKind::Dockerfile;
  if (lang == "dockercompose" || lang == "docker-compose" || lang == "compose")
    return DocumentKind::Compose;
  std::string name = lower(basename);
  if (name == ".dockerignore" || name.ends_with(".dockerignore")) return DocumentKind::DockerIgnore;
  if (is_compose_name(name)) return DocumentKind::Compose;
  if (is_dockerfile_name(name)) return DocumentKind::Dockerfile;
  return DocumentKind::Other;
}

}  // namespace dd::lsp
