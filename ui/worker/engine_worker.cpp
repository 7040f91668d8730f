// Engine and torch headers first: Qt's keywords are off, but torch must still precede Qt.
#include <torch/torch.h>

#include "engine/compression.h"
#include "engine/device.h"
#include "engine/errors.h"
#include "engine/session.h"
#include "engine/threads.h"

#include "ui/worker/engine_worker.h"

#include <QElapsedTimer>
#include <spdlog/spdlog.h>

namespace llavolta::ui {

namespace {

engine::RgbImage toRgb(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  engine::RgbImage out;
  out.width = rgb.width();
  out.height = rgb.height();
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y) {
    const uchar* line = rgb.constScanLine(y);
    std::copy(line, line + out.width * 3, out.pixels.begin() + static_cast<ptrdiff_t>(y) * out.width * 3);
  }
  return out;
}

TraceValue toValue(const engine::CompressionTrace& trace) {
  TraceValue value;
  value.visualTokensPerLayer = trace.visualTokensPerLayer;
  for (const auto& [layer, perSample] : trace.groupsFrom)
    if (!perSample.empty()) value.groupsFrom[layer] = perSample.front();
  for (const auto& [layer, tensor] : trace.attention) {
    if (!tensor.defined() || tensor.dim() != 2 || tensor.size(0) < 1) continue;
    const torch::Tensor row = tensor[0].to(torch::kCPU, torch::kFloat32).contiguous();
    value.attention[layer] = std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
  }
  return value;
}

ChatStatsValue toValue(const engine::ChatStats& stats) {
  ChatStatsValue v;
  v.scheme = QString::fromStdString(stats.scheme);
  v.visualTokensBefore = stats.visualTokensBefore;
  v.visualTokensAfter = stats.visualTokensAfter;
  v.visualTokensTotal = stats.visualTokensTotal;
  v.compressionRatio = stats.compressionRatio;
  v.promptTokens = stats.promptTokens;
  v.generatedTokens = stats.generatedTokens;
  v.prefillMs = stats.prefillMs;
  v.decodeMs = stats.decodeMs;
  v.tokensPerSecond = stats.decodeTokensPerSecond;
  v.prefillTflops = stats.prefillTflops;
  return v;
}

}  // namespace

const std::vector<std::vector<int64_t>>& TraceValue::groupsAt(int layer) const {
  static const std::vector<std::vector<int64_t>> none;
  auto it = groupsFrom.upper_bound(layer);
  if (it == groupsFrom.begin()) return none;
  return std::prev(it)->second;
}

EngineWorker::EngineWorker() = default;
EngineWorker::~EngineWorker() = default;

void EngineWorker::cancelBelow(quint64 id) {
  quint64 current = cancelBelow_.load();
  while (current < id && !cancelBelow_.compare_exchange_weak(current, id)) {
  }
  stopLoad_ = true;
}

void EngineWorker::unload() { session_.reset(); }

void EngineWorker::loadModel(const LoadRequest& request) {
  stopLoad_ = false;
  try {
    engine::LoadOptions options;
    // The engine's parsers, as the CLI's --device and --dtype: the same names, the same
    // refusals (no CUDA device; float16 on the CPU) and the same messages.
    options.device = engine::parseDevice(request.device.toStdString(), "device");
    options.dtype = engine::parseDtype(request.dtype.toStdString(), options.device, "data type");
    options.onProgress = [this](int64_t done, int64_t total) {
      Q_EMIT loadProgress(done, total);
      return !stopLoad_.load();
    };
    engine::setInferenceThreads(request.threads);  // torch and OpenBLAS together; 0 = every physical core
    spdlog::info("loading model {} on {} ({})", request.modelDir.toStdString(), request.device.toStdString(),
                 request.dtype.toStdString());
    QElapsedTimer timer;
    timer.start();
    // The new model loads beside the old one and replaces it only once it has loaded
    // completely: a bad folder or a truncated file leaves the working model in place.
    std::unique_ptr<engine::Session> loaded = engine::Session::open(request.modelDir.toStdString(), options);
    session_ = std::move(loaded);
    ModelInfo info;
    info.directory = QString::fromStdString(session_->model().directory);
    if (info.directory.isEmpty()) info.directory = request.modelDir;
    info.layout = QString::fromStdString(engine::layoutName(session_->model().layout));
    for (const auto& p : session_->network().parameters()) info.parameters += p.numel();
    info.device = request.device;
    info.dtype = request.dtype;
    info.config = session_->model().config;
    spdlog::info("model loaded in {:.1f} s: {} parameters, layout {}", timer.elapsed() / 1000.0, info.parameters,
                 info.layout.toStdString());
    Q_EMIT modelLoaded(info);
  } catch (const std::exception& e) {
    spdlog::error("loading {} failed: {}{}", request.modelDir.toStdString(), e.what(),
                  session_ ? "; the model loaded before stays open" : "");
    Q_EMIT loadFailed(QString::fromUtf8(e.what()));
  }
}

void EngineWorker::chat(const ChatRequest& request) {
  if (cancelled(request.id)) {
    ChatOutcome outcome;
    outcome.cancelled = true;
    Q_EMIT chatFinished(request.id, outcome);
    return;
  }
  Q_EMIT chatStarted(request.id);
  try {
    if (!session_) throw engine::EngineError("no model is loaded; open a model first (File > Open Model)");
    if (request.image.isNull()) throw engine::EngineError("no image; open an image first (File > Open Image)");
    engine::ChatPrompt prompt;
    for (const auto& turn : request.turns) prompt.turns.push_back({turn.user.toStdString(), turn.assistant.toStdString()});
    engine::ChatOptions options;
    options.scheme = request.scheme.toStdString();
    const int64_t eos = options.sampling.eosTokenId;  // the session's, not the panel's
    options.sampling = request.sampling;
    options.sampling.eosTokenId = eos;
    if (request.traceAllLayers)
      for (int l = 0; l < session_->model().config.text.numLayers; ++l) options.traceLayers.push_back(l);
    const quint64 id = request.id;
    std::atomic<bool> stop{false};
    auto result = session_->chat(
        toRgb(request.image), prompt, options,
        [this, id, &stop](const std::string& piece) {
          Q_EMIT chatPiece(id, QString::fromStdString(piece));
          if (cancelled(id)) stop = true;
          return !stop.load();
        },
        &stop);
    ChatOutcome outcome;
    outcome.answer = QString::fromStdString(result.answer);
    outcome.stats = toValue(result.stats);
    outcome.trace = toValue(result.trace);
    outcome.cancelled = result.cancelled || cancelled(id);
    spdlog::info("chat [{}]: {} tokens, prefill {:.0f} ms, {:.1f} tok/s{}", result.stats.scheme,
                 result.stats.generatedTokens, result.stats.prefillMs, result.stats.decodeTokensPerSecond,
                 outcome.cancelled ? " (stopped)" : "");
    Q_EMIT chatFinished(id, outcome);
  } catch (const std::exception& e) {
    spdlog::error("chat failed: {}", e.what());
    Q_EMIT chatFailed(request.id, QString::fromUtf8(e.what()));
  }
}

}  // namespace llavolta::ui
