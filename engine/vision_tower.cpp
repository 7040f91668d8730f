#include "engine/vision_tower.h"

#include <cmath>

namespace llavolta::engine {

namespace F = torch::nn::functional;

ClipAttentionImpl::ClipAttentionImpl(const VisionConfig& c, ModuleOptions o)
    : heads_(c.numHeads), headDim_(c.hiddenSize / c.numHeads) {
  q_proj = register_module("q_proj", Linear(c.hiddenSize, c.hiddenSize, true, o));
  k_proj = register_module("k_proj", Linear(c.hiddenSize, c.hiddenSize, true, o));
  v_proj = register_module("v_proj", Linear(c.hiddenSize, c.hiddenSize, true, o));
  out_proj = register_module("out_proj", Linear(c.hiddenSize, c.hiddenSize, true, o));
}

torch::Tensor ClipAttentionImpl::forward(const torch::Tensor& x, torch::Tensor* clsAttention) {
  const auto B = x.size(0), T = x.size(1);
  auto shape = [&](const torch::Tensor& t) { return t.view({B, T, heads_, headDim_}).transpose(1, 2); };
  auto q = shape(q_proj(x) * (1.0 / std::sqrt(static_cast<double>(headDim_))));
  auto k = shape(k_proj(x));
  auto v = shape(v_proj(x));
  auto probs = torch::softmax(torch::matmul(q, k.transpose(-1, -2)).to(torch::kFloat32), -1).to(x.scalar_type());
  if (clsAttention) *clsAttention = probs.select(2, 0);  // [B, H, T]
  auto out = torch::matmul(probs, v).transpose(1, 2).reshape({B, T, heads_ * headDim_});
  return out_proj(out);
}

ClipMlpImpl::ClipMlpImpl(const VisionConfig& c, ModuleOptions o) : quickGelu_(c.hiddenAct == "quick_gelu") {
  fc1 = register_module("fc1", Linear(c.hiddenSize, c.intermediateSize, true, o));
  fc2 = register_module("fc2", Linear(c.intermediateSize, c.hiddenSize, true, o));
}

torch::Tensor ClipMlpImpl::forward(const torch::Tensor& x) {
  auto h = fc1(x);
  h = quickGelu_ ? h * torch::sigmoid(1.702 * h) : torch::gelu(h);
  return fc2(h);
}

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const VisionConfig& c, ModuleOptions o) {
  self_attn = register_module("self_attn", ClipAttention(c, o));
  layer_norm1 = register_module("layer_norm1", LayerNorm(c.hiddenSize, c.layerNormEps, o));
  mlp = register_module("mlp", ClipMlp(c, o));
  layer_norm2 = register_module("layer_norm2", LayerNorm(c.hiddenSize, c.layerNormEps, o));
}

torch::Tensor ClipEncoderLayerImpl::forward(const torch::Tensor& x, torch::Tensor* clsAttention) {
  auto h = x + self_attn(layer_norm1(x), clsAttention);
  return h + mlp(layer_norm2(h));
}

ClipEncoderImpl::ClipEncoderImpl(const VisionConfig& c, ModuleOptions o) {
  layers = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.numLayers; ++i) layers->push_back(ClipEncoderLayer(c, o));
}

ClipEmbeddingsImpl::ClipEmbeddingsImpl(const VisionConfig& c, ModuleOptions o) : patch_(c.patchSize) {
  class_embedding = register_parameter("class_embedding", torch::empty({c.hiddenSize}, torch::dtype(o.dtype)));
  auto patch = register_module("patch_embedding", std::make_shared<torch::nn::Module>());
  patch_weight = patch->register_parameter(
      "weight", torch::empty({c.hiddenSize, c.numChannels, c.patchSize, c.patchSize}, torch::dtype(o.dtype)));
  position_embedding = register_module("position_embedding", Embedding(c.numPatches() + 1, c.hiddenSize, o));
}

torch::Tensor ClipEmbeddingsImpl::forward(const torch::Tensor& pixels) {
  const auto B = pixels.size(0);
  // Conv with kernel == stride == patch: [B, D, g, g] -> [B, g*g, D]
  auto patches = torch::conv2d(pixels, patch_weight, {}, patch_).flatten(2).transpose(1, 2);
  auto cls = class_embedding.view({1, 1, -1}).expand({B, 1, class_embedding.size(0)});
  auto x = torch::cat({cls, patches}, 1);
  return x + position_embedding->weight.unsqueeze(0);
}

ClipVisionTransformerImpl::ClipVisionTransformerImpl(const VisionConfig& c, ModuleOptions o) {
  embeddings = register_module("embeddings", ClipEmbeddings(c, o));
  pre_layrnorm = register_module("pre_layrnorm", LayerNorm(c.hiddenSize, c.layerNormEps, o));
  encoder = register_module("encoder", ClipEncoder(c, o));
  post_layernorm = register_module("post_layernorm", LayerNorm(c.hiddenSize, c.layerNormEps, o));
}

ClipVisionTowerImpl::ClipVisionTowerImpl(const ModelConfig& c, ModuleOptions o)
    : layersRun_(c.visionLayersRun()), dropCls_(c.selectStrategy == "default") {
  vision_model = register_module("vision_model", ClipVisionTransformer(c.vision, o));
}

VisionOutput ClipVisionTowerImpl::forward(const torch::Tensor& pixels, bool wantClsAttention) {
  auto& vm = *vision_model;
  auto x = vm.pre_layrnorm(vm.embeddings(pixels));
  torch::Tensor cls;
  // hidden_states[i] is the output of layer i (hidden_states[0] = embeddings), so
  // reaching the feature layer needs exactly layersRun_ layers; later ones never run.
  for (int64_t i = 0; i < layersRun_; ++i) {
    const bool last = i + 1 == layersRun_;
    x = vm.encoder->layers->at<ClipEncoderLayerImpl>(i).forward(x, last && wantClsAttention ? &cls : nullptr);
  }
  VisionOutput out;
  out.features = dropCls_ ? x.slice(1, 1) : x;
  // Heads averaged, over the same tokens as `features` (patches only when CLS is dropped).
  if (wantClsAttention) out.clsAttention = dropCls_ ? cls.mean(1).slice(-1, 1) : cls.mean(1);
  return out;
}

}  // namespace llavolta::engine
