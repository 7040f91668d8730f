#include "engine/row_kernels.h"

#include <ATen/Parallel.h>

#include "engine/bf16_bits.h"
#include "engine/gemv.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

// Built with -ffp-contract=off (engine/CMakeLists.txt): a product and a sum must round separately,
// as LibTorch's separate operations do, not fuse into one FMA.

namespace llavolta::engine {

namespace {

using bf16::narrow;
using bf16::widen;

// Rows per task: about 16k elements, so one decode row stays on one thread.
int64_t grainFor(int64_t width) { return std::max<int64_t>(1, 16384 / std::max<int64_t>(width, 1)); }

}  // namespace

bool rowKernelsApply(const torch::Tensor& x) {
  return x.defined() && x.device().is_cpu() && !torch::GradMode::is_enabled() &&
         (x.scalar_type() == torch::kFloat32 || x.scalar_type() == torch::kBFloat16);
}

torch::Tensor rmsNormRows(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  TORCH_CHECK(rowKernelsApply(x), "rmsNormRows: needs a CPU fp32 or bf16 tensor outside autograd");
  TORCH_CHECK(weight.scalar_type() == x.scalar_type() && weight.dim() == 1 && weight.size(0) == x.size(-1),
              "rmsNormRows: the weight must be [", x.size(-1), "] in the input's dtype");
  const auto in = x.contiguous();
  const auto w = weight.contiguous();
  auto out = torch::empty_like(in);
  const int64_t width = in.size(-1), rows = width == 0 ? 0 : in.numel() / width;
  const float epsf = static_cast<float>(eps), inverseWidth = 1.0f / static_cast<float>(width);
  if (in.scalar_type() == torch::kFloat32) {
    const float* xp = in.data_ptr<float>();
    const float* wp = w.data_ptr<float>();
    float* op = out.data_ptr<float>();
    at::parallel_for(0, rows, grainFor(width), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        const float* row = xp + r * width;
        float sum = 0;
        for (int64_t i = 0; i < width; ++i) sum += row[i] * row[i];
        const float scale = 1.0f / std::sqrt(sum * inverseWidth + epsf);
        float* o = op + r * width;
        for (int64_t i = 0; i < width; ++i) o[i] = wp[i] * (row[i] * scale);
      }
    });
    return out;
  }
  const auto* xp = reinterpret_cast<const uint16_t*>(in.data_ptr<at::BFloat16>());
  const auto* wp = reinterpret_cast<const uint16_t*>(w.data_ptr<at::BFloat16>());
  auto* op = reinterpret_cast<uint16_t*>(out.data_ptr<at::BFloat16>());
  at::parallel_for(0, rows, grainFor(width), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const uint16_t* row = xp + r * width;
      float sum = 0;
      for (int64_t i = 0; i < width; ++i) {
        const float v = widen(row[i]);
        sum += v * v;
      }
      const float scale = 1.0f / std::sqrt(sum * inverseWidth + epsf);
      uint16_t* o = op + r * width;
      // transformers: weight * hidden.to(bf16), both roundings kept.
      for (int64_t i = 0; i < width; ++i) o[i] = narrow(widen(wp[i]) * widen(narrow(widen(row[i]) * scale)));
    }
  });
  return out;
}

void applyRotaryRows(torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  TORCH_CHECK(rowKernelsApply(x) && x.dim() == 4 && x.is_contiguous(),
              "applyRotaryRows: needs a contiguous [B, T, H, headDim] CPU tensor outside autograd");
  const int64_t B = x.size(0), T = x.size(1), H = x.size(2), D = x.size(3), half = D / 2;
  TORCH_CHECK(D % 2 == 0 && cos.dim() == 4 && cos.sizes() == sin.sizes() && (cos.size(0) == B || cos.size(0) == 1) &&
                  cos.size(1) == 1 && cos.size(2) == T && cos.size(3) == D && cos.scalar_type() == x.scalar_type() &&
                  sin.scalar_type() == x.scalar_type(),
              "applyRotaryRows: cos/sin must be [B, 1, T, headDim] in x's dtype");
  const auto c = cos.contiguous(), s = sin.contiguous();
  const int64_t tableBatchStride = cos.size(0) == 1 ? 0 : T * D;
  const bool bf16 = x.scalar_type() == torch::kBFloat16;
  void* const xBase = x.data_ptr();
  const void* const cBase = c.data_ptr();
  const void* const sBase = s.data_ptr();
  at::parallel_for(0, B * T, grainFor(H * D), [&](int64_t begin, int64_t end) {
    for (int64_t bt = begin; bt < end; ++bt) {
      const int64_t b = bt / T, t = bt % T, table = b * tableBatchStride + t * D;
      for (int64_t h = 0; h < H; ++h) {
        const int64_t at = (bt * H + h) * D;
        if (!bf16) {
          float* v = static_cast<float*>(xBase) + at;
          const float* cp = static_cast<const float*>(cBase) + table;
          const float* sp = static_cast<const float*>(sBase) + table;
          for (int64_t i = 0; i < half; ++i) {
            const float first = v[i], second = v[i + half];
            // x * cos + rotate_half(x) * sin, rotate_half(x) = cat(-second, first)
            const float lo = first * cp[i], loRot = -second * sp[i];
            const float hi = second * cp[i + half], hiRot = first * sp[i + half];
            v[i] = lo + loRot;
            v[i + half] = hi + hiRot;
          }
          continue;
        }
        auto* v = static_cast<uint16_t*>(xBase) + at;
        const auto* cp = static_cast<const uint16_t*>(cBase) + table;
        const auto* sp = static_cast<const uint16_t*>(sBase) + table;
        for (int64_t i = 0; i < half; ++i) {
          const float first = widen(v[i]), second = widen(v[i + half]);
          const float lo = widen(narrow(first * widen(cp[i]))), loRot = widen(narrow(-second * widen(sp[i])));
          const float hi = widen(narrow(second * widen(cp[i + half]))), hiRot = widen(narrow(first * widen(sp[i + half])));
          v[i] = narrow(lo + loRot);
          v[i + half] = narrow(hi + hiRot);
        }
      }
    }
  });
}

namespace {

// Element access for the two dtypes, so one kernel body serves both.
template <typename T>
float load(const T* p, int64_t i);
template <>
float load<float>(const float* p, int64_t i) {
  return p[i];
}
template <>
float load<uint16_t>(const uint16_t* p, int64_t i) {
  return widen(p[i]);
}
// The compute dtype's rounding: none in fp32, to bf16 in bf16.
template <typename T>
float toDtype(float x);
template <>
float toDtype<float>(float x) {
  return x;
}
template <>
float toDtype<uint16_t>(float x) {
  return widen(narrow(x));
}
template <typename T>
void store(T* p, int64_t i, float x);
template <>
void store<float>(float* p, int64_t i, float x) {
  p[i] = x;
}
template <>
void store<uint16_t>(uint16_t* p, int64_t i, float x) {
  p[i] = narrow(x);
}

// The decode attention's inner loops over one head's dimension. The dot products are gemv.h's,
// on the same run-time choice of kernel as the decode step's linears; the accumulations are
// compiled for AVX-512, AVX2 and the baseline, chosen at load time (the engine is built for
// baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LLAVOLTA_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define LLAVOLTA_VECTOR_CLONES
#endif

float dotRow(const float* a, const float* b, int64_t n) { return fp32Dot(a, b, n); }
float dotRow(const uint16_t* a, const float* b, int64_t n) { return bf16Dot(a, b, n); }

LLAVOLTA_VECTOR_CLONES void addScaledRow(float* acc, float p, const float* v, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] += p * v[i];
}

LLAVOLTA_VECTOR_CLONES void addScaledRow(float* acc, float p, const uint16_t* v, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] += p * widen(v[i]);
}

template <typename T>
void decodeAttentionKernel(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                           const torch::Tensor& bias, torch::Tensor& out) {
  const int64_t B = q.size(0), H = q.size(1), D = q.size(3), kvHeads = keys.size(1), Tk = keys.size(2);
  const int64_t group = H / kvHeads;
  const auto* qp = static_cast<const T*>(q.data_ptr());
  const auto* kp = static_cast<const T*>(keys.data_ptr());
  const auto* vp = static_cast<const T*>(values.data_ptr());
  const auto* bp = static_cast<const T*>(bias.data_ptr());
  auto* op = static_cast<T*>(out.data_ptr());
  const int64_t kB = keys.stride(0), kH = keys.stride(1), kT = keys.stride(2);
  const int64_t vB = values.stride(0), vH = values.stride(1), vT = values.stride(2);
  const int64_t bB = bias.stride(0), bT = bias.stride(3);
  at::parallel_for(0, B * H, std::max<int64_t>(1, 4096 / std::max<int64_t>(Tk * D, 1)), [&](int64_t begin, int64_t end) {
    std::vector<float> scores(static_cast<size_t>(Tk)), query(static_cast<size_t>(D)), acc(static_cast<size_t>(D));
    for (int64_t bh = begin; bh < end; ++bh) {
      const int64_t b = bh / H, h = bh % H, kvh = h / group;
      for (int64_t d = 0; d < D; ++d) query[d] = load(qp, bh * D + d);
      const T* kRow = kp + b * kB + kvh * kH;
      float max = -INFINITY;
      for (int64_t j = 0; j < Tk; ++j) {
        const T* k = kRow + j * kT;
        const float dot = dotRow(k, query.data(), D);
        // q k^T rounded, then the bias added and rounded, as the two LibTorch operations do.
        const float s = toDtype<T>(toDtype<T>(dot) + load(bp, b * bB + j * bT));
        scores[j] = s;
        max = std::max(max, s);
      }
      float sum = 0;
      for (int64_t j = 0; j < Tk; ++j) sum += (scores[j] = std::exp(scores[j] - max));
      std::fill(acc.begin(), acc.end(), 0.0f);
      const T* vRow = vp + b * vB + kvh * vH;
      for (int64_t j = 0; j < Tk; ++j) {
        const float p = toDtype<T>(scores[j] / sum);
        if (p == 0) continue;
        addScaledRow(acc.data(), p, vRow + j * vT, D);
      }
      for (int64_t d = 0; d < D; ++d) store(op, bh * D + d, acc[d]);
    }
  });
}

}  // namespace

torch::Tensor decodeAttention(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                              const torch::Tensor& bias) {
  TORCH_CHECK(rowKernelsApply(q) && q.dim() == 4 && q.size(2) == 1, "decodeAttention: q must be [B, H, 1, D] on the CPU");
  TORCH_CHECK(keys.dim() == 4 && keys.sizes() == values.sizes() && keys.size(0) == q.size(0) &&
                  keys.size(3) == q.size(3) && keys.size(1) > 0 && q.size(1) % keys.size(1) == 0,
              "decodeAttention: keys and values must be [B, KVH, Tk, D] with H a multiple of KVH");
  TORCH_CHECK(bias.dim() == 4 && bias.size(0) == q.size(0) && bias.size(1) == 1 && bias.size(2) == 1 &&
                  bias.size(3) == keys.size(2),
              "decodeAttention: bias must be [B, 1, 1, Tk]");
  TORCH_CHECK(keys.scalar_type() == q.scalar_type() && values.scalar_type() == q.scalar_type() &&
                  bias.scalar_type() == q.scalar_type() && keys.device().is_cpu() && values.device().is_cpu() &&
                  bias.device().is_cpu(),
              "decodeAttention: q, keys, values and bias must share the CPU and dtype");
  const auto qc = q.contiguous();
  const auto k = keys.stride(3) == 1 ? keys : keys.contiguous();
  const auto v = values.stride(3) == 1 ? values : values.contiguous();
  auto out = torch::empty_like(qc);
  if (q.scalar_type() == torch::kFloat32)
    decodeAttentionKernel<float>(qc, k, v, bias, out);
  else
    decodeAttentionKernel<uint16_t>(qc, k, v, bias, out);
  return out;
}

}  // namespace llavolta::engine
