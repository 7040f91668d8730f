#pragma once
// Prefill + KV-cached decoding with sampling, streaming and cancellation.
#include <atomic>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include <torch/torch.h>

#include "engine/compression.h"
#include "engine/llava_model.h"
#include "engine/sampling_options.h"

namespace llavolta::engine {


// Called for every new token of every sample still generating; return false to stop.
using TokenCallback = std::function<bool(int64_t sample, int64_t token)>;

struct GenerationOutput {
  std::vector<std::vector<int64_t>> tokens;  // generated ids per sample, EOS excluded
  std::vector<bool> endedWithEos;
  PrefillOutput prefill;                     // trace + first logits
  // Per kept step (SamplingOptions::keepStepLogits): [B, V] float32 on CPU, as the
  // sampler saw them before any penalty. Step 0 is the prefill's.
  std::vector<torch::Tensor> stepLogits;
  double visionMs = 0;                       // tower + projector
  double prefillMs = 0;                      // vision + LLM prefill: time to the first token
  double decodeMs = 0;
  int64_t decodeSteps = 0;
  int64_t kvCacheBytes = 0;
  bool cancelled = false;
};

// Throws EngineError for options no sampler can use (negative or NaN temperature, top-p
// outside (0, 1], negative top-k); generate() calls it, callers may check before a long load.
void validateSampling(const SamplingOptions& sampling);

// pixels: [B, 3, S, S] preprocessed images (or undefined for text-only prompts).
GenerationOutput generate(LlavaModelImpl& model, const std::vector<std::vector<int64_t>>& prompts,
                          const torch::Tensor& pixels, const CompressionScheme& scheme,
                          const SamplingOptions& sampling, const TokenCallback& onToken = {},
                          const std::atomic<bool>* stop = nullptr, const PrefillOptions& prefillOptions = {});

// Picks the next token from one row of logits (float32, CPU) given the ids seen so
// far; deterministic for a given generator state.
int64_t sampleToken(torch::Tensor logits, const std::vector<int64_t>& seen, const SamplingOptions& options,
                    std::mt19937_64& rng);

}  // namespace llavolta::engine
