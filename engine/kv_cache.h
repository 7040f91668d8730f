#pragma once
// Per-layer key/value cache. Layers after a compression point hold only the
// compressed visual tokens, so each layer keeps its own length and validity mask.
#include <algorithm>
#include <utility>
#include <vector>

#include <torch/torch.h>

namespace llavolta::engine {

struct LayerCache {
  // Buffers [B, kvHeads, capacity, headDim] (rotary already applied to keys), of
  // which the first `used` positions are filled. They grow geometrically, so a
  // decode step appends in place instead of copying the whole cache.
  torch::Tensor keys, values;
  int64_t used = 0;
  torch::Tensor valid;  // [B, used] bool, false on left padding
  int64_t length() const { return used; }
  // Appends k, v [B, kvHeads, T, headDim]; returns the filled keys and values.
  std::pair<torch::Tensor, torch::Tensor> append(const torch::Tensor& k, const torch::Tensor& v) {
    const int64_t T = k.size(2);
    if (!keys.defined() || used + T > keys.size(2)) {
      const int64_t capacity = std::max<int64_t>(used + T + 64, (used + T) * 5 / 4);
      auto grow = [&](const torch::Tensor& old, const torch::Tensor& like) {
        auto sizes = like.sizes().vec();
        sizes[2] = capacity;
        auto buffer = torch::empty(sizes, like.options());
        if (used > 0) buffer.narrow(2, 0, used).copy_(old.narrow(2, 0, used));
        return buffer;
      };
      keys = grow(keys, k);
      values = grow(values, v);
    }
    keys.narrow(2, used, T).copy_(k);
    values.narrow(2, used, T).copy_(v);
    used += T;
    return {keys.narrow(2, 0, used), values.narrow(2, 0, used)};
  }
};

struct KVCache {
  std::vector<LayerCache> layers;
  // Rotary position of the next token per sample. Generated tokens continue the
  // original (uncompressed) numbering, as in the reference implementation.
  torch::Tensor nextPosition;  // [B] int64
  int64_t bytes() const {
    int64_t n = 0;
    for (const auto& l : layers)
      if (l.keys.defined()) n += 2 * l.keys.size(0) * l.keys.size(1) * l.used * l.keys.size(3) * l.keys.element_size();
    return n;
  }
};

}  // namespace llavolta::engine
