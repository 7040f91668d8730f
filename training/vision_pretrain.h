#pragma once
// Vision-tower pretraining: the first step of the LLaVA pipeline, which starts from a
// pretrained CLIP tower. Models cannot be downloaded here, so the project trains its own CLIP
// ViT on Shapes-VQA scenes, with targets read from the scene description the generator drew:
//   - per object: shape, colour, size and centre, from the tower's features averaged over the
//     patches the object covers (weighted by coverage);
//   - per label: the digit or letter, from the features averaged over the glyph's patches;
//   - per patch: which kind of shape (or background) covers it.
// Scenes are drawn on the fly (every step sees new images; sample i of the train split of
// data_seed), at the benchmark's image size and preprocessed like any image, so the tower sees
// exactly what it will see at test time. The output is a standard Hugging Face CLIP vision
// checkpoint (config.json with model_type clip_vision_model, safetensors under vision_model.*),
// loadable as a LLaVA vision tower (`--vision-tower DIR`, mm_vision_tower, or a run config's
// model.vision_tower).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace llavolta::training {

struct VisionPretrainConfig {
  std::string outputDir;  // the CLIP checkpoint lands here; checkpoints/ and metrics.jsonl beside it
  // A LLaVA config.json (its vision_config and vision_feature_layer) or a CLIP vision config.
  std::string modelConfig;
  uint64_t initSeed = 0;
  // Init of the position table: "normal" (std positionInitStd; 0.02 is transformers' default for
  // every weight) or "sincos" (2D sine-cosine features of the patch's row and column with RMS
  // positionInitStd, so attention can tell near from far from the first step).
  std::string positionInit = "normal";
  double positionInitStd = 0.02;
  // Patch embedding init: "normal" (std 0.02, transformers' default) or "dct": the lowest
  // frequencies of an orthonormal 2D DCT of the patch (per colour channel for the lowest few,
  // then of its luminance). Still a plain CLIP patch embedding, trained like the rest; a random
  // projection of a patch's pixels barely moved in training and left outlines unlearned
  // (docs/demo-model-training.md).
  std::string patchInit = "normal";
  // Scenes: the Shapes-VQA train generator.
  uint64_t dataSeed = 1;
  int renderSize = 336;  // drawn at this size (the benchmark's default), then resized by the preprocessor
  int maxShapes = 5;
  double labelProbability = 0.5;
  // Zoom augmentation (a random square crop, resized to the tower's size): shapes spread over
  // more patches, so the patch embedding can find outlines at all; a from-scratch ViT whose
  // objects span one or two patches learns colour, size and place but not shape (measured in
  // docs/demo-model-training.md). Each scene's zoom is uniform in [1, max], and max falls
  // linearly from maxZoom to 1 at zoomUntil of the steps, so training ends on whole scenes.
  double maxZoom = 1.0;
  double zoomUntil = 0.7;
  // Light backgrounds only for this fraction of the steps: every outline then has one polarity
  // (shape darker than background), which a linear patch embedding can pick up; both follow.
  double lightOnlyUntil = 0.0;
  // Optimiser: AdamW, linear warm-up then cosine decay to zero.
  int64_t steps = 1000;
  int64_t batchSize = 32;
  double learningRate = 1e-3;
  double warmupRatio = 0.05;
  double weightDecay = 0.05;
  double maxGradNorm = 1.0;
  // Loss weights of the object, label and per-patch terms.
  double objectWeight = 1.0;
  double labelWeight = 1.0;
  double patchWeight = 0.5;
  int64_t checkpointEvery = 500;  // steps; 0 = only at the end
  int64_t keepCheckpoints = 2;
  int threads = 0;
  std::string autocast = "none";  // "bf16" on the CPU
  std::string device = "cpu";
  // Held-out scenes (the train split of eval_seed) scored every eval_every steps and at the end.
  uint64_t evalSeed = 77;
  int evalImages = 256;
  int64_t evalEvery = 250;  // 0 = at the end only

  // Relative paths resolve against baseDir (the config file's folder). Throws EngineError
  // naming the field for a value out of range.
  static VisionPretrainConfig fromJson(const nlohmann::json& j, const std::string& source,
                                       const std::string& baseDir = ".");
  static VisionPretrainConfig fromFile(const std::string& path);
  nlohmann::json toJson() const;
};

struct VisionPretrainCallbacks {
  // One record per step ({"step","loss","lr","images_per_s",...}), as written to metrics.jsonl.
  std::function<void(const nlohmann::json& metric)> onMetric;
  // One record per evaluation (per-attribute accuracy on the held-out scenes), as in eval.jsonl.
  std::function<void(const nlohmann::json& result)> onEval;
  std::function<void(const std::string& message)> onLog;
};

struct VisionPretrainResult {
  int64_t steps = 0;
  bool stopped = false;       // ended by the stop flag; a checkpoint was written
  std::string towerDirectory;  // the CLIP checkpoint (outputDir) once finished
  nlohmann::json lastEval;
};

// Trains (or with resume, continues from the newest checkpoint in outputDir, giving the metrics
// an uninterrupted run would have). Atomic checkpoints; stop sets -> checkpoint and return.
VisionPretrainResult pretrainVision(const VisionPretrainConfig& config, bool resume,
                                    const std::atomic<bool>* stop = nullptr,
                                    const VisionPretrainCallbacks& callbacks = {});

}  // namespace llavolta::training
