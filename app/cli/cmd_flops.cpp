#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/flops.h"

namespace llavolta::cli {

namespace {
struct FlopsArgs {
  std::string config;
  std::string scheme = "none";
  int64_t textTokens = 40;
  bool json = false;
};

void runFlops(const FlopsArgs& a) {
  if (a.textTokens < 0) throw engine::EngineError("--text-tokens must not be negative");
  const auto c = engine::ModelConfig::fromFile(a.config);
  const int64_t N = c.text.numLayers, L = c.numVisualTokens();
  auto scheme = engine::makeScheme(a.scheme, N, L);
  const auto cost = engine::prefillCost(c, scheme->visualTokensPerLayer(N, L), a.textTokens);
  nlohmann::json parts = nlohmann::json::object();
  for (const auto& [name, f] : cost.parts) parts[name + "_tflops"] = f / 1e12;
  nlohmann::json j = {{"config", a.config},
                      {"scheme", scheme->spec()},
                      {"prefill_tflops", cost.flops / 1e12},
                      {"visual_tokens_total", cost.visualTokensTotal},
                      {"compression_ratio", cost.compressionRatio},
                      {"llm_layers", N},
                      {"visual_tokens", L},
                      {"text_tokens", a.textTokens},
                      {"visual_tokens_per_layer", cost.visualTokensPerLayer},
                      {"breakdown", parts}};
  if (a.json) {
    std::cout << j.dump(2) << std::endl;
    return;
  }
  std::printf("scheme               %s\n", scheme->spec().c_str());
  std::printf("prefill              %.4f TFLOPs (%lld text tokens + %lld visual tokens, %lld LLM layers)\n",
              cost.flops / 1e12, static_cast<long long>(a.textTokens), static_cast<long long>(L),
              static_cast<long long>(N));
  for (const auto& [name, f] : cost.parts) std::printf("  %-18s %.4f TFLOPs\n", name.c_str(), f / 1e12);
  std::printf("#Tokens              %lld (uncompressed %lld)\n", static_cast<long long>(cost.visualTokensTotal),
              static_cast<long long>(N * L));
  std::printf("compression ratio    %.2f (%.0f%%)\n", cost.compressionRatio, cost.compressionRatio * 100);
}
}  // namespace

void registerFlops(CLI::App& app) {
  auto args = std::make_shared<FlopsArgs>();
  auto* cmd = app.add_subcommand("flops", "Analytic prefill FLOPs, #Tokens and compression ratio of a scheme");
  cmd->add_option("--config", args->config, "config.json (llava-hf or original LLaVA, sparse ones too)")->required();
  cmd->add_option("--scheme", args->scheme, "Compression scheme spec")->capture_default_str();
  cmd->add_option("--text-tokens", args->textTokens, "Text tokens in the prompt")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] { runFlops(*args); });
}

}  // namespace llavolta::cli
