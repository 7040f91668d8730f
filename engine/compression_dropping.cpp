// Dropping schemes: FastV, PyramidDrop and random drop. They keep a subset of the
// visual tokens, in their original order and with their original position ids,
// and the token map lists exactly the kept patches.
#include <random>
#include <sstream>

#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/span_ops.h"

namespace llavolta::engine {
namespace {

// Counts after a list of (layer, keep) drops starting from `visualTokens`.
std::vector<int64_t> countsAfterDrops(int64_t numLayers, int64_t visualTokens, const std::vector<int>& layers,
                                      double keep) {
  std::vector<int64_t> counts(numLayers, visualTokens);
  int64_t n = visualTokens;
  size_t next = 0;
  for (int64_t l = 0; l < numLayers; ++l) {
    while (next < layers.size() && layers[next] <= l) {
      if (keep < 1.0) n = keptCount(keep, n);
      ++next;
    }
    counts[l] = n;
  }
  return counts;
}

// FastV: at layer K, keep the top R fraction of the visual tokens by the attention
// they receive from the last prompt token in layer K-1 (head-averaged).
// PyramidDrop: the same rule repeated at several layers, each keeping R of what is left.
class AttentionDrop final : public CompressionScheme {
 public:
  AttentionDrop(std::string name, std::vector<int> layers, double keep)
      : name_(std::move(name)), layers_(std::move(layers)), keep_(keep) {}
  std::string name() const override { return name_; }
  std::string spec() const override {
    std::string list;
    for (int l : layers_) list += (list.empty() ? "" : "+") + std::to_string(l);
    return name_ + (name_ == "fastv" ? ":layer=" : ":layers=") + list + ",keep=" + formatReal(keep_);
  }
  std::vector<int> actionLayers() const override { return keep_ < 1.0 ? layers_ : std::vector<int>{}; }
  std::vector<int> attentionLayers() const override {
    std::vector<int> r;
    if (keep_ < 1.0)
      for (int l : layers_) r.push_back(l - 1);
    return r;
  }
  void validate(int64_t numLayers, int64_t) const override {
    checkKeep(name_, keep_);
    for (int l : layers_) checkLayer(name_, name_ == "fastv" ? "layer" : "layers entry", l, 1, numLayers);
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0) return;
    const auto att = spanAttention(ctx, ctx.layer - 1, name_);
    const int64_t n = keptCount(keep_, L);
    std::vector<std::vector<int64_t>> kept;
    for (int64_t b = 0; b < att.size(0); ++b) kept.push_back(topIndices(att[b], n));
    keepSpanTokens(ctx, std::move(kept));
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return countsAfterDrops(numLayers, visualTokens, layers_, keep_);
  }

 private:
  std::string name_;
  std::vector<int> layers_;
  double keep_;
};

// Random drop: a seeded, platform-independent choice of the kept tokens (the same
// for every sample, so a batch equals its singles and runs are reproducible).
class RandomDrop final : public CompressionScheme {
 public:
  RandomDrop(int layer, double keep, int64_t seed) : layer_(layer), keep_(keep), seed_(seed) {}
  std::string name() const override { return "random"; }
  std::string spec() const override {
    return "random:layer=" + std::to_string(layer_) + ",keep=" + formatReal(keep_) + ",seed=" + std::to_string(seed_);
  }
  std::vector<int> actionLayers() const override { return keep_ < 1.0 ? std::vector<int>{layer_} : std::vector<int>{}; }
  void validate(int64_t numLayers, int64_t) const override {
    checkKeep("random", keep_);
    checkLayer("random", "layer", layer_, -1, numLayers);
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0) return;
    // Fisher-Yates with our own bounded draw: std::shuffle differs between libraries.
    std::mt19937_64 rng(static_cast<uint64_t>(seed_));
    std::vector<int64_t> order(L);
    for (int64_t i = 0; i < L; ++i) order[i] = i;
    for (int64_t i = L - 1; i > 0; --i) std::swap(order[i], order[rng() % static_cast<uint64_t>(i + 1)]);
    order.resize(keptCount(keep_, L));
    keepSpanTokens(ctx, std::vector<std::vector<int64_t>>(ctx.hidden.size(0), order));
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return countsAfterDrops(numLayers, visualTokens, {std::max(layer_, 0)}, keep_);
  }

 private:
  int layer_;
  double keep_;
  int64_t seed_;
};

std::vector<int> parseLayerList(const std::string& text) {
  std::vector<int> layers;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, '+')) {
    try {
      size_t used = 0;
      const int v = std::stoi(item, &used);
      if (used != item.size()) throw std::invalid_argument(item);
      layers.push_back(v);
    } catch (const std::exception&) {
      throw EngineError("pdrop: layers=" + text + " is not a list of layer numbers joined by '+' (e.g. 8+16+24)");
    }
  }
  if (layers.empty()) throw EngineError("pdrop: layers needs at least one layer (e.g. 8+16+24)");
  for (size_t i = 1; i < layers.size(); ++i)
    if (layers[i] <= layers[i - 1]) throw EngineError("pdrop: layers=" + text + " must be strictly increasing");
  return layers;
}

}  // namespace

void registerDroppingSchemes() {
  const std::vector<SchemeParameter> fastvParams{
      {"layer", "2", "decoder layer K from which the dropped tokens are gone (ranked by layer K-1's attention); 1..N", SchemeParameter::Kind::Layer},
      {"keep", "0.5", "fraction R of the visual tokens kept, in (0, 1]"}};
  registerScheme({"fastv", "FastV: keep the visual tokens the last prompt token attends to most at layer K-1 (head-averaged)",
                  fastvParams,
                  [fastvParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("fastv", v, fastvParams);
                    const auto layer = p.integer("layer");
                    if (layer < 1) throw EngineError("fastv: layer must be at least 1 (it ranks by layer K-1's attention), got " + std::to_string(layer));
                    const auto keep = p.real("keep");
                    checkKeep("fastv", keep);
                    return std::make_shared<AttentionDrop>("fastv", std::vector<int>{static_cast<int>(layer)}, keep);
                  },
                  "keep"});
  const std::vector<SchemeParameter> pdropParams{
      {"layers", "8+16+24", "decoder layers where a drop happens, joined by '+', strictly increasing; each 1..N", SchemeParameter::Kind::LayerList},
      {"keep", "0.5", "fraction of the remaining visual tokens kept at each listed layer, in (0, 1]"}};
  registerScheme({"pdrop", "PyramidDrop: at each listed layer keep the top fraction of the remaining visual tokens by the last prompt token's attention",
                  pdropParams,
                  [pdropParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("pdrop", v, pdropParams);
                    auto layers = parseLayerList(p.text("layers"));
                    if (layers.front() < 1) throw EngineError("pdrop: every layer must be at least 1 (ranking uses the layer before), got " + std::to_string(layers.front()));
                    const auto keep = p.real("keep");
                    checkKeep("pdrop", keep);
                    return std::make_shared<AttentionDrop>("pdrop", std::move(layers), keep);
                  },
                  "keep"});
  const std::vector<SchemeParameter> randomParams{
      {"layer", "2", "decoder layer K from which the dropped tokens are gone; -1 drops before the LLM", SchemeParameter::Kind::Layer},
      {"keep", "0.25", "fraction of the visual tokens kept, in (0, 1]"},
      {"seed", "0", "seed of the choice (the same tokens for every sample and run)"}};
  registerScheme({"random", "Random drop: keep a seeded random subset of the visual tokens at layer K (the usual baseline)",
                  randomParams,
                  [randomParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("random", v, randomParams);
                    const auto layer = p.integer("layer");
                    if (layer < -1) throw EngineError("random: layer must be -1 (before the LLM) or a decoder layer index, got " + std::to_string(layer));
                    const auto keep = p.real("keep");
                    checkKeep("random", keep);
                    const auto seed = p.integer("seed");
                    if (seed < 0) throw EngineError("random: seed must not be negative");
                    return std::make_shared<RandomDrop>(static_cast<int>(layer), keep, seed);
                  },
                  "keep"});
}

}  // namespace llavolta::engine
