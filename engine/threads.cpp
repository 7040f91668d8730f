#include "engine/threads.h"

#include "engine/input_limits.h"

#include <dlfcn.h>

#include <algorithm>
#include <sched.h>

#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include <torch/torch.h>

namespace llavolta::engine {

void setComputeThreads(int n, const std::string& what) {
  // Checked even when the count is about to be ignored (0): a negative or huge count is a
  // mistake to report, and 100000 threads would hang thread-pool creation.
  checkThreadCount(n, what);
  if (n <= 0) return;
  torch::set_num_threads(n);
  // Looked up at run time: the BLAS behind libtorch is chosen by Debian's alternatives
  // (OpenBLAS, BLIS or the reference BLAS) and only OpenBLAS has this entry point.
  using SetThreads = void (*)(int);
  if (auto fn = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) fn(n);
}

int physicalCoreCount() {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0)
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::set<std::pair<std::string, std::string>> cores;  // (package, core id)
  int logical = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &allowed)) continue;
    ++logical;
    const std::string dir = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
    std::ifstream package(dir + "physical_package_id"), core(dir + "core_id");
    std::string p, c;
    if (!(package >> p) || !(core >> c)) return std::max(1, logical);  // no topology: count CPUs
    cores.emplace(p, c);
  }
  return std::max<int>(1, static_cast<int>(cores.size()));
}

void setInferenceThreads(int n, const std::string& what) {
  checkThreadCount(n, what);
  setComputeThreads(n > 0 ? n : physicalCoreCount(), what);
}

}  // namespace llavolta::engine
