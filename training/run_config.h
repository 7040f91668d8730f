#pragma once
// A training run as one JSON file: where the model starts, the data, LLaVA's
// phases (alignment, instruction tuning), the compression schedule, optimiser
// settings. The resolved form is written into the run directory.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "training/distributed.h"
#include "training/schedule.h"

namespace llavolta::training {

struct PhaseConfig {
  std::string name = "instruct";
  std::string dataset;                     // LLaVA conversation JSON
  std::string imageFolder;                 // its images' folder; empty = the run's image_folder
  std::string promptTemplate = "vicuna_v1";  // or "plain" (alignment on captions)
  std::vector<std::string> trainable{"projector", "llm"};  // of: vision, projector, llm
  int64_t steps = 100;
  double learningRate = 2e-4;
  // The vision tower's own learning rate when it is trainable (a pretrained tower usually wants
  // a much lower one than the LLM); 0 = learning_rate. Follows the same warm-up and decay.
  double visionLearningRate = 0;
  bool compression = true;  // the schedule applies in this phase
  // An auxiliary loss that teaches the LLM what each visual token shows: at every visual
  // position the language-model head is also trained toward the words of the object under
  // that patch (`llavolta data shapes --patch-words`, format in training/patch_words.h),
  // weighted by patchWordWeight against the answer loss. Applied at steps whose scheme keeps
  // all visual tokens to the last layer; a compressed step trains on the answers only.
  std::string patchWords;  // patch_words.json; empty = none
  double patchWordWeight = 0;
  // Attention grounding: at decoder layer groundingLayer, the attention of the token that
  // predicts each answer is trained toward the patches of the objects its question is about
  // (dataset "subjects" with the patch ownership of patch_words.json): the loss is
  // -log(share of the visual attention on those patches), for the head that puts the most
  // there, weighted by groundingWeight. Applied where that layer sees every visual token.
  double groundingWeight = 0;
  int64_t groundingLayer = 1;
  // Next-token loss on the prompt's text too (system prompt, questions, the template's words;
  // never the visual tokens), averaged over those tokens and weighted by promptLossWeight against
  // the answer loss. LLaVA trains on answers only, because its LLM already knows language; an
  // LLM trained from scratch gets many more targets per sample this way. 0 = answers only.
  double promptLossWeight = 0;
  // This phase's own schedule instead of the run's (e.g. heavy pooling while the vision tower
  // learns from captions, then the run's schedule for instruction tuning).
  std::optional<Schedule> schedule;
};

// Evaluation during training on a LLaVA question file (e.g. a Shapes-VQA test split).
struct PeriodicEval {
  std::string questions;  // empty = no periodic evaluation
  int64_t every = 0;      // steps; 0 = only at the end of training
  int64_t limit = 100;    // questions per evaluation (0 = all)
};

struct RunConfig {
  std::string outputDir;
  // Start from a model directory, or build a random one from a config.json plus a tokenizer.model.
  std::string initModel;
  std::string modelConfig;
  std::string tokenizer;
  uint64_t initSeed = 0;
  // A pretrained CLIP vision checkpoint (e.g. from `llavolta pretrain-vision`) for the new
  // model's tower, as LLaVA starts from CLIP: its config.json replaces the model config's
  // vision_config and its weights replace the random tower. Only with "config".
  std::string visionTower;
  std::string imageFolder;
  std::vector<PhaseConfig> phases;
  Schedule schedule;
  int64_t batchSize = 8;
  int64_t gradientAccumulation = 1;
  int64_t maxSequenceLength = 512;
  double weightDecay = 0.0;
  double warmupRatio = 0.03;
  double maxGradNorm = 1.0;
  uint64_t seed = 0;
  int64_t checkpointEvery = 100;  // steps; 0 = only at phase ends
  int64_t keepCheckpoints = 2;
  std::string autocast = "none";  // "bf16" runs the model in bfloat16 on the CPU
  std::string device = "cpu";     // or "cuda" / "cuda:N" when LibTorch has CUDA
  int threads = 0;
  // Dataset image paths must stay inside their image folder unless this is set.
  bool allowOutsideImages = false;
  // Decode every dataset image before the first step and report all that fail at once
  // (otherwise a broken image is found when it is first sampled).
  bool checkImages = false;
  PeriodicEval eval;
  // Data parallelism (training/distributed.h): the backend and collective timeout. How many
  // processes and which one this is come from the environment (RANK, WORLD_SIZE, ...).
  DistributedOptions distributed;

  // Relative paths resolve against `baseDir` (the config file's folder).
  static RunConfig fromJson(const nlohmann::json& j, const std::string& source, const std::string& baseDir = ".");
  static RunConfig fromFile(const std::string& path);
  nlohmann::json toJson() const;
  int64_t totalSteps() const;
};

}  // namespace llavolta::training
