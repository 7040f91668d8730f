// Merging schemes: ToMe (bipartite soft matching), k-means clustering and
// VisionZip (dominant + contextual tokens). Every patch stays represented: the
// token map's groups cover the span, and merged tokens are averages over patches.
#include <algorithm>
#include <numeric>

#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/span_ops.h"

namespace llavolta::engine {
namespace {

std::vector<int64_t> countsFrom(int64_t numLayers, int64_t visualTokens, int layer, int64_t after) {
  std::vector<int64_t> counts(numLayers);
  for (int64_t l = 0; l < numLayers; ++l) counts[l] = (layer >= 0 && l < layer) ? visualTokens : after;
  return counts;
}

// Cosine similarities rows(a) x rows(b) on the metric's device, returned on the CPU in fp32
// (the callers read them as floats; under bf16 autocast or a bf16 model the metric is bf16).
torch::Tensor cosine(const torch::Tensor& a, const torch::Tensor& b) {
  auto na = a / a.norm(2, -1, true).clamp_min(1e-12);
  auto nb = b / b.norm(2, -1, true).clamp_min(1e-12);
  return torch::matmul(na, nb.transpose(0, 1)).to(torch::kCPU, torch::kFloat32).contiguous();
}

// ToMe: repeated bipartite soft matching until `target` tokens remain. Tokens
// alternate between sets A and B (in sequence order); every A token finds its most
// similar B token (cosine on the metric); the r best edges merge, with r as large as
// one round allows. Merged metrics are size-weighted means, as in ToMe's merge.
std::vector<int64_t> tomeAssignment(const torch::Tensor& metric, std::vector<int64_t> sizes, int64_t target) {
  const int64_t L = metric.size(0);
  std::vector<std::vector<int64_t>> members(L);
  for (int64_t i = 0; i < L; ++i) members[i] = {i};
  auto m = metric;
  auto sizeT = torch::tensor(std::vector<float>(sizes.begin(), sizes.end())).to(metric.device());
  while (static_cast<int64_t>(members.size()) > target) {
    const int64_t n = static_cast<int64_t>(members.size());
    auto aIdx = torch::arange(0, n, 2, torch::kLong).to(m.device());
    auto bIdx = torch::arange(1, n, 2, torch::kLong).to(m.device());
    const int64_t na = aIdx.size(0), nb = bIdx.size(0);
    const auto scores = cosine(m.index_select(0, aIdx), m.index_select(0, bIdx));
    const auto* s = scores.data_ptr<float>();
    std::vector<int64_t> best(na);
    std::vector<float> bestScore(na);
    for (int64_t a = 0; a < na; ++a) {
      best[a] = 0;
      for (int64_t b = 1; b < nb; ++b)
        if (s[a * nb + b] > s[a * nb + best[a]]) best[a] = b;
      bestScore[a] = s[a * nb + best[a]];
    }
    std::vector<int64_t> order(na);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) { return bestScore[x] > bestScore[y]; });
    const int64_t r = std::min(n - target, na);
    std::vector<bool> mergedAway(n, false);
    // Weighted sums into B, then the surviving tokens in sequence order.
    auto weighted = m * sizeT.unsqueeze(1);
    std::vector<int64_t> srcIndex, dstIndex;
    for (int64_t k = 0; k < r; ++k) {
      const int64_t a = order[k], src = 2 * a, dst = 2 * best[a] + 1;
      mergedAway[src] = true;
      srcIndex.push_back(src);
      dstIndex.push_back(dst);
      members[dst].insert(members[dst].end(), members[src].begin(), members[src].end());
    }
    auto dev = m.device();
    auto src = torch::tensor(srcIndex, torch::kLong).to(dev), dst = torch::tensor(dstIndex, torch::kLong).to(dev);
    weighted = weighted.index_add(0, dst, weighted.index_select(0, src));
    auto newSize = sizeT.index_add(0, dst, sizeT.index_select(0, src));
    std::vector<int64_t> keep;
    std::vector<std::vector<int64_t>> nextMembers;
    for (int64_t i = 0; i < n; ++i)
      if (!mergedAway[i]) {
        keep.push_back(i);
        nextMembers.push_back(std::move(members[i]));
      }
    auto keepT = torch::tensor(keep, torch::kLong).to(dev);
    sizeT = newSize.index_select(0, keepT);
    m = weighted.index_select(0, keepT) / sizeT.unsqueeze(1);
    members = std::move(nextMembers);
    // Keep sequence order (by first member) so the alternation stays spatial.
    std::vector<int64_t> perm(members.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::vector<int64_t> first(members.size());
    for (size_t i = 0; i < members.size(); ++i) first[i] = *std::min_element(members[i].begin(), members[i].end());
    std::stable_sort(perm.begin(), perm.end(), [&](int64_t x, int64_t y) { return first[x] < first[y]; });
    std::vector<std::vector<int64_t>> sorted;
    for (auto i : perm) sorted.push_back(std::move(members[i]));
    members = std::move(sorted);
    auto permT = torch::tensor(perm, torch::kLong).to(dev);
    m = m.index_select(0, permT);
    sizeT = sizeT.index_select(0, permT);
  }
  std::vector<int64_t> assignment(L);
  for (size_t s = 0; s < members.size(); ++s)
    for (auto i : members[s]) assignment[i] = static_cast<int64_t>(s);
  return assignment;
}

class TokenMerging final : public CompressionScheme {
 public:
  TokenMerging(int layer, double keep) : layer_(layer), keep_(keep) {}
  std::string name() const override { return "tome"; }
  std::string spec() const override { return "tome:layer=" + std::to_string(layer_) + ",keep=" + formatReal(keep_); }
  std::vector<int> actionLayers() const override { return keep_ < 1.0 ? std::vector<int>{layer_} : std::vector<int>{}; }
  void validate(int64_t numLayers, int64_t) const override {
    checkKeep("tome", keep_);
    checkLayer("tome", "layer", layer_, -1, numLayers);
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength, target = keptCount(keep_, L);
    if (L == 0 || target >= L) return;
    const auto metric = spanMetric(ctx);
    std::vector<std::vector<int64_t>> assignment;
    for (int64_t b = 0; b < metric.size(0); ++b) {
      std::vector<int64_t> sizes;
      for (const auto& g : ctx.groups[b]) sizes.push_back(static_cast<int64_t>(g.size()));
      assignment.push_back(tomeAssignment(metric[b], sizes, target));
    }
    mergeSpanTokens(ctx, assignment, target);
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return countsFrom(numLayers, visualTokens, layer_, keep_ < 1.0 ? keptCount(keep_, visualTokens) : visualTokens);
  }

 private:
  int layer_;
  double keep_;
};

// k-means (Lloyd) on the span's hidden states, started from evenly spaced tokens
// (deterministic: no random seeding), fixed iterations; an empty cluster takes the
// token farthest from its own centroid, so there are always exactly C clusters.
std::vector<int64_t> kmeansAssignment(const torch::Tensor& x, int64_t clusters, int iterations) {
  const int64_t L = x.size(0);
  std::vector<int64_t> init(clusters);
  for (int64_t c = 0; c < clusters; ++c) init[c] = (2 * c + 1) * L / (2 * clusters);
  auto centroids = x.index_select(0, torch::tensor(init, torch::kLong).to(x.device()));
  torch::Tensor assign;
  for (int it = 0; it <= iterations; ++it) {
    auto d = torch::cdist(x.unsqueeze(0), centroids.unsqueeze(0)).squeeze(0);  // [L, C]
    assign = d.argmin(1);
    if (it == iterations) break;
    auto sums = torch::zeros_like(centroids).index_add(0, assign, x);
    auto counts = torch::zeros({clusters}, x.options()).index_add(0, assign, torch::ones({L}, x.options()));
    auto nonEmpty = (counts > 0).unsqueeze(1);
    centroids = torch::where(nonEmpty, sums / counts.clamp_min(1).unsqueeze(1), centroids);
  }
  auto distCpu = torch::cdist(x.unsqueeze(0), centroids.unsqueeze(0)).squeeze(0).to(torch::kCPU).contiguous();
  auto a = assign.to(torch::kCPU).contiguous();
  std::vector<int64_t> result(a.data_ptr<int64_t>(), a.data_ptr<int64_t>() + L);
  std::vector<int64_t> size(clusters, 0);
  for (auto c : result) ++size[c];
  const auto dist = distCpu.accessor<float, 2>();
  for (int64_t c = 0; c < clusters; ++c) {
    if (size[c] > 0) continue;
    int64_t pick = -1;
    for (int64_t i = 0; i < L; ++i)
      if (size[result[i]] > 1 && (pick < 0 || dist[i][result[i]] > dist[pick][result[pick]])) pick = i;
    if (pick < 0) throw EngineError("internal: k-means could not fill an empty cluster");
    --size[result[pick]];
    result[pick] = c;
    size[c] = 1;
  }
  return result;
}

class KMeansMerging final : public CompressionScheme {
 public:
  KMeansMerging(int layer, int64_t clusters, int iterations) : layer_(layer), clusters_(clusters), iterations_(iterations) {}
  std::string name() const override { return "kmeans"; }
  std::string spec() const override {
    return "kmeans:layer=" + std::to_string(layer_) + ",clusters=" + std::to_string(clusters_) +
           ",iterations=" + std::to_string(iterations_);
  }
  std::vector<int> actionLayers() const override { return {layer_}; }
  void validate(int64_t numLayers, int64_t visualTokens) const override {
    checkLayer("kmeans", "layer", layer_, -1, numLayers);
    if (clusters_ < 1) throw EngineError("kmeans: clusters must be at least 1");
    if (clusters_ > visualTokens)
      throw EngineError("kmeans: " + std::to_string(clusters_) + " clusters are more than the " +
                        std::to_string(visualTokens) + " visual tokens of this model");
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0 || clusters_ >= L) return;
    std::vector<std::vector<int64_t>> assignment;
    {
      torch::NoGradGuard g;  // the clustering picks groups; the merge below carries the gradients
      auto x = ctx.spanHidden().detach().to(torch::kFloat32);
      for (int64_t b = 0; b < x.size(0); ++b) assignment.push_back(kmeansAssignment(x[b], clusters_, iterations_));
    }
    mergeSpanTokens(ctx, assignment, clusters_);
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return countsFrom(numLayers, visualTokens, layer_, std::min(clusters_, visualTokens));
  }

 private:
  int layer_;
  int64_t clusters_;
  int iterations_;
};

// VisionZip: before the LLM keep the D patches with the most [CLS] attention in the
// vision tower's feature layer; of the rest, C evenly spaced ones become targets and
// every other remaining token joins its most similar target (cosine on the projected
// features); each contextual token is its group's mean.
class VisionZip final : public CompressionScheme {
 public:
  VisionZip(int64_t dominant, int64_t contextual) : dominant_(dominant), contextual_(contextual) {}
  std::string name() const override { return "visionzip"; }
  std::string spec() const override {
    return "visionzip:dominant=" + std::to_string(dominant_) + ",contextual=" + std::to_string(contextual_);
  }
  std::vector<int> actionLayers() const override { return {-1}; }
  bool needsVisionAttention() const override { return true; }
  void validate(int64_t, int64_t visualTokens) const override {
    if (dominant_ < 1) throw EngineError("visionzip: dominant must be at least 1");
    if (contextual_ < 0) throw EngineError("visionzip: contextual must not be negative");
    if (dominant_ + contextual_ > visualTokens)
      throw EngineError("visionzip: dominant + contextual = " + std::to_string(dominant_ + contextual_) +
                        " is more than the " + std::to_string(visualTokens) + " visual tokens of this model");
  }
  void apply(CompressionContext& ctx) const override {
    const int64_t L = ctx.spanLength;
    if (L == 0 || dominant_ + contextual_ >= L) return;
    if (!ctx.visionAttention.defined() || ctx.visionAttention.size(-1) != L)
      throw EngineError("visionzip needs the vision tower's [CLS] attention over the " + std::to_string(L) +
                        " visual tokens, and this forward pass was not given it");
    const auto att = ctx.visionAttention.detach().to(torch::kCPU, torch::kFloat32);
    const auto metric = spanMetric(ctx);
    const int64_t B = ctx.hidden.size(0);
    std::vector<std::vector<int64_t>> assignment(B, std::vector<int64_t>(L, -1));
    for (int64_t b = 0; b < B; ++b) {
      const auto dominant = topIndices(att[b], dominant_);
      std::vector<int64_t> rest;
      {
        size_t d = 0;
        for (int64_t i = 0; i < L; ++i) {
          if (d < dominant.size() && dominant[d] == i) {
            assignment[b][i] = static_cast<int64_t>(d++);
          } else {
            rest.push_back(i);
          }
        }
      }
      if (contextual_ == 0) continue;
      const int64_t R = static_cast<int64_t>(rest.size());
      std::vector<int64_t> targets(contextual_);
      for (int64_t c = 0; c < contextual_; ++c) targets[c] = rest[c * R / contextual_];
      auto dev = metric.device();
      auto restT = torch::tensor(rest, torch::kLong).to(dev), targetT = torch::tensor(targets, torch::kLong).to(dev);
      const auto sim = cosine(metric[b].index_select(0, restT), metric[b].index_select(0, targetT));
      const auto* s = sim.data_ptr<float>();
      for (int64_t r = 0; r < R; ++r) {
        int64_t best = 0;
        for (int64_t c = 1; c < contextual_; ++c)
          if (s[r * contextual_ + c] > s[r * contextual_ + best]) best = c;
        assignment[b][rest[r]] = dominant_ + best;
      }
      for (int64_t c = 0; c < contextual_; ++c) assignment[b][targets[c]] = dominant_ + c;  // a target is its own
    }
    if (contextual_ == 0) {
      std::vector<std::vector<int64_t>> kept(B);
      for (int64_t b = 0; b < B; ++b)
        for (int64_t i = 0; i < L; ++i)
          if (assignment[b][i] >= 0) kept[b].push_back(i);
      keepSpanTokens(ctx, std::move(kept));
      return;
    }
    mergeSpanTokens(ctx, assignment, dominant_ + contextual_);
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const override {
    return std::vector<int64_t>(numLayers, std::min(visualTokens, dominant_ + contextual_));
  }

 private:
  int64_t dominant_, contextual_;
};

}  // namespace

void registerMergingSchemes() {
  const std::vector<SchemeParameter> tomeParams{
      {"layer", "2", "decoder layer K where merging happens (keys of layer K); -1 merges the projected features", SchemeParameter::Kind::Layer},
      {"keep", "0.25", "fraction of the visual tokens left after merging, in (0, 1]"}};
  registerScheme({"tome", "ToMe: bipartite soft matching on head-averaged keys, size-weighted merges until the kept fraction remains",
                  tomeParams,
                  [tomeParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("tome", v, tomeParams);
                    const auto layer = p.integer("layer");
                    if (layer < -1) throw EngineError("tome: layer must be -1 (before the LLM) or a decoder layer index, got " + std::to_string(layer));
                    const auto keep = p.real("keep");
                    checkKeep("tome", keep);
                    return std::make_shared<TokenMerging>(static_cast<int>(layer), keep);
                  },
                  "keep"});
  const std::vector<SchemeParameter> kmeansParams{
      {"layer", "2", "decoder layer K where clustering happens; -1 clusters the projected features", SchemeParameter::Kind::Layer},
      {"clusters", "72", "number of clusters C = visual tokens left (at most the model's visual tokens)"},
      {"iterations", "10", "Lloyd iterations from evenly spaced starting tokens"}};
  registerScheme({"kmeans", "K-means: cluster the visual hidden states at layer K and replace each cluster by its mean",
                  kmeansParams,
                  [kmeansParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("kmeans", v, kmeansParams);
                    const auto layer = p.integer("layer");
                    if (layer < -1) throw EngineError("kmeans: layer must be -1 (before the LLM) or a decoder layer index, got " + std::to_string(layer));
                    const auto clusters = p.integer("clusters");
                    if (clusters < 1) throw EngineError("kmeans: clusters must be at least 1, got " + std::to_string(clusters));
                    const auto iterations = p.integer("iterations");
                    if (iterations < 0 || iterations > 1000) throw EngineError("kmeans: iterations must be in 0..1000");
                    return std::make_shared<KMeansMerging>(static_cast<int>(layer), clusters, static_cast<int>(iterations));
                  },
                  "clusters"});
  const std::vector<SchemeParameter> zipParams{
      {"dominant", "108", "patches kept because the vision tower's [CLS] attends to them most"},
      {"contextual", "36", "tokens the other patches are merged into (by similarity to evenly spaced targets)"}};
  registerScheme({"visionzip", "VisionZip: before the LLM keep the patches with the most [CLS] attention and merge the rest into contextual tokens",
                  zipParams,
                  [zipParams](const std::map<std::string, std::string>& v) -> SchemePtr {
                    SchemeParams p("visionzip", v, zipParams);
                    const auto d = p.integer("dominant"), c = p.integer("contextual");
                    if (d < 1) throw EngineError("visionzip: dominant must be at least 1, got " + std::to_string(d));
                    if (c < 0) throw EngineError("visionzip: contextual must not be negative, got " + std::to_string(c));
                    return std::make_shared<VisionZip>(d, c);
                  },
                  "dominant"});
}

}  // namespace llavolta::engine
