#pragma once
// Per-layer key/value cache. Layers after a compression point hold only the
// compressed visual tokens, so each layer keeps its own length and validity mask.
#include <vector>

#include <torch/torch.h>

namespace llavolta::engine {

struct LayerCache {
  torch::Tensor keys;    // [B, kvHeads, T_layer, headDim], rotary already applied
  torch::Tensor values;  // [B, kvHeads, T_layer, headDim]
  torch::Tensor valid;   // [B, T_layer] bool, false on left padding
  int64_t length() const { return keys.defined() ? keys.size(2) : 0; }
};

struct KVCache {
  std::vector<LayerCache> layers;
  // Rotary position of the next token per sample. Generated tokens continue the
  // original (uncompressed) numbering, as in the reference implementation.
  torch::Tensor nextPosition;  // [B] int64
  int64_t bytes() const {
    int64_t n = 0;
    for (const auto& l : layers)
      if (l.keys.defined()) n += (l.keys.numel() + l.values.numel()) * l.keys.element_size();
    return n;
  }
};

}  // namespace llavolta::engine
