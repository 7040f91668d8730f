#pragma once
// The LLaVolta trainer: LLaVA's phases with per-module freezing, AdamW with a
// cosine schedule and warm-up, gradient accumulation and clipping, the staged
// compression schedule applied at exact step boundaries, atomic checkpoints and
// exact resume.
//
// Data parallelism over c10d is designed to slot in without a rewrite (see
// docs/data-parallel.md): the loader's order is a pure function of seed and epoch
// with a serialisable position (rank sharding), gradients meet in one place
// between the micro-batch loop and clipping (the all-reduce point), the schedule
// is a pure function of the step, and one checkpoint writer touches the disk.
#include <atomic>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/llava_model.h"
#include "training/data_loader.h"
#include "training/run_config.h"

namespace llavolta::training {

struct TrainerCallbacks {
  // One record per optimiser step, as written to metrics.jsonl.
  std::function<void(const nlohmann::json& metric)> onMetric;
  std::function<void(const std::string& message)> onLog;
  // One record per periodic evaluation, as written to eval.jsonl.
  std::function<void(const nlohmann::json& result)> onEval;
};

struct TrainResult {
  int64_t steps = 0;            // global steps completed
  bool stopped = false;         // ended early by the stop flag (checkpoint written)
  std::string lastCheckpoint;   // directory
  double lastLoss = 0;
};

// Labels laid over the model's (possibly compressed, left-padded) sequence of
// length `length`: text labels keep their order, the visual span and padding are
// ignored (kIgnoreIndex). The trainer shifts them by one for next-token loss.
torch::Tensor alignLabels(const Batch& batch, const engine::PrefillOutput& out, int64_t length);
// The complement for the prompt loss (run_config.h, "prompt_loss_weight"): the prompt's own
// tokens (system prompt, questions, template) as targets, the answers ignored, laid out alike.
torch::Tensor alignPromptLabels(const Batch& batch, const engine::PrefillOutput& out, int64_t length);

// Directory of the newest complete checkpoint in a run directory, or "".
std::string latestCheckpoint(const std::string& runDir);

class Trainer {
 public:
  explicit Trainer(RunConfig config);
  ~Trainer();
  // With resume, continues from the newest checkpoint in the output directory and
  // produces the metrics an uninterrupted run would have.
  TrainResult run(bool resume, const std::atomic<bool>* stop = nullptr, const TrainerCallbacks& callbacks = {});

 private:
  RunConfig config_;
};

}  // namespace llavolta::training
