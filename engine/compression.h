#pragma once
// Visual-token compression schemes and their registry.
//
// A scheme is named by a spec string "name:key=value,key=value" (e.g.
// "vcc:layer=2,stride=8"). It acts on the hidden states of the visual span at
// one or more decoder layers (layer -1: on the projected features, before the
// LLM). Every scheme keeps a *token map*: for each surviving visual token, the
// original patch indices it stands for. The compression view, the benchmark,
// the FLOPs model and the tests all read that one structure.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "engine/scheme_spec.h"

namespace llavolta::engine {

// For one sample: surviving visual token -> original patch indices.
using TokenGroups = std::vector<std::vector<int64_t>>;

// The state a scheme reads and rewrites at a layer where it acts. Sequences are
// left-padded, so each sample's visual span starts at its own offset but all spans
// have the same length.
struct CompressionContext {
  int layer = 0;                      // decoder layer about to run; -1 = before the LLM
  torch::Tensor hidden;               // [B, T, D]
  torch::Tensor positions;            // [B, T] int64 rotary position ids
  torch::Tensor valid;                // [B, T] bool, false on left padding
  std::vector<int64_t> spanStart;     // per sample
  int64_t spanLength = 0;
  std::vector<TokenGroups> groups;    // per sample
  // Attention of the last prompt token over the keys at a layer, head-averaged
  // [B, T_layer], for the layers a scheme asks for in attentionLayers().
  std::map<int, torch::Tensor> lastTokenAttention;
  // The vision tower's [CLS] attention over the patches at its feature layer,
  // head-averaged [B, L], for schemes with needsVisionAttention() (else undefined).
  torch::Tensor visionAttention;
  // Head-averaged attention keys [B, n, headDim] of the layer about to run for
  // hidden states [B, n, D]; unset before the LLM (schemes then use the states).
  std::function<torch::Tensor(const torch::Tensor&)> keysOf;

  // Replaces every sample's visual span by `span` ([B, L', D]) with positions
  // `spanPositions` ([B, L'] int64) and the new token groups.
  void replaceSpan(const torch::Tensor& span, const torch::Tensor& spanPositions,
                   std::vector<TokenGroups> newGroups);
  torch::Tensor spanHidden() const;     // [B, L, D]
  torch::Tensor spanPositions() const;  // [B, L]
};

class CompressionScheme {
 public:
  virtual ~CompressionScheme() = default;
  virtual std::string name() const = 0;
  // The canonical spec string, every parameter spelled out.
  virtual std::string spec() const = 0;
  // Layers (ascending) where apply() runs; -1 = before the LLM.
  virtual std::vector<int> actionLayers() const = 0;
  // Layers whose last-prompt-token attention the scheme needs in the context.
  virtual std::vector<int> attentionLayers() const { return {}; }
  // Whether apply() reads CompressionContext::visionAttention (the caller must then
  // ask the vision tower for its [CLS] attention, see PrefillOptions).
  virtual bool needsVisionAttention() const { return false; }
  // Throws EngineError when the parameters make no sense for this model.
  virtual void validate(int64_t numLayers, int64_t visualTokens) const = 0;
  virtual void apply(CompressionContext& ctx) const = 0;
  // Visual tokens present at each decoder layer (size numLayers): the paper's
  // #Tokens is their sum, and the FLOPs model charges each layer for its count.
  virtual std::vector<int64_t> visualTokensPerLayer(int64_t numLayers, int64_t visualTokens) const = 0;
};


// Parses "name:key=value,..." (or "name"); unknown schemes, unknown keys and bad
// values are EngineErrors that name the offending part.
SchemePtr makeScheme(const std::string& spec);
// Parses and validates against a model's depth and visual token count.
SchemePtr makeScheme(const std::string& spec, int64_t numLayers, int64_t visualTokens);

// Identity groups: token i stands for patch i.
TokenGroups identityGroups(int64_t visualTokens);

}  // namespace llavolta::engine
