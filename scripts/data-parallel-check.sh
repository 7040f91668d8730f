#!/usr/bin/env bash
# Data-parallel training over c10d (Gloo on 127.0.0.1), end to end through the CLI on a tiny
# model, against one process:
#   1. 2 ranks x batch 2 must give the metrics of 1 process x batch 2 x gradient accumulation 2
#      (the same global batches; the losses agree up to float summation order);
#   2. SIGTERM to the launcher reaches both ranks: they stop at the same step and rank 0 writes
#      the checkpoint; resumed with 1 process (2 -> 1) the run ends with the same metrics;
#   3. the same from 1 process resumed with 2 (1 -> 2);
#   4. a rank that fails stops the launcher with that rank's exit code, naming it;
#   5. a rank killed mid-run is named, the other stops, and 2 ranks resume to the same metrics;
#   6. bad environments give their own clear line: a rank outside WORLD_SIZE, a master nobody
#      answers, a port in use.
# ctest runs it as training_data_parallel; usage: bash scripts/data-parallel-check.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin/llavolta"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
say() { echo "data-parallel: $*" >&2; }
steps=24

"$B" data shapes --out "$work/data" --count 40 --seed 5 --image-size 64 --min-turns 1 --max-turns 2 --threads 1 >/dev/null 2>&1
"$B" tokenizer train --data "$work/data/train.json" --vocab-size 500 --out "$work/tok" >/dev/null
sed 's/"image_token_index": 32000/"image_token_index": 519/' "$root/resources/configs/tiny.json" > "$work/tiny.json"
config() {  # name batch accumulation
  cat > "$work/$1.json" <<JSON
{
  "output_dir": "$work/$1",
  "model": {"config": "$work/tiny.json", "tokenizer": "$work/tok/tokenizer.model", "seed": 0},
  "image_folder": "$work/data",
  "phases": [{"name": "instruct", "dataset": "$work/data/train.json", "trainable": ["projector", "llm"],
              "steps": $steps, "learning_rate": 0.002}],
  "schedule": "4stage",
  "batch_size": $2,
  "gradient_accumulation": $3,
  "checkpoint_every": 4,
  "keep_checkpoints": 3,
  "seed": 0,
  "threads": 1,
  "distributed": {"backend": "gloo", "timeout_s": 60}
}
JSON
}
same_metrics() {  # a.jsonl b.jsonl what
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b), f"{sys.argv[3]}: {len(a)} vs {len(b)} steps"
worst = 0.0
for x, y in zip(a, b):
    assert x["step"] == y["step"] and x["scheme"] == y["scheme"] and x["lr"] == y["lr"], (x, y)
    d = abs(x["loss"] - y["loss"])
    worst = max(worst, d)
    assert d < 2e-4 * max(1.0, abs(x["loss"])), f'{sys.argv[3]}: step {x["step"]}: loss {x["loss"]} vs {y["loss"]}'
print(f"{sys.argv[3]}: {len(a)} steps agree, largest loss difference {worst:.2e}")
PY
}
until_checkpoint() {  # run-dir pid: waits for the checkpoint of step 8, then SIGTERM
  for _ in $(seq 600); do
    [ -d "$1/checkpoints/step-00000008" ] && break
    sleep 0.1
  done
  kill -TERM "$2"
}

# 1. one process x accumulation 2 against two ranks
config single 2 2
"$B" train --config "$work/single.json" --quiet
config dp 2 1
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/dp.json" --quiet 2> "$work/dp.log"
grep -q "\[rank 0\]" "$work/dp.log" || { say "no rank-prefixed output: $(cat "$work/dp.log")"; exit 1; }
grep -q '"world_size": 2' "$work/dp/run.json" || { say "run.json does not record world_size 2"; exit 1; }
same_metrics "$work/single/metrics.jsonl" "$work/dp/metrics.jsonl" "2 ranks vs 1 process"

# 2. stopped with 2 ranks, resumed with 1
config two-one 2 1
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/two-one.json" --quiet 2> "$work/two-one.log" &
pid=$!
until_checkpoint "$work/two-one" "$pid"
set +e
wait "$pid"
set -e
[ ! -d "$work/two-one/final" ] || { say "the stopped run finished anyway (it ran past step $steps before the stop)"; exit 1; }
stopped_at=$(ls "$work/two-one/checkpoints" | sort | tail -1)
sed -i 's/"gradient_accumulation": 1/"gradient_accumulation": 2/' "$work/two-one.json"
"$B" train --config "$work/two-one.json" --quiet --resume
same_metrics "$work/single/metrics.jsonl" "$work/two-one/metrics.jsonl" "2 ranks stopped at $stopped_at, resumed by 1"

# 3. stopped with 1 process, resumed with 2 ranks
config one-two 2 2
"$B" train --config "$work/one-two.json" --quiet &
pid=$!
until_checkpoint "$work/one-two" "$pid"
set +e
wait "$pid"
set -e
stopped_at=$(ls "$work/one-two/checkpoints" | sort | tail -1)
sed -i 's/"gradient_accumulation": 2/"gradient_accumulation": 1/' "$work/one-two.json"
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/one-two.json" --quiet --resume 2> "$work/one-two.log"
same_metrics "$work/single/metrics.jsonl" "$work/one-two/metrics.jsonl" "1 process stopped at $stopped_at, resumed by 2 ranks"

# 4a. the launcher killed outright (SIGKILL): its ranks get SIGTERM from the kernel, checkpoint
#     and stop, instead of training on as orphans that hold the run folder
config orphan 2 1
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/orphan.json" --quiet 2> "$work/orphan.log" &
pid=$!
for _ in $(seq 600); do [ -d "$work/orphan/checkpoints/step-00000004" ] && break; sleep 0.1; done
kill -9 "$pid"
for _ in $(seq 300); do pgrep -f "$work/orphan.json" >/dev/null || break; sleep 0.1; done
if pgrep -f "$work/orphan.json" >/dev/null; then say "ranks outlived their killed launcher"; pkill -9 -f "$work/orphan.json"; exit 1; fi

# 4b. one rank killed mid-run (SIGKILL): the launcher names it and stops the other, which
#     leaves its collective with an error; resumed with 2 ranks the run ends with the metrics
#     of the uninterrupted one
config killed 2 1
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/killed.json" --quiet 2> "$work/killed.log" &
pid=$!
for _ in $(seq 600); do [ -d "$work/killed/checkpoints/step-00000008" ] && break; sleep 0.1; done
victim=$(pgrep -P "$pid" | sort -n | tail -1)
kill -9 "$victim"
set +e
wait "$pid"
code=$?
set -e
[ "$code" -ne 0 ] || { say "the launcher did not fail when rank 1 was killed"; exit 1; }
grep -q "launch: rank 1 failed (signal 9)" "$work/killed.log" || { say "the dead rank is not named: $(cat "$work/killed.log")"; exit 1; }
for c in "$work"/killed/checkpoints/step-*; do "$B" inspect --model "$c" >/dev/null; done
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/killed.json" --quiet --resume 2>> "$work/killed.log"
sed -i 's/"gradient_accumulation": 1/"gradient_accumulation": 2/' "$work/killed.json"
same_metrics "$work/single/metrics.jsonl" "$work/killed/metrics.jsonl" "rank 1 killed, resumed by 2 ranks"

# 4c. a failing rank: every rank reads a missing dataset; the launcher names the rank and its code
config broken 2 1
sed -i "s#$work/data/train.json#$work/data/missing.json#" "$work/broken.json"
set +e
"$B" launch --nproc 2 -- train --config "$work/broken.json" --quiet 2> "$work/broken.log"
code=$?
set -e
[ "$code" -eq 2 ] || { say "a failing rank gave launch exit code $code, not 2: $(tail -3 "$work/broken.log")"; exit 1; }
grep -q "launch: rank [01] of 2 failed with exit code 2" "$work/broken.log" || { say "no failing rank named: $(cat "$work/broken.log")"; exit 1; }

# 5. a bad environment
set +e
out=$(RANK=3 WORLD_SIZE=2 "$B" train --config "$work/broken.json" --quiet 2>&1)
code=$?
set -e
[ "$code" -eq 2 ] && echo "$out" | grep -q "RANK 3 is outside 0..1" || { say "bad RANK not reported: $out"; exit 1; }
config lonely 2 1
sed -i 's/"timeout_s": 60/"timeout_s": 3/' "$work/lonely.json"
set +e  # rank 1 of 2 whose master never answers (nothing listens on that port)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
out=$(RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port timeout 60 "$B" train --config "$work/lonely.json" --quiet 2>&1)
code=$?
set -e
[ "$code" -eq 2 ] && echo "$out" | grep -q "rank 1 of 2 could not join the process group at 127.0.0.1:$port" ||
  { say "an unreachable master is not reported (exit $code): $out"; exit 1; }
# rank 0 on a port another program holds
python3 -c 'import socket, time, sys; s=socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(60)' > "$work/port" &
holder=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
set +e
out=$(RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port timeout 60 "$B" train --config "$work/lonely.json" --quiet 2>&1)
code=$?
set -e
kill "$holder" 2>/dev/null || true
[ "$code" -eq 2 ] && echo "$out" | grep -qi "could not join the process group at 127.0.0.1:$port.*in use" ||
  { say "a port in use is not reported (exit $code): $out"; exit 1; }
say "all checks passed"
