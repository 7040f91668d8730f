#include "engine/device.h"

#include <torch/cuda.h>

#include "engine/errors.h"

namespace llavolta::engine {

torch::Device parseDevice(const std::string& name, const std::string& what) {
  if (name == "cpu") return torch::kCPU;
  if (name.rfind("cuda", 0) == 0) {
    torch::Device device(torch::kCPU);
    try {
      device = torch::Device(name);
    } catch (const std::exception&) {
      throw EngineError(what + " " + name + " is not a valid device (cpu, cuda or cuda:N)");
    }
    if (!torch::cuda::is_available())
      throw EngineError(what + " " + name + ": this LibTorch build has no CUDA or no GPU is visible; use cpu");
    if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
      throw EngineError(what + " " + name + ": only " + std::to_string(torch::cuda::device_count()) +
                        " GPU(s) are visible");
    return device;
  }
  throw EngineError(what + " " + name + " is not known (use cpu, cuda or cuda:N)");
}

torch::Dtype parseDtype(const std::string& name, const torch::Device& device, const std::string& what) {
  if (name == "fp32" || name == "float32") return torch::kFloat32;
  if (name == "bf16" || name == "bfloat16") return torch::kBFloat16;
  if (name == "fp16" || name == "float16") {
    if (!device.is_cuda()) throw EngineError(what + " fp16 is only supported on cuda; use fp32 or bf16 on the CPU");
    return torch::kHalf;
  }
  throw EngineError(what + " " + name + " is not known (use fp32, bf16 or fp16)");
}

std::string dtypeName(torch::Dtype dtype) {
  switch (dtype) {
    case torch::kFloat32: return "fp32";
    case torch::kBFloat16: return "bf16";
    case torch::kHalf: return "fp16";
    default: return "other";
  }
}

}  // namespace llavolta::engine
