// The built-in compression schemes: `none` and the paper's Visual Context
// Compressor `vcc`; the other families register from their own files.
#include <cmath>

#include "engine/compression.h"
#include "engine/errors.h"

namespace llavolta::engine {
namespace {

class NoCompression final : public CompressionScheme {
 public:
  std::string name() const override { return "none"; }
  std::string spec() const override { return "none"; }
  std::vector<int> actionLayers() const override { return {}; }
  void validate(int64_t, int64_t) const override {}
  void apply(CompressionContext&) const override {}
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return std::vector<int64_t>(numLayers, visualTokens);
  }
};

// VCC (LLaVolta): at layer K the visual span is average pooled along the sequence
// with kernel = stride = S; position ids are pooled the same way and floored.
// When L is not a multiple of S, the paper's operator (LLaVolta's avg_pool1d,
// ceil_mode off) drops the L mod S trailing tokens: L / S tokens remain and the
// dropped patches stand in no surviving token. tail=keep instead pools them into one
// extra, shorter window, so every patch is still represented. For the LLaVA shapes
// (L = 576, S a power of two) the two agree.
enum class VccTail { Drop, Keep };

class VisualContextCompressor final : public CompressionScheme {
 public:
  VisualContextCompressor(int layer, int64_t stride, VccTail tail) : layer_(layer), stride_(stride), tail_(tail) {}
  std::string name() const override { return "vcc"; }
  // tail=drop, the paper's operator, is left out so that the specs of schedules and
  // results written before the parameter existed still name the same scheme.
  std::string spec() const override {
    return "vcc:layer=" + std::to_string(layer_) + ",stride=" + std::to_string(stride_) +
           (tail_ == VccTail::Keep ? ",tail=keep" : "");
  }
  std::vector<int> actionLayers() const override {
    if (stride_ == 1) return {};
    return {layer_};
  }
  // What depends on the model; the factory has already checked stride >= 1 and layer >= -1.
  void validate(int64_t numLayers, int64_t visualTokens) const override {
    if (stride_ > visualTokens)
      throw EngineError("vcc: stride " + std::to_string(stride_) + " is larger than the " +
                        std::to_string(visualTokens) + " visual tokens of this model");
    if (layer_ > numLayers)
      throw EngineError("vcc: layer " + std::to_string(layer_) + " is out of range for a " +
                        std::to_string(numLayers) + "-layer model (use -1 for before the LLM, 0.." +
                        std::to_string(numLayers) + ")");
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0 || stride_ == 1) return;
    const int64_t S = stride_;
    const int64_t full = L / S;
    const int64_t rest = tail_ == VccTail::Keep ? L % S : 0;
    const int64_t out = pooledCount(L);
    if (out == 0) throw EngineError("vcc: a span of " + std::to_string(L) + " visual tokens is shorter than stride " + std::to_string(S));
    auto span = ctx.spanHidden();                       // [B, L, D]
    auto pos = ctx.spanPositions();                     // [B, L]
    const auto B = span.size(0), D = span.size(2);
    auto spanF = span.to(torch::kFloat32);
    std::vector<torch::Tensor> hs, ps;
    if (full > 0) {
      hs.push_back(spanF.slice(1, 0, full * S).view({B, full, S, D}).mean(2));
      ps.push_back(torch::floor_divide(pos.slice(1, 0, full * S).view({B, full, S}).sum(2), S));
    }
    if (rest) {
      hs.push_back(spanF.slice(1, full * S).mean(1, true));
      ps.push_back(torch::floor_divide(pos.slice(1, full * S).sum(1, true), rest));
    }
    std::vector<TokenGroups> groups(ctx.groups.size());
    for (size_t b = 0; b < ctx.groups.size(); ++b) {
      groups[b].resize(out);
      for (int64_t i = 0; i < L; ++i) {
        if (i / S >= out) break;  // the dropped tail
        auto& g = groups[b][i / S];
        g.insert(g.end(), ctx.groups[b][i].begin(), ctx.groups[b][i].end());
      }
    }
    ctx.replaceSpan(torch::cat(hs, 1).to(span.scalar_type()), torch::cat(ps, 1), std::move(groups));
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    const int64_t pooled = stride_ == 1 ? visualTokens : pooledCount(visualTokens);
    std::vector<int64_t> counts(numLayers);
    for (int64_t l = 0; l < numLayers; ++l) counts[l] = (layer_ >= 0 && l < layer_) ? visualTokens : pooled;
    return counts;
  }

 private:
  int64_t pooledCount(int64_t tokens) const {
    return tail_ == VccTail::Keep ? (tokens + stride_ - 1) / stride_ : tokens / stride_;
  }
  int layer_;
  int64_t stride_;
  VccTail tail_;
};

}  // namespace

void registerPoolingSchemes();   // compression_pooling.cpp
void registerDroppingSchemes();  // compression_dropping.cpp
void registerMergingSchemes();   // compression_merging.cpp

void registerBuiltinSchemes() {
  registerScheme({"none", "no compression: all visual tokens reach every layer", {},
                  [](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("none", v, {});
                    return std::make_shared<NoCompression>();
                  },
                  ""});
  const std::vector<SchemeParameter> vccParams{
      {"layer", "2", "decoder layer K where pooling happens; -1 pools the projected features before the LLM", SchemeParameter::Kind::Layer},
      {"stride", "8", "pooling kernel = stride S along the visual sequence"},
      {"tail", "drop",
       "when S does not divide the visual tokens: drop the L mod S trailing tokens, as the paper's avg_pool1d "
       "(floor(L/S) tokens), or keep them pooled as one extra, shorter window (ceil(L/S) tokens)"}};
  registerScheme({"vcc", "Visual Context Compressor (LLaVolta): 1D average pooling of the visual tokens at layer K with "
                  "kernel = stride S, positions pooled and floored; like the paper's avg_pool1d, a partial last window "
                  "is dropped unless tail=keep",
                  vccParams, [vccParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("vcc", v, vccParams);
                    const int64_t stride = p.integer("stride");
                    if (stride < 1) throw EngineError("vcc: stride must be at least 1, got " + std::to_string(stride));
                    const int64_t layer = p.integer("layer");
                    if (layer < -1) throw EngineError("vcc: layer must be -1 (before the LLM) or a decoder layer index, got " + std::to_string(layer));
                    const std::string tail = p.text("tail");
                    if (tail != "drop" && tail != "keep")
                      throw EngineError("vcc: tail must be drop (the paper's avg_pool1d) or keep, got \"" + tail + "\"");
                    return std::make_shared<VisualContextCompressor>(static_cast<int>(layer), stride,
                                                                     tail == "keep" ? VccTail::Keep : VccTail::Drop);
                  },
                  "stride"});
  registerPoolingSchemes();
  registerDroppingSchemes();
  registerMergingSchemes();
}

}  // namespace llavolta::engine
