#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running LLaVolta:
# installs missing packages, builds, and starts on the bundled demo model.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LLAVOLTA_BUILD_DIR:-$root/build}"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
model="$root/resources/models/demo"
if [ ! -f "$model/model.safetensors" ]; then
  # No trained demo model in this checkout yet: use a random one of the same
  # architecture so the whole pipeline still runs (its answers are noise).
  model="$build/models/random-demo"
  if [ ! -f "$model/model.safetensors" ]; then
    "$build/bin/llavolta" init-model --config "$root/resources/configs/tiny.json" --out "$model" --seed 0
  fi
fi
if [ -x "$build/bin/llavolta-studio" ]; then
  exec "$build/bin/llavolta-studio" --model "$model" "$@"
fi
question="${LLAVOLTA_QUESTION:-What shapes are in the image?}"
echo "== llavolta chat on $model (vcc:layer=2,stride=4) =="
exec "$build/bin/llavolta" chat --model "$model" --image "$root/resources/images/sample.png" \
  --question "$question" --scheme "vcc:layer=2,stride=4" --max-new-tokens 32 "$@"
