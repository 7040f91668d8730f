#pragma once
// Plain value types that cross the worker/GUI thread boundary. No torch here: the GUI thread
// only ever sees copies of what the engine produced.
#include <cstdint>
#include <map>
#include <vector>

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "engine/config.h"
#include "engine/sampling_options.h"

namespace llavolta::ui {

struct LoadRequest {
  QString modelDir;
  QString device = QStringLiteral("cpu");    // "cpu" or "cuda"
  QString dtype = QStringLiteral("float32");  // "float32", "bfloat16", "float16"
  int threads = 0;                            // 0 = library default
};

struct ModelInfo {
  QString directory;
  QString layout;  // checkpoint naming scheme that was detected
  qint64 parameters = 0;
  QString device;
  QString dtype;
  engine::ModelConfig config;
  int imageSize() const { return static_cast<int>(config.vision.imageSize); }
  int gridSide() const { return static_cast<int>(config.vision.gridSide()); }
  int layers() const { return static_cast<int>(config.text.numLayers); }
  int visualTokens() const { return static_cast<int>(config.numVisualTokens()); }
};

// The engine's own options (engine/sampling_options.h, torch-free), so the studio offers what
// `llavolta chat` offers: temperature, top-p, top-k, repetition penalty, seed.
using SamplingValues = engine::SamplingOptions;

struct ChatTurnValue {
  QString user;
  QString assistant;  // empty on the open last turn
};

struct ChatRequest {
  quint64 id = 0;  // assigned by the controller
  QImage image;
  std::vector<ChatTurnValue> turns;
  QString scheme = QStringLiteral("none");
  SamplingValues sampling;
  bool traceAllLayers = false;  // keep the last-token attention of every layer
};

struct ChatStatsValue {
  QString scheme;
  qint64 visualTokensBefore = 0;
  qint64 visualTokensAfter = 0;
  qint64 visualTokensTotal = 0;
  double compressionRatio = 1.0;
  qint64 promptTokens = 0;
  qint64 generatedTokens = 0;
  double prefillMs = 0;
  double decodeMs = 0;
  double tokensPerSecond = 0;
  double prefillTflops = 0;
};

// The compression trace of one image (sample 0), in plain containers.
struct TraceValue {
  std::vector<int64_t> visualTokensPerLayer;
  // Token groups keyed by the first layer from which they hold (-1 = before the LLM).
  std::map<int, std::vector<std::vector<int64_t>>> groupsFrom;
  // Last prompt token's attention over the visual tokens present at the layer.
  std::map<int, std::vector<float>> attention;

  bool empty() const { return groupsFrom.empty(); }
  // The groups in force at `layer` (the input of that layer); empty when unknown.
  const std::vector<std::vector<int64_t>>& groupsAt(int layer) const;
};

struct ChatOutcome {
  QString answer;
  ChatStatsValue stats;
  TraceValue trace;
  bool cancelled = false;
};

}  // namespace llavolta::ui

Q_DECLARE_METATYPE(llavolta::ui::ModelInfo)
Q_DECLARE_METATYPE(llavolta::ui::ChatOutcome)
Q_DECLARE_METATYPE(llavolta::ui::ChatStatsValue)
