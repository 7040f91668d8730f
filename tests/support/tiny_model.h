#pragma once
// Tiny random LLaVA models written by the tests themselves, in the real formats.
#include <string>

#include <torch/torch.h>

#include "engine/checkpoint.h"
#include "engine/config.h"
#include "engine/llava_model.h"

namespace llavolta::testing {

// CLIP 3 layers / 32 wide on 56px images with 14px patches (16 visual tokens),
// LLaMA 4 layers / 64 wide with grouped-query attention (4 heads, 2 kv heads).
engine::ModelConfig tinyConfig();
// A random model on the CPU in fp32.
engine::LlavaModel randomModel(const engine::ModelConfig& config, uint64_t seed = 7);
// A tokenizer.model trained once per process from the built-in corpus.
std::string sharedTokenizerFile();
// Writes a complete model directory (config.json, weights, tokenizer.model).
void writeModelDir(engine::LlavaModelImpl& model, const engine::ModelConfig& config, const std::string& dir,
                   engine::CheckpointLayout layout = engine::CheckpointLayout::LlavaHf, uint64_t shardBytes = 0);
// Deterministic pixels [B, 3, S, S].
torch::Tensor randomPixels(const engine::ModelConfig& config, int64_t batch, uint64_t seed = 3);
// A temporary directory removed at exit.
std::string tempDir();

}  // namespace llavolta::testing
