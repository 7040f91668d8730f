#pragma once
// Fused CPU kernels for the decoder's per-row operations at inference: RMSNorm and the rotary
// embedding. Written as LibTorch ops they are 5-10 small operations each, and on a decode step
// (one row) every operation costs a few microseconds of dispatch and allocation, more than its
// arithmetic. Each kernel here is one pass over the rows, split over the intra-op threads.
//
// Both reproduce the rounding of the LibTorch expressions they replace (the ones transformers
// uses), so results match them: bit for bit for the rotary embedding, and for RMSNorm up to the
// order of the sum of squares (about 1e-7 relative in the scale, so at most a rare last-bit
// difference in bf16).
#include <torch/torch.h>

namespace llavolta::engine {

// Whether the fused kernels apply: CPU, fp32 or bf16, no autograd (training keeps the LibTorch
// expressions, which have a backward).
bool rowKernelsApply(const torch::Tensor& x);

// LLaMA's RMSNorm over the last dimension of x (contiguous, any leading shape):
// weight * to_dtype(x_fp32 * rsqrt(mean(x_fp32^2) + eps)), the product in the model dtype.
torch::Tensor rmsNormRows(const torch::Tensor& x, const torch::Tensor& weight, double eps);

// The rotary embedding in the Hugging Face split-halves convention, in place:
// x * cos + rotate_half(x) * sin, each product and the sum rounded to x's dtype as LibTorch does.
// x: [B, T, H, headDim] contiguous (a projection's output before the head transpose);
// cos, sin: [B, 1, T, headDim] in x's dtype (engine::rotaryFor).
void applyRotaryRows(torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

// One decode step's attention, for one query per sample: softmax(q k^T + bias) v per head, read
// straight from the cache's buffers. LibTorch's path costs five operations a layer, copies the
// values (a view into the larger cache buffer) and, with grouped-query attention, copies every
// key and value once per query head group. The roundings are LibTorch's in the compute dtype
// (scores, biased scores, probabilities and output each rounded to it; softmax in fp32);
// the dot products add in another order, so bf16 results can differ in a rare last bit.
// q: [B, H, 1, D], already scaled; keys, values: [B, KVH, Tk, D] with unit stride in D (H a
// multiple of KVH, query head h reads key head h / (H / KVH)); bias: [B, 1, 1, Tk].
// Returns [B, H, 1, D].
torch::Tensor decodeAttention(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                              const torch::Tensor& bias);

}  // namespace llavolta::engine
