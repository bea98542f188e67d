#!/usr/bin/env bash
# Quick start, step 2: build and run the whole test suite. DD_SANITIZE_PASS=1
# runs it a second time under AddressSanitizer + UndefinedBehaviorSanitizer
# (off by default until the suite's time limits are tuned for it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)

echo "== build (RelWithDebInfo) and test"
BUILD_DIR=build scripts/build.sh
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${DD_SANITIZE_PASS:-0}" = 1 ]; then
  echo "== build (ASan+UBSan) and test"
  BUILD_DIR=build-asan scripts/build.sh -DDD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
