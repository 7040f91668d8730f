#pragma once
// Parameter-holding building blocks. Unlike torch::nn's, they allocate their
// parameters uninitialised in the requested dtype: a checkpoint overwrites them
// right away, so a 7B model is never materialised (or randomly initialised) in fp32
// first. `initRandom` in checkpoint.h gives them values for random models.
#include <torch/torch.h>

#include "engine/gemv.h"
#include "engine/row_kernels.h"

namespace llavolta::engine {

struct ModuleOptions {
  torch::Dtype dtype = torch::kFloat32;
};

// y = x W^T + b. One row on the CPU (a decode step) goes through a matrix-vector product: the
// GEMM path copies and packs the whole weight for a single row. Inference uses the engine's own
// kernels (engine/gemv.h): in bf16 LibTorch's mv is slower still than its GEMM, in fp32 its mv
// (Debian's OpenBLAS, which runs its Haswell kernels on newer CPUs) stays further from the
// bandwidth bound. Under autograd (training) fp32 keeps torch::mv and bf16 the GEMM, which have
// a backward.
inline torch::Tensor linearForward(const torch::Tensor& x, const torch::Tensor& weight,
                                   const torch::Tensor& bias = {}) {
  const int64_t in = x.size(-1);
  if (x.numel() == in && x.device().is_cpu() && weight.device().is_cpu() && x.scalar_type() == weight.scalar_type()) {
    auto sizes = x.sizes().vec();
    sizes.back() = weight.size(0);
    if (x.scalar_type() == torch::kFloat32 && !torch::GradMode::is_enabled() &&
        (!bias.defined() || bias.scalar_type() == torch::kFloat32))
      return fp32Gemv(x.reshape({in}), weight, bias).view(sizes);
    if (x.scalar_type() == torch::kFloat32) {
      auto y = bias.defined() ? torch::addmv(bias, weight, x.reshape({in})) : torch::mv(weight, x.reshape({in}));
      return y.view(sizes);
    }
    if (x.scalar_type() == torch::kBFloat16 && !torch::GradMode::is_enabled() &&
        (!bias.defined() || bias.scalar_type() == torch::kBFloat16))
      return bf16Gemv(x.reshape({in}), weight, bias).view(sizes);
  }
  return torch::nn::functional::linear(x, weight, bias);
}

class LinearImpl : public torch::nn::Module {
 public:
  LinearImpl(int64_t in, int64_t out, bool bias, ModuleOptions o = {}) {
    weight = register_parameter("weight", torch::empty({out, in}, torch::dtype(o.dtype)));
    if (bias) this->bias = register_parameter("bias", torch::empty({out}, torch::dtype(o.dtype)));
  }
  torch::Tensor forward(const torch::Tensor& x) { return linearForward(x, weight, bias); }
  torch::Tensor weight, bias;
};
TORCH_MODULE(Linear);

class LayerNormImpl : public torch::nn::Module {
 public:
  LayerNormImpl(int64_t dim, double eps, ModuleOptions o = {}) : eps_(eps), dim_(dim) {
    weight = register_parameter("weight", torch::empty({dim}, torch::dtype(o.dtype)));
    bias = register_parameter("bias", torch::empty({dim}, torch::dtype(o.dtype)));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    return torch::layer_norm(x, {dim_}, weight, bias, eps_);
  }
  torch::Tensor weight, bias;

 private:
  double eps_;
  int64_t dim_;
};
TORCH_MODULE(LayerNorm);

// LLaMA's RMSNorm: normalise in fp32, scale in the model dtype (as transformers does).
class RMSNormImpl : public torch::nn::Module {
 public:
  RMSNormImpl(int64_t dim, double eps, ModuleOptions o = {}) : eps_(eps) {
    weight = register_parameter("weight", torch::empty({dim}, torch::dtype(o.dtype)));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    if (rowKernelsApply(x) && weight.scalar_type() == x.scalar_type()) return rmsNormRows(x, weight, eps_);
    auto h = x.to(torch::kFloat32);
    h = h * torch::rsqrt(h.pow(2).mean(-1, true) + eps_);
    return weight * h.to(x.scalar_type());
  }
  torch::Tensor weight;

 private:
  double eps_;
};
TORCH_MODULE(RMSNorm);

class EmbeddingImpl : public torch::nn::Module {
 public:
  EmbeddingImpl(int64_t count, int64_t dim, ModuleOptions o = {}) {
    weight = register_parameter("weight", torch::empty({count, dim}, torch::dtype(o.dtype)));
  }
  torch::Tensor forward(const torch::Tensor& ids) { return torch::embedding(weight, ids); }
  torch::Tensor weight;
};
TORCH_MODULE(Embedding);

}  // namespace llavolta::engine
