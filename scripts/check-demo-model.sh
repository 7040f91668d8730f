#!/usr/bin/env bash
# Checks that the bundled demo model (resources/models/demo) looks at the image, the way a user
# would: a fresh Shapes-VQA test split with `llavolta data shapes` defaults (336 px, LLaVA's
# short-answer hint), answered once with the right images and once with every question's image
# swapped for another scene's. A model that sees scores well above its answer prior; a blind one
# scores the same both ways. Also checks single-object scenes, where colour must be read.
# Run by ctest (demo_model_sees); prints the numbers either way.
#
#   scripts/check-demo-model.sh [--count N] [--model DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin"
model="$root/resources/models/demo"
count=160
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "jq is missing: run scripts/install-deps.sh" >&2; exit 2; }
[ -f "$model/model.safetensors" ] || { echo "no demo model in $model" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Seeds 9301 and 9302 are used by nothing else: not training, development or the model card.
quietly() {  # progress bars go to a log, shown only if the command fails
  "$@" 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
}
quietly "$B/llavolta" data shapes --out "$work/multi" --count "$count" --seed 9301 --split test --threads 2 >/dev/null
quietly "$B/llavolta" data shapes --out "$work/single" --count $((count / 2)) --seed 9302 --split test --max-shapes 1 --threads 2 >/dev/null
# The same questions, each with another question's image (a fixed derangement: shift by one).
jq -c -s '. as $q | [range(0; length)] | map($q[.] + {image: $q[(. + 1) % ($q | length)].image}) | .[]' \
  "$work/multi/questions.jsonl" > "$work/multi/shuffled.jsonl"

evaluate() {  # evaluate QUESTIONS -> JSON on stdout
  quietly "$B/llavolta" eval --model "$model" --questions "$1" --ground-truth "$(dirname "$1")/answers.jsonl" \
    --image-folder "$(dirname "$1")" --threads 2 --json
}
evaluate "$work/multi/questions.jsonl" > "$work/real.json"
evaluate "$work/multi/shuffled.jsonl" > "$work/shuffled.json"
evaluate "$work/single/questions.jsonl" > "$work/single.json"

pct() { jq -r "$1 * 1000 | round / 10" "$2"; }
real=$(pct .accuracy.overall "$work/real.json")
shuffled=$(pct .accuracy.overall "$work/shuffled.json")
single=$(pct .accuracy.overall "$work/single.json")
colour=$(pct '.accuracy.per_category.colour.accuracy' "$work/single.json")
echo "default split, $(jq .questions "$work/real.json") questions: $real% with the right images, $shuffled% with swapped images"
echo "single-object split, $(jq .questions "$work/single.json") questions: $single% (colour $colour%)"
jq -r '.accuracy.per_category | to_entries[] | "  \(.key): \(.value.accuracy * 1000 | round / 10)% of \(.value.total)"' "$work/real.json"

# With --count 160 the shipped model (v4) measures 43.8% with the right images, 31.9% with swapped
# ones and 100% colour on single objects; the blind v3 measured about 37% both ways. The thresholds
# sit between: a model that sees passes, one that answers from the question alone fails.
fail=0
check() {  # check DESCRIPTION CONDITION
  if [ "$(jq -n "$2")" != true ]; then echo "FAIL: $1" >&2; fail=1; fi
}
check "overall $real% should be at least 40%" "$real >= 40"
check "the right images ($real%) should beat swapped ones ($shuffled%) by 6 points" "$real - $shuffled >= 6"
check "single-object colour $colour% should be at least 80%" "$colour >= 80"
exit $fail
