#pragma once
// Analytic cost model of a prefill, and the paper's token accounting.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/config.h"

namespace llavolta::engine {

struct PrefillCost {
  double flops = 0;                                   // total, 2 FLOPs per multiply-add
  std::vector<std::pair<std::string, double>> parts;  // vision_tower, projector, llm_linear, llm_attention, lm_head
  std::vector<double> layerFlops;                     // per decoder layer
  std::vector<int64_t> visualTokensPerLayer;
  int64_t llmLayers = 0;
  int64_t visualTokens = 0;       // L, per image, before compression
  int64_t textTokens = 0;
  int64_t visualTokensTotal = 0;  // the paper's #Tokens: sum over layers of visual tokens present
  double compressionRatio = 1.0;  // the paper's CR = N*L / #Tokens
};

// Counts every matmul of one prefill of `textTokens` text tokens plus one image:
//   vision tower (run up to the feature layer), with T = patches + 1 tokens, hidden Dv, MLP Iv:
//     patch embedding   2 * P * Dv * (C * p * p)
//     per layer         2 * T * (4 * Dv^2 + 2 * Dv * Iv)        q, k, v, out, fc1, fc2
//                     + 2 * 2 * T^2 * Dv                        scores and weighted values
//   projector           2 * L * (Dv * D + D * D)
//   decoder layer l, n_l = textTokens + visual tokens present at l, hidden D, kv width Dkv, MLP I:
//     linear            2 * n_l * (2 * D^2 + 2 * D * Dkv + 3 * D * I)   q, o, k, v, gate, up, down
//     attention         2 * 2 * n_l^2 * D                       full n x n score and value products,
//                                                               as the engine computes them (masked)
//   lm_head             2 * logitPositions * D * V
// Norms, softmax, rotary and activations are O(n * D) and left out.
PrefillCost prefillCost(const ModelConfig& config, const std::vector<int64_t>& visualTokensPerLayer,
                        int64_t textTokens, int64_t logitPositions = 1);

// The paper's formulas for VCC at layer K with stride S on N layers and L tokens.
// They take L / S as a real number; prefillCost counts whole tokens, as the scheme's
// visualTokensPerLayer() gives them: floor(L / S) for vcc (the partial window is
// dropped, as in the paper's avg_pool1d) and ceil(L / S) for vcc with tail=keep. All
// three agree when S divides L.
//   #Tokens = K * L + (N - K) * L / S
//   CR      = N * L / ((N - K) * L / S + K * L)
double paperVisualTokens(int64_t layers, int64_t visualTokens, int64_t layer, int64_t stride);
double paperCompressionRatio(int64_t layers, int64_t visualTokens, int64_t layer, int64_t stride);

// FLOPs of one decode step for a KV cache of the given per-layer lengths.
double decodeStepFlops(const ModelConfig& config, const std::vector<int64_t>& cacheLengths);

}  // namespace llavolta::engine
