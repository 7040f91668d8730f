#include "engine/config.h"

#include <cmath>
#include <limits>
#include <regex>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "engine/json_file.h"

namespace llavolta::engine {
namespace {

using nlohmann::json;

TextConfig textConfigFromJson(const json& j, const std::string& source) {
  TextConfig t;
  readJsonKey(j, "vocab_size", t.vocabSize, source);
  readJsonKey(j, "hidden_size", t.hiddenSize, source);
  readJsonKey(j, "intermediate_size", t.intermediateSize, source);
  readJsonKey(j, "num_hidden_layers", t.numLayers, source);
  readJsonKey(j, "num_attention_heads", t.numHeads, source);
  t.numKeyValueHeads = t.numHeads;  // LlamaConfig: defaults to num_attention_heads
  readJsonKey(j, "num_key_value_heads", t.numKeyValueHeads, source);
  readJsonKey(j, "max_position_embeddings", t.maxPositionEmbeddings, source);
  readJsonKey(j, "rms_norm_eps", t.rmsNormEps, source);
  readJsonKey(j, "rope_theta", t.ropeTheta, source);
  readJsonKey(j, "hidden_act", t.hiddenAct, source);
  readJsonKey(j, "tie_word_embeddings", t.tieWordEmbeddings, source);
  readJsonKey(j, "bos_token_id", t.bosTokenId, source);
  readJsonKey(j, "eos_token_id", t.eosTokenId, source);
  return t;
}

// LlavaConfig's vision default when vision_config is absent: CLIP ViT-L/14-336.
VisionConfig clipL14_336() {
  VisionConfig v;
  v.hiddenSize = 1024;
  v.intermediateSize = 4096;
  v.numLayers = 24;
  v.numHeads = 16;
  v.imageSize = 336;
  v.patchSize = 14;
  return v;
}

// Original LLaVA configs only name the tower ("openai/clip-vit-large-patch14-336");
// the well-known CLIP towers are recognised from that name.
// Returns false when the name is not one of them (a local path, say): the tower's
// own config.json then supplies the sizes when the weights are loaded.
bool visionFromTowerName(const std::string& name, VisionConfig& v) {
  v = clipL14_336();
  std::smatch m;
  if (std::regex_search(name, m, std::regex("clip-vit-(base|large)-patch(\\d+)(?:-(\\d+))?"))) {
    if (m[1] == "base") {
      v.hiddenSize = 768;
      v.intermediateSize = 3072;
      v.numLayers = 12;
      v.numHeads = 12;
    }
    v.patchSize = std::stoi(m[2]);
    v.imageSize = m[3].matched ? std::stoi(m[3]) : 224;
    return true;
  }
  return false;
}

std::string jsonNumber(double v) { return json(v).dump(); }

}  // namespace

VisionConfig visionConfigFromJson(const json& jin, const std::string& source) {
  // A full CLIPConfig nests the tower under vision_config.
  const json& j = jin.contains("vision_config") && jin.at("vision_config").is_object()
                      ? jin.at("vision_config")
                      : jin;
  VisionConfig v;
  readJsonKey(j, "hidden_size", v.hiddenSize, source);
  readJsonKey(j, "intermediate_size", v.intermediateSize, source);
  readJsonKey(j, "num_hidden_layers", v.numLayers, source);
  readJsonKey(j, "num_attention_heads", v.numHeads, source);
  readJsonKey(j, "num_channels", v.numChannels, source);
  readJsonKey(j, "image_size", v.imageSize, source);
  readJsonKey(j, "patch_size", v.patchSize, source);
  readJsonKey(j, "layer_norm_eps", v.layerNormEps, source);
  readJsonKey(j, "hidden_act", v.hiddenAct, source);
  return v;
}

std::string layoutName(CheckpointLayout layout) {
  switch (layout) {
    case CheckpointLayout::LlavaHf: return "llava-hf";
    case CheckpointLayout::Transformers: return "transformers";
    case CheckpointLayout::OriginalLlava: return "original-llava";
  }
  return "unknown";
}

int64_t ModelConfig::visionLayersRun() const {
  const int64_t idx = visionFeatureLayer < 0 ? vision.numLayers + 1 + visionFeatureLayer
                                             : visionFeatureLayer;
  return idx;
}

ModelConfig ModelConfig::fromJson(const json& j, const std::string& source) try {
  if (!j.is_object()) throw EngineError(source + ": expected a JSON object");
  ModelConfig c;
  // A sub-config that is not an object would otherwise be silently replaced by defaults.
  for (const char* key : {"text_config", "vision_config"}) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null() && !it->is_object())
      throw EngineError(source + ": field \"" + key + "\" has the wrong type (" + std::string(it->type_name()) +
                        ", expected an object)");
  }
  const bool hasText = j.contains("text_config") && j.at("text_config").is_object();
  const bool hasVision = j.contains("vision_config") && j.at("vision_config").is_object();
  const bool original = j.contains("mm_vision_tower") || j.contains("mm_projector_type") ||
                        j.contains("mm_hidden_size");
  std::string modelType;
  readJsonKey(j, "model_type", modelType, source);
  if (hasText || hasVision || (!original && modelType == "llava")) {
    // llava-hf / transformers LlavaConfig.
    c.text = hasText ? textConfigFromJson(j.at("text_config"), source + " text_config") : TextConfig{};
    c.vision = hasVision ? visionConfigFromJson(j.at("vision_config"), source + " vision_config")
                         : clipL14_336();
    readJsonKey(j, "image_token_index", c.imageTokenIndex, source);
    readJsonKey(j, "image_token_id", c.imageTokenIndex, source);
    readJsonKey(j, "vision_feature_layer", c.visionFeatureLayer, source);
    readJsonKey(j, "vision_feature_select_strategy", c.selectStrategy, source);
    std::string act = "gelu";
    readJsonKey(j, "projector_hidden_act", act, source);
    if (act != "gelu") throw EngineError(source + ": projector_hidden_act \"" + act + "\" is not supported (expected \"gelu\")");
    // vocab_size at the top level of older llava-hf configs wins over text_config's.
    if (!hasText || !j.at("text_config").contains("vocab_size")) readJsonKey(j, "vocab_size", c.text.vocabSize, source);
  } else if (original) {
    c.originalLlavaConfig = true;
    c.text = textConfigFromJson(j, source);
    readJsonKey(j, "mm_vision_tower", c.visionTowerName, source);
    const bool known = visionFromTowerName(c.visionTowerName, c.vision);
    int64_t mmHidden = c.vision.hiddenSize;
    readJsonKey(j, "mm_hidden_size", mmHidden, source);
    if (!known) {
      c.vision.hiddenSize = mmHidden;
      if (mmHidden % c.vision.numHeads != 0) c.vision.numHeads = 1;
    } else if (mmHidden != c.vision.hiddenSize) {
      throw EngineError(source + ": mm_hidden_size " + std::to_string(mmHidden) +
                        " does not match the vision tower \"" + c.visionTowerName +
                        "\" (hidden size " + std::to_string(c.vision.hiddenSize) + ")");
    }
    readJsonKey(j, "mm_vision_select_layer", c.visionFeatureLayer, source);
    std::string feature = "patch";
    readJsonKey(j, "mm_vision_select_feature", feature, source);
    c.selectStrategy = feature == "cls_patch" ? "full" : "default";
    readJsonKey(j, "mm_projector_type", c.projectorType, source);
    readJsonKey(j, "image_aspect_ratio", c.imageAspectRatio, source);
    c.imageTokenIndex = -200;
  } else {
    // A plain LlamaConfig: treat as LLaVA text part with the default tower.
    c.text = textConfigFromJson(j, source);
    c.vision = clipL14_336();
  }
  if (j.contains("llavolta") && j.at("llavolta").is_object()) {
    const json& l = j.at("llavolta");
    readJsonKey(l, "image_aspect_ratio", c.imageAspectRatio, source);
    readJsonKey(l, "image_mean", c.imageMean, source + " llavolta");
    readJsonKey(l, "image_std", c.imageStd, source + " llavolta");
  }
  c.validate(source);
  return c;
} catch (const nlohmann::json::exception& e) {
  // A value of the wrong JSON type deep inside (read with get<> or value()) ends here as one
  // clean error naming the file, never as an exception of the JSON library.
  throw EngineError(source + ": " + e.what());
}

ModelConfig ModelConfig::fromFile(const std::string& path) {
  return fromJson(readJsonFile(path, "config file"), path);
}

void ModelConfig::validate(const std::string& source) const {
  // Each size between 1 and a bound far above any released LLaVA (7B: hidden 4096, 32 layers,
  // vocab 32064; the largest open LLMs stay well inside), so a corrupt value such as
  // num_hidden_layers 1e9 is refused here, before anything is allocated for it.
  auto bounded = [&](int64_t v, int64_t max, const char* what) {
    if (v <= 0 || v > max)
      throw EngineError(source + ": " + what + " must be positive and at most " + std::to_string(max) + ", found " +
                        std::to_string(v));
  };
  bounded(text.vocabSize, kMaxConfigVocab, "text vocab_size");
  bounded(text.hiddenSize, kMaxConfigWidth, "text hidden_size");
  bounded(text.intermediateSize, 4 * kMaxConfigWidth, "text intermediate_size");
  bounded(text.numLayers, kMaxConfigLayers, "text num_hidden_layers");
  bounded(text.numHeads, kMaxConfigHeads, "text num_attention_heads");
  bounded(text.numKeyValueHeads, kMaxConfigHeads, "text num_key_value_heads");
  bounded(text.maxPositionEmbeddings, kMaxConfigPositions, "text max_position_embeddings");
  bounded(vision.hiddenSize, kMaxConfigWidth, "vision hidden_size");
  bounded(vision.intermediateSize, 4 * kMaxConfigWidth, "vision intermediate_size");
  bounded(vision.numLayers, kMaxConfigLayers, "vision num_hidden_layers");
  bounded(vision.numHeads, kMaxConfigHeads, "vision num_attention_heads");
  bounded(vision.numChannels, 4, "vision num_channels");
  bounded(vision.imageSize, kMaxConfigImageSize, "vision image_size");
  bounded(vision.patchSize, vision.imageSize, "vision patch_size");
  auto positiveReal = [&](double v, double max, const char* what) {
    if (!(std::isfinite(v) && v > 0 && v <= max))
      throw EngineError(source + ": " + what + " must be a positive number up to " + jsonNumber(max) + ", found " +
                        jsonNumber(v));
  };
  positiveReal(text.ropeTheta, 1e12, "text rope_theta");
  positiveReal(text.rmsNormEps, 1.0, "text rms_norm_eps");
  positiveReal(vision.layerNormEps, 1.0, "vision layer_norm_eps");
  auto tokenId = [&](int64_t id, const char* what) {
    if (id < 0 || id >= text.vocabSize)
      throw EngineError(source + ": " + what + " " + std::to_string(id) + " is outside the vocabulary (0.." +
                        std::to_string(text.vocabSize - 1) + ")");
  };
  tokenId(text.bosTokenId, "bos_token_id");
  tokenId(text.eosTokenId, "eos_token_id");
  // Original LLaVA marks the image with -200; llava-hf's placeholder is a non-negative id, which
  // transformers allows past the vocabulary (it swaps it out before the embedding). Sharing an
  // id with BOS or EOS would turn every real BOS/EOS into an image.
  if (!(originalLlavaConfig && imageTokenIndex == -200)) {
    if (imageTokenIndex < 0 || imageTokenIndex > std::numeric_limits<int32_t>::max())
      throw EngineError(source + ": image_token_index " + std::to_string(imageTokenIndex) +
                        " must be a non-negative token id");
    if (imageTokenIndex == text.bosTokenId || imageTokenIndex == text.eosTokenId)
      throw EngineError(source + ": image_token_index " + std::to_string(imageTokenIndex) +
                        " is also the BOS or EOS token id");
  }
  for (int c = 0; c < 3; ++c) {
    if (!(std::isfinite(imageStd[c]) && imageStd[c] > 0))
      throw EngineError(source + ": image_std must hold 3 positive numbers, channel " + std::to_string(c) + " is " +
                        jsonNumber(imageStd[c]));
    if (!std::isfinite(imageMean[c]))
      throw EngineError(source + ": image_mean must hold 3 finite numbers");
  }
  if (imageAspectRatio != "pad" && imageAspectRatio != "square" && imageAspectRatio != "")
    throw EngineError(source + ": image_aspect_ratio \"" + imageAspectRatio +
                      "\" is not supported (expected \"pad\", as LLaVA-1.5, or \"square\": resize and centre-crop)");
  if (text.hiddenSize % text.numHeads != 0)
    throw EngineError(source + ": text hidden_size " + std::to_string(text.hiddenSize) +
                      " is not divisible by num_attention_heads " + std::to_string(text.numHeads));
  if (text.numHeads % text.numKeyValueHeads != 0)
    throw EngineError(source + ": num_attention_heads " + std::to_string(text.numHeads) +
                      " is not a multiple of num_key_value_heads " + std::to_string(text.numKeyValueHeads));
  if (text.headDim() % 2 != 0) throw EngineError(source + ": rotary embeddings need an even head dimension");
  if (vision.hiddenSize % vision.numHeads != 0)
    throw EngineError(source + ": vision hidden_size is not divisible by its num_attention_heads");
  if (vision.imageSize % vision.patchSize != 0)
    throw EngineError(source + ": vision image_size " + std::to_string(vision.imageSize) +
                      " is not a multiple of patch_size " + std::to_string(vision.patchSize));
  const int64_t layer = visionLayersRun();
  if (layer < 1 || layer > vision.numLayers)
    throw EngineError(source + ": vision_feature_layer " + std::to_string(visionFeatureLayer) +
                      " is outside the tower's " + std::to_string(vision.numLayers) + " layers");
  if (selectStrategy != "default" && selectStrategy != "full")
    throw EngineError(source + ": vision_feature_select_strategy \"" + selectStrategy + "\" is not supported");
  if (projectorType != "mlp2x_gelu")
    throw EngineError(source + ": mm_projector_type \"" + projectorType + "\" is not supported (expected mlp2x_gelu)");
  if (text.hiddenAct != "silu") throw EngineError(source + ": text hidden_act \"" + text.hiddenAct + "\" is not supported (expected silu)");
  if (vision.hiddenAct != "quick_gelu" && vision.hiddenAct != "gelu")
    throw EngineError(source + ": vision hidden_act \"" + vision.hiddenAct + "\" is not supported");
}

json ModelConfig::toJson() const {
  json vj = {{"model_type", "clip_vision_model"},
             {"hidden_size", vision.hiddenSize},
             {"intermediate_size", vision.intermediateSize},
             {"num_hidden_layers", vision.numLayers},
             {"num_attention_heads", vision.numHeads},
             {"num_channels", vision.numChannels},
             {"image_size", vision.imageSize},
             {"patch_size", vision.patchSize},
             {"layer_norm_eps", vision.layerNormEps},
             {"hidden_act", vision.hiddenAct}};
  json tj = {{"model_type", "llama"},
             {"architectures", {"LlamaForCausalLM"}},
             {"vocab_size", text.vocabSize},
             {"hidden_size", text.hiddenSize},
             {"intermediate_size", text.intermediateSize},
             {"num_hidden_layers", text.numLayers},
             {"num_attention_heads", text.numHeads},
             {"num_key_value_heads", text.numKeyValueHeads},
             {"max_position_embeddings", text.maxPositionEmbeddings},
             {"rms_norm_eps", text.rmsNormEps},
             {"rope_theta", text.ropeTheta},
             {"hidden_act", text.hiddenAct},
             {"tie_word_embeddings", text.tieWordEmbeddings},
             {"bos_token_id", text.bosTokenId},
             {"eos_token_id", text.eosTokenId}};
  return json{{"architectures", {"LlavaForConditionalGeneration"}},
              {"model_type", "llava"},
              {"image_token_index", imageTokenIndex},
              {"projector_hidden_act", "gelu"},
              {"vision_feature_layer", visionFeatureLayer},
              {"vision_feature_select_strategy", selectStrategy},
              {"vocab_size", text.vocabSize},
              {"text_config", tj},
              {"vision_config", vj},
              {"llavolta", {{"image_aspect_ratio", imageAspectRatio},
                            {"image_mean", imageMean},
                            {"image_std", imageStd}}}};
}

}  // namespace llavolta::engine
