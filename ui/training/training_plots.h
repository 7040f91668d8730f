#pragma once
// Live plots of a training run: loss (one colour per schedule stage, stage boundaries as
// vertical lines, or one colour per run when several runs are overlaid; a run with the
// per-patch word loss or the attention grounding loss shows each as its own dashed or dotted
// curve beside the answer loss), learning rate,
// samples/s and visual tokens per sample. Rebuilt from whole series: callers batch
// updates on a timer, never per point.
#include <QWidget>

#include "ui/training/run_directory.h"

class QCustomPlot;

namespace llavolta::ui {

struct RunSeries {
  QString name;
  QVector<MetricPoint> points;
  QVector<qint64> stageStarts;  // first step of each stage after the first
  QStringList stageSchemes;
};

class TrainingPlots : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPlots(QWidget* parent = nullptr);
  // runs[0] is the run shown in detail; more runs overlay their loss curves.
  void showRuns(const QVector<RunSeries>& runs);
  // Points across the answer-loss graphs (for tests and the status line).
  int lossPointCount() const;
  // Points of the per-patch word loss curve (0 when the run has none).
  int patchWordPointCount() const;
  // Points of the attention grounding loss curve (0 when the run has none).
  int groundingPointCount() const;
  // Points of the prompt loss curve (steps with "prompt_loss_weight").
  int promptPointCount() const;
  QCustomPlot* lossPlot() const { return loss_; }
  QCustomPlot* lrPlot() const { return lr_; }
  QCustomPlot* throughputPlot() const { return throughput_; }
  QCustomPlot* tokensPlot() const { return tokens_; }

 private:
  int auxiliaryPointCount(const char* key) const;
  QCustomPlot *loss_, *lr_, *throughput_, *tokens_;
};

}  // namespace llavolta::ui
