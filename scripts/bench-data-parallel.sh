#!/usr/bin/env bash
# Benchmark: one process with 2 threads against 2 data-parallel processes with 1 thread each, on
# the demo model and its 1-5-object data, the same global batch (16) and steps. Prints samples/s
# (median over the steps after the first 5) and the all-reduce share of the step time.
#   bash scripts/bench-data-parallel.sh [STEPS=40] [WORK_DIR]
# Needs data/demo/multi (bash scripts/train-demo.sh makes it); run on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${LLAVOLTA_BUILD_DIR:-$root/build}/bin/llavolta"
steps="${1:-40}"
work="${2:-$(mktemp -d)}"
data="$root/data/demo/multi"
[ -f "$data/train.json" ] || { echo "bench-data-parallel: $data/train.json is missing; bash scripts/train-demo.sh makes it" >&2; exit 1; }
mkdir -p "$work"
config() {  # name batch threads
  cat > "$work/$1.json" <<JSON
{
  "output_dir": "$work/$1",
  "model": {"init": "$root/resources/models/demo"},
  "image_folder": "$data",
  "phases": [{"name": "instruct", "dataset": "$data/train.json", "trainable": ["projector", "llm"],
              "steps": $steps, "learning_rate": 0.0005}],
  "schedule": "reproduce",
  "batch_size": $2,
  "checkpoint_every": 0,
  "keep_checkpoints": 1,
  "seed": 0,
  "threads": $3,
  "autocast": "bf16"
}
JSON
}
report() {  # name
  python3 - "$work/$1/metrics.jsonl" "$1" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])][5:]
sps = statistics.median(r["samples_per_s"] for r in rows)
ms = statistics.median(r["step_ms"] for r in rows)
ar = statistics.median(r.get("allreduce_ms", 0.0) for r in rows)
print(f"{sys.argv[2]:>22}: {sps:6.1f} samples/s, step {ms:6.1f} ms, all-reduce {ar:5.1f} ms ({100 * ar / ms:4.1f}% of the step)")
PY
}
config one-proc-2-threads 16 2
"$B" train --config "$work/one-proc-2-threads.json" --quiet
config two-procs-1-thread 8 1
"$B" launch --nproc 2 --threads-per-proc 1 -- train --config "$work/two-procs-1-thread.json" --quiet 2>/dev/null
echo "global batch 16, $steps steps, demo model ($(nproc) cores):"
report one-proc-2-threads
report two-procs-1-thread
