#pragma once
// The records that cross the CLI ↔ studio boundary, as typed structs with one JSON spelling:
// - StepRecord: one line of a run's metrics.jsonl per optimiser step (`llavolta train` writes,
//   the studio's Training workspace and scripts read);
// - EvalSummary: what `llavolta eval --json` prints, for a question file or one of LLaVA-1.5's
//   benchmarks (the Benchmarks workspace reads it).
// Both sides go through these functions, so a key is spelled in one place.
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace llavolta::training {

struct StepRecord {
  int64_t step = 0;        // global optimiser step, from 1
  std::string phase;
  int64_t phaseStep = 0;
  double loss = 0;         // mean over the step's micro-batches (and ranks)
  double lr = 0;
  int stage = 0;           // the schedule stage, from 0 (shown from 1)
  std::string scheme = "none";
  int64_t layer = -1, stride = 1;  // VCC's, for plots; -1 and 1 for other schemes
  int64_t visualTokens = 0;        // at the last layer, per sample
  int64_t visualTokensTotal = 0;   // the paper's #Tokens: summed over layers, per sample
  double samplesPerS = 0, stepMs = 0;
  double trainTflops = 0;  // cumulative analytic training TFLOPs
  uint64_t epoch = 0;
  int64_t worldSize = 1;   // data-parallel processes
  double allReduceMs = 0;  // of stepMs: the gradient and statistics all-reduce (0 with one process)
  // The per-patch word loss (phase "patch_words") when the step had it; negative otherwise.
  double patchWordLoss = -1;
  // The attention grounding loss (phase "grounding_weight") when the step had it; negative
  // otherwise. groundingShare: the mean share of the best head's visual attention on the subjects.
  double groundingLoss = -1, groundingShare = -1;
  // The next-token loss on the prompt's tokens (phase "prompt_loss_weight") when the step had it;
  // negative otherwise.
  double promptLoss = -1;
};
void to_json(nlohmann::json& j, const StepRecord& r);
// Keys that are absent keep their defaults (records of older runs); a key of the wrong type is
// an EngineError naming it.
void from_json(const nlohmann::json& j, StepRecord& r);

struct EvalSummary {
  std::string scheme;
  int64_t questions = 0;
  double prefillTflops = 0, prefillMs = 0, visualTokensTotal = 0, compressionRatio = 1;
  // A question file with ground truth: accuracy in 0..1 (negative without), per category 0..1.
  double accuracy = -1;
  std::map<std::string, double> perCategory;
  // A LLaVA-1.5 benchmark: its headline metric in its unit (negative when not scored), the
  // standard error (negative when the metric has none) and one level of breakdown in %.
  std::string benchmark, metric, unit = "%";
  double value = -1, standardError = -1;
  std::map<std::string, double> categories;
};
EvalSummary evalSummaryFromJson(const nlohmann::json& evalJson);

}  // namespace llavolta::training
