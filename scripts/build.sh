#!/usr/bin/env bash
# Configures and builds LLaVolta Studio into build/ (or $LLAVOLTA_BUILD_DIR).
# Extra arguments go to CMake's configure step, e.g. -DLLAVOLTA_WITH_QT=OFF.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LLAVOLTA_BUILD_DIR:-$root/build}"
jobs="${LLAVOLTA_JOBS:-$(nproc)}"
generator=()
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@"
elif [ $# -gt 0 ]; then
  cmake -S "$root" -B "$build" "$@"
fi
cmake --build "$build" -j "$jobs"
