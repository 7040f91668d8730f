#include "engine/gemv.h"

#include <ATen/Parallel.h>

#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace llavolta::engine {

namespace {

using RowDot = float (*)(const uint16_t* row, const float* x, int64_t k);

float dotPortable(const uint16_t* row, const float* x, int64_t k) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= k; i += 8)
    for (int j = 0; j < 8; ++j) {
      const uint32_t bits = static_cast<uint32_t>(row[i + j]) << 16;
      float w;
      std::memcpy(&w, &bits, sizeof w);
      acc[j] += w * x[i + j];
    }
  float sum = 0;
  for (float a : acc) sum += a;
  for (; i < k; ++i) {
    const uint32_t bits = static_cast<uint32_t>(row[i]) << 16;
    float w;
    std::memcpy(&w, &bits, sizeof w);
    sum += w * x[i];
  }
  return sum;
}

#if defined(__x86_64__) && defined(__GNUC__)
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
  __m256 a = _mm256_add_ps(a0, a1);
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  float sum = _mm_cvtss_f32(s);
  if (i < k) sum += dotPortable(row + i, x + i, k - i);
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
};

// Fastest first; only what this CPU runs.
const std::vector<Kernel>& kernels() {
  static const std::vector<Kernel> list = [] {
    std::vector<Kernel> out;
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) out.push_back({"avx512", dotAvx512});
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) out.push_back({"avx2", dotAvx2});
#endif
    out.push_back({"portable", dotPortable});
    return out;
  }();
  return list;
}

}  // namespace

const char* bf16GemvKernel() { return kernels().front().name; }

std::vector<std::string> bf16GemvKernels() {
  std::vector<std::string> out;
  for (const auto& k : kernels()) out.emplace_back(k.name);
  return out;
}

torch::Tensor bf16Gemv(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                       const std::string& kernelName) {
  TORCH_CHECK(x.dim() == 1 && weight.dim() == 2 && x.size(0) == weight.size(1), "bf16Gemv: shapes do not fit");
  TORCH_CHECK(x.scalar_type() == torch::kBFloat16 && weight.scalar_type() == torch::kBFloat16,
              "bf16Gemv: x and weight must be bf16");
  const auto w = weight.contiguous();
  const int64_t m = w.size(0), k = w.size(1);
  const auto xf = x.to(torch::kFloat32).contiguous();
  auto yf = torch::empty({m}, torch::kFloat32);
  const auto* wp = reinterpret_cast<const uint16_t*>(w.data_ptr<at::BFloat16>());
  const float* xp = xf.data_ptr<float>();
  float* yp = yf.data_ptr<float>();
  RowDot dot = kernels().front().dot;
  if (!kernelName.empty()) {
    dot = nullptr;
    for (const auto& k : kernels())
      if (kernelName == k.name) dot = k.dot;
    TORCH_CHECK(dot, "bf16Gemv: kernel '", kernelName, "' does not run on this CPU");
  }
  // About 64 KiB of weights per task, so small matrices stay on one thread.
  const int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(k, 1));
  at::parallel_for(0, m, grain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) yp[r] = dot(wp + r * k, xp, k);
  });
  if (bias.defined()) yf.add_(bias.to(torch::kFloat32));
  return yf.to(torch::kBFloat16);
}

}  // namespace llavolta::engine
