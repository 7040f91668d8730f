#pragma once
// The Compression workspace: what a scheme does to the visual tokens, layer by layer. One
// short prefill per scheme (through the engine worker, with every layer traced) feeds the
// patch views, the tokens-per-layer and cumulative-FLOPs chart and the attention heat map.
#include <map>
#include <optional>

#include <QImage>
#include <QWidget>

#include "ui/worker/engine_values.h"

class QCheckBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSlider;

namespace llavolta::ui {

class EngineController;
class PatchView;
class SchemeSelector;

class CompressionWorkspace : public QWidget {
  Q_OBJECT
 public:
  explicit CompressionWorkspace(EngineController* engine, QWidget* parent = nullptr);

  void setModel(const ModelInfo& info);
  void setImage(const QImage& image, const QString& source);
  void setPrompt(const QString& prompt);
  QString prompt() const;
  SchemeSelector* schemeSelector(int side) const { return side == 0 ? schemeA_ : schemeB_; }
  void setCompare(bool on);
  void setLayer(int layer);
  int layer() const;
  void setAttentionMode(bool on);
  PatchView* patchView(int side) const { return side == 0 ? viewA_ : viewB_; }
  bool isRunning() const { return !running_.empty(); }
  bool hasTrace(int side) const { return traces_[side].has_value(); }
  QString lastError() const { return lastError_; }
  bool exportPng(const QString& path);

 public Q_SLOTS:
  // Runs the prefill(s); false (and an inline error) when it cannot start.
  bool run();
  void exportDialog();

 Q_SIGNALS:
  void traceReady();
  void errorOccurred(const QString& message);
  void statusMessage(const QString& text);

 private:
  void showError(const QString& message);
  void onFinished(quint64 id, const ChatOutcome& outcome);
  void onFailed(quint64 id, const QString& error);
  void refreshViews();
  void refreshChart();

  struct SideTrace {
    QString scheme;
    TraceValue trace;
    ChatStatsValue stats;
  };

  EngineController* engine_;
  SchemeSelector* schemeA_ = nullptr;
  SchemeSelector* schemeB_ = nullptr;
  QCheckBox* compare_ = nullptr;
  QLineEdit* prompt_ = nullptr;
  QPushButton* runButton_ = nullptr;
  QSlider* slider_ = nullptr;
  QLabel* layerLabel_ = nullptr;
  QRadioButton* groupsMode_ = nullptr;
  QRadioButton* attentionMode_ = nullptr;
  PatchView* viewA_ = nullptr;
  PatchView* viewB_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QLabel* error_ = nullptr;
  QWidget* exportArea_ = nullptr;

  ModelInfo model_;
  bool hasModel_ = false;
  QImage image_;
  std::optional<SideTrace> traces_[2];
  std::map<quint64, int> running_;
  QString lastError_;
};

}  // namespace llavolta::ui
