#!/usr/bin/env bash
# Quick start, step 2: build and run the whole test suite, then the input
# readers' tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
#   DD_SANITIZE_PASS=readers  (the default) builds only the layers that read
#                         input (Dockerfile parser, word expansion, shell
#                         model, .dockerignore, compose loader) with the
#                         sanitizers (build-asan/) and runs their tests,
#                         hostile input and conformance vectors included
#   DD_SANITIZE_PASS=1    builds everything with the sanitizers and runs the
#                         readers' tests plus the CLI's hostile-input and
#                         compose tests, .gitignore and fuzz regressions
#   DD_SANITIZE_PASS=all  runs the whole suite under the sanitizers
#   DD_SANITIZE_PASS=0    skips the sanitizer pass
# On a clean clone with 2 cores the whole command took 808 s, the default
# sanitizer pass about 3.5 minutes of it; the two wider ones take 12 minutes
# or more on top, past the 20 minutes the command must stay well under
# (README, "Sanitizers").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)

echo "== build (RelWithDebInfo) and test"
BUILD_DIR=build scripts/build.sh
ctest --test-dir build --output-on-failure -j "$jobs"

pass=${DD_SANITIZE_PASS:-readers}
case "$pass" in
  0) exit 0 ;;
  readers) subset=readers ;;
  1) subset=sanitize ;;
  all) subset= ;;
  *) echo "DD_SANITIZE_PASS must be readers, 1, all or 0, not '$pass'" >&2; exit 2 ;;
esac
echo "== build (ASan+UBSan, subset '${subset:-all}') and test"
BUILD_DIR=build-asan scripts/build.sh -DDD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DDD_BUILD_BENCH=OFF \
  "-DDD_TEST_SUBSET=$subset"
filter=()
if [ "$subset" = sanitize ]; then
  filter=(-R '^(DockerfileParser|BuildKitParser|HostileParser|Expand|ShellConformance|ShellHostile|ShellModel|Compose|Ignore|ConformanceDockerignore|Gitignore|GitIgnores|RepositoryRoot|FuzzRegressions|Scope|Source)')
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" "${filter[@]}"
