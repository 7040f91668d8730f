#pragma once
// Accuracy against prefill TFLOPs: one colour per scheme name, the Pareto frontier as a
// line through the non-dominated points, tooltips on hover, zoom and pan, and an optional
// reference layer with the paper's published LLaVA-1.5-7B points.
#include <QWidget>

#include "ui/benchmark/benchmark_result.h"

class QCustomPlot;
class QCPGraph;
class QMouseEvent;

namespace llavolta::ui {

struct ReferencePoint {
  QString label;
  double tflops = 0;
  double value = 0;  // in the benchmark's unit (accuracy in %, MME in points)
};

class BenchmarkPlot : public QWidget {
  Q_OBJECT
 public:
  explicit BenchmarkPlot(QWidget* parent = nullptr);
  // All results; the plot shows those of the current view's benchmark.
  void setResults(const QVector<BenchResult>& results);
  // The benchmark shown ("" = Shapes-VQA and other question files): its results, its metric on
  // the y axis and its reference points.
  void setView(const QString& benchmark);
  QString view() const { return view_; }
  void setReferenceVisible(bool visible);
  // resources/reference/llava15_7b_paper.json (GQA, Table 5): the reference of the question-file
  // view and of GQA. Returns how many points it holds.
  int loadReference(const QString& file);
  // resources/reference/llava15_7b_benchmarks.json: points per benchmark. Returns how many.
  int loadBenchmarkReference(const QString& file);
  int referenceCount() const { return static_cast<int>(reference_.size()); }  // of the current view
  QCustomPlot* plot() const { return plot_; }
  int pointCount() const;          // measured points drawn
  int frontierPointCount() const;  // points on the frontier line
  // Points carry ± one standard error bars; when the results come from more than one model,
  // each point is labelled with its model's name (the runs of a schedule comparison); points on
  // nearly one spot share one label, "a, b".
  int errorBarCount() const;
  QStringList pointLabels() const;
  // The tooltip text for a position in plot pixels (empty when no point is near).
  QString tooltipAt(const QPointF& pos) const;
  bool savePng(const QString& path);
  bool savePdf(const QString& path);

 private:
  void rebuild();
  void onMouseMove(QMouseEvent* event);

  QCustomPlot* plot_;
  QVector<BenchResult> all_, results_;  // results_: the view's
  QString view_;
  QMap<QString, QVector<ReferencePoint>> referenceByView_;
  QMap<QString, QString> referenceTitleByView_;
  QVector<ReferencePoint> reference_;
  QString referenceTitle_;
  bool referenceVisible_ = false;
  // For each scatter graph, the result (>= 0) or reference point (-1 - index) per data index.
  QMap<QCPGraph*, QVector<int>> pointOwners_;
  QCPGraph* frontier_ = nullptr;
  int errorBars_ = 0;
  QStringList labels_;
};

}  // namespace llavolta::ui
