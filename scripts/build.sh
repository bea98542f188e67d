#!/usr/bin/env bash
# Configures and builds docker-doctor and its tests into build/ (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# Configured on the first run, and again whenever options are given (the
# test command switches the sanitizer build between a test subset and all).
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ "$#" -gt 0 ]; then
  # ccache speeds up re-runs when the machine has it; it is never required.
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)"
