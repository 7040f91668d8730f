#include "engine/decoder.h"

#include <algorithm>
#include <cmath>

#include <torch/version.h>

#include "engine/row_kernels.h"

namespace llavolta::engine {

Rotary rotaryFor(const torch::Tensor& positions, int64_t headDim, double theta, torch::Dtype dtype) {
  auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(positions.device());
  auto invFreq = torch::pow(theta, torch::arange(0, headDim, 2, opts) / static_cast<double>(headDim)).reciprocal();
  auto freqs = positions.to(torch::kFloat32).unsqueeze(-1) * invFreq;  // [B, T, hd/2]
  auto emb = torch::cat({freqs, freqs}, -1).unsqueeze(1);               // [B, 1, T, hd]
  return {emb.cos().to(dtype), emb.sin().to(dtype)};
}

torch::Tensor attentionBias(const torch::Tensor& validKeys, int64_t queries, torch::Dtype dtype) {
  const int64_t Tk = validKeys.size(1), past = Tk - queries;
  auto opts = torch::TensorOptions().dtype(torch::kLong).device(validKeys.device());
  auto q = torch::arange(past, Tk, opts).view({queries, 1});
  auto k = torch::arange(0, Tk, opts).view({1, Tk});
  auto allowed = (k <= q).unsqueeze(0) & validKeys.unsqueeze(1);  // [B, Tq, Tk]
  allowed = allowed | (k == q).unsqueeze(0);
  auto bias = torch::zeros(allowed.sizes(), validKeys.options().dtype(torch::kFloat32));
  bias.masked_fill_(allowed.logical_not(), -1e9);
  return bias.unsqueeze(1).to(dtype);
}

namespace {

torch::Tensor rotateHalf(const torch::Tensor& x) {
  const auto half = x.size(-1) / 2;
  return torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);
}

torch::Tensor repeatKv(const torch::Tensor& x, int64_t rep) {
  if (rep == 1) return x;
  const auto B = x.size(0), H = x.size(1), T = x.size(2), D = x.size(3);
  return x.unsqueeze(2).expand({B, H, rep, T, D}).reshape({B, H * rep, T, D});
}

}  // namespace

LlamaAttentionImpl::LlamaAttentionImpl(const TextConfig& c, ModuleOptions o)
    : heads_(c.numHeads), kvHeads_(c.numKeyValueHeads), headDim_(c.headDim()) {
  q_proj = register_module("q_proj", Linear(c.hiddenSize, heads_ * headDim_, false, o));
  k_proj = register_module("k_proj", Linear(c.hiddenSize, kvHeads_ * headDim_, false, o));
  v_proj = register_module("v_proj", Linear(c.hiddenSize, kvHeads_ * headDim_, false, o));
  o_proj = register_module("o_proj", Linear(heads_ * headDim_, c.hiddenSize, false, o));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const Rotary& rope, const torch::Tensor& bias,
                                          LayerCache* cache, torch::Tensor* lastQueryAttention, QueryAttention* query) {
  const bool keepProbs = lastQueryAttention || query;  // the explicit path below, fp32 probabilities
  const auto B = x.size(0), T = x.size(1);
  auto q = q_proj(x).view({B, T, heads_, headDim_});
  auto k = k_proj(x).view({B, T, kvHeads_, headDim_});
  auto v = v_proj(x).view({B, T, kvHeads_, headDim_}).transpose(1, 2);
  if (rowKernelsApply(q) && q.is_contiguous() && k.is_contiguous() && rope.cos.scalar_type() == q.scalar_type()) {
    applyRotaryRows(q, rope.cos, rope.sin);  // inference: in place, one pass (engine/row_kernels.h)
    applyRotaryRows(k, rope.cos, rope.sin);
    q = q.transpose(1, 2);
    k = k.transpose(1, 2);
  } else {
    q = q.transpose(1, 2);
    k = k.transpose(1, 2);
    q = q * rope.cos + rotateHalf(q) * rope.sin;
    k = k * rope.cos + rotateHalf(k) * rope.sin;
  }
  if (cache) std::tie(k, v) = cache->append(k, v);
  const double scale = 1.0 / std::sqrt(static_cast<double>(headDim_));
  if (T == 1 && !keepProbs && rowKernelsApply(q) && k.scalar_type() == q.scalar_type() &&
      bias.scalar_type() == q.scalar_type() && k.device().is_cpu()) {
    // A decode step: one pass over the cached keys and values per head, no copies of the cache
    // (engine/row_kernels.h).
    const auto out = decodeAttention(q * scale, k, v, bias);
    return o_proj(out.transpose(1, 2).reshape({B, T, heads_ * headDim_}));
  }
  k = repeatKv(k, heads_ / kvHeads_);
  v = repeatKv(v, heads_ / kvHeads_);
  torch::Tensor out;
#if TORCH_VERSION_MAJOR >= 2
  if (!keepProbs) {
    out = at::scaled_dot_product_attention(q, k, v, bias.to(q.scalar_type()));
  }
#endif
  if (!out.defined() && !keepProbs && !torch::GradMode::is_enabled()) {
    // Inference, in blocks of queries. The bias is causal, so a block ending at query b sees no
    // key after `past + b`: the masked upper triangle is never computed (about half of a long
    // prefill's scores). The scale goes into q (exact for power-of-two head sizes), the mask is
    // added in place and the softmax writes the compute dtype directly (LibTorch's CPU kernel
    // accumulates a bf16 row in fp32 and rounds once, as transformers' softmax(fp32).to(bf16)
    // does), and a block's scores stay in cache. Measured on the 576-token bench model's shapes
    // (16 heads x 64, 701 tokens, 1 thread): 18 -> 8.7 ms per layer in bf16, 50 -> 20 ms in fp32.
    // A decode step (one query) multiplies the keys by q rather than q by the transposed keys:
    // the keys are a view into the cache's larger buffer, and LibTorch 1.13 copied that view for
    // the transposed form (bf16, 16 heads x 64, 720 cached tokens: 280 -> 113 us a layer).
    constexpr int64_t kQueryBlock = 128;
    const int64_t past = k.size(2) - T;
    const auto qs = q * scale;
    out = torch::empty_like(qs);
    for (int64_t begin = 0; begin < T; begin += kQueryBlock) {
      const int64_t n = std::min(kQueryBlock, T - begin), keys = past + begin + n;
      const auto seen = k.narrow(2, 0, keys), query = qs.narrow(2, begin, n);
      auto scores = n == 1 ? torch::matmul(seen, query.transpose(-1, -2)).transpose(-1, -2)
                           : torch::matmul(query, seen.transpose(-1, -2));
      scores.add_(bias.narrow(2, begin, n).narrow(3, 0, keys));
      auto block = out.narrow(2, begin, n);
      torch::matmul_out(block, torch::softmax(scores, -1), v.narrow(2, 0, keys));
    }
  }
  if (!out.defined()) {  // training (autograd) and attention capture keep fp32 scores
    auto scores = torch::matmul(q, k.transpose(-1, -2)).to(torch::kFloat32) * scale;
    auto probs = torch::softmax(scores + bias, -1);
    if (lastQueryAttention) *lastQueryAttention = probs.select(2, T - 1).mean(1);  // [B, Tk]
    if (query) {
      const auto index = query->index.to(probs.device()).view({B, 1, 1, 1}).expand({B, probs.size(1), 1, probs.size(3)});
      query->probs = probs.gather(2, index).squeeze(2);  // [B, heads, Tk]
    }
    out = torch::matmul(probs.to(v.scalar_type()), v);
  }
  return o_proj(out.transpose(1, 2).reshape({B, T, heads_ * headDim_}));
}

LlamaMlpImpl::LlamaMlpImpl(const TextConfig& c, ModuleOptions o) {
  gate_proj = register_module("gate_proj", Linear(c.hiddenSize, c.intermediateSize, false, o));
  up_proj = register_module("up_proj", Linear(c.hiddenSize, c.intermediateSize, false, o));
  down_proj = register_module("down_proj", Linear(c.intermediateSize, c.hiddenSize, false, o));
}

torch::Tensor LlamaMlpImpl::forward(const torch::Tensor& x) {
  if (torch::GradMode::is_enabled()) return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
  const int64_t width = x.size(-1);
  if (x.numel() == width && x.device().is_cpu() && x.scalar_type() == torch::kBFloat16 &&
      gate_proj->weight.scalar_type() == torch::kBFloat16) {
    // A decode step: gate, SiLU and up in one pass over both weights (engine/gemv.h).
    auto sizes = x.sizes().vec();
    sizes.back() = gate_proj->weight.size(0);
    return down_proj(bf16GatedGemv(x.reshape({width}), gate_proj->weight, up_proj->weight).view(sizes));
  }
  auto h = gate_proj(x);  // inference: in place, no [T, intermediate] temporaries
  if (h.scalar_type() == torch::kBFloat16 && h.device().is_cpu()) {
    // LibTorch 1.13's CPU SiLU on bf16 converts element by element: 3.5 ms on a 701 x 2816 block
    // against 2.1 ms for the round trip through fp32 below, SiLU and product included (1 thread).
    auto f = h.to(torch::kFloat32);
    torch::silu_(f);
    return down_proj(f.mul_(up_proj(x)).to(torch::kBFloat16));
  }
  torch::silu_(h);
  return down_proj(h.mul_(up_proj(x)));
}

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const TextConfig& c, ModuleOptions o) {
  self_attn = register_module("self_attn", LlamaAttention(c, o));
  mlp = register_module("mlp", LlamaMlp(c, o));
  input_layernorm = register_module("input_layernorm", RMSNorm(c.hiddenSize, c.rmsNormEps, o));
  post_attention_layernorm = register_module("post_attention_layernorm", RMSNorm(c.hiddenSize, c.rmsNormEps, o));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const Rotary& rope, const torch::Tensor& bias,
                                             LayerCache* cache, torch::Tensor* lastQueryAttention, QueryAttention* query) {
  if (!torch::GradMode::is_enabled()) {  // inference: the residual adds go into the fresh outputs
    auto h = self_attn(input_layernorm(x), rope, bias, cache, lastQueryAttention, query).add_(x);
    return mlp(post_attention_layernorm(h)).add_(h);
  }
  auto h = x + self_attn(input_layernorm(x), rope, bias, cache, lastQueryAttention, query);
  return h + mlp(post_attention_layernorm(h));
}

LlamaModelImpl::LlamaModelImpl(const TextConfig& c, ModuleOptions o) {
  embed_tokens = register_module("embed_tokens", Embedding(c.vocabSize, c.hiddenSize, o));
  layers = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.numLayers; ++i) layers->push_back(LlamaDecoderLayer(c, o));
  norm = register_module("norm", RMSNorm(c.hiddenSize, c.rmsNormEps, o));
}

LlamaForCausalLMImpl::LlamaForCausalLMImpl(const TextConfig& c, ModuleOptions o) {
  model = register_module("model", LlamaModel(c, o));
  if (!c.tieWordEmbeddings) lm_head = register_module("lm_head", Linear(c.hiddenSize, c.vocabSize, false, o));
}

const torch::Tensor& LlamaForCausalLMImpl::outputWeight() const {
  return lm_head ? lm_head->weight : model->embed_tokens->weight;
}

torch::Tensor LlamaForCausalLMImpl::logits(const torch::Tensor& hidden) {
  return linearForward(hidden, outputWeight());
}

}  // namespace llavolta::engine
