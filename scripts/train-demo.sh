#!/usr/bin/env bash
# Recipe of the bundled demo model (resources/models/demo): a tokenizer from the text of a
# Shapes-VQA train split (seed 1); a single-object curriculum (seed 2, 6-8 questions per
# image) then full scenes (seed 3, 4-8 questions per image), each as captions then
# questions; the caption and curriculum phases start on 2x2-pooled visual tokens, the
# last phase follows the 4stage LLaVolta schedule; then evaluation on a fresh test split
# (seed 9001). Resumable: run again after an interruption and training continues from
# its last checkpoint.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin"
data="$root/data/demo"
cd "$root"
[ -f "$data/train/train.json" ] || "$B/llavolta" data shapes --out "$data/train" --count 12000 --seed 1 --image-size 168 --no-hint --threads 2
[ -f "$data/single/train.json" ] || "$B/llavolta" data shapes --out "$data/single" --count 8000 --seed 2 --image-size 168 --no-hint --max-shapes 1 --min-turns 6 --max-turns 8 --threads 2
[ -f "$data/main/train.json" ] || "$B/llavolta" data shapes --out "$data/main" --count 24000 --seed 3 --image-size 168 --no-hint --min-turns 4 --max-turns 8 --threads 2
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
