#include "engine/process_setup.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace llavolta::engine {

void configureAllocator() {
#if defined(__GLIBC__)
  if (!std::getenv("MALLOC_MMAP_THRESHOLD_")) mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  if (!std::getenv("MALLOC_TRIM_THRESHOLD_")) mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

void preferPassiveOpenMp(int /*argc*/, char** argv, char** envp) {
  // Runs before libc and every library are initialised: only the arguments, plain loops and
  // system calls. envp is the environment as the kernel passed it.
  if (!argv || !envp) return;
  size_t count = 0;
  for (char** e = envp; *e; ++e, ++count)
    if (std::strncmp(*e, "OMP_WAIT_POLICY=", 16) == 0 || std::strncmp(*e, "LLAVOLTA_NO_REEXEC=", 19) == 0) return;
  static char passive[] = "OMP_WAIT_POLICY=PASSIVE";
  std::vector<char*> env(envp, envp + count);
  env.push_back(passive);
  env.push_back(nullptr);
  ::execve("/proc/self/exe", argv, env.data());
  // execve failed (no /proc, say): carry on with the default policy.
}

}  // namespace llavolta::engine
