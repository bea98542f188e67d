#!/usr/bin/env bash
# Quick start, step 2: build and run the whole test suite.
#   DD_SANITIZE_PASS=1    then builds again with AddressSanitizer +
#                         UndefinedBehaviorSanitizer (build-asan/) and runs the
#                         parser, shell, compose, .dockerignore, hostile-input,
#                         conformance and fuzz-regression tests under it
#   DD_SANITIZE_PASS=all  runs the whole suite under the sanitizers
# The sanitizer pass is off by default: on a clean clone with 2 cores the
# normal build and suite take about 9 minutes and the sanitizer build as long
# again or more, and the whole command must stay well under 20 minutes
# (README, "Sanitizers").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)

echo "== build (RelWithDebInfo) and test"
BUILD_DIR=build scripts/build.sh
ctest --test-dir build --output-on-failure -j "$jobs"

pass=${DD_SANITIZE_PASS:-0}
if [ "$pass" != 0 ]; then
  echo "== build (ASan+UBSan) and test"
  subset=sanitize
  [ "$pass" = all ] && subset=
  BUILD_DIR=build-asan scripts/build.sh -DDD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DDD_BUILD_BENCH=OFF \
    "-DDD_TEST_SUBSET=$subset"
  filter=()
  if [ "$pass" != all ]; then
    filter=(-R '^(DockerfileParser|BuildKitParser|HostileParser|Expand|ShellConformance|ShellHostile|ShellModel|Compose|Ignore|ConformanceDockerignore|Gitignore|GitIgnores|RepositoryRoot|FuzzRegressions|Scope|Source)')
  fi
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" "${filter[@]}"
fi
