// pool2d: average pooling over the 2D patch grid (S x S windows), the
// LLaVA-NeXT / MobileVLM style of spatial pooling, at a decoder layer or before
// the LLM. Positions are pooled like VCC's (floor of the window's mean).
// When S does not divide the grid side, the partial windows at the right and bottom
// edges are kept as smaller windows, as avg_pool2d with ceil_mode=True (averaging only
// the patches inside), so the whole image stays represented. This is a baseline of the
// project's, not the paper's operator; LLaVA-NeXT's avg_pool2d (ceil_mode off) would drop
// them. For LLaVA-1.5's 24 x 24 grid the two differ only for strides that do not divide
// 24 (5, 7, 9, 10, 11, 13 to 23).
#include <cmath>

#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/span_ops.h"

namespace llavolta::engine {
namespace {

int64_t gridSide(int64_t tokens) {
  const auto g = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(tokens))));
  return g * g == tokens ? g : -1;
}

class GridPooling final : public CompressionScheme {
 public:
  GridPooling(int layer, int64_t stride) : layer_(layer), stride_(stride) {}
  std::string name() const override { return "pool2d"; }
  std::string spec() const override {
    return "pool2d:layer=" + std::to_string(layer_) + ",stride=" + std::to_string(stride_);
  }
  std::vector<int> actionLayers() const override { return stride_ == 1 ? std::vector<int>{} : std::vector<int>{layer_}; }
  void validate(int64_t numLayers, int64_t visualTokens) const override {
    checkLayer("pool2d", "layer", layer_, -1, numLayers);
    const auto g = gridSide(visualTokens);
    if (g < 0)
      throw EngineError("pool2d: the " + std::to_string(visualTokens) +
                        " visual tokens of this model do not form a square patch grid");
    if (stride_ > g)
      throw EngineError("pool2d: stride " + std::to_string(stride_) + " is larger than the " + std::to_string(g) + "x" +
                        std::to_string(g) + " patch grid");
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0 || stride_ == 1) return;
    const auto g = gridSide(L);
    if (g < 0) throw EngineError("pool2d: a span of " + std::to_string(L) + " tokens is not a square patch grid");
    const int64_t cells = (g + stride_ - 1) / stride_;  // edge windows hold the remainder
    std::vector<int64_t> assignment(L);
    for (int64_t i = 0; i < L; ++i) assignment[i] = (i / g / stride_) * cells + (i % g) / stride_;
    mergeSpanTokens(ctx, std::vector<std::vector<int64_t>>(ctx.hidden.size(0), assignment), cells * cells);
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    const auto g = gridSide(visualTokens);
    const int64_t cells = g < 0 ? visualTokens : (g + stride_ - 1) / stride_;
    const int64_t pooled = g < 0 ? visualTokens : cells * cells;
    std::vector<int64_t> counts(numLayers);
    for (int64_t l = 0; l < numLayers; ++l) counts[l] = (layer_ >= 0 && l < layer_) || stride_ == 1 ? visualTokens : pooled;
    return counts;
  }

 private:
  int layer_;
  int64_t stride_;
};

}  // namespace

void registerPoolingSchemes() {
  const std::vector<SchemeParameter> params{
      {"layer", "2", "decoder layer K where pooling happens; -1 pools the projected features before the LLM", SchemeParameter::Kind::Layer},
      {"stride", "2", "window side S: each S x S block of patches becomes one token, ceil(side / S)^2 in all"}};
  registerScheme({"pool2d", "2D average pooling of the visual tokens over S x S windows of the patch grid at layer K; "
                  "when S does not divide the grid side, the edge windows are kept smaller (ceil_mode on)",
                  params,
                  [params](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("pool2d", v, params);
                    const auto stride = p.integer("stride");
                    if (stride < 1) throw EngineError("pool2d: stride must be at least 1, got " + std::to_string(stride));
                    const auto layer = p.integer("layer");
                    if (layer < -1) throw EngineError("pool2d: layer must be -1 (before the LLM) or a decoder layer index, got " + std::to_string(layer));
                    return std::make_shared<GridPooling>(static_cast<int>(layer), stride);
                  },
                  "stride"});
}

}  // namespace llavolta::engine
