#include "ui/training/training_plots.h"

#include <QGridLayout>
#include "ui/widgets/plot_style.h"
#include "ui/widgets/qcustomplot_include.h"

#include "ui/widgets/series_colors.h"
#include "ui/widgets/plot_axes.h"

namespace llavolta::ui {

namespace {
// The auxiliary training losses, each drawn as its own curve and marked by this property.
constexpr const char* kAuxiliary = "auxiliaryLoss";
constexpr const char* kPatchWords = "patchWords";
constexpr const char* kGrounding = "grounding";
constexpr const char* kPrompt = "prompt";

QCustomPlot* makePlot(QWidget* parent, const QString& name, const QString& title, const QString& yLabel) {
  auto* p = new QCustomPlot(parent);
  p->setObjectName(name);
  p->setMinimumSize(240, 160);
  p->plotLayout()->insertRow(0);
  p->plotLayout()->addElement(0, 0, new QCPTextElement(p, title, QFont(QStringLiteral("sans"), 9, QFont::Bold)));
  p->xAxis->setLabel(QObject::tr("step"));
  p->yAxis->setLabel(yLabel);
  p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  followPalette(p);
  return p;
}

void singleSeries(QCustomPlot* plot, const QVector<MetricPoint>& pts, double MetricPoint::*field, const QColor& c) {
  plot->clearGraphs();
  auto* g = plot->addGraph();
  g->setPen(QPen(c, 1.5));
  QVector<double> x, y;
  x.reserve(pts.size());
  y.reserve(pts.size());
  for (const auto& p : pts) {
    x << static_cast<double>(p.step);
    y << p.*field;
  }
  g->setData(x, y, true);
  plot->rescaleAxes();
  padValueAxis(plot->yAxis);
  keepAxisNonNegative(plot->xAxis);
  keepAxisNonNegative(plot->yAxis);
  plot->replot(QCustomPlot::rpQueuedReplot);
}
}  // namespace

TrainingPlots::TrainingPlots(QWidget* parent) : QWidget(parent) {
  loss_ = makePlot(this, QStringLiteral("lossPlot"), tr("Loss"), tr("loss"));
  lr_ = makePlot(this, QStringLiteral("lrPlot"), tr("Learning rate"), tr("lr"));
  throughput_ = makePlot(this, QStringLiteral("throughputPlot"), tr("Throughput"), tr("samples/s"));
  tokens_ = makePlot(this, QStringLiteral("tokensPlot"), tr("Visual tokens per sample"), tr("#Tokens (sum over layers)"));
  loss_->legend->setVisible(true);
  loss_->legend->setFont(QFont(QStringLiteral("sans"), 8));
  // The legend (one entry per run or stage) sits below the plot, one entry per row, so on a
  // small screen it does not cover the curves.
  placeLegendBelow(loss_, 1);
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->addWidget(loss_, 0, 0);
  grid->addWidget(lr_, 0, 1);
  grid->addWidget(throughput_, 1, 0);
  grid->addWidget(tokens_, 1, 1);
}

void TrainingPlots::showRuns(const QVector<RunSeries>& runs) {
  loss_->clearGraphs();
  loss_->clearItems();
  if (runs.isEmpty()) {
    for (auto* p : {loss_, lr_, throughput_, tokens_}) {
      p->clearGraphs();
      p->replot(QCustomPlot::rpQueuedReplot);
    }
    return;
  }
  if (runs.size() == 1) {
    // One graph per stage, so each stage has its colour.
    const auto& r = runs.front();
    QMap<int, QPair<QVector<double>, QVector<double>>> data;
    QMap<int, QString> resolved;  // the scheme as the trainer resolved it for this model's depth
    for (const auto& p : r.points) {
      data[p.stage].first << static_cast<double>(p.step);
      data[p.stage].second << p.loss;
      if (!resolved.contains(p.stage)) resolved.insert(p.stage, p.scheme);
    }
    for (auto it = data.begin(); it != data.end(); ++it) {
      auto* g = loss_->addGraph();
      g->setPen(QPen(seriesColor(it.key()), 1.5));
      const QString scheme = resolved.value(it.key());
      g->setName(tr("stage %1 %2").arg(it.key() + 1).arg(scheme));
      g->setData(it.value().first, it.value().second, true);
    }
    const struct {
      const char* key;
      double MetricPoint::*field;
      Qt::PenStyle style;
      QString name;
    } auxiliary[] = {{kPatchWords, &MetricPoint::patchWordLoss, Qt::DashLine, tr("per-patch word loss")},
                     {kGrounding, &MetricPoint::groundingLoss, Qt::DotLine, tr("attention grounding loss")},
                     {kPrompt, &MetricPoint::promptLoss, Qt::DashDotLine, tr("prompt loss")}};
    for (const auto& a : auxiliary) {
      QVector<double> steps, values;
      for (const auto& p : r.points)
        if (p.*a.field >= 0) steps << static_cast<double>(p.step), values << p.*a.field;
      if (steps.isEmpty()) continue;
      auto* g = loss_->addGraph();
      g->setProperty(kAuxiliary, QString::fromLatin1(a.key));
      g->setPen(QPen(palette().color(QPalette::WindowText), 1.2, a.style));
      g->setName(a.name);
      g->setData(steps, values, true);
    }
    for (const qint64 s : r.stageStarts) {
      auto* line = new QCPItemStraightLine(loss_);
      line->point1->setCoords(static_cast<double>(s), 0);
      line->point2->setCoords(static_cast<double>(s), 1);
      line->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    }
  } else {
    for (int i = 0; i < runs.size(); ++i) {
      auto* g = loss_->addGraph();
      g->setPen(QPen(seriesColor(i), 1.5));
      g->setName(runs[i].name);
      QVector<double> x, y;
      for (const auto& p : runs[i].points) {
        x << static_cast<double>(p.step);
        y << p.loss;
      }
      g->setData(x, y, true);
    }
  }
  loss_->rescaleAxes();
  padValueAxis(loss_->yAxis);
  keepAxisNonNegative(loss_->xAxis);
  keepAxisNonNegative(loss_->yAxis);
  loss_->replot(QCustomPlot::rpQueuedReplot);
  const auto& first = runs.front().points;
  singleSeries(lr_, first, &MetricPoint::lr, seriesColor(0));
  singleSeries(throughput_, first, &MetricPoint::samplesPerS, seriesColor(2));
  singleSeries(tokens_, first, &MetricPoint::visualTokensTotal, seriesColor(4));
}

int TrainingPlots::lossPointCount() const {
  int n = 0;
  for (int i = 0; i < loss_->graphCount(); ++i)
    if (!loss_->graph(i)->property(kAuxiliary).isValid()) n += loss_->graph(i)->dataCount();
  return n;
}

int TrainingPlots::auxiliaryPointCount(const char* key) const {
  int n = 0;
  for (int i = 0; i < loss_->graphCount(); ++i)
    if (loss_->graph(i)->property(kAuxiliary).toString() == QLatin1String(key)) n += loss_->graph(i)->dataCount();
  return n;
}

int TrainingPlots::patchWordPointCount() const { return auxiliaryPointCount(kPatchWords); }

int TrainingPlots::groundingPointCount() const { return auxiliaryPointCount(kGrounding); }

int TrainingPlots::promptPointCount() const { return auxiliaryPointCount(kPrompt); }

}  // namespace llavolta::ui
