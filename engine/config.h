#pragma once
// Model configuration read from a Hugging Face config.json. Sparse configs are
// completed with the transformers class defaults (CLIPVisionConfig, LlamaConfig,
// LlavaConfig), so the configs that real checkpoints ship load as they are.
#include <array>
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace llavolta::engine {

// Bounds every config.json size must keep (ModelConfig::validate): far above any released
// LLaVA, so they only catch corrupt values before they become allocations.
constexpr int64_t kMaxConfigVocab = 4'000'000;
constexpr int64_t kMaxConfigWidth = 65'536;  // hidden sizes; intermediate sizes up to 4x
constexpr int64_t kMaxConfigLayers = 1'024;
constexpr int64_t kMaxConfigHeads = 1'024;
constexpr int64_t kMaxConfigPositions = 1 << 24;
constexpr int64_t kMaxConfigImageSize = 4'096;

struct VisionConfig {
  int64_t hiddenSize = 768;
  int64_t intermediateSize = 3072;
  int64_t numLayers = 12;
  int64_t numHeads = 12;
  int64_t numChannels = 3;
  int64_t imageSize = 224;
  int64_t patchSize = 32;
  double layerNormEps = 1e-5;
  std::string hiddenAct = "quick_gelu";
  int64_t numPatches() const { return (imageSize / patchSize) * (imageSize / patchSize); }
  int64_t gridSide() const { return imageSize / patchSize; }
};

struct TextConfig {
  int64_t vocabSize = 32000;
  int64_t hiddenSize = 4096;
  int64_t intermediateSize = 11008;
  int64_t numLayers = 32;
  int64_t numHeads = 32;
  int64_t numKeyValueHeads = 32;
  int64_t maxPositionEmbeddings = 2048;
  double rmsNormEps = 1e-6;
  double ropeTheta = 10000.0;
  std::string hiddenAct = "silu";
  bool tieWordEmbeddings = false;
  int64_t bosTokenId = 1;
  int64_t eosTokenId = 2;
  int64_t headDim() const { return hiddenSize / numHeads; }
};

// Where the checkpoint's tensor names come from; detected from config and tensor names.
enum class CheckpointLayout { LlavaHf, Transformers, OriginalLlava };
std::string layoutName(CheckpointLayout layout);

struct ModelConfig {
  VisionConfig vision;
  TextConfig text;
  int64_t imageTokenIndex = 32000;
  int visionFeatureLayer = -2;        // hidden_states index; -2 = penultimate layer
  std::string selectStrategy = "default";  // "default" drops CLS, "full" keeps it
  std::string projectorType = "mlp2x_gelu";
  std::string imageAspectRatio = "pad";
  std::array<float, 3> imageMean{0.48145466f, 0.4578275f, 0.40821073f};
  std::array<float, 3> imageStd{0.26862954f, 0.26130258f, 0.27577711f};
  bool originalLlavaConfig = false;   // config.json came from the LLaVA repo (mm_* keys)
  std::string visionTowerName;        // mm_vision_tower of original configs

  // Visual tokens the projector hands to the LLM for one image.
  int64_t numVisualTokens() const {
    return vision.numPatches() + (selectStrategy == "full" ? 1 : 0);
  }
  // Vision-tower layers that must run to reach vision_feature_layer.
  int64_t visionLayersRun() const;

  static ModelConfig fromJson(const nlohmann::json& j, const std::string& source);
  static ModelConfig fromFile(const std::string& path);
  // The llava-hf config.json this project writes for its own checkpoints.
  nlohmann::json toJson() const;
  void validate(const std::string& source) const;
};

VisionConfig visionConfigFromJson(const nlohmann::json& j, const std::string& source);

}  // namespace llavolta::engine
