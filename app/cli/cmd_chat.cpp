#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/errors.h"
#include "engine/session.h"

namespace llavolta::cli {

namespace {
struct ChatArgs {
  std::string model, image, question, visionTower;
  std::string scheme = "none";
  std::string system;
  DeviceOptions device;
  int64_t maxNewTokens = 128;
  double temperature = 0, topP = 1, repetitionPenalty = 1;
  int64_t topK = 0;
  uint64_t seed = 0;
  bool json = false;
};

void runChat(const ChatArgs& a) {
  applyDeviceOptions(a.device);
  engine::LoadOptions load;
  load.device = engine::parseDevice(a.device.device, "--device");
  load.dtype = engine::parseDtype(a.device.dtype, load.device, "--dtype");
  load.visionTowerDir = a.visionTower;
  // Read the image first: a bad image should fail before a long model load.
  const auto image = engine::readImage(a.image);
  auto session = engine::Session::open(a.model, load);

  engine::ChatPrompt prompt;
  if (!a.system.empty()) prompt.system = a.system;
  prompt.turns.push_back({a.question, ""});
  engine::ChatOptions opts;
  opts.scheme = a.scheme;
  opts.sampling.maxNewTokens = a.maxNewTokens;
  opts.sampling.temperature = a.temperature;
  opts.sampling.topP = a.topP;
  opts.sampling.topK = a.topK;
  opts.sampling.repetitionPenalty = a.repetitionPenalty;
  opts.sampling.seed = a.seed;
  engine::validateSampling(opts.sampling);

  auto streamOut = [&](const std::string& piece) {
    if (!a.json) std::cout << piece << std::flush;
    return true;
  };
  const auto r = session->chat(image, prompt, opts, streamOut);
  const auto& s = r.stats;
  if (a.json) {
    nlohmann::json j = {{"answer", r.answer},
                        {"tokens", r.tokens},
                        {"scheme", s.scheme},
                        {"visual_tokens_before", s.visualTokensBefore},
                        {"visual_tokens_after", s.visualTokensAfter},
                        {"visual_tokens_total", s.visualTokensTotal},
                        {"compression_ratio", s.compressionRatio},
                        {"prompt_tokens", s.promptTokens},
                        {"generated_tokens", s.generatedTokens},
                        {"prefill_ms", s.prefillMs},
                        {"decode_tokens_per_s", s.decodeTokensPerSecond},
                        {"prefill_tflops", s.prefillTflops},
                        {"kv_cache_bytes", s.kvCacheBytes},
                        {"ended_with_eos", r.endedWithEos},
                        {"device", a.device.device},
                        {"dtype", a.device.dtype}};
    std::cout << j.dump(2) << std::endl;
  } else {
    std::cout << std::endl;
    std::fprintf(stderr,
                 "[%s | visual tokens %lld -> %lld, #Tokens %lld, CR %.2f | prefill %.1f ms, %.4f TFLOPs | %lld tokens, %.1f tok/s]\n",
                 s.scheme.c_str(), static_cast<long long>(s.visualTokensBefore),
                 static_cast<long long>(s.visualTokensAfter), static_cast<long long>(s.visualTokensTotal),
                 s.compressionRatio, s.prefillMs, s.prefillTflops, static_cast<long long>(s.generatedTokens),
                 s.decodeTokensPerSecond);
  }
}
}  // namespace

void registerChat(CLI::App& app) {
  auto args = std::make_shared<ChatArgs>();
  auto* cmd = app.add_subcommand("chat", "Ask a question about an image; the answer streams to stdout");
  cmd->add_option("--model", args->model, "Model directory (config.json, *.safetensors, tokenizer.model)")->required();
  cmd->add_option("--image", args->image, "Image file (any format OpenCV reads)")->required();
  cmd->add_option("--question", args->question, "The question")->required();
  cmd->add_option("--scheme", args->scheme, "Compression scheme spec, e.g. vcc:layer=2,stride=8")->capture_default_str();
  cmd->add_option("--max-new-tokens", args->maxNewTokens, "Most tokens to generate")->capture_default_str();
  cmd->add_option("--temperature", args->temperature, "Sampling temperature (0 = greedy)")->capture_default_str();
  cmd->add_option("--top-p", args->topP, "Nucleus sampling mass")->capture_default_str();
  cmd->add_option("--top-k", args->topK, "Sample among the k most likely tokens (0 = off)")->capture_default_str();
  cmd->add_option("--repetition-penalty", args->repetitionPenalty, "Penalty for repeated tokens (1 = off)")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Sampling seed")->capture_default_str();
  cmd->add_option("--system", args->system, "System prompt (default: LLaVA's vicuna_v1)");
  cmd->add_option("--vision-tower", args->visionTower, "CLIP checkpoint directory for original LLaVA checkpoints");
  cmd->add_flag("--json", args->json, "Print one JSON object with the answer and statistics");
  addDeviceOptions(*cmd, args->device);
  cmd->callback([args] { runChat(*args); });
}

}  // namespace llavolta::cli
