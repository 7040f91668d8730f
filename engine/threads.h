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

}  // namespace llavolta::engine
