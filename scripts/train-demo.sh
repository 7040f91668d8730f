#!/usr/bin/env bash
# Recipe of the bundled demo model (resources/models/demo): Shapes-VQA train split
# (seed 1), a tokenizer from its text, LLaVA's two phases with the 4stage LLaVolta
# schedule, then evaluation on a fresh test split (seed 9001). Resumable: run again
# after an interruption and training continues from its last checkpoint.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin"
data="$root/data/demo"
cd "$root"
[ -f "$data/train/train.json" ] || "$B/llavolta" data shapes --out "$data/train" --count 12000 --seed 1 --image-size 168 --no-hint --threads 2
[ -f "$data/test/questions.jsonl" ] || "$B/llavolta" data shapes --out "$data/test" --count 800 --seed 9001 --split test --image-size 168 --no-hint --threads 2
[ -f "$data/tokenizer/tokenizer.model" ] || "$B/llavolta" tokenizer train --data "$data/train/train.json" "$data/train/captions.json" --vocab-size 1000 --out "$data/tokenizer"
resume=()
[ -d "$root/runs/demo/checkpoints" ] && resume=(--resume)
"$B/llavolta" train --config "$root/resources/models/demo/recipe/run.json" "${resume[@]}"
if [ ! -f "$root/runs/demo/final/model.safetensors" ]; then
  echo "training stopped before the end; run this script again to resume" >&2
  exit 1
fi
mkdir -p "$root/resources/models/demo"
cp "$root/runs/demo/final/config.json" "$root/runs/demo/final/model.safetensors" "$root/runs/demo/final/tokenizer.model" "$root/resources/models/demo/"
"$root/scripts/demo-model-card.sh"
