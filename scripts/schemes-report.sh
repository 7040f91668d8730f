#!/usr/bin/env bash
# Compression schemes side by side on one model: accuracy (overall and
# fine_detail), prefill TFLOPs, #Tokens and measured prefill latency for every
# scheme at matched visual-token budgets (25% and 12.5% of the visual tokens),
# compressing at test time only; optionally also trained with the scheme (vcc,
# random, fastv by default) on the data and budget of a given run config. Writes a
# Markdown report plus an accuracy-vs-TFLOPs SVG next to it.
#
#   scripts/schemes-report.sh MODEL_DIR [OUT.md] [options]
#     --count N          test images to generate (default 200; ~2 questions each)
#     --limit N          questions per evaluation (default 0 = all)
#     --seed N           seed of the fresh Shapes-VQA test split (default 2024)
#     --layer K          decoder layer of the in-LLM schemes (default: 2 scaled to the depth)
#     --device D --dtype T --threads N   passed to eval / train (default cpu fp32)
#     --train-config RUN.json   also train with the schemes on this run config's data and steps
#     --train-schemes "vcc random fastv"   which schemes to train with (plus an uncompressed baseline)
#     --work DIR         keep intermediate files here (default: a temporary folder)
#     --max-new-tokens N longest answer (default 16)
#     --bench-runs N     timed prefill runs per scheme for the latency column (default 5; 0 = skip)
#     --hint             generate the test split with LLaVA's short-answer hint on half the
#                        questions (`data shapes` defaults; the demo model v4 is trained with it)
#     --test DIR         use this Shapes-VQA test split (questions.jsonl + answers.jsonl) instead
#                        of generating one (--count, --seed and --hint are then ignored)
#     --baseline DIR     the uncompressed model trained on --train-config's data and steps, when it
#                        exists already (MODEL_DIR itself, say): it is not trained again
#     --train-budget B   the budget the schemes train at: 25 (default) or 12.5 (% of the visual
#                        tokens; 12.5% at layer 2 of 32 is the paper's Table 3, CR about 5.5)
#     --parallel P       train or evaluate up to P at once (default 1; trainings use the run
#                        config's threads, evaluations --threads)
#
# With --work DIR a rerun reuses finished trainings and evaluations, and an interrupted training
# resumes from its last checkpoint.
#
# Every accuracy comes with its binomial standard error; a trained-with row is compared with the
# same scheme at test time only by McNemar's exact test (`llavolta compare`).
#
# Needs the built CLI (build/bin/llavolta or $LLAVOLTA_CLI) and jq. Numbers are
# whatever the model measures; nothing is filled in by hand.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/svg-plot.sh"
cli="${LLAVOLTA_CLI:-$root/build/bin/llavolta}"

die() { echo "schemes-report: $*" >&2; exit 2; }
command -v jq >/dev/null || die "jq is required (apt-get install jq, or scripts/install-deps.sh)"
[ -x "$cli" ] || die "no llavolta CLI at $cli (build it, or set LLAVOLTA_CLI)"

model="" out="" count=200 limit=0 seed=2024 layer="" device=cpu dtype=fp32 threads=0
trainConfig="" trainSchemes="vcc random fastv" work="" maxNew=16 benchRuns=5 hint=0 testDir="" baseline="" parallel=1 trainBudget=25
positional=()
commandLine=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --layer) layer="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --dtype) dtype="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --train-config) trainConfig="$2"; shift 2 ;;
    --train-schemes) trainSchemes="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --max-new-tokens) maxNew="$2"; shift 2 ;;
    --bench-runs) benchRuns="$2"; shift 2 ;;
    --hint) hint=1; shift ;;
    --test) testDir="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --train-budget) trainBudget="$2"; shift 2 ;;
    -h|--help) sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
case "$trainBudget" in 25) trainDen=4 ;; 12.5) trainDen=8 ;; *) die "--train-budget must be 25 or 12.5" ;; esac
trainBudgetLabel="$trainBudget%"
[ ${#positional[@]} -ge 1 ] || die "usage: scripts/schemes-report.sh MODEL_DIR [OUT.md] [options] (see --help)"
model="$(cd "${positional[0]}" 2>/dev/null && pwd)" || die "no model directory ${positional[0]}"
[ -f "$model/config.json" ] || die "$model has no config.json"
out="${positional[1]:-$root/docs/schemes-report.md}"
mkdir -p "$(dirname "$out")"
svg="${out%.md}.svg"
if [ -z "$work" ]; then work="$(mktemp -d /tmp/schemes-report.XXXXXX)"; fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"  # run configs resolve relative paths against their own folder
if [ -n "$trainConfig" ]; then
  [ -f "$trainConfig" ] || die "no run config $trainConfig"
  trainConfig="$(cd "$(dirname "$trainConfig")" && pwd)/$(basename "$trainConfig")"
fi

log() { echo "schemes-report: $*" >&2; }
devopts=(--device "$device" --dtype "$dtype" --threads "$threads")

# Depth and visual tokens of a model config.
shape_of() {  # config.json -> "N L"
  "$cli" flops --config "$1" --json | jq -r '"\(.llm_layers) \(.visual_tokens)"'
}

# The schemes at a budget: lines "name<TAB>spec". fraction is 4 (25%) or 8 (12.5%).
budget_specs() {  # N L denominator [layer]
  local N=$1 L=$2 den=$3 K=${4:-}
  if [ -z "$K" ]; then K=$(( (2 * N + 16) / 32 )); [ "$K" -ge 1 ] || K=1; fi
  local keep tokens side pstride K2 pkeep dom
  keep=$(jq -n "1/$den")
  tokens=$(( (L + den - 1) / den ))
  side=$(jq -n "$L | sqrt | floor")
  # 2D pooling reaches 1/4 with 2x2 windows; 1/8 has no square window, 3x3 (1/9) is closest.
  if [ "$den" -eq 4 ]; then pstride=2; else pstride=3; fi
  # PyramidDrop reaches the budget in two equal drops: at K and halfway to the end.
  K2=$(( (K + N) / 2 )); [ "$K2" -gt "$K" ] || K2=$((K + 1))
  pkeep=$(jq -n "1/$den | sqrt * 10000 | round / 10000")
  dom=$(( tokens * 3 / 4 )); [ "$dom" -ge 1 ] || dom=1
  printf 'vcc\tvcc:layer=%s,stride=%s\n' "$K" "$den"
  [ "$pstride" -le "$side" ] && printf 'pool2d\tpool2d:layer=%s,stride=%s\n' "$K" "$pstride"
  printf 'fastv\tfastv:layer=%s,keep=%s\n' "$K" "$keep"
  if [ "$K2" -lt "$N" ]; then printf 'pdrop\tpdrop:layers=%s+%s,keep=%s\n' "$K" "$K2" "$pkeep"; fi
  printf 'tome\ttome:layer=%s,keep=%s\n' "$K" "$keep"
  printf 'kmeans\tkmeans:layer=%s,clusters=%s\n' "$K" "$tokens"
  printf 'visionzip\tvisionzip:dominant=%s,contextual=%s\n' "$dom" "$((tokens - dom))"
  printf 'random\trandom:layer=%s,keep=%s,seed=0\n' "$K" "$keep"
}

# Evaluates one scheme; appends a row to rows.jsonl.
# Evaluations are kept in the work folder under a key of what determines them (the model and
# its weights' time stamp, the scheme, the split, the limits, device and dtype), so a rerun with
# --work reuses them.
eval_key() {  # model spec
  echo "eval-$(printf '%s\n' "$1" "$(stat -c %Y "$1/model.safetensors" 2>/dev/null)" "$2" "$testDir" "$limit" "$maxNew" "$device" "$dtype" | md5sum | cut -c1-12)"
}
run_eval() {  # model spec key
  "$cli" eval --model "$1" --questions "$testDir/questions.jsonl" --scheme "$2" --limit "$limit" \
    --max-new-tokens "$maxNew" "${devopts[@]}" --answers "$work/$3.answers.jsonl" --json > "$work/$3.json.part" 2> "$work/$3.log" ||
    { echo "schemes-report: evaluating $2 on $1 failed:" >&2; tail -3 "$work/$3.log" >&2; return 1; }
  mv "$work/$3.json.part" "$work/$3.json"
}
# Runs the missing evaluations of "model<TAB>spec" lines on stdin, --parallel at a time.
prefetch_evals() {
  local m spec key running=()
  while IFS=$'\t' read -r m spec; do
    key=$(eval_key "$m" "$spec")
    [ -f "$work/$key.json" ] && [ -f "$work/$key.answers.jsonl" ] && continue
    log "eval $spec ($(basename "$(dirname "$m")")/$(basename "$m"))"
    run_eval "$m" "$spec" "$key" &
    running+=($!)
    if [ ${#running[@]} -ge "$parallel" ]; then wait "${running[0]}" || die "an evaluation failed"; running=("${running[@]:1}"); fi
  done
  for p in "${running[@]}"; do wait "$p" || die "an evaluation failed"; done
}
evaluate() {  # model spec setting budget name: appends the row (evaluating first if needed)
  local m=$1 spec=$2 setting=$3 budget=$4 name=$5 key
  key=$(eval_key "$m" "$spec")
  if [ ! -f "$work/$key.json" ] || [ ! -f "$work/$key.answers.jsonl" ]; then
    log "eval [$setting] $spec"
    run_eval "$m" "$spec" "$key" || die "evaluation failed"
  fi
  jq -c --arg setting "$setting" --arg budget "$budget" --arg name "$name" --arg key "$key" '{
      key: $key, setting: $setting, budget: $budget, name: $name, scheme: .scheme,
      accuracy: .accuracy.overall, standard_error: .accuracy.standard_error,
      fine_detail: (.accuracy.per_category.fine_detail.accuracy // null),
      questions: .questions, tflops: .prefill_tflops, tokens: .visual_tokens_total,
      ratio: .compression_ratio, prefill_ms: .prefill_ms}' "$work/$key.json" >> "$work/rows.jsonl"
}

: > "$work/rows.jsonl"
read -r N L < <(shape_of "$model/config.json")
log "model $model: $N LLM layers, $L visual tokens; work folder $work"

if [ -n "$testDir" ]; then
  [ -f "$testDir/questions.jsonl" ] && [ -f "$testDir/answers.jsonl" ] || die "--test $testDir has no questions.jsonl and answers.jsonl"
  testDir="$(cd "$testDir" && pwd)"
  testNote="the test split in \`$testDir\`"
else
  log "generating a fresh Shapes-VQA test split ($count images, seed $seed)"
  # Scenes at the model's own image size; LLaVA's short-answer hint only when asked for.
  imageSize=$(jq -r '.vision_config.image_size // 336' "$model/config.json")
  shapesArgs=(--out "$work/test" --count "$count" --seed "$seed" --split test --image-size "$imageSize")
  [ "$hint" = 1 ] || shapesArgs+=(--no-hint)
  rm -rf "$work/test"
  "$cli" data shapes "${shapesArgs[@]}" >/dev/null 2>&1 || "$cli" data shapes "${shapesArgs[@]}"
  testDir="$work/test"
  testNote="a fresh Shapes-VQA test split ($count images, seed $seed)"
fi
if [ -n "$baseline" ]; then
  baseline="$(cd "$baseline" 2>/dev/null && pwd)" || die "no baseline model directory"
  [ -f "$baseline/config.json" ] || die "$baseline has no config.json"
fi

# --- compressed at test time only -------------------------------------------
{ printf '%s\tnone\n' "$model"
  for den in 4 8; do budget_specs "$N" "$L" "$den" "$layer" | cut -f2 | sed "s|^|$model\t|"; done
} | prefetch_evals
evaluate "$model" none "test only" "100%" none
for den in 4 8; do
  budget=$([ "$den" -eq 4 ] && echo "25%" || echo "12.5%")
  while IFS=$'\t' read -r name spec; do
    evaluate "$model" "$spec" "test only" "$budget" "$name"
  done < <(budget_specs "$N" "$L" "$den" "$layer")
done

# Latency under controlled conditions: one bench-speed run over every scheme
# (warm-up runs first, median of --bench-runs), on the CLI's fixed prompt.
: > "$work/bench.json"
if [ "$benchRuns" -gt 0 ]; then
  benchArgs=()
  while read -r spec; do benchArgs+=(--scheme "$spec"); done < <(jq -r 'select(.setting == "test only") | .scheme' "$work/rows.jsonl")
  log "bench-speed over ${#benchArgs[@]} scheme arguments ($benchRuns runs each)"
  "$cli" bench-speed --model "$model" "${benchArgs[@]}" --runs "$benchRuns" --warmup 2 --decode-tokens 1 \
    "${devopts[@]}" --json > "$work/bench.json"
fi
[ -s "$work/bench.json" ] || echo '{"schemes": []}' > "$work/bench.json"

# --- trained with the scheme ------------------------------------------------
if [ -n "$trainConfig" ]; then
  base="$(dirname "$trainConfig")"
  # The trained model's shape: a fresh model from model.config, or the init model's.
  tcfg=$(jq -r --arg b "$base" 'def abs: if . == null or . == "" or startswith("/") then . else $b + "/" + . end;
                                 if .model.init then (.model.init | abs) + "/config.json" else (.model.config | abs) end' "$trainConfig")
  read -r TN TL < <(shape_of "$tcfg")
  declare -A trainSpec
  while IFS=$'\t' read -r name spec; do trainSpec[$name]="$spec"; done < <(budget_specs "$TN" "$TL" "$trainDen" "")
  pids=()
  trainNames=(none $trainSchemes)
  [ -n "$baseline" ] && trainNames=($trainSchemes)
  for name in "${trainNames[@]}"; do
    spec="none"
    if [ "$name" != none ]; then spec="${trainSpec[$name]:-}"; [ -n "$spec" ] || die "no $trainBudgetLabel budget spec for $name"; fi
    run="$work/train-$name"
    # Same data, phases, steps and optimiser; only the schedule (one stage: the scheme)
    # and the output folder change. Relative paths are made absolute first.
    jq --arg b "$base" --arg out "$run" --arg spec "$spec" --argjson layers "$TN" '
      def abs: if . == null or . == "" or startswith("/") then . else $b + "/" + . end;
      .output_dir = $out
      | (if .model.init then .model.init |= abs else . end)
      | (if .model.config then .model.config |= abs else . end)
      | (if .model.tokenizer then .model.tokenizer |= abs else . end)
      | (if .image_folder then .image_folder |= abs else . end)
      | .phases |= map(.dataset |= abs)
      | del(.eval)
      | .schedule = {name: ("with " + $spec), stages: [{scheme: $spec, until: 1.0}], test: $spec, reference_layers: $layers}' \
      "$trainConfig" > "$work/run-$name.json"
    if [ -f "$run/final/config.json" ]; then
      log "train [$spec]: reusing $run/final"
    else
      resume=()
      [ -d "$run/checkpoints" ] && resume=(--resume)
      log "train [$spec] with $(basename "$trainConfig") (log: $run.log)"
      "$cli" train --config "$work/run-$name.json" --quiet "${resume[@]}" > "$run.log" 2>&1 &
      pids+=($!)
      if [ ${#pids[@]} -ge "$parallel" ]; then
        wait "${pids[0]}" || die "a training run failed (see $work/train-*.log)"
        pids=("${pids[@]:1}")
      fi
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || die "a training run failed (see $work/train-*.log)"; done
  for name in "${trainNames[@]}"; do
    [ -f "$work/train-$name/final/config.json" ] || die "training train-$name stopped before its last step; run again with the same --work to resume"
  done
  uncompressed="${baseline:-$work/train-none/final}"
  for name in $trainSchemes; do
    [ "$uncompressed" != "$model" ] && printf '%s\t%s\n' "$uncompressed" "${trainSpec[$name]}"
    printf '%s\t%s\n' "$work/train-$name/final" "${trainSpec[$name]}"
  done | prefetch_evals
  for name in $trainSchemes; do
    # The test-only row of MODEL_DIR serves when the baseline is that model.
    if [ "$uncompressed" != "$model" ]; then
      evaluate "$uncompressed" "${trainSpec[$name]}" "trained without, compressed at test" "$trainBudgetLabel" "$name"
    fi
    evaluate "$work/train-$name/final" "${trainSpec[$name]}" "trained and tested with the scheme" "$trainBudgetLabel" "$name"
  done
  [ "$uncompressed" != "$model" ] && evaluate "$uncompressed" none "trained without, compressed at test" "100%" none
fi

# McNemar's exact test of each trained-with row against the same scheme untrained: the
# "trained without" row when there is one, else the test-only row of MODEL_DIR.
pvalue() {  # name -> p-value or ""
  local w t
  w=$(jq -r --arg n "$1" 'select(.setting == "trained and tested with the scheme" and .name == $n) | .key' "$work/rows.jsonl" | head -1)
  t=$(jq -r --arg n "$1" 'select((.setting == "trained without, compressed at test" or .setting == "test only") and .budget == $b and .name == $n) | .key' --arg b "$trainBudgetLabel" "$work/rows.jsonl" | tail -1)
  [ -n "$w" ] && [ -n "$t" ] || return 0
  "$cli" compare "$work/$w.answers.jsonl" "$work/$t.answers.jsonl" --ground-truth "$testDir/answers.jsonl" --json | jq -r .p_value
}

# --- the plot ----------------------------------------------------------------
# One series per budget, each point labelled with its scheme, ± one standard error.
jq -r 'select(.setting == "test only") | [(if .budget == "100%" then "uncompressed" else "\(.budget) of the tokens" end),
       .tflops, .accuracy, .standard_error, .name] | @tsv' "$work/rows.jsonl" |
  svg_plot "Accuracy vs prefill TFLOPs (compressed at test time only)" "prefill TFLOPs per sample" "accuracy %" > "$svg"

# --- the report ----------------------------------------------------------------
questions=$(jq -s 'map(.questions) | max' "$work/rows.jsonl")
{
  echo "# Compression schemes side by side"
  echo
  echo "Generated by \`scripts/schemes-report.sh\` on $(date -u +%Y-%m-%d). Model: \`$(basename "$model")\`" \
       "($N LLM layers, $L visual tokens); $testNote," \
       "$questions questions per evaluation, greedy answers of at most $maxNew tokens, device $device ($dtype)."
  echo "Budgets are the visual tokens left after compression: 25% and 12.5% of $L. 2D pooling at 12.5%"
  echo "uses 3x3 windows (1/9, the closest square window); PyramidDrop reaches the budget in two equal drops."
  echo "Prefill latency (vision tower + LLM prefill, to the first token) is measured twice: the median of"
  echo "\`llavolta bench-speed\` runs after warm-up on one fixed prompt, and the mean over the questions of \`llavolta eval\`."
  echo
  echo "## Compressed at test time only"
  echo
  echo "Accuracies are ± one binomial standard error."
  echo
  echo "| budget | scheme | spec | accuracy | fine_detail | prefill TFLOPs | #Tokens | CR | prefill ms (bench median) | prefill ms (eval mean) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  jq -r --slurpfile bench "$work/bench.json" 'select(.setting == "test only") | . as $r
    | ([$bench[0].schemes[] | select(.scheme == $r.scheme) | .prefill_ms] | first) as $b |
    "| \(.budget) | \(.name) | `\(.scheme)` | \(.accuracy * 1000 | round / 10)% ± \(.standard_error * 1000 | round / 10) | \(if .fine_detail == null then "n/a" else "\(.fine_detail * 1000 | round / 10)%" end) | \(.tflops * 1e6 | round / 1e6) | \(.tokens) | \(.ratio * 1000 | round / 1000) | \(if $b == null then "n/a" else ($b * 100 | round / 100) end) | \(.prefill_ms * 10 | round / 10) |"' \
    "$work/rows.jsonl"
  echo
  echo "![accuracy vs prefill TFLOPs]($(basename "$svg"))"
  echo
  if [ -n "$trainConfig" ]; then
    echo "## Trained with the scheme ($trainBudgetLabel budget)"
    echo
    echo "Each model trains from the same start on the data, phases and steps of \`$(basename "$trainConfig")\`;"
    if [ -n "$baseline" ]; then
      echo "only the schedule differs: one stage with the scheme. The uncompressed model is \`$(basename "$(dirname "$baseline")")/$(basename "$baseline")\`."
    else
      echo "only the schedule differs: one stage with the scheme (the baseline trains uncompressed)."
    fi
    echo
    echo "The last column compares the trained-with row with the same scheme applied at test time only to"
    echo "the uncompressed model: McNemar's exact test on the same questions (\\* p < 0.05)."
    echo
    echo "| scheme | setting | spec | accuracy | fine_detail | prefill TFLOPs | #Tokens | prefill ms | vs untrained (p) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    while IFS= read -r row; do
      p=""
      if [ "$(jq -r .setting <<< "$row")" = "trained and tested with the scheme" ]; then
        p=$(pvalue "$(jq -r .name <<< "$row")")
        [ -n "$p" ] && p=$(awk -v p="$p" 'BEGIN { printf "%.3g%s", p, (p < 0.05 ? " \\*" : "") }')
      fi
      jq -r --arg p "$p" '"| \(.name) | \(.setting) | `\(.scheme)` | \(.accuracy * 1000 | round / 10)% ± \(.standard_error * 1000 | round / 10) | \(if .fine_detail == null then "n/a" else "\(.fine_detail * 1000 | round / 10)%" end) | \(.tflops * 1e6 | round / 1e6) | \(.tokens) | \(.prefill_ms * 10 | round / 10) | \($p) |"' <<< "$row"
    done < <(jq -c 'select(.setting != "test only")' "$work/rows.jsonl")
    echo
  fi
  echo "Regenerate: \`scripts/schemes-report.sh ${commandLine[*]//$root\//}\`"
  echo "(raw rows: \`$work/rows.jsonl\`)."
} > "$out"
if [ -f "$root/docs/schemes-report-discussion.md" ]; then { echo; cat "$root/docs/schemes-report-discussion.md"; } >> "$out"; fi
log "wrote $out and $svg"
