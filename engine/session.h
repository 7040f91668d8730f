#pragma once
// The small facade callers use (CLI, studio, trainer's evaluator): a loaded model
// plus "answer this conversation about this image under this scheme".
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/chat_template.h"
#include "engine/checkpoint.h"
#include "engine/generation.h"
#include "engine/image.h"

namespace llavolta::engine {

struct ChatOptions {
  std::string scheme = "none";
  SamplingOptions sampling;
  std::vector<int> traceLayers;  // layers whose last-token attention is kept in the trace
};

struct ChatStats {
  std::string scheme;
  int64_t visualTokensBefore = 0;   // per image, into the LLM
  int64_t visualTokensAfter = 0;    // at the last layer
  int64_t visualTokensTotal = 0;    // the paper's #Tokens (sum over layers)
  double compressionRatio = 1.0;    // the paper's CR
  int64_t promptTokens = 0;         // uncompressed, visual tokens included
  int64_t generatedTokens = 0;
  double prefillMs = 0;             // image encoding + LLM prefill (time to first token)
  double decodeMs = 0;
  double decodeTokensPerSecond = 0;
  double prefillTflops = 0;         // analytic, see flops.h
  int64_t kvCacheBytes = 0;
};

struct ChatResult {
  std::string answer;
  std::vector<int64_t> tokens;
  ChatStats stats;
  CompressionTrace trace;
  // [V] float32 per step for the first options.sampling.keepStepLogits steps.
  std::vector<torch::Tensor> stepLogits;
  bool cancelled = false;
  bool endedWithEos = false;
};

// What a scheme does to one image's visual tokens on one prompt, layer by layer.
struct TraceResult {
  CompressionTrace trace;  // groups per layer, and every layer's last-token attention
  ChatStats stats;         // prefill only: generatedTokens and decode figures are 0
  bool cancelled = false;
};

// The preprocessing a model's config asks for (tower size, mean/std, pad or crop).
ImageOptions imageOptionsFor(const ModelConfig& config);

class Session {
 public:
  static std::unique_ptr<Session> open(const std::string& modelDir, const LoadOptions& options = {});
  explicit Session(LoadedModel model);

  const LoadedModel& model() const { return model_; }
  LlavaModelImpl& network() { return *model_.model; }
  const Tokenizer& tokenizer() const { return *model_.tokenizer; }
  ImageOptions imageOptions() const;
  // [3, S, S] float tensor for the tower.
  torch::Tensor preprocess(const RgbImage& image) const;
  std::vector<int64_t> promptIds(const ChatPrompt& prompt) const;

  // Answers the conversation's open last turn. onText receives streamed text
  // (complete UTF-8 pieces); returning false from it, or setting *stop, cancels.
  ChatResult chat(const RgbImage& image, const ChatPrompt& prompt, const ChatOptions& options,
                  const std::function<bool(const std::string&)>& onText = {},
                  const std::atomic<bool>* stop = nullptr);

  // The compression view's question: runs the tower and the prefill only (no decoding) and
  // keeps every layer's last-token attention over the visual tokens. *stop interrupts it
  // between layers.
  TraceResult trace(const RgbImage& image, const ChatPrompt& prompt, const std::string& scheme,
                    const std::atomic<bool>* stop = nullptr);

 private:
  LoadedModel model_;
};

}  // namespace llavolta::engine
