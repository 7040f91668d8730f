#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a green test suite:
# installs missing packages, builds, runs every ctest suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LLAVOLTA_BUILD_DIR:-$root/build}"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
export QT_QPA_PLATFORM=offscreen
cd "$build"
ctest --output-on-failure --timeout 900 -j "${LLAVOLTA_TEST_JOBS:-1}" "$@"
