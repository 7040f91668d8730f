#!/usr/bin/env bash
# Recipe of the bundled demo model (resources/models/demo), LLaVA's pipeline end to end on this
# project's own tools:
#   1. data: a Shapes-VQA train split at the benchmark's 336 px (seed 3, 4-8 questions per
#      image, half with LLaVA's short-answer hint, 30% in other words), a development split
#      (seed 9100) and a tokenizer trained on the train text;
#   2. the vision tower: `llavolta pretrain-vision` (recipe/pretrain-vision.json), a CLIP ViT
#      trained on scenes drawn on the fly, written as a Hugging Face CLIP vision checkpoint;
#   3. the LLaVA model: `llavolta train` (recipe/run.json) starts from that tower (frozen) with a
#      random projector and LLM, captions then instructions under the 4stage schedule;
#   4. the model card: evaluations on fresh test splits (seeds 9201-9203).
# Resumable: run it again after an interruption and each step continues where it stopped.
# Prints the time each step took.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin"
data="$root/data/demo"
recipe="$root/resources/models/demo/recipe"
cd "$root"
start=$(date +%s)
stamp() { echo "train-demo: $1 done after $(( ($(date +%s) - start) / 60 )) min" >&2; }

[ -f "$data/main/train.json" ] || "$B/llavolta" data shapes --out "$data/main" --count 16000 --seed 3 --min-turns 4 --max-turns 8 --hint-share 0.5 --paraphrase-share 0.3 --threads 2
[ -f "$data/dev/questions.jsonl" ] || "$B/llavolta" data shapes --out "$data/dev" --count 400 --seed 9100 --split test --threads 2
[ -f "$data/tokenizer/tokenizer.model" ] || "$B/llavolta" tokenizer train --data "$data/main/train.json" "$data/main/captions.json" --vocab-size 1000 --out "$data/tokenizer"
stamp data

if [ ! -f "$root/runs/demo-tower/model.safetensors" ]; then
  resume=()
  [ -d "$root/runs/demo-tower/checkpoints" ] && resume=(--resume)
  "$B/llavolta" pretrain-vision --config "$recipe/pretrain-vision.json" "${resume[@]}"
  [ -f "$root/runs/demo-tower/model.safetensors" ] || { echo "tower pretraining stopped before the end; run this script again to resume" >&2; exit 1; }
fi
stamp "vision tower"

resume=()
[ -d "$root/runs/demo/checkpoints" ] && resume=(--resume)
"$B/llavolta" train --config "$recipe/run.json" "${resume[@]}"
if [ ! -f "$root/runs/demo/final/model.safetensors" ]; then
  echo "training stopped before the end; run this script again to resume" >&2
  exit 1
fi
stamp "LLaVA training"
mkdir -p "$root/resources/models/demo"
cp "$root/runs/demo/final/config.json" "$root/runs/demo/final/model.safetensors" "$root/runs/demo/final/tokenizer.model" "$root/resources/models/demo/"
"$root/scripts/demo-model-card.sh"
stamp "model card"
