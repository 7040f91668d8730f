#include "engine/gemv.h"

#include <ATen/Parallel.h>

#include "engine/bf16_bits.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace llavolta::engine {

namespace {

using RowDot = float (*)(const uint16_t* row, const float* x, int64_t k);
using RowDotF32 = float (*)(const float* row, const float* x, int64_t k);

float dotF32Portable(const float* row, const float* x, int64_t k) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= k; i += 8)
    for (int j = 0; j < 8; ++j) acc[j] += row[i + j] * x[i + j];
  float sum = 0;
  for (float a : acc) sum += a;
  for (; i < k; ++i) sum += row[i] * x[i];
  return sum;
}

float dotPortable(const uint16_t* row, const float* x, int64_t k) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= k; i += 8)
    for (int j = 0; j < 8; ++j) acc[j] += bf16::widen(row[i + j]) * x[i + j];
  float sum = 0;
  for (float a : acc) sum += a;
  for (; i < k; ++i) sum += bf16::widen(row[i]) * x[i];
  return sum;
}

#if defined(__x86_64__) && defined(__GNUC__)
// The horizontal sum of eight floats, in the order both AVX2 dot products have always used.
__attribute__((target("avx2,fma"))) inline float sum8(__m256 a) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) float dotAvx2(const uint16_t* row, const float* x, int64_t k) {
  __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= k; i += 16) {
    const __m128i h0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i));
    const __m128i h1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i + 8));
    const __m256 w0 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h0), 16));
    const __m256 w1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h1), 16));
    a0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x + i), a0);
    a1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x + i + 8), a1);
  }
  float sum = sum8(_mm256_add_ps(a0, a1));
  if (i < k) sum += dotPortable(row + i, x + i, k - i);
  return sum;
}

__attribute__((target("avx2,fma"))) float dotF32Avx2(const float* row, const float* x, int64_t k) {
  __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= k; i += 16) {
    a0 = _mm256_fmadd_ps(_mm256_loadu_ps(row + i), _mm256_loadu_ps(x + i), a0);
    a1 = _mm256_fmadd_ps(_mm256_loadu_ps(row + i + 8), _mm256_loadu_ps(x + i + 8), a1);
  }
  float sum = sum8(_mm256_add_ps(a0, a1));
  if (i < k) sum += dotF32Portable(row + i, x + i, k - i);
  return sum;
}

__attribute__((target("avx512f"))) float dotF32Avx512(const float* row, const float* x, int64_t k) {
  __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 32 <= k; i += 32) {
    a0 = _mm512_fmadd_ps(_mm512_loadu_ps(row + i), _mm512_loadu_ps(x + i), a0);
    a1 = _mm512_fmadd_ps(_mm512_loadu_ps(row + i + 16), _mm512_loadu_ps(x + i + 16), a1);
  }
  float sum = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
  if (i < k) sum += dotF32Portable(row + i, x + i, k - i);
  return sum;
}

__attribute__((target("avx512f"))) float dotAvx512(const uint16_t* row, const float* x, int64_t k) {
  __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 32 <= k; i += 32) {
    const __m256i h0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + i));
    const __m256i h1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + i + 16));
    const __m512 w0 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h0), 16));
    const __m512 w1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h1), 16));
    a0 = _mm512_fmadd_ps(w0, _mm512_loadu_ps(x + i), a0);
    a1 = _mm512_fmadd_ps(w1, _mm512_loadu_ps(x + i + 16), a1);
  }
  float sum = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
  if (i < k) sum += dotPortable(row + i, x + i, k - i);
  return sum;
}
#endif

struct Kernel {
  const char* name;
  RowDot dot;
  RowDotF32 dotF32;
};

// Fastest first; only what this CPU runs.
const std::vector<Kernel>& kernels() {
  static const std::vector<Kernel> list = [] {
    std::vector<Kernel> out;
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) out.push_back({"avx512", dotAvx512, dotF32Avx512});
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
      out.push_back({"avx2", dotAvx2, dotF32Avx2});
#endif
    out.push_back({"portable", dotPortable, dotF32Portable});
    return out;
  }();
  return list;
}

}  // namespace

float bf16Dot(const uint16_t* row, const float* x, int64_t k) { return kernels().front().dot(row, x, k); }

float fp32Dot(const float* row, const float* x, int64_t k) { return kernels().front().dotF32(row, x, k); }

const char* bf16GemvKernel() { return kernels().front().name; }

std::vector<std::string> bf16GemvKernels() {
  std::vector<std::string> out;
  for (const auto& k : kernels()) out.emplace_back(k.name);
  return out;
}

namespace {

const Kernel& kernelNamed(const std::string& kernelName) {
  if (kernelName.empty()) return kernels().front();
  for (const auto& k : kernels())
    if (kernelName == k.name) return k;
  TORCH_CHECK(false, "gemv: kernel '", kernelName, "' does not run on this CPU");
  return kernels().back();
}

RowDot dotNamed(const std::string& kernelName) { return kernelNamed(kernelName).dot; }

using bf16::narrow;
using bf16::widen;

// x widened to fp32 once per call, in a plain buffer: a LibTorch conversion would cost an
// operator dispatch and an allocation on every decode-step linear.
std::vector<float> widened(const torch::Tensor& x) {
  const auto xc = x.contiguous();
  const auto* xp = reinterpret_cast<const uint16_t*>(xc.data_ptr<at::BFloat16>());
  std::vector<float> out(static_cast<size_t>(xc.numel()));
  for (size_t i = 0; i < out.size(); ++i) out[i] = widen(xp[i]);
  return out;
}

// About 64 KiB of weights per task, so small matrices stay on one thread.
int64_t rowGrain(int64_t k) { return std::max<int64_t>(1, 32768 / std::max<int64_t>(k, 1)); }

const uint16_t* bits(const torch::Tensor& t) { return reinterpret_cast<const uint16_t*>(t.data_ptr<at::BFloat16>()); }

}  // namespace

torch::Tensor bf16Gemv(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                       const std::string& kernelName) {
  TORCH_CHECK(x.dim() == 1 && weight.dim() == 2 && x.size(0) == weight.size(1), "bf16Gemv: shapes do not fit");
  TORCH_CHECK(x.scalar_type() == torch::kBFloat16 && weight.scalar_type() == torch::kBFloat16,
              "bf16Gemv: x and weight must be bf16");
  TORCH_CHECK(!bias.defined() || (bias.scalar_type() == torch::kBFloat16 && bias.numel() == weight.size(0)),
              "bf16Gemv: the bias must be [", weight.size(0), "] bf16");
  const RowDot dot = dotNamed(kernelName);
  const auto w = weight.contiguous();
  const auto b = bias.defined() ? bias.contiguous() : bias;
  const int64_t m = w.size(0), k = w.size(1);
  const std::vector<float> xf = widened(x);
  auto y = torch::empty({m}, torch::kBFloat16);
  const uint16_t* wp = bits(w);
  const uint16_t* bp = b.defined() ? bits(b) : nullptr;
  auto* yp = reinterpret_cast<uint16_t*>(y.data_ptr<at::BFloat16>());
  // fp32 accumulation, the bias added in fp32, one rounding: as the GEMM does.
  at::parallel_for(0, m, rowGrain(k), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const float sum = dot(wp + r * k, xf.data(), k);
      yp[r] = narrow(bp ? sum + widen(bp[r]) : sum);
    }
  });
  return y;
}

torch::Tensor bf16GatedGemv(const torch::Tensor& x, const torch::Tensor& gate, const torch::Tensor& up,
                            const std::string& kernelName) {
  TORCH_CHECK(x.dim() == 1 && gate.dim() == 2 && gate.sizes() == up.sizes() && x.size(0) == gate.size(1),
              "bf16GatedGemv: shapes do not fit");
  TORCH_CHECK(x.scalar_type() == torch::kBFloat16 && gate.scalar_type() == torch::kBFloat16 &&
                  up.scalar_type() == torch::kBFloat16,
              "bf16GatedGemv: x and the weights must be bf16");
  const RowDot dot = dotNamed(kernelName);
  const auto g = gate.contiguous(), u = up.contiguous();
  const int64_t m = g.size(0), k = g.size(1);
  const std::vector<float> xf = widened(x);
  auto y = torch::empty({m}, torch::kBFloat16);
  const uint16_t *gp = bits(g), *upp = bits(u);
  auto* yp = reinterpret_cast<uint16_t*>(y.data_ptr<at::BFloat16>());
  at::parallel_for(0, m, rowGrain(2 * k), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      // The roundings of the unfused path (engine/decoder.cpp): both projections rounded to bf16,
      // SiLU and the product in fp32, one rounding at the end.
      const float gr = widen(narrow(dot(gp + r * k, xf.data(), k)));
      const float ur = widen(narrow(dot(upp + r * k, xf.data(), k)));
      yp[r] = narrow(gr / (1.0f + std::exp(-gr)) * ur);
    }
  });
  return y;
}

torch::Tensor fp32Gemv(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                       const std::string& kernelName) {
  TORCH_CHECK(x.dim() == 1 && weight.dim() == 2 && x.size(0) == weight.size(1), "fp32Gemv: shapes do not fit");
  TORCH_CHECK(x.scalar_type() == torch::kFloat32 && weight.scalar_type() == torch::kFloat32,
              "fp32Gemv: x and weight must be fp32");
  TORCH_CHECK(!bias.defined() || (bias.scalar_type() == torch::kFloat32 && bias.numel() == weight.size(0)),
              "fp32Gemv: the bias must be [", weight.size(0), "] fp32");
  const RowDotF32 dot = kernelNamed(kernelName).dotF32;
  const auto w = weight.contiguous(), xc = x.contiguous();
  const auto b = bias.defined() ? bias.contiguous() : bias;
  const int64_t m = w.size(0), k = w.size(1);
  auto y = torch::empty({m}, torch::kFloat32);
  const float *wp = w.data_ptr<float>(), *xp = xc.data_ptr<float>();
  const float* bp = b.defined() ? b.data_ptr<float>() : nullptr;
  float* yp = y.data_ptr<float>();
  // About 64 KiB of weights per task, as in bf16Gemv.
  at::parallel_for(0, m, std::max<int64_t>(1, 16384 / std::max<int64_t>(k, 1)), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const float sum = dot(wp + r * k, xp, k);
      yp[r] = bp ? sum + bp[r] : sum;
    }
  });
  return y;
}

}  // namespace llavolta::engine
