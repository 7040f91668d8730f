#pragma once
// How an answer is sampled, without torch: the CLI's chat flags, the studio's Sampling panel
// and the generator all use this one struct.
#include <cstdint>

namespace llavolta::engine {

struct SamplingOptions {
  int64_t maxNewTokens = 128;
  double temperature = 0.0;  // 0 = greedy
  double topP = 1.0;
  int64_t topK = 0;          // 0 = off
  double repetitionPenalty = 1.0;
  uint64_t seed = 0;
  bool stopAtEos = true;
  int64_t eosTokenId = 2;
  // Keep the logits of the first n steps in GenerationOutput::stepLogits (for reference
  // checks and inspection; the sampler itself never needs them).
  int64_t keepStepLogits = 0;
};

}  // namespace llavolta::engine
