#include "engine/llava_model.h"

#include <algorithm>
#include <optional>
#include <set>

#include "engine/chat_template.h"
#include "engine/errors.h"

namespace llavolta::engine {

const std::vector<TokenGroups>& CompressionTrace::groupsAt(int layer) const {
  auto it = groupsFrom.upper_bound(layer);
  if (it == groupsFrom.begin()) throw EngineError("no token groups recorded before layer " + std::to_string(layer));
  return std::prev(it)->second;
}

LlavaModelImpl::LlavaModelImpl(const ModelConfig& config, ModuleOptions options) : config_(config) {
  vision_tower = register_module("vision_tower", ClipVisionTower(config, options));
  multi_modal_projector = register_module("multi_modal_projector", Projector(config, options));
  language_model = register_module("language_model", LlamaForCausalLM(config.text, options));
}

torch::Device LlavaModelImpl::device() const { return language_model->outputWeight().device(); }
torch::Dtype LlavaModelImpl::dtype() const { return language_model->outputWeight().scalar_type(); }

torch::Tensor LlavaModelImpl::encodeImages(const torch::Tensor& pixels, torch::Tensor* clsAttention, bool trainTower) {
  const auto S = config_.vision.imageSize;
  if (pixels.dim() != 4 || pixels.size(1) != config_.vision.numChannels || pixels.size(2) != S || pixels.size(3) != S)
    throw EngineError("image tensor has shape " + c10::str(pixels.sizes()) + ", expected [B, " +
                      std::to_string(config_.vision.numChannels) + ", " + std::to_string(S) + ", " +
                      std::to_string(S) + "]");
  VisionOutput out;
  {
    std::optional<torch::NoGradGuard> frozen;
    if (!trainTower) frozen.emplace();
    out = vision_tower->forward(pixels.to(device(), dtype()), clsAttention != nullptr);
  }
  if (clsAttention) *clsAttention = trainTower ? out.clsAttention : out.clsAttention.detach();
  return multi_modal_projector->forward(out.features);
}

torch::Tensor LlavaModelImpl::logitsFrom(const torch::Tensor& hidden) {
  return language_model->logits(language_model->model->norm(hidden)).to(torch::kFloat32);
}

std::vector<int64_t> collapseImageTokens(const std::vector<int64_t>& ids, int64_t imageTokenIndex,
                                         int64_t visualTokens) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < ids.size();) {
    if (ids[i] != imageTokenIndex) {
      out.push_back(ids[i++]);
      continue;
    }
    size_t run = 0;
    while (i + run < ids.size() && ids[i + run] == imageTokenIndex) ++run;
    if (static_cast<int64_t>(run) != visualTokens)
      throw EngineError("prompt has a run of " + std::to_string(run) + " image tokens (id " +
                        std::to_string(imageTokenIndex) + "), expected " + std::to_string(visualTokens));
    out.push_back(kImageSentinel);
    i += run;
  }
  return out;
}

PrefillOutput LlavaModelImpl::prefill(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                                      const CompressionScheme& scheme, KVCache* cache, const PrefillOptions& options) {
  torch::NoGradGuard noGrad;
  return run(ids, imageFeatures, scheme, cache, options);
}

PrefillOutput LlavaModelImpl::forward(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                                      const CompressionScheme& scheme, const PrefillOptions& options) {
  PrefillOptions o = options;
  o.allLogits = true;
  return run(ids, imageFeatures, scheme, nullptr, o);
}

PrefillOutput LlavaModelImpl::run(const std::vector<std::vector<int64_t>>& ids, const torch::Tensor& imageFeatures,
                                  const CompressionScheme& scheme, KVCache* cache, const PrefillOptions& options) {
  const int64_t B = static_cast<int64_t>(ids.size());
  const int64_t N = config_.text.numLayers;
  if (B == 0) throw EngineError("prefill needs at least one prompt");
  // Checked before anything is embedded: attention over a prompt longer than the context the
  // model was trained for is meaningless and its buffers grow with the square of its length.
  for (int64_t b = 0; b < B; ++b) {
    const int64_t sentinels = std::count(ids[b].begin(), ids[b].end(), kImageSentinel);
    const int64_t visual = sentinels > 0 ? config_.numVisualTokens() : 0;
    const int64_t length = static_cast<int64_t>(ids[b].size()) - sentinels + visual;
    if (length > config_.text.maxPositionEmbeddings)
      throw EngineError("the prompt is " + std::to_string(length) + " tokens (" +
                        std::to_string(length - visual) + " of text, " + std::to_string(visual) +
                        " of image), more than the model's context of " +
                        std::to_string(config_.text.maxPositionEmbeddings) +
                        " (max_position_embeddings); shorten the question or start a new conversation");
  }
  const auto dev = device();
  const auto dt = dtype();

  // 1. Embed each prompt, splicing the visual tokens in at the sentinel.
  std::vector<torch::Tensor> embeds;
  std::vector<int64_t> imageAt(B, -1);
  int64_t L = 0;
  for (int64_t b = 0; b < B; ++b) {
    const auto& seq = ids[b];
    std::vector<int64_t> text;
    for (size_t i = 0; i < seq.size(); ++i) {
      if (seq[i] == kImageSentinel) {
        if (imageAt[b] >= 0) throw EngineError("prompt " + std::to_string(b) + " has more than one image placeholder");
        imageAt[b] = static_cast<int64_t>(text.size());
        continue;
      }
      if (seq[i] < 0 || seq[i] >= config_.text.vocabSize)
        throw EngineError("token id " + std::to_string(seq[i]) + " is outside the vocabulary (size " +
                          std::to_string(config_.text.vocabSize) + ")");
      text.push_back(seq[i]);
    }
    auto tokens = torch::tensor(text, torch::kLong).to(dev);
    auto e = language_model->model->embed_tokens(tokens);
    if (imageAt[b] >= 0) {
      if (!imageFeatures.defined() || imageFeatures.size(0) != B)
        throw EngineError("prompt " + std::to_string(b) + " has an image placeholder but no image was given");
      auto feat = imageFeatures[b].to(dev, dt);
      L = feat.size(0);
      e = torch::cat({e.slice(0, 0, imageAt[b]), feat, e.slice(0, imageAt[b])}, 0);
    }
    embeds.push_back(e);
  }
  const bool withImage = imageAt[0] >= 0;
  for (int64_t b = 1; b < B; ++b)
    if ((imageAt[b] >= 0) != withImage) throw EngineError("a batch must be all with or all without images");

  // 2. Left-pad to a common length.
  int64_t T = 0;
  for (const auto& e : embeds) T = std::max(T, e.size(0));
  const int64_t D = config_.text.hiddenSize;
  auto valid = torch::zeros({B, T}, torch::TensorOptions().dtype(torch::kBool).device(dev));
  CompressionContext ctx;
  PrefillOutput out;
  ctx.spanStart.resize(B);
  std::vector<torch::Tensor> padded;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t pad = T - embeds[b].size(0);
    // cat, not an in-place copy into zeros, so gradients reach the embeddings.
    padded.push_back(pad ? torch::cat({torch::zeros({pad, D}, embeds[b].options()), embeds[b]}, 0) : embeds[b]);
    valid[b].slice(0, pad).fill_(true);
    ctx.spanStart[b] = pad + std::max<int64_t>(imageAt[b], 0);
    out.paddingPerSample.push_back(pad);
  }
  ctx.hidden = torch::stack(padded);
  ctx.valid = valid;
  ctx.positions = (valid.to(torch::kLong).cumsum(1) - 1).clamp_min(0);
  ctx.spanLength = withImage ? L : 0;
  ctx.groups.assign(B, identityGroups(ctx.spanLength));
  if (scheme.needsVisionAttention() && withImage) {
    if (!options.imageClsAttention.defined())
      throw EngineError("scheme " + scheme.spec() +
                        " needs the vision tower's [CLS] attention (encodeImages with clsAttention) in the prefill options");
    ctx.visionAttention = options.imageClsAttention.to(dev);
  }

  out.promptTokens = T;
  out.trace.visualTokensPerLayer.assign(N, 0);
  out.trace.groupsFrom[-1] = ctx.groups;

  const auto actions = scheme.actionLayers();
  auto acts = [&](int layer) { return withImage && std::find(actions.begin(), actions.end(), layer) != actions.end(); };
  std::set<int> wantAttention(options.traceLayers.begin(), options.traceLayers.end());
  for (int l : scheme.attentionLayers()) wantAttention.insert(l);

  if (acts(-1)) {
    ctx.layer = -1;
    scheme.apply(ctx);
    out.trace.groupsFrom[-1] = ctx.groups;
  }
  if (cache) {
    cache->layers.assign(N, LayerCache{});
  }

  Rotary rope;
  torch::Tensor bias;
  bool layoutChanged = true;
  for (int64_t l = 0; l < N; ++l) {
    if (options.stop && options.stop->load()) {
      out.cancelled = true;
      return out;
    }
    if (acts(static_cast<int>(l))) {
      ctx.layer = static_cast<int>(l);
      // Head-averaged keys of this layer (before rotary), for similarity-based merging.
      ctx.keysOf = [this, l](const torch::Tensor& h) {
        auto& layer = language_model->model->layer(l);
        auto k = layer.self_attn->k_proj(layer.input_layernorm(h));
        const int64_t kvHeads = config_.text.numKeyValueHeads;
        return k.view({h.size(0), h.size(1), kvHeads, -1}).mean(2);
      };
      scheme.apply(ctx);
      ctx.keysOf = nullptr;
      out.trace.groupsFrom[static_cast<int>(l)] = ctx.groups;
      layoutChanged = true;
    }
    if (layoutChanged) {
      rope = rotaryFor(ctx.positions, config_.text.headDim(), config_.text.ropeTheta, dt);
      bias = attentionBias(ctx.valid, ctx.hidden.size(1), dt);
      layoutChanged = false;
    }
    out.trace.visualTokensPerLayer[l] = ctx.spanLength;
    LayerCache* lc = cache ? &cache->layers[l] : nullptr;
    if (lc) lc->valid = ctx.valid;
    torch::Tensor attention;
    const bool capture = wantAttention.count(static_cast<int>(l)) > 0;
    std::optional<QueryAttention> query;
    if (auto it = options.queryAttention.find(static_cast<int>(l)); it != options.queryAttention.end()) {
      if (static_cast<int64_t>(it->second.size()) != B)
        throw EngineError("internal: query attention needs one query per sample");
      std::vector<int64_t> index;
      const int64_t Tl = ctx.hidden.size(1);
      for (int64_t fromEnd : it->second) index.push_back(std::clamp<int64_t>(Tl - 1 - std::max<int64_t>(fromEnd, 0), 0, Tl - 1));
      query.emplace();
      query->index = torch::tensor(index, torch::kLong);
    }
    ctx.hidden = language_model->model->layer(l).forward(ctx.hidden, rope, bias, lc, capture ? &attention : nullptr,
                                                         query ? &*query : nullptr);
    if (query) out.queryAttention[static_cast<int>(l)] = {query->probs, ctx.spanStart, ctx.spanLength, ctx.groups};
    if (capture) {
      ctx.lastTokenAttention[static_cast<int>(l)] = attention;
      if (std::count(options.traceLayers.begin(), options.traceLayers.end(), static_cast<int>(l)) && withImage) {
        std::vector<torch::Tensor> spans;
        for (int64_t b = 0; b < B; ++b)
          spans.push_back(attention[b].slice(0, ctx.spanStart[b], ctx.spanStart[b] + ctx.spanLength));
        out.trace.attention[static_cast<int>(l)] = torch::stack(spans).to(torch::kCPU);
      }
    }
  }

  out.logits = options.allLogits ? logitsFrom(ctx.hidden) : logitsFrom(ctx.hidden.select(1, -1));
  if (cache) cache->nextPosition = ctx.positions.select(1, -1) + 1;
  out.spanStart = ctx.spanStart;
  out.spanLength = ctx.spanLength;
  return out;
}

torch::Tensor LlavaModelImpl::decodeStep(const torch::Tensor& tokens, KVCache& cache) {
  torch::NoGradGuard noGrad;
  const int64_t B = tokens.size(0);
  if (cache.layers.empty()) throw EngineError("decodeStep needs a cache filled by prefill");
  if (tokens.min().item<int64_t>() < 0 || tokens.max().item<int64_t>() >= config_.text.vocabSize)
    throw EngineError("decode token outside the vocabulary");
  auto x = language_model->model->embed_tokens(tokens.to(device()).view({B, 1}));
  auto rope = rotaryFor(cache.nextPosition.view({B, 1}), config_.text.headDim(), config_.text.ropeTheta, dtype());
  torch::Tensor bias;
  int64_t biasLength = -1;
  for (int64_t l = 0; l < config_.text.numLayers; ++l) {
    auto& lc = cache.layers[l];
    lc.valid = torch::cat({lc.valid, torch::ones({B, 1}, lc.valid.options())}, 1);
    if (lc.valid.size(1) != biasLength) {  // layers before/after compression differ in length
      bias = attentionBias(lc.valid, 1, dtype());
      biasLength = lc.valid.size(1);
    }
    x = language_model->model->layer(l).forward(x, rope, bias, &lc);
  }
  cache.nextPosition = cache.nextPosition + 1;
  return logitsFrom(x.select(1, 0));
}

}  // namespace llavolta::engine
