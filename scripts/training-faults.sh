#!/usr/bin/env bash
# Training under faults, end to end through the CLI on a tiny model:
#   1. SIGKILL at random moments (default 20), resuming each time: after every kill the newest
#      checkpoint must load, and the finished run's metrics must equal an uninterrupted run's;
#   2. a full disk while checkpointing (a file-size limit, prlimit --fsize): the run stops with the
#      reason, and the checkpoint before it still loads.
# ctest runs it with label "slow"; usage: bash scripts/training-faults.sh [KILLS=20] [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin/llavolta"
kills="${1:-20}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
say() { echo "training-faults: $*" >&2; }

"$B" data shapes --out "$work/data" --count 48 --seed 5 --image-size 64 --min-turns 1 --max-turns 2 --threads 1 >/dev/null 2>&1
"$B" tokenizer train --data "$work/data/train.json" --vocab-size 500 --out "$work/tok" >/dev/null
sed 's/"image_token_index": 32000/"image_token_index": 519/' "$root/resources/configs/tiny.json" > "$work/tiny.json"
cat > "$work/run.json" <<JSON
{
  "output_dir": "$work/straight",
  "model": {"config": "$work/tiny.json", "tokenizer": "$work/tok/tokenizer.model", "seed": 0},
  "image_folder": "$work/data",
  "phases": [{"name": "instruct", "dataset": "$work/data/train.json", "trainable": ["projector", "llm"],
              "steps": 150, "learning_rate": 0.002}],
  "schedule": "4stage",
  "batch_size": 4,
  "checkpoint_every": 3,
  "keep_checkpoints": 2,
  "seed": 0,
  "threads": 1
}
JSON

"$B" train --config "$work/run.json" --quiet
say "uninterrupted run done"

# Kills are paced by the run's progress, not by the clock, so that they land before the run
# finishes on a fast machine as well as a slow one: one kill in four comes at a random moment of
# start-up (while the model or a checkpoint loads); the others wait for a checkpoint newer than the
# one the attempt resumed from, then for 0-2 more steps and 0-30 ms, which spreads them over
# training steps and over checkpoint writes. Each of those advances the run by about 3-5 steps, so
# 20 kills fit well inside the 150 steps.
run="$work/killed"
newest_step() {
  local d
  d=$(ls -d "$run"/checkpoints/step-* 2>/dev/null | sort | tail -1 || true)
  [ -n "$d" ] && echo $((10#${d##*step-})) || echo 0
}
steps_logged() { [ -f "$run/metrics.jsonl" ] && wc -l < "$run/metrics.jsonl" || echo 0; }
killed=0
last_kill_step=0
loads=0
attempts=0
while [ "$killed" -lt "$kills" ] && [ "$attempts" -lt $((kills * 3)) ]; do
  attempts=$((attempts + 1))
  [ -f "$run/final/model.safetensors" ] && break
  resume=()
  [ -d "$run/checkpoints" ] && resume=(--resume)
  from=$(newest_step)
  "$B" train --config "$work/run.json" --output "$run" --quiet "${resume[@]}" &
  pid=$!
  if [ $((RANDOM % 4)) -eq 0 ]; then
    sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.05 + 0.4 * rand() }')"
  else
    extra=$((RANDOM % 3))
    for _ in $(seq 3000); do
      kill -0 "$pid" 2>/dev/null || break
      now=$(newest_step)
      [ "$now" -gt "$from" ] && [ "$(steps_logged)" -ge $((now + extra)) ] && break
      sleep 0.01
    done
    sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", 0.03 * rand() }')"
  fi
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); last_kill_step=$(newest_step); fi
  wait "$pid" 2>/dev/null || true
  latest=$(ls -d "$run"/checkpoints/step-* 2>/dev/null | sort | tail -1 || true)
  if [ -n "$latest" ]; then
    "$B" inspect --model "$latest" >/dev/null || { say "checkpoint $latest does not load after kill $killed"; exit 1; }
    loads=$((loads + 1))
  fi
done
until [ -f "$run/final/model.safetensors" ]; do
  "$B" train --config "$work/run.json" --output "$run" --quiet --resume
done
python3 - "$work/straight/metrics.jsonl" "$run/metrics.jsonl" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b) == 150, (len(a), len(b))
for x, y in zip(a, b):
    assert x["step"] == y["step"] and x["scheme"] == y["scheme"] and x["lr"] == y["lr"], (x, y)
    assert abs(x["loss"] - y["loss"]) < 1e-5, (x["step"], x["loss"], y["loss"])
PY
say "$killed kills (the last with the newest checkpoint at step $last_kill_step of 150), $loads checkpoint loads after a kill, final metrics equal the uninterrupted run's"
[ "$killed" -eq "$kills" ] || { say "only $killed of $kills kills landed before the run finished"; exit 1; }

# A full disk during checkpointing: files may not grow past 200 KB, which the first checkpoint's
# weights exceed. The run must fail naming the file, and leave no half-written checkpoint.
full="$work/full"
set +e
out=$(prlimit --fsize=200000 "$B" train --config "$work/run.json" --output "$full" --quiet 2>&1)
code=$?
set -e
[ "$code" -ne 0 ] || { say "the size-limited run did not fail"; exit 1; }
echo "$out" | grep -q "File too large" || { say "no reason given: $out"; exit 1; }
if ls -d "$full"/checkpoints/step-* >/dev/null 2>&1; then
  for c in "$full"/checkpoints/step-*; do "$B" inspect --model "$c" >/dev/null; done
fi
say "full disk: stopped with \"$(echo "$out" | tail -1 | cut -c1-160)\"; no damaged checkpoint left"

# The run folder turns read-only mid-run (as root, the run goes as "nobody": root ignores file
# modes). The run must stop with the reason and its newest checkpoint must still load.
ro="$work/readonly"
mkdir -p "$ro"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown 65534:65534 "$ro"
  chmod a+rx "$work" "$work/data" "$work/tok"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
set +e
"${as_user[@]}" "$B" train --config "$work/run.json" --output "$ro" --quiet > "$work/readonly.log" 2>&1 &
pid=$!
for _ in $(seq 200); do
  ls -d "$ro"/checkpoints/step-* >/dev/null 2>&1 && break
  sleep 0.1
done
chmod -R a-w "$ro"
wait "$pid"
code=$?
set -e
chmod -R u+w "$ro"
[ "$code" -ne 0 ] || { say "the run in a read-only folder did not fail"; exit 1; }
grep -q "Permission denied" "$work/readonly.log" || { say "no reason given: $(cat "$work/readonly.log")"; exit 1; }
latest=$(ls -d "$ro"/checkpoints/step-* | sort | tail -1)
"$B" inspect --model "$latest" >/dev/null
say "read-only folder: stopped with \"$(tail -1 "$work/readonly.log" | cut -c1-200)\"; $(basename "$latest") still loads"
