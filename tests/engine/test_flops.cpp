// The analytic FLOPs model and the paper's token accounting: a hand count on a tiny model,
// the paper's #Tokens / CR for the LLaVolta presets on LLaVA-1.5-7B, and the invariants a
// user reads off the benchmark (compression lowers decoder FLOPs, never the projector's).
#include <torch/torch.h>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/compression.h"
#include "engine/config.h"
#include "engine/errors.h"
#include "engine/flops.h"
#include "support/check.h"

using llavolta::engine::EngineError;
using llavolta::engine::makeScheme;
using llavolta::engine::ModelConfig;
using llavolta::engine::paperCompressionRatio;
using llavolta::engine::paperVisualTokens;
using llavolta::engine::PrefillCost;
using llavolta::engine::prefillCost;
using nlohmann::json;

namespace {

// Small enough to count by hand: P = 4 patches (T = 5 with CLS), Dv = 4, Iv = 8, one tower
// layer run (feature layer -2 of 2); L = 4 visual tokens, D = 8, I = 16, 3 decoder layers,
// 2 heads of 4 with 1 KV head (Dkv = 4), V = 10.
ModelConfig tinyConfig() {
  return ModelConfig::fromJson(json::parse(R"({
    "model_type": "llava",
    "vision_feature_layer": -2,
    "vision_config": {"hidden_size": 4, "intermediate_size": 8, "num_hidden_layers": 2,
                      "num_attention_heads": 2, "image_size": 4, "patch_size": 2},
    "text_config": {"vocab_size": 10, "hidden_size": 8, "intermediate_size": 16, "num_hidden_layers": 3,
                    "num_attention_heads": 2, "num_key_value_heads": 1}
  })"),
                               "tiny");
}

// llava-hf/llava-1.5-7b-hf as shipped: the LLaMA-7B shape comes from LlamaConfig's defaults.
ModelConfig llava7b() {
  return ModelConfig::fromJson(json::parse(R"({
    "model_type": "llava", "image_token_index": 32000, "projector_hidden_act": "gelu",
    "text_config": {"model_type": "llama", "max_position_embeddings": 4096, "rms_norm_eps": 1e-05,
                    "vocab_size": 32064},
    "vision_config": {"hidden_size": 1024, "image_size": 336, "intermediate_size": 4096,
                      "model_type": "clip_vision_model", "num_attention_heads": 16,
                      "num_hidden_layers": 24, "patch_size": 14, "projection_dim": 768},
    "vision_feature_layer": -2, "vision_feature_select_strategy": "default", "vocab_size": 32064
  })"),
                               "llava-1.5-7b-hf");
}

std::string fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

double part(const PrefillCost& cost, const std::string& name) {
  for (const auto& [n, f] : cost.parts)
    if (n == name) return f;
  FAIL("no part named " + name);
}

PrefillCost costOf(const ModelConfig& c, const std::string& spec, int64_t textTokens = 40) {
  const int64_t N = c.text.numLayers, L = c.numVisualTokens();
  return prefillCost(c, makeScheme(spec, N, L)->visualTokensPerLayer(N, L), textTokens);
}

}  // namespace

class TestFlops : public check::Suite {
 public:
  TEST(tinyModelShape) {
    const auto c = tinyConfig();
    COMPARE(c.numVisualTokens(), int64_t(4));
    COMPARE(c.visionLayersRun(), int64_t(1));
    COMPARE(c.text.numKeyValueHeads * c.text.headDim(), int64_t(4));
  }

  TEST(handCountWithoutCompression) {
    const auto c = tinyConfig();
    const auto cost = prefillCost(c, {4, 4, 4}, /*textTokens=*/5);

    // Vision tower: patch embedding 2 * P * Dv * (C * p * p) = 2 * 4 * 4 * (3 * 2 * 2).
    const double patchEmbed = 2.0 * 4 * 4 * (3 * 2 * 2);
    COMPARE(patchEmbed, 384.0);
    // One layer run, T = 5: 2 * T * (4 * Dv^2 + 2 * Dv * Iv) + 2 * 2 * T^2 * Dv.
    const double towerLayer = 2.0 * 5 * (4 * 4 * 4 + 2 * 4 * 8) + 4.0 * 5 * 5 * 4;
    COMPARE(towerLayer, 1280.0 + 400.0);
    COMPARE(part(cost, "vision_tower"), patchEmbed + towerLayer);  // 2064

    // Projector: 2 * L * (Dv * D + D * D) = 2 * 4 * (32 + 64).
    COMPARE(part(cost, "projector"), 768.0);

    // Each decoder layer sees n = 5 text + 4 visual = 9 tokens:
    // linear 2 * n * (2 * D^2 + 2 * D * Dkv + 3 * D * I) = 18 * (128 + 64 + 384) = 10368,
    // attention 2 * 2 * n^2 * D = 4 * 81 * 8 = 2592.
    const double linear = 2.0 * 9 * (2 * 64 + 2 * 8 * 4 + 3 * 8 * 16);
    const double attention = 4.0 * 81 * 8;
    COMPARE(linear, 10368.0);
    COMPARE(attention, 2592.0);
    COMPARE(cost.layerFlops, (std::vector<double>{12960, 12960, 12960}));
    COMPARE(part(cost, "llm_linear"), 3 * linear);
    COMPARE(part(cost, "llm_attention"), 3 * attention);

    // lm_head for the one position whose logits are needed: 2 * D * V.
    COMPARE(part(cost, "lm_head"), 160.0);
    COMPARE(cost.flops, 2064.0 + 768.0 + 3 * 12960.0 + 160.0);  // 41872

    COMPARE(cost.parts.size(), size_t(5));
    double sum = 0;
    for (const auto& p : cost.parts) sum += p.second;
    COMPARE(sum, cost.flops);
    COMPARE(cost.llmLayers, int64_t(3));
    COMPARE(cost.visualTokens, int64_t(4));
    COMPARE(cost.textTokens, int64_t(5));
    COMPARE(cost.visualTokensTotal, int64_t(12));
    COMPARE(cost.compressionRatio, 1.0);

    // Logits at every prompt position (training-style forward) multiply the lm_head cost.
    const auto all = prefillCost(c, {4, 4, 4}, 5, /*logitPositions=*/9);
    COMPARE(part(all, "lm_head"), 9 * 160.0);
    COMPARE(all.flops - cost.flops, 8 * 160.0);
  }

  TEST(handCountWithVcc) {
    const auto c = tinyConfig();
    // vcc at layer K = 1 with stride S = 2: layer 0 sees all 4 visual tokens, layers 1 and 2 see 2.
    const auto counts = makeScheme("vcc:layer=1,stride=2", 3, 4)->visualTokensPerLayer(3, 4);
    COMPARE(counts, (std::vector<int64_t>{4, 2, 2}));
    const auto cost = prefillCost(c, counts, 5);

    // Layer 0, n = 9: 10368 + 2592. Layers 1-2, n = 7: linear 2 * 7 * 576 = 8064,
    // attention 4 * 49 * 8 = 1568.
    const double linear7 = 2.0 * 7 * (2 * 64 + 2 * 8 * 4 + 3 * 8 * 16);
    const double attention7 = 4.0 * 49 * 8;
    COMPARE(linear7, 8064.0);
    COMPARE(attention7, 1568.0);
    COMPARE(cost.layerFlops, (std::vector<double>{12960, 9632, 9632}));
    COMPARE(part(cost, "llm_linear"), 10368.0 + 2 * 8064.0);
    COMPARE(part(cost, "llm_attention"), 2592.0 + 2 * 1568.0);
    // Tower, projector and lm_head do not depend on the scheme.
    COMPARE(part(cost, "vision_tower"), 2064.0);
    COMPARE(part(cost, "projector"), 768.0);
    COMPARE(part(cost, "lm_head"), 160.0);
    COMPARE(cost.flops, 2064.0 + 768.0 + 12960.0 + 2 * 9632.0 + 160.0);  // 35216

    // #Tokens = 4 + 2 + 2 = 8 = K * L + (N - K) * L / S; CR = N * L / #Tokens = 12 / 8.
    COMPARE(cost.visualTokensPerLayer, counts);
    COMPARE(cost.visualTokensTotal, int64_t(8));
    COMPARE(paperVisualTokens(3, 4, 1, 2), 8.0);
    COMPARE(cost.compressionRatio, 1.5);
    COMPARE(paperCompressionRatio(3, 4, 1, 2), 1.5);
  }

  TEST(decodeStepHandCount) {
    const auto c = tinyConfig();
    // Per layer 2 * 576 for the projections plus 2 * 2 * (len + 1) * D for the new token's
    // scores and values over the cache and itself; then 2 * D * V for the logits.
    const double expected = 3 * 1152.0 + 4.0 * 8 * (10 + 8 + 8) + 160.0;
    COMPARE(llavolta::engine::decodeStepFlops(c, {9, 7, 7}), expected);
  }

  void paperNumbersOnLlava7b_data() {
    check::addColumn<std::string>("spec");
    check::addColumn<int>("layer");
    check::addColumn<int>("stride");
    check::addColumn<int64_t>("tokens");
    check::addColumn<double>("ratio");
    // #Tokens = K * 576 + (32 - K) * 576 / S; CR = 18432 / #Tokens.
    check::newRow("heavy (2,8)") << "vcc:layer=2,stride=8" << 2 << 8 << int64_t(2 * 576 + 30 * 72) << 5.5652;
    check::newRow("light (16,8)") << "vcc:layer=16,stride=8" << 16 << 8 << int64_t(16 * 576 + 16 * 72) << 1.7778;
    check::newRow("4stage (2,2)") << "vcc:layer=2,stride=2" << 2 << 2 << int64_t(2 * 576 + 30 * 288) << 1.8824;
    check::newRow("4stage (16,2)") << "vcc:layer=16,stride=2" << 16 << 2 << int64_t(16 * 576 + 16 * 288) << 1.3333;
    check::newRow("last-stage (2,16)") << "vcc:layer=2,stride=16" << 2 << 16 << int64_t(2 * 576 + 30 * 36) << 8.2581;
    check::newRow("last-stage (16,4)") << "vcc:layer=16,stride=4" << 16 << 4 << int64_t(16 * 576 + 16 * 144) << 1.6;
    check::newRow("stride 1") << "vcc:layer=2,stride=1" << 2 << 1 << int64_t(18432) << 1.0;
  }

  DATA_TEST(paperNumbersOnLlava7b) {
    FETCH(std::string, spec);
    FETCH(int, layer);
    FETCH(int, stride);
    FETCH(int64_t, tokens);
    FETCH(double, ratio);
    const auto c = llava7b();
    COMPARE(c.text.numLayers, int64_t(32));
    COMPARE(c.numVisualTokens(), int64_t(576));

    COMPARE(paperVisualTokens(32, 576, layer, stride), double(tokens));
    VERIFY_MSG(std::abs(paperCompressionRatio(32, 576, layer, stride) - ratio) < 1e-4,
               std::to_string(paperCompressionRatio(32, 576, layer, stride)).c_str());

    const auto cost = costOf(c, spec);
    COMPARE(cost.visualTokensTotal, int64_t(tokens));
    VERIFY_MSG(std::abs(cost.compressionRatio - ratio) < 1e-4, std::to_string(cost.compressionRatio).c_str());
    int64_t sum = 0;
    for (int64_t l = 0; l < 32; ++l) {
      const int64_t expected = l < layer ? 576 : 576 / stride;
      COMPARE(cost.visualTokensPerLayer[l], expected);
      sum += cost.visualTokensPerLayer[l];
    }
    COMPARE(sum, int64_t(tokens));
  }

  TEST(heavyCompressionIsThePaperFiveAndAHalf) {
    // The headline number as the paper prints it: CR 557% for K = 2, S = 8.
    const auto cost = costOf(llava7b(), "vcc:layer=2,stride=8");
    COMPARE(cost.visualTokensTotal, int64_t(3312));
    COMPARE(fixed2(cost.compressionRatio), std::string("5.57"));
    COMPARE(fixed2(paperCompressionRatio(32, 576, 2, 8)), std::string("5.57"));
  }

  TEST(uncompressedAccounting) {
    const auto none = costOf(llava7b(), "none");
    COMPARE(none.visualTokensTotal, int64_t(576 * 32));
    COMPARE(none.compressionRatio, 1.0);
    COMPARE(none.visualTokensPerLayer, std::vector<int64_t>(32, 576));
    COMPARE(none.layerFlops.size(), size_t(32));
    // A 7B prefill of ~600 tokens is some TFLOPs; the LLM dominates the CLIP tower.
    VERIFY_MSG(none.flops > 7e12 && none.flops < 1e13, std::to_string(none.flops).c_str());
    VERIFY(part(none, "llm_linear") > part(none, "vision_tower"));
  }

  TEST(compressionLowersPrefillFlops) {
    const auto c = llava7b();
    const auto none = costOf(c, "none");
    double previous = none.flops;
    // Ordered from least to most compression: each costs less than the one before.
    for (const char* spec : {"vcc:layer=16,stride=2", "vcc:layer=16,stride=8", "vcc:layer=2,stride=2",
                             "vcc:layer=2,stride=8", "vcc:layer=0,stride=8", "vcc:layer=-1,stride=16"}) {
      const auto cost = costOf(c, spec);
      VERIFY_MSG(cost.flops < previous, spec);
      VERIFY_MSG(cost.flops < none.flops, spec);
      COMPARE(part(cost, "vision_tower"), part(none, "vision_tower"));
      COMPARE(part(cost, "projector"), part(none, "projector"));
      COMPARE(part(cost, "lm_head"), part(none, "lm_head"));
      previous = cost.flops;
    }
    // Layers before K are charged exactly as without compression, later ones less.
    const auto heavy = costOf(c, "vcc:layer=2,stride=8");
    COMPARE(heavy.layerFlops[0], none.layerFlops[0]);
    COMPARE(heavy.layerFlops[1], none.layerFlops[1]);
    for (int l = 2; l < 32; ++l) VERIFY(heavy.layerFlops[l] < none.layerFlops[l]);
  }

  TEST(poolingBeforeTheLlmReducesEveryLayer) {
    const auto c = llava7b();
    const auto none = costOf(c, "none");
    const auto before = costOf(c, "vcc:layer=-1,stride=4");
    COMPARE(before.visualTokensPerLayer, std::vector<int64_t>(32, 144));
    COMPARE(before.visualTokensTotal, int64_t(32 * 144));
    COMPARE(before.compressionRatio, 4.0);
    for (int l = 0; l < 32; ++l) VERIFY(before.layerFlops[l] < none.layerFlops[l]);
    // The projector still maps all 576 CLIP features; pooling happens after it.
    COMPARE(part(before, "projector"), part(none, "projector"));
    COMPARE(part(before, "projector"), 2.0 * 576 * (1024 * 4096 + 4096.0 * 4096));
    COMPARE(before.visualTokens, int64_t(576));
  }

  TEST(perLayerCountsMustMatchTheDepth) {
    const auto c = llava7b();
    for (const auto& counts : {std::vector<int64_t>(31, 576), std::vector<int64_t>(33, 576), std::vector<int64_t>{}}) {
      try {
        prefillCost(c, counts, 40);
        FAIL("a per-layer vector of the wrong length was accepted");
      } catch (const EngineError& e) {
        const std::string msg = e.what();
        VERIFY_MSG(msg.find(std::to_string(counts.size()) + " entries") != std::string::npos, msg.c_str());
        VERIFY_MSG(msg.find("32 layers") != std::string::npos, msg.c_str());
      }
    }
    // The counts of a scheme resolved for another depth do not fit either.
    const auto tinyCounts = makeScheme("vcc:layer=1,stride=2", 3, 4)->visualTokensPerLayer(3, 4);
    bool threw = false;
    try {
      prefillCost(c, tinyCounts, 40);
    } catch (const EngineError&) {
      threw = true;
    }
    VERIFY(threw);
  }
};

LLAVOLTA_TEST_MAIN(TestFlops)
