#!/usr/bin/env bash
# Fills a libFuzzer corpus directory for one harness from the project's
# fixtures, tests/config, docs and, when present, ../shared/conformance and
# ../shared/corpus.
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
  ignore)
    # The .dockerignore files as they are (no paths), then each file with the
    # paths of the fixture tree after a NUL, then every conformance case as
    # its patterns, a NUL and its path (node reads the JSON; scripts/deps.sh
    # installs it).
    tmp=$(mktemp)
    paths=$( (cd "$root/fixtures" && find . -type f | sed 's|^\./||' | sed -n 1,64p) )
    find "$root/fixtures" "$shared/corpus" -name .dockerignore 2>/dev/null | while read -r f; do
      add "$f"
      { cat "$f"; printf '\0%s\n' "$paths"; } > "$tmp" && add "$tmp"
    done
    if [ -f "$shared/conformance/dockerignore/matches.json" ]; then
      node -e '
        const fs = require("fs"), path = require("path");
        const cases = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).cases;
        cases.forEach((c, i) => fs.writeFileSync(path.join(process.argv[2], "case" + i),
          c.patterns.join("\n") + "\0" + c.path + "\n"));
      ' "$shared/conformance/dockerignore/matches.json" "$out"
    fi
    rm -f "$tmp"
    ;;
  compose)
    # Each compose file alone, and each base file with its override companion
    # and .env after NULs, as the loader reads a project (tests/fuzz/targets.h).
    tmp=$(mktemp)
    find "$root/fixtures" "$shared/corpus" -type f \( -name '*compose*.yml' -o -name '*compose*.yaml' \) \
      -size -16k 2>/dev/null | while read -r f; do
      add "$f"
      dir=$(dirname "$f")
      for o in "$dir"/*compose.override.y*ml; do
        [ -f "$o" ] && [ "$o" != "$f" ] || continue
        { cat "$f"; printf '\0'; cat "$o"; printf '\0'; [ -f "$dir/.env" ] && cat "$dir/.env"; } > "$tmp" && add "$tmp"
      done
    done
    printf 'services:\n  a:\n    image: x:${TAG}\n    ports: ["80:80"]\n\0services:\n  a:\n    ports: !reset []\n    extends: {file: other.yaml, service: b}\n  b: {image: y}\n\0TAG=1\n' > "$tmp" && add "$tmp"
    rm -f "$tmp"
    ;;
  config)
    # The loader's test files and the fenced YAML examples of the docs.
    find "$root/tests/config" -type f -name '*.yaml' | while read -r f; do add "$f"; done
    tmp=$(mktemp)
    for doc in "$root"/docs/*.md; do
      awk -v out="$tmp" '
        /^```ya?ml/ { inside = 1; n++; next }
        /^```/ && inside { inside = 0; close(out n); next }
        inside { print > (out n) }
      ' "$doc"
      for f in "$tmp"?*; do [ -f "$f" ] && add "$f" && rm -f "$f"; done
    done
    rm -f "$tmp"
    ;;
  lsp)
    # Framed sessions: open a fixture (a Dockerfile, a compose file, a
    # .dockerignore), edit it, ask for hovers and code actions, shut down.
    # Byte 0 of an input also picks the position encoding (odd: UTF-8).
    frame() { local LC_ALL=C; printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
    session() {
      local uri=$1 lang=$2 text
      text=$(head -c 4000 "$3" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(s)))')
      frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'"$uri"'","languageId":"'"$lang"'","version":1,"text":'"$text"'}}}'
      frame '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"'"$uri"'","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}},"text":"RUN x\n"}]}}'
      frame '{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"'"$uri"'"},"position":{"line":0,"character":2}}}'
      frame '{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"'"$uri"'"},"range":{"start":{"line":0,"character":0},"end":{"line":50,"character":0}},"context":{"diagnostics":[]}}}'
      frame '{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"'"$uri"'"}}}'
      frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
    }
    tmp=$(mktemp)
    find "$root/fixtures" -type f -iname '*dockerfile*' -size -4k | sed -n 1,40p | while read -r f; do
      session "file:///w/Dockerfile" dockerfile "$f" > "$tmp" && add "$tmp"
    done
    find "$root/fixtures" -type f -name '*compose*.y*ml' -size -4k | sed -n 1,20p | while read -r f; do
      session "file:///w/compose.yaml" dockercompose "$f" > "$tmp" && add "$tmp"
    done
    find "$root/fixtures" -type f -name .dockerignore | sed -n 1,10p | while read -r f; do
      session "file:///w/.dockerignore" ignore "$f" > "$tmp" && add "$tmp"
    done
    rm -f "$tmp"
    ;;
  *)
    echo "seed.sh: no seeds for harness '$harness'" >&2
    exit 2
    ;;
esac
echo "seed.sh: $(find "$out" -type f | wc -l) inputs in $out"
