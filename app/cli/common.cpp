#include "common.h"

#include <sys/resource.h>

#include <torch/cuda.h>

#include "engine/errors.h"
#include "engine/threads.h"

namespace llavolta::cli {

using engine::EngineError;

void addDeviceOptions(CLI::App& cmd, DeviceOptions& o) {
  cmd.add_option("--device", o.device, "cpu or cuda (cuda:N)")->capture_default_str();
  cmd.add_option("--dtype", o.dtype, "fp32, bf16 or fp16 (fp16 needs cuda)")->capture_default_str();
  cmd.add_option("--threads", o.threads, "CPU threads for torch (0 = all cores)");
}

torch::Device parseDevice(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw EngineError("--device " + name + ": this LibTorch build has no CUDA or no GPU is visible; use --device cpu");
    try {
      return torch::Device(name);
    } catch (const std::exception&) {
      throw EngineError("--device " + name + " is not a valid device (cuda or cuda:N)");
    }
  }
  throw EngineError("--device " + name + " is not known (use cpu or cuda)");
}

torch::Dtype parseDtype(const std::string& name, const torch::Device& device) {
  if (name == "fp32" || name == "float32") return torch::kFloat32;
  if (name == "bf16" || name == "bfloat16") return torch::kBFloat16;
  if (name == "fp16" || name == "float16") {
    if (!device.is_cuda()) throw EngineError("--dtype fp16 is only supported on cuda; use fp32 or bf16 on the CPU");
    return torch::kHalf;
  }
  throw EngineError("--dtype " + name + " is not known (use fp32, bf16 or fp16)");
}

void applyDeviceOptions(const DeviceOptions& o) {
  if (o.threads < 0) throw EngineError("--threads must not be negative");
  engine::setComputeThreads(o.threads);
}

std::string dtypeName(torch::Dtype dtype) {
  switch (dtype) {
    case torch::kFloat32: return "fp32";
    case torch::kBFloat16: return "bf16";
    case torch::kHalf: return "fp16";
    default: return "other";
  }
}

int64_t peakRssBytes() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

}  // namespace llavolta::cli
