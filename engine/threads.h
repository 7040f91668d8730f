#pragma once
// CPU threads for compute. LibTorch's intra-op pool and OpenBLAS's own pool are separate: with
// both at the core count, GEMM workers spin (sched_yield) waiting for peers that the OS has
// preempted, and a training step on a busy 2-core machine ran 6-15x slower (measured: 1.2 s vs
// 17-22 s per step). Setting both keeps the total at what the caller asked for.
#include <string>

namespace llavolta::engine {

// n > 0: use n threads for torch ops and for BLAS; 0 leaves the library defaults. Negative
// counts and counts above maxComputeThreads() (engine/input_limits.h) are an EngineError
// naming `what` ("--threads", "run config threads").
void setComputeThreads(int n, const std::string& what = "thread count");

// The physical cores this process may run on (its CPU affinity, hyper-threads counted once);
// at least 1.
int physicalCoreCount();

// For answering (chat, eval, bench-speed, the studio): n > 0 as setComputeThreads, 0 = every
// physical core. LibTorch's own default here was a single thread. Training keeps
// setComputeThreads' meaning of 0 (the libraries' defaults), set by its run config.
void setInferenceThreads(int n, const std::string& what = "thread count");

}  // namespace llavolta::engine
