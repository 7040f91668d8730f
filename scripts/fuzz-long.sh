#!/usr/bin/env bash
# The pre-release fuzz: runs the input fuzzer (tests/fuzz/fuzz_inputs.cpp) seed after seed for
# a given time and writes a report. CI runs one fixed seed for about two minutes (ctest label
# "fuzz"); this runs the same cases for hours.
#   bash scripts/fuzz-long.sh [HOURS=2] [REPORT_DIR=fuzz-report]
# Failing inputs land in REPORT_DIR/failures; replay one with
#   build/bin/fuzz_inputs --only TARGET --replay FILE
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LLAVOLTA_BUILD_DIR:-$root/build}"
hours="${1:-2}"
report="${2:-fuzz-report}"
fuzzer="$build/bin/fuzz_inputs"
[ -x "$fuzzer" ] || { echo "build the fuzzer first: cmake --build $build --target fuzz_inputs" >&2; exit 1; }
mkdir -p "$report/failures"
deadline=$(( $(date +%s) + $(awk "BEGIN { print int($hours * 3600) }") ))
seed=1000
failed_seeds=0
: > "$report/log.txt"
while [ "$(date +%s)" -lt "$deadline" ]; do
  left=$(( deadline - $(date +%s) ))
  if "$fuzzer" --seed "$seed" --cases 5000 --seconds "$left" --out "$report/failures" >> "$report/log.txt" 2>&1; then
    echo "seed $seed: no failures" >&2
  else
    failed_seeds=$((failed_seeds + 1))
    echo "seed $seed: FAILURES (see $report/log.txt)" >&2
  fi
  seed=$((seed + 1))
done
cases=$(awk '/mutated cases/ { n += $4 } END { print n + 0 }' "$report/log.txt")
{
  echo "fuzz report, $(date -u +%FT%TZ), $hours h"
  echo "seeds 1000..$((seed - 1)), $cases mutated cases, $failed_seeds seeds with failures"
  echo "failing inputs: $(find "$report/failures" -type f | wc -l) (in $report/failures)"
  grep '^FAIL' "$report/log.txt" | head -50 || true
} | tee "$report/report.txt"
[ "$failed_seeds" -eq 0 ]
