#pragma once
// The LLaMA/Vicuna decoder: RMSNorm, rotary embeddings in the Hugging Face
// split-halves convention (rotate_half), SwiGLU MLP, grouped-query attention.
// Module and parameter names follow transformers' LlamaForCausalLM.
#include <torch/torch.h>

#include "engine/config.h"
#include "engine/kv_cache.h"
#include "engine/layers.h"

namespace llavolta::engine {

// cos/sin tables [B, 1, T, headDim] for integer positions [B, T].
struct Rotary {
  torch::Tensor cos, sin;
};
Rotary rotaryFor(const torch::Tensor& positions, int64_t headDim, double theta, torch::Dtype dtype);

// Additive attention bias [B, 1, Tq, Tk] (0 or -1e9, in `dtype`: the compute dtype, so adding it
// to the scores converts nothing) for queries that follow `Tk - Tq` cached keys: causal, padding
// keys masked. A query always sees itself, so rows of padding never become all-masked (which
// would turn into NaNs). Being causal, query i never sees a key after `Tk - Tq + i`; inference
// attention relies on that to skip the masked upper triangle.
torch::Tensor attentionBias(const torch::Tensor& validKeys, int64_t queries, torch::Dtype dtype = torch::kFloat32);

// One query per sample whose attention a caller wants, per head and with autograd (a training
// loss on where the model looks): index [B] int64, the query's position in the sequence; the
// layer fills probs [B, heads, Tk] float32.
struct QueryAttention {
  torch::Tensor index;
  torch::Tensor probs;
};

class LlamaAttentionImpl : public torch::nn::Module {
 public:
  LlamaAttentionImpl(const TextConfig& c, ModuleOptions o);
  // cache: appended to (keys/values after rotary). lastQueryAttention: when not
  // null, receives the last query's attention over all keys, head-averaged [B, Tk].
  torch::Tensor forward(const torch::Tensor& x, const Rotary& rope, const torch::Tensor& bias,
                        LayerCache* cache, torch::Tensor* lastQueryAttention = nullptr,
                        QueryAttention* query = nullptr);
  Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

 private:
  int64_t heads_, kvHeads_, headDim_;
};
TORCH_MODULE(LlamaAttention);

class LlamaMlpImpl : public torch::nn::Module {
 public:
  LlamaMlpImpl(const TextConfig& c, ModuleOptions o);
  torch::Tensor forward(const torch::Tensor& x);
  Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(LlamaMlp);

class LlamaDecoderLayerImpl : public torch::nn::Module {
 public:
  LlamaDecoderLayerImpl(const TextConfig& c, ModuleOptions o);
  torch::Tensor forward(const torch::Tensor& x, const Rotary& rope, const torch::Tensor& bias,
                        LayerCache* cache, torch::Tensor* lastQueryAttention = nullptr,
                        QueryAttention* query = nullptr);
  LlamaAttention self_attn{nullptr};
  LlamaMlp mlp{nullptr};
  RMSNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

class LlamaModelImpl : public torch::nn::Module {
 public:
  LlamaModelImpl(const TextConfig& c, ModuleOptions o);
  LlamaDecoderLayerImpl& layer(int64_t i) { return layers->at<LlamaDecoderLayerImpl>(i); }
  Embedding embed_tokens{nullptr};
  torch::nn::ModuleList layers{nullptr};
  RMSNorm norm{nullptr};
};
TORCH_MODULE(LlamaModel);

class LlamaForCausalLMImpl : public torch::nn::Module {
 public:
  LlamaForCausalLMImpl(const TextConfig& c, ModuleOptions o);
  // Final-normed hidden states -> logits: lm_head, or embed_tokens' weight when tied.
  torch::Tensor logits(const torch::Tensor& hidden);
  // The output projection [V, D]: lm_head's weight, or the one shared embedding tensor.
  const torch::Tensor& outputWeight() const;
  LlamaModel model{nullptr};
  // Null with tie_word_embeddings: transformers then shares one tensor between the input
  // embedding and the output projection, so there is no separate parameter to load,
  // train or save.
  Linear lm_head{nullptr};
};
TORCH_MODULE(LlamaForCausalLM);

}  // namespace llavolta::engine
