#include "engine/span_ops.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/errors.h"

namespace llavolta::engine {

void keepSpanTokens(CompressionContext& ctx, std::vector<std::vector<int64_t>> kept) {
  const int64_t B = ctx.hidden.size(0);
  auto span = ctx.spanHidden();
  auto pos = ctx.spanPositions();
  std::vector<torch::Tensor> hs, ps;
  std::vector<TokenGroups> groups(B);
  for (int64_t b = 0; b < B; ++b) {
    auto& k = kept[b];
    std::sort(k.begin(), k.end());
    auto index = torch::tensor(k, torch::kLong).to(span.device());
    hs.push_back(span[b].index_select(0, index));
    ps.push_back(pos[b].index_select(0, index));
    for (auto i : k) groups[b].push_back(ctx.groups[b][i]);
  }
  ctx.replaceSpan(torch::stack(hs), torch::stack(ps), std::move(groups));
}

void mergeSpanTokens(CompressionContext& ctx, const std::vector<std::vector<int64_t>>& assignment, int64_t slots) {
  const int64_t B = ctx.hidden.size(0), L = ctx.spanLength;
  auto span = ctx.spanHidden();
  auto posCpu = ctx.spanPositions().to(torch::kCPU);
  auto weights = torch::zeros({B, slots, L}, torch::kFloat32);
  auto w = weights.accessor<float, 3>();
  auto p = posCpu.accessor<int64_t, 2>();
  std::vector<int64_t> newPos(B * slots);
  std::vector<TokenGroups> groups(B);
  for (int64_t b = 0; b < B; ++b) {
    // Slot order: by first member along the span.
    std::vector<int64_t> rank(slots, -1);
    int64_t next = 0;
    for (int64_t i = 0; i < L; ++i) {
      const int64_t a = assignment[b][i];
      if (a < 0 || a >= slots) throw EngineError("internal: merge slot out of range");
      if (rank[a] < 0) rank[a] = next++;
    }
    if (next != slots) throw EngineError("internal: a merge slot has no member");
    std::vector<int64_t> posSum(slots, 0), sizeSum(slots, 0);
    groups[b].assign(slots, {});
    for (int64_t i = 0; i < L; ++i) {
      const int64_t s = rank[assignment[b][i]];
      const auto size = static_cast<int64_t>(ctx.groups[b][i].size());
      w[b][s][i] = static_cast<float>(size);
      posSum[s] += size * p[b][i];
      sizeSum[s] += size;
      groups[b][s].insert(groups[b][s].end(), ctx.groups[b][i].begin(), ctx.groups[b][i].end());
    }
    for (int64_t s = 0; s < slots; ++s) {
      newPos[b * slots + s] = posSum[s] / sizeSum[s];  // non-negative: floor
      std::sort(groups[b][s].begin(), groups[b][s].end());
      for (int64_t i = 0; i < L; ++i) w[b][s][i] /= static_cast<float>(sizeSum[s]);
    }
  }
  auto merged = torch::matmul(weights.to(span.device()), span.to(torch::kFloat32)).to(span.scalar_type());
  auto positions = torch::tensor(newPos, torch::kLong).view({B, slots}).to(span.device());
  ctx.replaceSpan(merged, positions, std::move(groups));
}

torch::Tensor spanAttention(const CompressionContext& ctx, int layer, const std::string& scheme) {
  auto it = ctx.lastTokenAttention.find(layer);
  if (it == ctx.lastTokenAttention.end() || !it->second.defined())
    throw EngineError(scheme + " needs the last prompt token's attention at layer " + std::to_string(layer) +
                      ", which this forward pass did not capture");
  const auto& att = it->second;
  std::vector<torch::Tensor> parts;
  for (int64_t b = 0; b < att.size(0); ++b)
    parts.push_back(att[b].slice(0, ctx.spanStart[b], ctx.spanStart[b] + ctx.spanLength));
  return torch::stack(parts).detach().to(torch::kCPU, torch::kFloat32);
}

std::vector<int64_t> topIndices(const torch::Tensor& scores, int64_t count) {
  auto s = scores.contiguous();
  const auto* v = s.data_ptr<float>();
  std::vector<int64_t> order(s.numel());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return v[a] > v[b]; });
  order.resize(std::min<int64_t>(count, static_cast<int64_t>(order.size())));
  std::sort(order.begin(), order.end());
  return order;
}

int64_t keptCount(double keep, int64_t tokens) {
  return std::max<int64_t>(1, std::llround(keep * static_cast<double>(tokens)));
}

torch::Tensor spanMetric(const CompressionContext& ctx) {
  torch::NoGradGuard g;
  auto span = ctx.spanHidden().detach();
  auto m = ctx.keysOf ? ctx.keysOf(span) : span;
  return m.detach().to(torch::kFloat32);
}

void checkKeep(const std::string& scheme, double keep) {
  if (!(keep > 0.0 && keep <= 1.0))
    throw EngineError(scheme + ": keep must be a fraction in (0, 1], got " + formatReal(keep));
}

void checkLayer(const std::string& scheme, const std::string& key, int64_t layer, int64_t lowest, int64_t numLayers) {
  // numLayers itself is accepted (as for vcc): it acts after the last layer, i.e. never.
  if (layer < lowest || layer > numLayers)
    throw EngineError(scheme + ": " + key + " " + std::to_string(layer) + " is out of range for a " +
                      std::to_string(numLayers) + "-layer model (allowed " + std::to_string(lowest) + ".." +
                      std::to_string(numLayers) + (lowest < 0 ? ", -1 = before the LLM" : "") + ")");
}

}  // namespace llavolta::engine
