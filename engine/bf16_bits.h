#pragma once
// bf16 <-> fp32 on raw bits, for the engine's own CPU kernels (engine/gemv.cpp,
// engine/row_kernels.cpp): inline, no operator dispatch, the same rounding as c10::BFloat16.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace llavolta::engine::bf16 {

inline float widen(uint16_t bits) {
  const uint32_t u = static_cast<uint32_t>(bits) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// Round to nearest even, NaN kept NaN: c10::BFloat16's conversion.
inline uint16_t narrow(float f) {
  if (std::isnan(f)) return UINT16_C(0x7FC0);
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return static_cast<uint16_t>((u + ((u >> 16) & 1) + UINT32_C(0x7FFF)) >> 16);
}

}  // namespace llavolta::engine::bf16
