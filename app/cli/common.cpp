#include "common.h"

#include <sys/resource.h>

#include "engine/errors.h"
#include "engine/threads.h"

namespace llavolta::cli {

using engine::EngineError;

void addDeviceOptions(CLI::App& cmd, DeviceOptions& o) {
  cmd.add_option("--device", o.device, "cpu or cuda (cuda:N)")->capture_default_str();
  cmd.add_option("--dtype", o.dtype, "fp32, bf16 or fp16 (fp16 needs cuda)")->capture_default_str();
  cmd.add_option("--threads", o.threads, "CPU threads for torch and BLAS (0 = every physical core)");
}

void applyDeviceOptions(const DeviceOptions& o) {
  engine::setInferenceThreads(o.threads, "--threads");
}

int64_t peakRssBytes() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

}  // namespace llavolta::cli
