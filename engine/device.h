#pragma once
// One parser for the device and dtype names that users type (CLI flags, run configs, the
// studio's settings), so that every entry point accepts the same names and refuses the same
// combinations with the same words.
#include <string>

#include <torch/types.h>

namespace llavolta::engine {

// "cpu", "cuda" or "cuda:N". Throws EngineError naming `what` (e.g. "--device" or
// "run config \"device\"") when the name is not one of these, or when it asks for CUDA and
// this LibTorch has none or sees no GPU.
torch::Device parseDevice(const std::string& name, const std::string& what = "device");

// "fp32"/"float32", "bf16"/"bfloat16", "fp16"/"float16". fp16 is refused on the CPU, where
// LibTorch lacks half-precision kernels for the model's ops. Throws EngineError naming `what`.
torch::Dtype parseDtype(const std::string& name, const torch::Device& device, const std::string& what = "dtype");

// "fp32", "bf16", "fp16" (the spelling parseDtype takes first), "other" for anything else.
std::string dtypeName(torch::Dtype dtype);

}  // namespace llavolta::engine
