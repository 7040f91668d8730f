#include "engine/flops.h"

#include "engine/errors.h"

namespace llavolta::engine {

PrefillCost prefillCost(const ModelConfig& c, const std::vector<int64_t>& perLayer, int64_t textTokens,
                        int64_t logitPositions) {
  const auto& v = c.vision;
  const auto& t = c.text;
  if (static_cast<int64_t>(perLayer.size()) != t.numLayers)
    throw EngineError("per-layer visual token counts have " + std::to_string(perLayer.size()) +
                      " entries for a model of " + std::to_string(t.numLayers) + " layers");
  PrefillCost cost;
  cost.llmLayers = t.numLayers;
  cost.visualTokens = c.numVisualTokens();
  cost.textTokens = textTokens;
  cost.visualTokensPerLayer = perLayer;

  const double P = static_cast<double>(v.numPatches());
  const double T = P + 1;
  const double Dv = static_cast<double>(v.hiddenSize), Iv = static_cast<double>(v.intermediateSize);
  double vision = 2.0 * P * Dv * static_cast<double>(v.numChannels * v.patchSize * v.patchSize);
  vision += static_cast<double>(c.visionLayersRun()) * (2.0 * T * (4 * Dv * Dv + 2 * Dv * Iv) + 4.0 * T * T * Dv);

  const double L = static_cast<double>(cost.visualTokens);
  const double D = static_cast<double>(t.hiddenSize), I = static_cast<double>(t.intermediateSize);
  const double Dkv = static_cast<double>(t.numKeyValueHeads * t.headDim());
  const double projector = 2.0 * L * (Dv * D + D * D);

  double linear = 0, attention = 0;
  for (int64_t l = 0; l < t.numLayers; ++l) {
    const double n = static_cast<double>(textTokens + perLayer[l]);
    const double lin = 2.0 * n * (2 * D * D + 2 * D * Dkv + 3 * D * I);
    const double att = 4.0 * n * n * D;
    cost.layerFlops.push_back(lin + att);
    linear += lin;
    attention += att;
    cost.visualTokensTotal += perLayer[l];
  }
  const double lmHead = 2.0 * static_cast<double>(logitPositions) * D * static_cast<double>(t.vocabSize);
  cost.parts = {{"vision_tower", vision}, {"projector", projector}, {"llm_linear", linear},
                {"llm_attention", attention}, {"lm_head", lmHead}};
  cost.flops = vision + projector + linear + attention + lmHead;
  cost.compressionRatio = cost.visualTokensTotal > 0
                              ? static_cast<double>(t.numLayers) * L / static_cast<double>(cost.visualTokensTotal)
                              : 1.0;
  return cost;
}

double paperVisualTokens(int64_t N, int64_t L, int64_t K, int64_t S) {
  return static_cast<double>(K * L) + static_cast<double>(N - K) * static_cast<double>(L) / static_cast<double>(S);
}

double paperCompressionRatio(int64_t N, int64_t L, int64_t K, int64_t S) {
  return static_cast<double>(N * L) / paperVisualTokens(N, L, K, S);
}

double decodeStepFlops(const ModelConfig& c, const std::vector<int64_t>& cacheLengths) {
  const auto& t = c.text;
  const double D = static_cast<double>(t.hiddenSize), I = static_cast<double>(t.intermediateSize);
  const double Dkv = static_cast<double>(t.numKeyValueHeads * t.headDim());
  double f = 0;
  for (int64_t len : cacheLengths) f += 2.0 * (2 * D * D + 2 * D * Dkv + 3 * D * I) + 4.0 * static_cast<double>(len + 1) * D;
  return f + 2.0 * D * static_cast<double>(t.vocabSize);
}

}  // namespace llavolta::engine
