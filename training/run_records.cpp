#include "training/run_records.h"

#include <nlohmann/json.hpp>

#include "engine/json_file.h"

namespace llavolta::training {

using nlohmann::json;

void to_json(json& j, const StepRecord& r) {
  j = json{{"step", r.step},
           {"phase", r.phase},
           {"phase_step", r.phaseStep},
           {"loss", r.loss},
           {"lr", r.lr},
           {"stage", r.stage},
           {"scheme", r.scheme},
           {"layer", r.layer},
           {"stride", r.stride},
           {"visual_tokens", r.visualTokens},
           {"visual_tokens_total", r.visualTokensTotal},
           {"samples_per_s", r.samplesPerS},
           {"step_ms", r.stepMs},
           {"train_tflops", r.trainTflops},
           {"epoch", r.epoch}};
  if (r.worldSize > 1) {
    j["world_size"] = r.worldSize;
    j["allreduce_ms"] = r.allReduceMs;
  }
  if (r.patchWordLoss >= 0) j["patch_word_loss"] = r.patchWordLoss;
  if (r.groundingLoss >= 0) {
    j["grounding_loss"] = r.groundingLoss;
    j["grounding_share"] = r.groundingShare;
  }
  if (r.promptLoss >= 0) j["prompt_loss"] = r.promptLoss;
}

void from_json(const json& j, StepRecord& r) {
  const std::string source = "metrics record";
  engine::readJsonKey(j, "step", r.step, source);
  engine::readJsonKey(j, "phase", r.phase, source);
  engine::readJsonKey(j, "phase_step", r.phaseStep, source);
  engine::readJsonKey(j, "loss", r.loss, source);
  engine::readJsonKey(j, "lr", r.lr, source);
  engine::readJsonKey(j, "stage", r.stage, source);
  engine::readJsonKey(j, "scheme", r.scheme, source);
  engine::readJsonKey(j, "layer", r.layer, source);
  engine::readJsonKey(j, "stride", r.stride, source);
  engine::readJsonKey(j, "visual_tokens", r.visualTokens, source);
  engine::readJsonKey(j, "visual_tokens_total", r.visualTokensTotal, source);
  engine::readJsonKey(j, "samples_per_s", r.samplesPerS, source);
  engine::readJsonKey(j, "step_ms", r.stepMs, source);
  engine::readJsonKey(j, "train_tflops", r.trainTflops, source);
  engine::readJsonKey(j, "epoch", r.epoch, source);
  engine::readJsonKey(j, "world_size", r.worldSize, source);
  engine::readJsonKey(j, "allreduce_ms", r.allReduceMs, source);
  engine::readJsonKey(j, "patch_word_loss", r.patchWordLoss, source);
  engine::readJsonKey(j, "grounding_loss", r.groundingLoss, source);
  engine::readJsonKey(j, "grounding_share", r.groundingShare, source);
  engine::readJsonKey(j, "prompt_loss", r.promptLoss, source);
}

EvalSummary evalSummaryFromJson(const json& e) {
  const std::string source = "eval result";
  EvalSummary s;
  engine::readJsonKey(e, "scheme", s.scheme, source);
  engine::readJsonKey(e, "questions", s.questions, source);
  engine::readJsonKey(e, "prefill_tflops", s.prefillTflops, source);
  engine::readJsonKey(e, "prefill_ms", s.prefillMs, source);
  engine::readJsonKey(e, "visual_tokens_total", s.visualTokensTotal, source);
  engine::readJsonKey(e, "compression_ratio", s.compressionRatio, source);
  if (e.contains("benchmark")) {
    engine::readJsonKey(e, "benchmark", s.benchmark, source);
    engine::readJsonKey(e, "metric", s.metric, source);
    engine::readJsonKey(e, "unit", s.unit, source);
    int64_t scored = 0;
    engine::readJsonKey(e, "scored", scored, source);
    if (scored > 0) engine::readJsonKey(e, "value", s.value, source);
    engine::readJsonKey(e, "standard_error", s.standardError, source);  // null: the metric has none
    if (e.contains("categories") && e["categories"].is_object())
      for (const auto& [k, v] : e["categories"].items())
        if (v.is_number()) s.categories[k] = v.get<double>();
  } else if (e.contains("accuracy") && e["accuracy"].is_object()) {
    const auto& a = e["accuracy"];
    engine::readJsonKey(a, "overall", s.accuracy, source + " accuracy");
    if (a.contains("per_category") && a["per_category"].is_object())
      for (const auto& [k, v] : a["per_category"].items())
        if (v.is_object() && v.contains("accuracy") && v["accuracy"].is_number())
          s.perCategory[k] = v["accuracy"].get<double>();
  }
  return s;
}

}  // namespace llavolta::training
