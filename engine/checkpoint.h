#pragma once
// Loading and saving LLaVA checkpoints: Hugging Face safetensors (single or
// sharded) + config.json, in any of the three tensor-name layouts of docs/architecture.md.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "engine/config.h"
#include "engine/llava_model.h"

namespace llavolta::engine {

class Tokenizer;
class SafetensorsArchive;

struct LoadOptions {
  torch::Device device = torch::kCPU;
  torch::Dtype dtype = torch::kFloat32;
  // Original LLaVA checkpoints keep the CLIP tower apart; point at that checkpoint
  // here when the model directory holds no tower weights (nor a vision_tower/ folder).
  std::string visionTowerDir;
  // (tensors loaded, tensors total); return false to cancel.
  std::function<bool(int64_t, int64_t)> onProgress;
  // false: check the config against the tensors' names and shapes and build the model, but read
  // no weights (its parameters stay uninitialised address space). What `inspect` needs, in
  // seconds and megabytes for a 7B checkpoint.
  bool readWeights = true;
};

struct LoadedModel {
  LlavaModel model{nullptr};
  ModelConfig config;
  CheckpointLayout layout = CheckpointLayout::LlavaHf;
  std::shared_ptr<const Tokenizer> tokenizer;
  std::string directory;
  std::string checkpointDtype;  // dominant dtype in the files, e.g. "F16"
  int64_t visionParameters = 0, projectorParameters = 0, languageParameters = 0;
};

// Maps a checkpoint tensor name to the model's (llava-hf) name; "" = ignore.
std::string canonicalTensorName(const std::string& name, CheckpointLayout layout);
CheckpointLayout detectLayout(const std::vector<std::string>& tensorNames);

// Reads config.json, tokenizer.model and the weights from a model directory.
LoadedModel loadModel(const std::string& directory, const LoadOptions& options = {});
// Copies the archive's tensors into the model; every problem is an EngineError
// naming the tensor (missing, wrong shape).
void loadWeights(LlavaModelImpl& model, const std::vector<const SafetensorsArchive*>& archives,
                 CheckpointLayout layout, const std::function<bool(int64_t, int64_t)>& onProgress = {});

// Replaces the model's vision tower with a CLIP vision checkpoint's weights (a directory with
// safetensors under vision_model.*, or CLIP's full layout); EngineError naming the tensor when one
// is missing or has another shape than the model's config.
void loadVisionTower(LlavaModelImpl& model, const std::string& directory);

struct SaveOptions {
  torch::Dtype dtype = torch::kFloat32;
  uint64_t maxShardBytes = 0;  // 0 = one model.safetensors
  CheckpointLayout layout = CheckpointLayout::LlavaHf;
};
// Writes model.safetensors (or shards) + config.json in `directory`.
void saveModel(LlavaModelImpl& model, const ModelConfig& config, const std::string& directory,
               const SaveOptions& options = {});
// The model's tensors under a layout's names (for the original layout, the vision
// tower is returned separately under CLIP's own names in `visionTower`).
std::vector<std::pair<std::string, torch::Tensor>> namedTensorsForLayout(
    LlavaModelImpl& model, CheckpointLayout layout,
    std::vector<std::pair<std::string, torch::Tensor>>* visionTower = nullptr);

// Initialises a freshly built model the way transformers does for random models:
// normal(0, 0.02) weights, zero biases, unit norm scales.
void initRandom(LlavaModelImpl& model, uint64_t seed);

// initRandom + saveModel without holding the model: the tensors are drawn and written one at a
// time, in the parameters' order, so the files hold the same values initRandom gives for this
// seed while memory holds one tensor (a 7B model is written in about 0.5 GB, not 28).
void writeRandomModel(const ModelConfig& config, const std::string& directory, uint64_t seed,
                      const SaveOptions& options = {});

}  // namespace llavolta::engine
