#include "engine/threads.h"

#include "engine/input_limits.h"

#include <dlfcn.h>

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

}  // namespace llavolta::engine
