#pragma once
// y = W x (+ b) for one bf16 (or fp32) row on the CPU: a decode step's linears. LibTorch 1.13 has no fast
// kernel for this shape (its GEMM path reached about 30% of the memory-bandwidth bound, its mv
// less), so the engine carries its own: rows split over the intra-op threads, bf16 weights widened
// to fp32 in registers (AVX-512 or AVX2 with FMA where the CPU has them, chosen at run time; plain
// C++ otherwise), fp32 accumulation, one rounding to bf16 at the end, as the GEMM does.
#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace llavolta::engine {

// x: [K] bf16; weight: [M, K] bf16, contiguous; bias: [M] bf16 or undefined. Returns [M] bf16.
// `kernel` names one of bf16GemvKernels() (tests run each); empty = the fastest this CPU has.
torch::Tensor bf16Gemv(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias = {},
                       const std::string& kernel = {});

// A decode step's SwiGLU in one pass over both weights: silu(gate x) * (up x), with the roundings
// of the unfused expression (each projection rounded to bf16, SiLU and product in fp32, rounded
// once). x: [K] bf16; gate, up: [M, K] bf16. Returns [M] bf16.
torch::Tensor bf16GatedGemv(const torch::Tensor& x, const torch::Tensor& gate, const torch::Tensor& up,
                            const std::string& kernel = {});

// The same for fp32 weights: x [K], weight [M, K], bias [M] or undefined, all fp32; returns [M].
// fp32 accumulation in the kernel's own order (it may differ from a BLAS's in the last bits).
torch::Tensor fp32Gemv(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias = {},
                       const std::string& kernel = {});

// One dot product of a bf16 row with an fp32 vector, fp32 accumulation, on the fastest kernel.
float bf16Dot(const uint16_t* row, const float* x, int64_t k);
// The same for an fp32 row.
float fp32Dot(const float* row, const float* x, int64_t k);

// Which kernel bf16Gemv (and fp32Gemv) runs on this CPU: "avx512", "avx2" or "portable".
const char* bf16GemvKernel();
// Every kernel this CPU can run, fastest first; each has a bf16 and an fp32 version.
std::vector<std::string> bf16GemvKernels();

}  // namespace llavolta::engine
