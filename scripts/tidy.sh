#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over src/ with the compile commands of a build
# directory; exits non-zero on any warning.
#   scripts/tidy.sh [FILE...]     default: every .cc under src/
# Needs Debian's clang-tidy package (not installed by scripts/deps.sh: tidy is
# not part of CI).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-tidy}
tidy=$(command -v clang-tidy || true)
if [ -z "$tidy" ]; then
  echo "tidy: clang-tidy is not installed (apt-get install clang-tidy)" >&2
  exit 2
fi
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  # Configuring is enough: clang-tidy reads the flags, nothing is compiled.
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find src -name '*.cc' | sort)
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# One clang-tidy per core; warnings are collected and printed once.
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 4 "$tidy" -p "$BUILD_DIR" --quiet >"$out" 2>/dev/null || true
if grep -q ': warning: \|: error: ' "$out"; then
  cat "$out"
  echo "tidy: $(grep -c ': warning: \|: error: ' "$out") diagnostics" >&2
  exit 1
fi
echo "tidy: ${#files[@]} files clean"
