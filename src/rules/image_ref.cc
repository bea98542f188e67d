// Image reference parsing for rules (image_ref.h).
#include "rules/image_ref.h"

#include <cctype>
#include <vector>

namespace dd::rules {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::vector<std::string_view> split_dots(std::string_view v) {
  std::vector<std::string_view> out;
  while (true) {
    size_t dot = v.find('.');
    out.push_back(v.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    v.remove_prefix(dot + 1);
  }
}

}  // namespace

std::optional<ImageRef> parse_image_ref(std::string_view text) {
  // A variable or a template placeholder (`{{ .Base }}`) is no reference yet.
  if (text.empty() || text.find_first_of("${}") != std::string_view::npos) return std::nullopt;
  for (char c : text)
    if (std::isspace(static_cast<unsigned char>(c))) return std::nullopt;
  ImageRef ref;
  size_t at = text.find('@');
  if (at != std::string_view::npos) {
    ref.digest = std::string(text.substr(at + 1));
    text = text.substr(0, at);
  }
  // A ':' after the last '/' starts the tag; one before it is a registry port.
  size_t slash = text.rfind('/');
  size_t colon = text.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(text.substr(colon + 1));
    ref.tag_written = true;
    text = text.substr(0, colon);
  }
  if (text.empty()) return std::nullopt;
  std::string repo(text);
  for (char& c : repo) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"})
    if (repo.rfind(prefix, 0) == 0) repo.erase(0, prefix.size());
  if (repo.rfind("library/", 0) == 0 && repo.find('/', 8) == std::string::npos) repo.erase(0, 8);
  if (repo == "scratch") return std::nullopt;
  ref.repository = std::move(repo);
  if (!ref.tag_written && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

bool same_image(std::string_view a, std::string_view b) {
  std::optional<ImageRef> x = parse_image_ref(a), y = parse_image_ref(b);
  if (!x || !y || x->repository != y->repository) return false;
  if (!x->digest.empty() && !y->digest.empty()) return x->digest == y->digest;
  return x->tag == y->tag;
}

std::string tag_version(std::string_view tag) {
  size_t i = 0;
  if (i < tag.size() && (tag[i] == 'v' || tag[i] == 'V') && i + 1 < tag.size() &&
      is_digit(tag[i + 1]))
    ++i;
  size_t start = i;
  while (i < tag.size() &&
         (is_digit(tag[i]) || (tag[i] == '.' && i + 1 < tag.size() && is_digit(tag[i + 1]))))
    ++i;
  return std::string(tag.substr(start, i - start));
}

bool versions_agree(std::string_view a, std::string_view b) {
  std::vector<std::string_view> x = split_dots(a), y = split_dots(b);
  size_t n = x.size() < y.size() ? x.size() : y.size();
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
}

bool is_musl_tag(std::string_view tag) {
  return tag.find("alpine") != std::string_view::npos;
}

}  // namespace dd::rules
