#include <torch/cuda.h>

#include "ui/shell/device_probe.h"

namespace llavolta::ui {

bool cudaAvailable() {
  static const bool available = [] {
    try {
      return torch::cuda::is_available();
    } catch (...) {
      return false;
    }
  }();
  return available;
}

}  // namespace llavolta::ui
