#!/usr/bin/env bash
# Pre-release sanitizer run: builds the engine, the trainer and their suites instrumented into
# build-sanitize/ and runs the engine, training and fuzz suites there.
#   bash scripts/sanitize.sh                      # UBSan (what CI would run given the time)
#   bash scripts/sanitize.sh address,undefined    # ASan + UBSan
# An instrumented build takes as long as a cold build (about 25 minutes on 2 cores), which is why
# it is not part of .ci/run. ASan cannot load the tokenizer bridge with RTLD_DEEPBIND (it aborts
# on that flag), so an ASan build runs the bridge as a process of its own (llavolta-spm-server)
# and every suite runs under both sanitizers (see README, "Robustness").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitizers="${1:-undefined}"
build="$root/build-sanitize"
bash "$root/scripts/install-deps.sh"
# No studio: every engine and training suite runs without Qt (tests/support/check.h).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLLAVOLTA_SANITIZE="$sanitizers" -DLLAVOLTA_WITH_QT=OFF
cmake --build "$build" -j "$(nproc)"
export QT_QPA_PLATFORM=offscreen
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
cd "$build"
ctest --output-on-failure -L 'engine|training|fuzz' -LE slow
