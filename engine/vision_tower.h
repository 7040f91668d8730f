#pragma once
// CLIP ViT vision tower as LLaVA uses it: class token + 577 (for 336/14) learned
// positions, pre-layernorm, quick_gelu MLPs; LLaVA reads hidden_states[feature layer]
// (the penultimate layer by default) and drops the CLS token.
#include <torch/torch.h>

#include "engine/config.h"
#include "engine/layers.h"

namespace llavolta::engine {

class ClipAttentionImpl : public torch::nn::Module {
 public:
  ClipAttentionImpl(const VisionConfig& c, ModuleOptions o);
  // attnToCls: when not null, receives the CLS query's attention over all tokens [B, heads, T].
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* clsAttention = nullptr);
  Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, out_proj{nullptr};

 private:
  int64_t heads_, headDim_;
};
TORCH_MODULE(ClipAttention);

class ClipMlpImpl : public torch::nn::Module {
 public:
  ClipMlpImpl(const VisionConfig& c, ModuleOptions o);
  torch::Tensor forward(const torch::Tensor& x);
  Linear fc1{nullptr}, fc2{nullptr};

 private:
  bool quickGelu_;
};
TORCH_MODULE(ClipMlp);

class ClipEncoderLayerImpl : public torch::nn::Module {
 public:
  ClipEncoderLayerImpl(const VisionConfig& c, ModuleOptions o);
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor* clsAttention = nullptr);
  ClipAttention self_attn{nullptr};
  LayerNorm layer_norm1{nullptr}, layer_norm2{nullptr};
  ClipMlp mlp{nullptr};
};
TORCH_MODULE(ClipEncoderLayer);

class ClipEncoderImpl : public torch::nn::Module {
 public:
  ClipEncoderImpl(const VisionConfig& c, ModuleOptions o);
  torch::nn::ModuleList layers{nullptr};
};
TORCH_MODULE(ClipEncoder);

class ClipEmbeddingsImpl : public torch::nn::Module {
 public:
  ClipEmbeddingsImpl(const VisionConfig& c, ModuleOptions o);
  torch::Tensor forward(const torch::Tensor& pixels);
  torch::Tensor class_embedding;
  torch::Tensor patch_weight;  // registered as patch_embedding.weight
  Embedding position_embedding{nullptr};

 private:
  int64_t patch_;
};
TORCH_MODULE(ClipEmbeddings);

class ClipVisionTransformerImpl : public torch::nn::Module {
 public:
  ClipVisionTransformerImpl(const VisionConfig& c, ModuleOptions o);
  ClipEmbeddings embeddings{nullptr};
  LayerNorm pre_layrnorm{nullptr};  // sic: the checkpoint's own name
  ClipEncoder encoder{nullptr};
  LayerNorm post_layernorm{nullptr};
};
TORCH_MODULE(ClipVisionTransformer);

struct VisionOutput {
  torch::Tensor features;      // [B, tokens, D] hidden_states[feature layer], CLS dropped for "default"
  torch::Tensor clsAttention;  // [B, tokens] CLS attention over `features`' tokens at the feature layer (head-averaged), if asked
};

class ClipVisionTowerImpl : public torch::nn::Module {
 public:
  ClipVisionTowerImpl(const ModelConfig& c, ModuleOptions o);
  // pixels: [B, 3, S, S] in the tower's dtype.
  VisionOutput forward(const torch::Tensor& pixels, bool wantClsAttention = false);
  ClipVisionTransformer vision_model{nullptr};

 private:
  int64_t layersRun_;
  bool dropCls_;
};
TORCH_MODULE(ClipVisionTower);

}  // namespace llavolta::engine
