// Image references as written in FROM (`python:3.12-slim`,
// `docker.io/library/node:20@sha256:...`, `ghcr.io/acme/base:1.4`), split
// into the parts rules compare, and the language version a tag names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dd::rules {

struct ImageRef {
  std::string repository;  // normalised: "python", "acme/base", "ghcr.io/acme/base"
  std::string tag;         // "3.12-slim"; "latest" when neither tag nor digest is written
  std::string digest;      // "sha256:..." or empty
  bool tag_written = false;
};

// Splits a reference; nullopt for `scratch`, empty text, or text that still
// holds a variable or a template placeholder. Docker Hub's implicit parts (`docker.io/`,
// `library/`) are dropped so that `python` and `docker.io/library/python` compare equal.
std::optional<ImageRef> parse_image_ref(std::string_view text);

// Whether two references name one image as Docker resolves them (`app` is
// `app:latest`, `docker.io/library/` is implied). A FROM naming an image
// the repository builds links to its Dockerfile through this. False when
// either is no reference (see parse_image_ref).
bool same_image(std::string_view a, std::string_view b);

// The version a tag leads with, as dotted numbers: "3.12" for "3.12-slim",
// "20" for "20-alpine", "1.22.3" for "1.22.3-bookworm"; empty when the tag
// does not start with a digit ("bookworm", "latest", "lts-alpine").
std::string tag_version(std::string_view tag);

// Whether two versions agree on every component both spell out: "3.12" and
// "3.12.4" agree, "3.12" and "3.11" do not.
bool versions_agree(std::string_view a, std::string_view b);

// Whether the tag names an Alpine (musl) variant: its C library differs from
// the Debian- and Ubuntu-based variants, so native wheels and binaries do too.
bool is_musl_tag(std::string_view tag);

}  // namespace dd::rules
