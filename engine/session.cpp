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

namespace {

// The paper's figures for one prefill (and the decode that followed it, if any).
ChatStats statsFor(const ModelConfig& cfg, const CompressionScheme& scheme, const CompressionTrace& trace,
                   int64_t textTokens, const GenerationOutput& gen) {
  const int64_t L = cfg.numVisualTokens();
  ChatStats s;
  s.scheme = scheme.spec();
  s.visualTokensBefore = L;
  s.visualTokensAfter = trace.visualTokensPerLayer.empty() ? L : trace.visualTokensPerLayer.back();
  const auto cost = prefillCost(cfg, trace.visualTokensPerLayer, textTokens);
  s.visualTokensTotal = cost.visualTokensTotal;
  s.compressionRatio = cost.compressionRatio;
  s.prefillTflops = cost.flops / 1e12;
  s.promptTokens = gen.prefill.promptTokens;
  s.generatedTokens = gen.tokens.empty() ? 0 : static_cast<int64_t>(gen.tokens[0].size());
  s.prefillMs = gen.prefillMs;
  s.decodeMs = gen.decodeMs;
  s.decodeTokensPerSecond = gen.decodeMs > 0 ? 1000.0 * static_cast<double>(gen.decodeSteps) / gen.decodeMs : 0.0;
  s.kvCacheBytes = gen.kvCacheBytes;
  return s;
}

}  // namespace

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

  r.stats = statsFor(cfg, *scheme, r.trace, static_cast<int64_t>(ids.size()) - 1, gen);
  return r;
}

TraceResult Session::trace(const RgbImage& image, const ChatPrompt& prompt, const std::string& schemeSpec,
                           const std::atomic<bool>* stop) {
  const auto& cfg = model_.config;
  auto scheme = makeScheme(schemeSpec, cfg.text.numLayers, cfg.numVisualTokens());
  const auto ids = promptIds(prompt);
  SamplingOptions sampling;
  sampling.maxNewTokens = 0;
  PrefillOptions prefill;
  for (int l = 0; l < cfg.text.numLayers; ++l) prefill.traceLayers.push_back(l);
  auto gen = generate(*model_.model, {ids}, preprocess(image).unsqueeze(0), *scheme, sampling, {}, stop, prefill);
  TraceResult r;
  r.cancelled = gen.cancelled;
  r.trace = std::move(gen.prefill.trace);
  r.stats = statsFor(cfg, *scheme, r.trace, static_cast<int64_t>(ids.size()) - 1, gen);
  return r;
}

}  // namespace llavolta::engine
