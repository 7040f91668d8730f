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
#     --hint             add LLaVA's "Answer the question using a single word or phrase." to the
#                        test questions (for models trained with it; the demo model was not)
#
# Needs the built CLI (build/bin/llavolta or $LLAVOLTA_CLI) and jq. Numbers are
# whatever the model measures; nothing is filled in by hand.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${LLAVOLTA_CLI:-$root/build/bin/llavolta}"

die() { echo "schemes-report: $*" >&2; exit 2; }
command -v jq >/dev/null || die "jq is required (apt-get install jq, or scripts/install-deps.sh)"
[ -x "$cli" ] || die "no llavolta CLI at $cli (build it, or set LLAVOLTA_CLI)"

model="" out="" count=200 limit=0 seed=2024 layer="" device=cpu dtype=fp32 threads=0
trainConfig="" trainSchemes="vcc random fastv" work="" maxNew=16 benchRuns=5 hint=0
positional=()
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
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
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
evaluate() {  # model spec setting budget name
  local m=$1 spec=$2 setting=$3 budget=$4 name=$5 i
  i=$(wc -l < "$work/rows.jsonl" 2>/dev/null || echo 0)
  log "eval [$setting] $spec"
  "$cli" eval --model "$m" --questions "$work/test/questions.jsonl" --scheme "$spec" --limit "$limit" \
    --max-new-tokens "$maxNew" "${devopts[@]}" --answers "$work/answers-$i.jsonl" --json > "$work/eval-$i.json"
  jq -c --arg setting "$setting" --arg budget "$budget" --arg name "$name" '{
      setting: $setting, budget: $budget, name: $name, scheme: .scheme,
      accuracy: .accuracy.overall, fine_detail: (.accuracy.per_category.fine_detail.accuracy // null),
      questions: .questions, tflops: .prefill_tflops, tokens: .visual_tokens_total,
      ratio: .compression_ratio, prefill_ms: .prefill_ms}' "$work/eval-$i.json" >> "$work/rows.jsonl"
}

: > "$work/rows.jsonl"
read -r N L < <(shape_of "$model/config.json")
log "model $model: $N LLM layers, $L visual tokens; work folder $work"

log "generating a fresh Shapes-VQA test split ($count images, seed $seed)"
# Scenes at the model's own image size; LLaVA's short-answer hint only when asked for (the demo
# model, like every model trained on Shapes-VQA here, was trained without it).
imageSize=$(jq -r '.vision_config.image_size // 336' "$model/config.json")
shapesArgs=(--out "$work/test" --count "$count" --seed "$seed" --split test --image-size "$imageSize")
[ "$hint" = 1 ] || shapesArgs+=(--no-hint)
rm -rf "$work/test"
"$cli" data shapes "${shapesArgs[@]}" >/dev/null 2>&1 || "$cli" data shapes "${shapesArgs[@]}"

# --- compressed at test time only -------------------------------------------
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
  while IFS=$'\t' read -r name spec; do trainSpec[$name]="$spec"; done < <(budget_specs "$TN" "$TL" 4 "")
  for name in none $trainSchemes; do
    spec="none"
    if [ "$name" != none ]; then spec="${trainSpec[$name]:-}"; [ -n "$spec" ] || die "no 25% budget spec for $name"; fi
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
      log "train [$spec] with $(basename "$trainConfig")"
      rm -rf "$run"
      "$cli" train --config "$work/run-$name.json" --quiet
    fi
  done
  for name in $trainSchemes; do
    evaluate "$work/train-none/final" "${trainSpec[$name]}" "trained without, compressed at test" "25%" "$name"
    evaluate "$work/train-$name/final" "${trainSpec[$name]}" "trained and tested with the scheme" "25%" "$name"
  done
  evaluate "$work/train-none/final" none "trained without, compressed at test" "100%" none
fi

# --- the plot ----------------------------------------------------------------
jq -r 'select(.setting == "test only") | [.name, .budget, .tflops, .accuracy] | @tsv' "$work/rows.jsonl" |
awk -F'\t' -v title="Accuracy vs prefill TFLOPs (compressed at test time only)" '
  { n++; name[n]=$1; budget[n]=$2; x[n]=$3+0; y[n]=$4+0
    if (n==1 || x[n]<xmin) xmin=x[n]; if (n==1 || x[n]>xmax) xmax=x[n]
    if (n==1 || y[n]<ymin) ymin=y[n]; if (n==1 || y[n]>ymax) ymax=y[n] }
  END {
    W=720; H=460; L=70; R=170; T=40; B=60; pw=W-L-R; ph=H-T-B
    if (xmax==xmin) { xmax=xmin*1.1+1e-9; xmin=xmin*0.9 }
    ymin=0; if (ymax<=0) ymax=1; ymax=(ymax<1)?ymax*1.1:1.05; if (ymax>1.05) ymax=1.05
    dx=(xmax-xmin)*0.08; xmin-=dx; xmax+=dx
    split("none vcc pool2d fastv pdrop tome kmeans visionzip random", order, " ")
    split("#000000 #d62728 #ff7f0e #1f77b4 #17becf #2ca02c #9467bd #8c564b #7f7f7f", col, " ")
    for (i in order) colour[order[i]]=col[i]
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
    printf "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>\n", L, title
    printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", L, T, pw, ph
    for (k=0; k<=4; k++) {
      gx=L+pw*k/4; gy=T+ph-ph*k/4
      printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", gx, T, gx, T+ph
      printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, gy, L+pw, gy
      printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.4g</text>\n", gx, T+ph+16, xmin+(xmax-xmin)*k/4
      printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", L-6, gy+4, ymin+(ymax-ymin)*k/4
    }
    printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">prefill TFLOPs per sample</text>\n", L+pw/2, H-16
    printf "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">accuracy</text>\n", T+ph/2, T+ph/2
    for (i=1; i<=n; i++) {
      px=L+pw*(x[i]-xmin)/(xmax-xmin); py=T+ph-ph*(y[i]-ymin)/(ymax-ymin)
      c=(name[i] in colour)?colour[name[i]]:"#333"
      if (budget[i]=="12.5%") printf "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"><title>%s %s</title></rect>\n", px-4.5, py-4.5, c, name[i], budget[i]
      else printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s %s</title></circle>\n", px, py, c, name[i], budget[i]
    }
    ly=T+10
    for (k=1; k<=9; k++) { nm=order[k]; printf "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n", L+pw+20, ly, colour[nm], L+pw+32, ly+4, nm; ly+=18 }
    printf "<text x=\"%d\" y=\"%d\">circle: 25%%, square: 12.5%%</text>\n", L+pw+14, ly+10
    printf "</svg>\n"
  }' > "$svg"

# --- the report ----------------------------------------------------------------
questions=$(jq -s 'map(.questions) | max' "$work/rows.jsonl")
{
  echo "# Compression schemes side by side"
  echo
  echo "Generated by \`scripts/schemes-report.sh\` on $(date -u +%Y-%m-%d). Model: \`$(basename "$model")\`" \
       "($N LLM layers, $L visual tokens); a fresh Shapes-VQA test split ($count images, seed $seed)," \
       "$questions questions per evaluation, greedy answers of at most $maxNew tokens, device $device ($dtype)."
  echo "Budgets are the visual tokens left after compression: 25% and 12.5% of $L. 2D pooling at 12.5%"
  echo "uses 3x3 windows (1/9, the closest square window); PyramidDrop reaches the budget in two equal drops."
  echo "Prefill latency (vision tower + LLM prefill, to the first token) is measured twice: the median of"
  echo "\`llavolta bench-speed\` runs after warm-up on one fixed prompt, and the mean over the questions of \`llavolta eval\`."
  echo
  echo "## Compressed at test time only"
  echo
  echo "| budget | scheme | spec | accuracy | fine_detail | prefill TFLOPs | #Tokens | CR | prefill ms (bench median) | prefill ms (eval mean) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  jq -r --slurpfile bench "$work/bench.json" 'select(.setting == "test only") | . as $r
    | ([$bench[0].schemes[] | select(.scheme == $r.scheme) | .prefill_ms] | first) as $b |
    "| \(.budget) | \(.name) | `\(.scheme)` | \(.accuracy * 1000 | round / 10)% | \(if .fine_detail == null then "n/a" else "\(.fine_detail * 1000 | round / 10)%" end) | \(.tflops * 1e6 | round / 1e6) | \(.tokens) | \(.ratio * 1000 | round / 1000) | \(if $b == null then "n/a" else ($b * 100 | round / 100) end) | \(.prefill_ms * 10 | round / 10) |"' \
    "$work/rows.jsonl"
  echo
  echo "![accuracy vs prefill TFLOPs]($(basename "$svg"))"
  echo
  if [ -n "$trainConfig" ]; then
    echo "## Trained with the scheme (25% budget)"
    echo
    echo "Each model trains from the same start on the data, phases and steps of \`$(basename "$trainConfig")\`;"
    echo "only the schedule differs: one stage with the scheme (the baseline trains uncompressed)."
    echo
    echo "| scheme | setting | spec | accuracy | fine_detail | prefill TFLOPs | #Tokens | prefill ms |"
    echo "|---|---|---|---|---|---|---|---|"
    jq -r 'select(.setting != "test only") |
      "| \(.name) | \(.setting) | `\(.scheme)` | \(.accuracy * 1000 | round / 10)% | \(if .fine_detail == null then "n/a" else "\(.fine_detail * 1000 | round / 10)%" end) | \(.tflops * 1e6 | round / 1e6) | \(.tokens) | \(.prefill_ms * 10 | round / 10) |"' \
      "$work/rows.jsonl"
    echo
  fi
  echo "Regenerate: \`scripts/schemes-report.sh $(basename "$model") $(basename "$out") --count $count --seed $seed${trainConfig:+ --train-config $(basename "$trainConfig")}\`"
  echo "(raw rows: \`$work/rows.jsonl\`)."
} > "$out"
if [ -f "$root/docs/schemes-report-discussion.md" ]; then { echo; cat "$root/docs/schemes-report-discussion.md"; } >> "$out"; fi
log "wrote $out and $svg"
