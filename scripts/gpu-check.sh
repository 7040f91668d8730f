#!/usr/bin/env bash
# GPU check, for a machine with a CUDA LibTorch (e.g. the one inside a PyTorch install) and no Qt:
#   1. builds the engine, the trainer, the CLI and their test suites without Qt
#      (-DLLAVOLTA_WITH_QT=OFF; the suites use the project's own runner, tests/support/check.h);
#   2. checks that CUDA is usable from that build, and stops with exit code 3 and a clear line
#      where it is not;
#   3. the engine and training suites (ctest, all but the slow ones) with
#      LLAVOLTA_TEST_DEVICE=cuda: the golden parity suite (engine_test_hf_golden: prompt ids,
#      pixels, greedy ids and the first two steps' logits against transformers, fp32 and bf16)
#      runs on the device, the rest on the CPU of the same CUDA build;
#   4. golden parity through the CLI as a user runs it: every case of tests/fixtures/hf-golden
#      through `llavolta chat --device cuda --json`, fp32, uncompressed and VCC, token for token;
#   5. `llavolta bench-speed --device cuda` in fp16 and bf16 on the 576-token bench model;
#   6. one summary line per part, and the time taken.
# It finishes in a few minutes on a GPU machine (the build dominates).
#
#   scripts/gpu-check.sh [--device cuda|cuda:N|cpu] [--build-dir DIR] [--no-build]
#
# --device cpu runs the same checks on the CPU (how the script itself is tested here);
# --no-build uses an existing build in --build-dir (default build-gpu).
# The build needs what the engine needs besides LibTorch (OpenCV, sentencepiece, spdlog,
# nlohmann-json, CLI11); on Debian 12 scripts/install-deps.sh installs them. LibTorch is found
# through Torch_DIR, then python3's torch (torch.utils.cmake_prefix_path), then the system's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
device=cuda
build="$root/build-gpu"
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "gpu-check: jq is missing" >&2; exit 2; }
start=$(date +%s)
summary=()
say() { echo "gpu-check: $*" >&2; }

# ---- 1. build -----------------------------------------------------------------------------
if [ "$do_build" = 1 ]; then
  prefix=()
  if [ -z "${Torch_DIR:-}" ]; then
    torch_prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null || true)"
    [ -n "$torch_prefix" ] && prefix=(-DCMAKE_PREFIX_PATH="$torch_prefix")
  fi
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  say "configuring $build (LibTorch: ${Torch_DIR:-${torch_prefix:-system}})"
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DLLAVOLTA_WITH_QT=OFF "${prefix[@]}" >/dev/null
  cmake --build "$build" -j "$(nproc)" >/dev/null
  summary+=("build: ok ($(( $(date +%s) - start )) s)")
fi
cli="$build/bin/llavolta"
[ -x "$cli" ] || { say "no $cli: build first (drop --no-build)"; exit 2; }

# ---- 2. is the device usable? ---------------------------------------------------------------
golden="$root/tests/fixtures/hf-golden"
probe_err=$("$cli" chat --model "$golden/tiny-gqa" --image "$golden/images/checker-64.png" --question hi \
  --max-new-tokens 1 --device "$device" 2>&1 >/dev/null) || {
  say "the device '$device' is not usable from this build: ${probe_err##*error: }"
  say "install a CUDA LibTorch (e.g. pip's torch) and rebuild, or run with --device cpu"
  exit 3
}

# ---- 3. the engine and training suites ------------------------------------------------------
suites_ok=1
if ! LLAVOLTA_TEST_DEVICE="$device" ctest --test-dir "$build" -LE "slow|demo|fuzz" -j "$(nproc)" \
     --output-on-failure > "$build/gpu-check-ctest.log" 2>&1; then
  suites_ok=0
  grep -E "FAIL!|Failed|\*\*\*" "$build/gpu-check-ctest.log" | head -20 >&2 || true
fi
summary+=("test suites (LLAVOLTA_TEST_DEVICE=$device): $(grep -E "tests passed|tests failed" "$build/gpu-check-ctest.log" | tail -1)")
summary+=("  $(grep -h "INFO   : .* on $device: " "$build"/Testing/Temporary/LastTest.log 2>/dev/null | sed 's/^INFO   : //' | paste -sd'|' - | sed 's/|/; /g')")

# ---- 4. golden parity through the CLI on the device -----------------------------------------
cases=0 same=0
failures=()
for model in "$golden"/*/; do
  expected="$model/expected.json"
  [ -f "$expected" ] || continue
  n=$(jq '.cases | length' "$expected")
  eos=$(jq '.model.eos_id' "$expected")
  for ((i = 0; i < n; i++)); do
    c=$(jq -c ".cases[$i]" "$expected")
    want=$(jq -c '.generated_ids' <<<"$c")
    got=$("$cli" chat --model "$model" --image "$golden/images/$(jq -r .image <<<"$c")" \
      --question "$(jq -r .question <<<"$c")" --scheme "$(jq -r .scheme <<<"$c")" \
      --max-new-tokens "$(jq '.generated_ids | length' <<<"$c")" --device "$device" --dtype fp32 --json 2>/dev/null |
      jq -c --argjson eos "$eos" 'if .ended_with_eos then .tokens + [$eos] else .tokens end')  # transformers counts the EOS
    cases=$((cases + 1))
    if [ "$got" = "$want" ]; then same=$((same + 1)); else failures+=("$(jq -r .id <<<"$c"): got $got, transformers $want"); fi
  done
done
summary+=("golden parity on $device: $same of $cases cases token-identical to transformers")
for f in "${failures[@]}"; do say "differs: $f"; done

# ---- 5. speed -------------------------------------------------------------------------------
bench="$build/bench-576"
[ -f "$bench/model.safetensors" ] || "$cli" init-model --config "$root/resources/configs/bench-576.json" --out "$bench" --seed 1 >/dev/null
dtypes=(fp16 bf16)
[ "$device" = cpu ] && dtypes=(bf16)  # fp16 is refused on the CPU
for dt in "${dtypes[@]}"; do
  out=$("$cli" bench-speed --model "$bench" --device "$device" --dtype "$dt" --runs 5 --warmup 2 --decode-tokens 32 --json 2>/dev/null) || {
    summary+=("bench-speed $dt: failed"); continue; }
  summary+=("bench-speed $dt: $(jq -r '[.schemes[] | "\(.scheme) \(.prefill_ms * 10 | round / 10) ms (x\(.speedup * 100 | round / 100) of predicted x\(.predicted_speedup * 100 | round / 100)), \(.decode_tokens_per_s | round) tok/s"] | join("; ")' <<<"$out"); roofline $(jq '.roofline_gflops | round' <<<"$out") GFLOP/s")
done

echo "gpu-check on $device, $(( $(date +%s) - start )) s:"
for line in "${summary[@]}"; do echo "  $line"; done
[ "$same" = "$cases" ] && [ "$cases" -gt 0 ] && [ "$suites_ok" = 1 ]
