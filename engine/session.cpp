#include "engine/session.h"

#include "engine/errors.h"
#include "engine/flops.h"
#include "engine/tokenizer.h"

namespace llavolta::engine {

std::unique_ptr<Session> Session::open(const std::string& modelDir, const LoadOptions& options) {
  return std::make_unique<Session>(loadModel(modelDir, options));
}

Session::Session(LoadedModel model) : model_(std::move(model)) {}

ImageOptions imageOptionsFor(const ModelConfig& config) {
  ImageOptions o;
  o.size = static_cast<int>(config.vision.imageSize);
  o.mean = config.imageMean;
  o.std = config.imageStd;
  o.padToSquare = config.imageAspectRatio == "pad";
  return o;
}

ImageOptions Session::imageOptions() const { return imageOptionsFor(model_.config); }

torch::Tensor Session::preprocess(const RgbImage& image) const { return preprocessImage(image, imageOptions()); }

std::vector<int64_t> Session::promptIds(const ChatPrompt& prompt) const {
  return tokenizePrompt(*model_.tokenizer, renderVicunaV1(prompt), ImageTokenMode::Sentinel);
}

ChatResult Session::chat(const RgbImage& image, const ChatPrompt& prompt, const ChatOptions& options,
                         const std::function<bool(const std::string&)>& onText, const std::atomic<bool>* stop) {
  const auto& cfg = model_.config;
  const int64_t L = cfg.numVisualTokens();
  auto scheme = makeScheme(options.scheme, cfg.text.numLayers, L);
  const auto ids = promptIds(prompt);
  auto pixels = preprocess(image).unsqueeze(0);

  SamplingOptions sampling = options.sampling;
  sampling.eosTokenId = model_.tokenizer->eosId();
  StreamDecoder stream(model_.tokenizer);
  bool keepGoing = true;
  auto onToken = [&](int64_t, int64_t token) {
    const std::string piece = stream.push(static_cast<int>(token));
    if (!piece.empty() && onText && !onText(piece)) keepGoing = false;
    return keepGoing;
  };
  PrefillOptions prefill;
  prefill.traceLayers = options.traceLayers;
  auto gen = generate(*model_.model, {ids}, pixels, *scheme, sampling, onToken, stop, prefill);
  const std::string tail = stream.flush();
  if (!tail.empty() && onText) onText(tail);

  ChatResult r;
  r.tokens = gen.tokens[0];
  std::vector<int> asInt(r.tokens.begin(), r.tokens.end());
  r.answer = model_.tokenizer->decode(asInt);
  r.cancelled = gen.cancelled;
  r.endedWithEos = gen.endedWithEos[0];
  r.trace = std::move(gen.prefill.trace);
  for (const auto& logits : gen.stepLogits) r.stepLogits.push_back(logits[0]);

  auto& s = r.stats;
  s.scheme = scheme->spec();
  s.visualTokensBefore = L;
  s.visualTokensAfter = r.trace.visualTokensPerLayer.empty() ? L : r.trace.visualTokensPerLayer.back();
  const int64_t textTokens = static_cast<int64_t>(ids.size()) - 1;  // the sentinel is not a token
  const auto cost = prefillCost(cfg, r.trace.visualTokensPerLayer, textTokens);
  s.visualTokensTotal = cost.visualTokensTotal;
  s.compressionRatio = cost.compressionRatio;
  s.prefillTflops = cost.flops / 1e12;
  s.promptTokens = gen.prefill.promptTokens;
  s.generatedTokens = static_cast<int64_t>(r.tokens.size());
  s.prefillMs = gen.prefillMs;
  s.decodeMs = gen.decodeMs;
  s.decodeTokensPerSecond = gen.decodeMs > 0 ? 1000.0 * static_cast<double>(gen.decodeSteps) / gen.decodeMs : 0.0;
  s.kvCacheBytes = gen.kvCacheBytes;
  return r;
}

}  // namespace llavolta::engine
