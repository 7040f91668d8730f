#pragma once
// Span rewrites shared by the compression schemes: keep a subset of the visual
// tokens (dropping schemes) or merge them into groups (merging schemes). Both keep
// the hidden states differentiable (gather / weighted sums on the hidden state's
// device) while the choice itself is made on small CPU index lists, so every
// scheme behaves the same on CPU and CUDA and in training.
#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "engine/compression.h"

namespace llavolta::engine {

// Keeps, per sample, the span tokens at `kept[b]` (indices into the current span,
// all samples the same count), in ascending order with their own position ids.
void keepSpanTokens(CompressionContext& ctx, std::vector<std::vector<int64_t>> kept);

// Merges, per sample, span token i into output slot assignment[b][i] (slots
// 0..slots-1, each used at least once). A slot's hidden state is the average of
// its members weighted by how many patches each already stands for (so merging
// merged tokens stays an average over patches); its position id is the floor of
// the same weighted mean. Slots are emitted in the order of their first member.
void mergeSpanTokens(CompressionContext& ctx, const std::vector<std::vector<int64_t>>& assignment, int64_t slots);

// The last prompt token's attention over the current span at `layer`, per sample,
// float32 on the CPU [B, L]; an EngineError naming `scheme` when it was not captured.
torch::Tensor spanAttention(const CompressionContext& ctx, int layer, const std::string& scheme);

// Indices of the `count` largest values of `scores` (1-D, CPU float), ties to the
// earlier index, returned in ascending index order.
std::vector<int64_t> topIndices(const torch::Tensor& scores, int64_t count);

// round(keep * tokens), at least 1.
int64_t keptCount(double keep, int64_t tokens);

// The metric ToMe / VisionZip compare tokens by: head-averaged keys of the layer
// about to run when the context can compute them, else the hidden states; float32,
// detached [B, L, d].
torch::Tensor spanMetric(const CompressionContext& ctx);

// Shared parameter checks with the messages every scheme uses.
void checkKeep(const std::string& scheme, double keep);
// Layers lowest..numLayers are accepted.
void checkLayer(const std::string& scheme, const std::string& key, int64_t layer, int64_t lowest, int64_t numLayers);

}  // namespace llavolta::engine
