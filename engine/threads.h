#pragma once
// CPU threads for compute. LibTorch's intra-op pool and OpenBLAS's own pool are separate: with
// both at the core count, GEMM workers spin (sched_yield) waiting for peers that the OS has
// preempted, and a training step on a busy 2-core machine ran 6-15x slower (measured: 1.2 s vs
// 17-22 s per step). Setting both keeps the total at what the caller asked for.
namespace llavolta::engine {

// n > 0: use n threads for torch ops and for BLAS; n <= 0 leaves the library defaults.
void setComputeThreads(int n);

}  // namespace llavolta::engine
