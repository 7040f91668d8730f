// libFuzzer entry point: bytes as a .safetensors file (in memory, through a memfd), opened and
// every tensor loaded. Any outcome but success or an EngineError is a finding.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/errors.h"
#include "engine/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = memfd_create("fuzz.safetensors", 0);
  if (fd < 0) return 0;
  size_t done = 0;
  while (done < size) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  try {
    llavolta::engine::SafetensorsFile file("/proc/self/fd/" + std::to_string(fd));
    for (const auto& name : file.names()) file.load(name);
  } catch (const llavolta::engine::EngineError&) {
  }
  close(fd);
  return 0;
}
