#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running LLaVolta:
# installs missing packages, builds, and opens LLaVolta Studio on the bundled demo model
# (or, with no display, streams one answer through the CLI).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LLAVOLTA_BUILD_DIR:-$root/build}"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
model="$root/resources/models/demo"
image="$root/resources/images/sample.png"
question="${LLAVOLTA_QUESTION:-What shapes are in the image?}"
if [ -f "$model/model.safetensors" ]; then
  # A fresh Shapes-VQA picture (a seed the demo model never saw) and its question.
  sample="$build/sample"
  if [ ! -f "$sample/questions.jsonl" ]; then
    "$build/bin/llavolta" data shapes --out "$sample" --count 1 --seed 4242 --split test --image-size 168 --no-hint >/dev/null
  fi
  image="$sample/images/000000.png"
  if [ -z "${LLAVOLTA_QUESTION:-}" ]; then
    question="$(sed -E 's/.*"text":"([^"]*)".*/\1/' "$sample/questions.jsonl" | head -n 1)"
    echo "expected answer: $(sed -E 's/.*"answer":"([^"]*)".*/\1/' "$sample/answers.jsonl" | head -n 1)"
  fi
else
  # No trained demo model in this checkout: use a random one of a small LLaVA
  # architecture so the whole pipeline still runs (its answers are noise).
  model="$build/models/random-demo-arch"
  if [ ! -f "$model/model.safetensors" ]; then
    "$build/bin/llavolta" init-model --config "$root/resources/configs/demo.json" --out "$model" --seed 0
  fi
fi
# The studio when there is a screen to show it on; otherwise the same question through the CLI.
if [ -x "$build/bin/llavolta-studio" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
    echo "== LLaVolta Studio on $model (log: View > Log) =="
    exec "$build/bin/llavolta-studio" --model "$model" "$@"
  fi
  echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the studio cannot open a window."
  echo "Run it on a desktop session, or headless with: xvfb-run $build/bin/llavolta-studio --model $model --screenshots /tmp/shots"
  echo "Falling back to the CLI chat."
else
  echo "The studio was not built (Qt 6 missing?); using the CLI chat."
fi
echo "== llavolta chat on $model, image $image (vcc:layer=2,stride=4) =="
echo "question: $question"
exec "$build/bin/llavolta" chat --model "$model" --image "$image" \
  --question "$question" --scheme "vcc:layer=2,stride=4" --max-new-tokens 32 "$@"
