#!/usr/bin/env bash
# Installs what docker-doctor needs to build and test, and nothing that is
# already there: Debian packages (apt), Node.js and npm from Debian when the
# machine has none, and the pinned tree-sitter sources (npm ci). Safe and fast
# to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libyaml-cpp-dev libre2-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev
  neovim  # its built-in LSP client drives `docker-doctor lsp` in the tests
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A fresh Debian has no Node.js; Debian's nodejs/npm (Node 18, npm 9) are enough.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# valijson is header-only, but Debian's package depends on Qt, Poco and four
# other JSON libraries. Unpack just its headers into .deps/ instead.
if [ ! -f .deps/valijson/usr/include/valijson/validator.hpp ]; then
  echo "deps: unpacking valijson headers into .deps/"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download libvalijson-dev >/dev/null 2>&1) || {
    as_root apt-get update -qq
    (cd "$tmp" && apt-get download libvalijson-dev >/dev/null)
  }
  mkdir -p .deps/valijson
  dpkg-deb -x "$tmp"/libvalijson-dev_*.deb .deps/valijson
  rm -rf "$tmp"
fi

# tree-sitter runtime and bash grammar, pinned with integrity hashes.
stamp=grammars/node_modules/.dd-lock-stamp
want=$(sha256sum grammars/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "deps: npm ci in grammars/"
  (cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# The compose-spec JSON Schema (dclint's copy), pinned the same way.
stamp=schemas/node_modules/.dd-lock-stamp
want=$(sha256sum schemas/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "deps: npm ci in schemas/"
  (cd schemas && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# The LSP client library the language-server tests drive the server with
# (tests/lsp/package-lock.json).
stamp=tests/lsp/node_modules/.dd-lock-stamp
want=$(sha256sum tests/lsp/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "deps: npm ci in tests/lsp/"
  (cd tests/lsp && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
