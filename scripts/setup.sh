#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and lint the bundled
# example repository.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
echo
echo "== docker-doctor fixtures/example-monorepo"
status=0
"${BUILD_DIR:-build}/docker-doctor" fixtures/example-monorepo || status=$?
# The example is full of the seeds' mistakes, so findings (exit 1) are the
# expected outcome; anything else is a failure of the set-up.
if [ "$status" -ne 1 ]; then
  echo "setup: expected findings (exit 1) from the example, got exit $status" >&2
  exit 1
fi
echo
echo "setup: done. Binary: ${BUILD_DIR:-build}/docker-doctor   Tests: scripts/test.sh"
