#!/usr/bin/env bash
# Fills a libFuzzer corpus directory for one harness from the project's
# fixtures and, when present, ../shared/conformance and ../shared/corpus.
# Corpora are built at run time and never checked in.
#   tests/fuzz/seed.sh HARNESS DIR
set -euo pipefail
harness=$1
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$root/../shared
mkdir -p "$out"

# Files are named by content hash, as libFuzzer names its own.
add() { local h; h=$(sha1sum "$1" | cut -c1-40); cp "$1" "$out/$h"; }

dockerfiles() {
  find "$root/fixtures" -type f \( -iname '*dockerfile*' -o -iname '*containerfile*' \)
  if [ -d "$shared/conformance/buildkit/parser" ]; then
    find "$shared/conformance/buildkit/parser" -type f -name Dockerfile
  fi
  if [ -d "$shared/corpus" ]; then
    # Only the smaller files: libFuzzer's default -max_len would cut big ones anyway.
    find "$shared/corpus" -type f \( -iname '*dockerfile*' -o -iname '*containerfile*' \) -size -16k
  fi
}

case "$harness" in
  dockerfile_parser | shell_model | lint)
    dockerfiles | while read -r f; do add "$f"; done
    ;;
  expand)
    # One seed per conformance vector: byte 0 is the mode (0: expand_word with
    # '\', 2: expand_words with '\'), then the input (see tests/fuzz/targets.h).
    tmp=$(mktemp)
    if [ -d "$shared/conformance/buildkit/shell" ]; then
      grep -v '^#' "$shared/conformance/buildkit/shell/envVarTest" | grep '|' |
        while IFS='|' read -r _ input _; do
          input=$(printf '%s' "$input" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
          printf '\0%s' "$input" > "$tmp" && add "$tmp"
        done
      grep -v '^#' "$shared/conformance/buildkit/shell/wordsTest" | grep '|' |
        while IFS='|' read -r input _; do
          input=$(printf '%s' "$input" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
          printf '\2%s' "$input" > "$tmp" && add "$tmp"
        done
    fi
    for w in '${A:-x}' '${A:+$B}' '${A#*/}' '${A%%.*}' '${A//a/b}' '"${A}"'"'\$B'"; do
      printf '\0%s\0A=a/b.c\nB=b\n' "$w" > "$tmp" && add "$tmp"
      printf '\3%s\0A=a/b.c\nB=b\n' "$w" > "$tmp" && add "$tmp"
    done
    rm -f "$tmp"
    ;;
  *)
    echo "seed.sh: no seeds for harness '$harness'" >&2
    exit 2
    ;;
esac
echo "seed.sh: $(find "$out" -type f | wc -l) inputs in $out"
