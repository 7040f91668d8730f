#include "engine/generation.h"

#include <cmath>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <unordered_set>

#include <torch/cuda.h>

#include "engine/errors.h"

namespace llavolta::engine {
namespace {

double msSince(std::chrono::steady_clock::time_point t0, const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int64_t sampleToken(torch::Tensor logits, const std::vector<int64_t>& seen, const SamplingOptions& o,
                    std::mt19937_64& rng) {
  logits = logits.to(torch::kCPU, torch::kFloat32).contiguous().clone();
  float* data = logits.data_ptr<float>();
  const int64_t V = logits.numel();
  if (o.repetitionPenalty != 1.0) {
    // transformers' RepetitionPenaltyLogitsProcessor: shrink the logits of seen tokens.
    std::unordered_set<int64_t> once(seen.begin(), seen.end());
    for (int64_t id : once) {
      if (id < 0 || id >= V) continue;
      data[id] = data[id] < 0 ? data[id] * static_cast<float>(o.repetitionPenalty)
                              : data[id] / static_cast<float>(o.repetitionPenalty);
    }
  }
  if (o.temperature <= 0.0) return logits.argmax().item<int64_t>();

  std::vector<int64_t> order(V);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return data[a] > data[b]; });
  int64_t keep = V;
  if (o.topK > 0) keep = std::min<int64_t>(keep, o.topK);
  std::vector<double> probs(keep);
  const double maxLogit = data[order[0]] / o.temperature;
  double sum = 0;
  for (int64_t i = 0; i < keep; ++i) sum += probs[i] = std::exp(data[order[i]] / o.temperature - maxLogit);
  if (o.topP < 1.0) {
    double cum = 0;
    int64_t cut = keep;
    for (int64_t i = 0; i < keep; ++i) {
      cum += probs[i] / sum;
      if (cum >= o.topP) {
        cut = i + 1;
        break;
      }
    }
    keep = cut;
    probs.resize(keep);
  }
  std::discrete_distribution<int64_t> pick(probs.begin(), probs.end());
  return order[pick(rng)];
}

void validateSampling(const SamplingOptions& sampling) {
  if (sampling.maxNewTokens < 0) throw EngineError("max new tokens must not be negative");
  if (!(sampling.topP > 0.0 && sampling.topP <= 1.0)) throw EngineError("top-p must be in (0, 1]");
  if (!(sampling.repetitionPenalty > 0.0 && std::isfinite(sampling.repetitionPenalty)))
    throw EngineError("repetition penalty must be a positive number");
  if (!(sampling.temperature >= 0.0 && std::isfinite(sampling.temperature)))
    throw EngineError("temperature must be 0 (greedy) or a positive number, got " + std::to_string(sampling.temperature));
  if (sampling.topK < 0) throw EngineError("top-k must be 0 (off) or positive, got " + std::to_string(sampling.topK));
}

GenerationOutput generate(LlavaModelImpl& model, const std::vector<std::vector<int64_t>>& prompts,
                          const torch::Tensor& pixels, const CompressionScheme& scheme, const SamplingOptions& sampling,
                          const TokenCallback& onToken, const std::atomic<bool>* stop,
                          const PrefillOptions& prefillOptions) {
  torch::NoGradGuard noGrad;
  validateSampling(sampling);
  const auto device = model.device();
  const int64_t B = static_cast<int64_t>(prompts.size());
  GenerationOutput out;
  out.tokens.resize(B);
  out.endedWithEos.assign(B, false);

  const auto t0 = std::chrono::steady_clock::now();
  torch::Tensor features;
  PrefillOptions options = prefillOptions;
  if (!options.stop) options.stop = stop;  // a stop interrupts the prefill between layers too
  if (pixels.defined()) {
    features = model.encodeImages(pixels, scheme.needsVisionAttention() ? &options.imageClsAttention : nullptr);
    out.visionMs = msSince(t0, device);
  }
  KVCache cache;
  out.prefill = model.prefill(prompts, features, scheme, &cache, options);
  out.prefillMs = msSince(t0, device);
  if (out.prefill.cancelled) {
    out.cancelled = true;
    return out;
  }
  torch::Tensor logits = out.prefill.logits.to(torch::kCPU);

  std::mt19937_64 rng(sampling.seed);
  std::vector<std::vector<int64_t>> seen = prompts;
  std::vector<bool> done(B, false);
  const auto t1 = std::chrono::steady_clock::now();
  for (int64_t step = 0; step < sampling.maxNewTokens; ++step) {
    if (stop && stop->load()) {
      out.cancelled = true;
      break;
    }
    if (step < sampling.keepStepLogits) out.stepLogits.push_back(logits.to(torch::kFloat32).clone());
    std::vector<int64_t> next(B, sampling.eosTokenId);
    bool allDone = true;
    for (int64_t b = 0; b < B; ++b) {
      if (done[b]) continue;
      next[b] = sampleToken(logits[b], seen[b], sampling, rng);
      seen[b].push_back(next[b]);
      if (sampling.stopAtEos && next[b] == sampling.eosTokenId) {
        done[b] = true;
        out.endedWithEos[b] = true;
        continue;
      }
      out.tokens[b].push_back(next[b]);
      if (onToken && !onToken(b, next[b])) out.cancelled = true;
      allDone = false;
    }
    if (allDone || out.cancelled || step + 1 == sampling.maxNewTokens) break;
    logits = model.decodeStep(torch::tensor(next, torch::kLong), cache).to(torch::kCPU);
    ++out.decodeSteps;
  }
  out.decodeMs = msSince(t1, device);
  out.kvCacheBytes = cache.bytes();
  return out;
}

}  // namespace llavolta::engine
