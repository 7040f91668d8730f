#include <filesystem>
#include <iostream>

#include "common.h"
#include "engine/checkpoint.h"
#include "engine/errors.h"
#include "engine/tokenizer.h"

namespace llavolta::cli {

namespace {
struct InitArgs {
  std::string config, out;
  uint64_t seed = 0;
  int tokenizerVocab = 0;
  std::string layout = "llava-hf";
  std::string dtype = "fp32";
  uint64_t shardBytes = 0;
};

void runInit(const InitArgs& a) {
  namespace fs = std::filesystem;
  auto config = engine::ModelConfig::fromFile(a.config);
  // The built-in corpus is small; sentencepiece cannot make tens of thousands of pieces from it.
  int vocab = a.tokenizerVocab > 0 ? a.tokenizerVocab
                                   : static_cast<int>(std::min<int64_t>(config.text.vocabSize - 1, 512));
  if (vocab < 64) throw engine::EngineError("--tokenizer-vocab must be at least 64 (the byte fallback needs 259 pieces in most corpora)");
  if (vocab + 1 > config.text.vocabSize)
    throw engine::EngineError("text vocab_size " + std::to_string(config.text.vocabSize) +
                              " is too small for a tokenizer of " + std::to_string(vocab) +
                              " pieces plus the image token");
  engine::CheckpointLayout layout;
  if (a.layout == "llava-hf") layout = engine::CheckpointLayout::LlavaHf;
  else if (a.layout == "transformers") layout = engine::CheckpointLayout::Transformers;
  else if (a.layout == "original") layout = engine::CheckpointLayout::OriginalLlava;
  else throw engine::EngineError("--layout " + a.layout + " is not known (llava-hf, transformers or original)");

  fs::create_directories(a.out);
  engine::trainTokenizer(engine::builtinCorpus(), (fs::path(a.out) / "tokenizer.model").string(), vocab);
  if (config.imageTokenIndex < vocab || config.imageTokenIndex >= config.text.vocabSize) config.imageTokenIndex = vocab;

  engine::SaveOptions save;
  save.dtype = engine::parseDtype(a.dtype, torch::kCPU, "--dtype");
  save.maxShardBytes = a.shardBytes;
  save.layout = layout;
  // Streamed: one tensor in memory at a time, so a 7B-shaped model is written on a laptop.
  engine::writeRandomModel(config, a.out, a.seed, save);
  std::cout << "wrote a random " << a.layout << " model to " << a.out << " (seed " << a.seed << ", tokenizer "
            << vocab << " pieces, image token " << config.imageTokenIndex << ")\n";
}
}  // namespace

void registerInitModel(CLI::App& app) {
  auto args = std::make_shared<InitArgs>();
  auto* cmd = app.add_subcommand("init-model",
                                 "Write a randomly initialised LLaVA model (safetensors + config.json + tokenizer.model)");
  cmd->add_option("--config", args->config, "config.json giving the sizes (llava-hf style, sparse is fine)")->required();
  cmd->add_option("--out", args->out, "Output directory")->required();
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  cmd->add_option("--tokenizer-vocab", args->tokenizerVocab, "Sentencepiece pieces (default min(vocab_size-1, 512))");
  cmd->add_option("--layout", args->layout, "Tensor names: llava-hf, transformers or original")->capture_default_str();
  cmd->add_option("--dtype", args->dtype, "Stored dtype: fp32, bf16")->capture_default_str();
  cmd->add_option("--shard-bytes", args->shardBytes, "Split into shards of at most this many bytes (0 = one file)");
  cmd->callback([args] { runInit(*args); });
}

}  // namespace llavolta::cli
