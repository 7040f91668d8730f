#pragma once
// LLaVA-1.5: CLIP tower -> projector -> visual tokens spliced into the LLaMA
// prompt where the image sentinel stands, with a compression scheme acting on
// the visual span inside the decoder. Parameter names are llava-hf's.
#include <atomic>
#include <map>
#include <vector>

#include <torch/torch.h>

#include "engine/compression.h"
#include "engine/config.h"
#include "engine/decoder.h"
#include "engine/kv_cache.h"
#include "engine/projector.h"
#include "engine/vision_tower.h"

namespace llavolta::engine {

struct PrefillOptions {
  bool allLogits = false;        // logits at every (compressed) position, else the last only
  std::vector<int> traceLayers;  // layers whose last-token attention over the visual tokens is kept
  // The vision tower's [CLS] attention over the visual tokens [B, L] (encodeImages'
  // clsAttention), for schemes with needsVisionAttention() such as visionzip.
  torch::Tensor imageClsAttention;
  // Checked before each decoder layer: when it is set the prefill stops there and returns
  // with `cancelled` (no logits), so a long prompt can be interrupted mid-prefill.
  const std::atomic<bool>* stop = nullptr;
  // Per head and with autograd, the attention of one query per sample at chosen layers (a
  // training loss on where the model looks): layer -> per sample the query's distance from the
  // end of its prompt (0 = its last token; the distance survives compression of the visual span,
  // which lies before it). PrefillOutput::queryAttention holds the result.
  std::map<int, std::vector<int64_t>> queryAttention;
};

// The attention PrefillOptions::queryAttention asked for at one layer.
struct LayerQueryAttention {
  torch::Tensor probs;  // [B, heads, Tk] float32, keys as laid out at that layer
  std::vector<int64_t> spanStart;  // the visual span at that layer, per sample
  int64_t spanLength = 0;
  std::vector<TokenGroups> groups;  // which patches each of its visual tokens stands for
};

// What compression did in one forward pass, for the compression view and the stats.
struct CompressionTrace {
  std::vector<int64_t> visualTokensPerLayer;  // measured span length at each decoder layer
  // Token groups per sample, keyed by the first layer from which they hold
  // (-1 = before the LLM, i.e. the input to layer 0).
  std::map<int, std::vector<TokenGroups>> groupsFrom;
  // Last prompt token's attention over the visual tokens present at the layer,
  // head-averaged: layer -> [B, L_layer] float32 on CPU.
  std::map<int, torch::Tensor> attention;
  const std::vector<TokenGroups>& groupsAt(int layer) const;
};

struct PrefillOutput {
  torch::Tensor logits;  // float32: [B, V], or [B, T', V] with allLogits; undefined when cancelled
  bool cancelled = false;  // options.stop was set before the last layer ran
  CompressionTrace trace;
  int64_t promptTokens = 0;  // longest prompt, uncompressed (visual tokens included)
  // Where the visual span sits in the final (compressed, left-padded) sequence,
  // so a trainer can lay the text labels over the logits: text keeps its order.
  std::vector<int64_t> spanStart;
  int64_t spanLength = 0;
  int64_t padding(int64_t sample) const { return paddingPerSample.at(sample); }
  std::vector<int64_t> paddingPerSample;
  std::map<int, LayerQueryAttention> queryAttention;  // PrefillOptions::queryAttention's layers
};

class LlavaModelImpl : public torch::nn::Module {
 public:
  LlavaModelImpl(const ModelConfig& config, ModuleOptions options = {});
  const ModelConfig& config() const { return config_; }

  // pixels [B, 3, S, S] -> projected visual tokens [B, L, text hidden]. clsAttention,
  // when given, receives the tower's head-averaged [CLS] attention [B, L] at the
  // feature layer (outputs are the same either way).
  // With trainTower false the tower runs without autograd (a frozen tower in training) while
  // the projector keeps its graph; clsAttention is then detached as well.
  torch::Tensor encodeImages(const torch::Tensor& pixels, torch::Tensor* clsAttention = nullptr, bool trainTower = true);
  // ids: one token list per sample, each with at most one kImageSentinel where the
  // image's visual tokens go (one image per sample; imageFeatures [B, L, D]).
  PrefillOutput prefill(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                        const CompressionScheme& scheme, KVCache* cache, const PrefillOptions& options = {});
  // The same pass with autograd enabled (for training): no cache, all logits.
  PrefillOutput forward(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                        const CompressionScheme& scheme, const PrefillOptions& options = {});
  // One new token per sample [B] -> logits [B, V] (float32), extending the cache.
  torch::Tensor decodeStep(const torch::Tensor& tokens, KVCache& cache);

  torch::Device device() const;
  torch::Dtype dtype() const;

  ClipVisionTower vision_tower{nullptr};
  Projector multi_modal_projector{nullptr};
  LlamaForCausalLM language_model{nullptr};

 private:
  torch::Tensor logitsFrom(const torch::Tensor& hidden);
  PrefillOutput run(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                    const CompressionScheme& scheme, KVCache* cache, const PrefillOptions& options);
  ModelConfig config_;
};
TORCH_MODULE(LlavaModel);

// Converts llava-hf prompts (image_token_index repeated L times) to the sentinel form.
std::vector<int64_t> collapseImageTokens(const std::vector<int64_t>& ids, int64_t imageTokenIndex,
                                         int64_t visualTokens);

}  // namespace llavolta::engine
