#!/usr/bin/env bash
# Builds the libFuzzer harnesses (build-fuzz/, clang, ASan+UBSan) and runs one
# or all of them for a while on a corpus seeded at run time.
#   scripts/fuzz.sh [HARNESS] [SECONDS]     default: every harness, 600 s each
# Crashes land in build-fuzz/crashes/HARNESS/; copy each into
# tests/fuzz/regressions/HARNESS/ once it is fixed (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-}
seconds=${2:-600}
harnesses=(dockerfile_parser expand shell_model lint ignore compose config lsp)
[ -n "$only" ] && harnesses=("$only")

if [ ! -f build-fuzz/build.ninja ]; then
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDD_FUZZ=ON -DDD_BUILD_TESTS=OFF -DDD_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
fi
targets=()
for h in "${harnesses[@]}"; do targets+=("${h}_fuzz"); done
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"

for h in "${harnesses[@]}"; do
  corpus=build-fuzz/corpus/$h
  [ -d "$corpus" ] || tests/fuzz/seed.sh "$h" "$corpus"
  mkdir -p "build-fuzz/crashes/$h"
  echo "== fuzzing $h for ${seconds}s"
  # Saved regressions first: a fixed crash must stay fixed before new ones count.
  build-fuzz/${h}_fuzz -max_total_time="$seconds" -max_len=65536 -timeout=25 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$h/" \
    "$corpus" "tests/fuzz/regressions/$h"
done
