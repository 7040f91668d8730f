#!/usr/bin/env bash
# Recipe of the bundled demo model (resources/models/demo), LLaVA's pipeline end to end on this
# project's own tools:
#   1. data (`llavolta data shapes`, 336 px, half the questions with LLaVA's short-answer hint,
#      30% in other words, each question its own one-turn sample): single-object scenes
#      (seed 3), scenes of 1-5 objects (seed 4), development splits (seed 9100), and a tokenizer
#      trained on the text of a 16000-scene conversation split (seed 3);
#   2. the vision tower: `llavolta pretrain-vision` (recipe/pretrain-vision.json), a CLIP ViT
#      trained on scenes drawn on the fly, written as a Hugging Face CLIP vision checkpoint;
#   3. the LLaVA model, tower frozen, random projector and LLM, in two runs of `llavolta train`:
#      recipe/single.json (captions, then instructions on single-object scenes, where the LLM
#      first learns to read the visual tokens) and recipe/multi.json (instructions on scenes of
#      1-5 objects under the 4stage schedule, starting from the first run's model);
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

shapes() { "$B/llavolta" data shapes --threads 2 "$@"; }
one_turn=(--separate-questions --hint-share 0.5 --paraphrase-share 0.3)
[ -f "$data/single/train.json" ] || shapes --out "$data/single" --count 4000 --seed 3 --max-shapes 1 "${one_turn[@]}"
[ -f "$data/multi/train.json" ] || shapes --out "$data/multi" --count 12000 --seed 4 "${one_turn[@]}"
[ -f "$data/dev/questions.jsonl" ] || shapes --out "$data/dev" --count 400 --seed 9100 --split test
[ -f "$data/dev-single/questions.jsonl" ] || shapes --out "$data/dev-single" --count 300 --seed 9100 --split test --max-shapes 1
if [ ! -f "$data/tokenizer/tokenizer.model" ]; then  # the conversation split is only the tokenizer's text
  [ -f "$data/main/train.json" ] || shapes --out "$data/main" --count 16000 --seed 3 --min-turns 4 --max-turns 8 --hint-share 0.5 --paraphrase-share 0.3
  "$B/llavolta" tokenizer train --data "$data/main/train.json" "$data/main/captions.json" --vocab-size 1000 --out "$data/tokenizer"
fi
stamp data

if [ ! -f "$root/runs/demo-tower/model.safetensors" ]; then
  resume=()
  [ -d "$root/runs/demo-tower/checkpoints" ] && resume=(--resume)
  "$B/llavolta" pretrain-vision --config "$recipe/pretrain-vision.json" "${resume[@]}"
  [ -f "$root/runs/demo-tower/model.safetensors" ] || { echo "tower pretraining stopped before the end; run this script again to resume" >&2; exit 1; }
fi
stamp "vision tower"

llava_run() {  # llava_run CONFIG RUN_DIR
  local resume=()
  [ -f "$2/final/model.safetensors" ] && return 0
  [ -d "$2/checkpoints" ] && resume=(--resume)
  "$B/llavolta" train --config "$1" "${resume[@]}"
  [ -f "$2/final/model.safetensors" ] || { echo "training stopped before the end; run this script again to resume" >&2; exit 1; }
}
llava_run "$recipe/single.json" "$root/runs/demo-single"
stamp "LLaVA training on single-object scenes"
llava_run "$recipe/multi.json" "$root/runs/demo"
stamp "LLaVA training on scenes of 1-5 objects"
mkdir -p "$root/resources/models/demo"
cp "$root/runs/demo/final/config.json" "$root/runs/demo/final/model.safetensors" "$root/runs/demo/final/tokenizer.model" "$root/resources/models/demo/"
"$root/scripts/demo-model-card.sh"
stamp "model card"
