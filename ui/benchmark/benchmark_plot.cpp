#include "ui/benchmark/benchmark_plot.h"

#include <cmath>

#include <algorithm>
#include <numeric>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QToolTip>
#include <QVBoxLayout>
#include "ui/widgets/qcustomplot_include.h"

#include "ui/widgets/series_colors.h"
#include "ui/widgets/plot_axes.h"
#include "ui/widgets/plot_style.h"

namespace llavolta::ui {

BenchmarkPlot::BenchmarkPlot(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("paretoPlot"));
  plot_->setMinimumSize(320, 240);
  plot_->xAxis->setLabel(tr("prefill TFLOPs per sample"));
  plot_->yAxis->setLabel(tr("accuracy (%)"));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(QStringLiteral("sans"), 8));
  // The legend gets its own column right of the axes: inside, it hid points (the costliest
  // scheme, usually "none", sits exactly where a bottom-right legend goes).
  auto* legendCell = new QCPLayoutGrid;
  plot_->plotLayout()->addElement(0, 1, legendCell);
  plot_->axisRect()->insetLayout()->take(plot_->legend);
  legendCell->addElement(0, 0, plot_->legend);
  legendCell->addElement(1, 0, new QCPLayoutElement(plot_));  // pushes the legend to the top
  legendCell->setRowStretchFactor(1, 10);
  plot_->plotLayout()->setColumnStretchFactor(1, 0.001);
  followPalette(plot_);
  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, &BenchmarkPlot::onMouseMove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
}

void BenchmarkPlot::setResults(const QVector<BenchResult>& results) {
  all_ = results;
  setView(view_);
}

void BenchmarkPlot::setView(const QString& benchmark) {
  view_ = benchmark;
  results_.clear();
  QString metric, unit = QStringLiteral("%");
  for (const auto& r : all_)
    if (r.benchmark == view_) {
      results_ << r;
      metric = r.metric;
      unit = r.unit;
    }
  plot_->yAxis->setLabel(BenchResult::scoreLabel(view_, metric, unit));
  reference_ = referenceByView_.value(view_);
  referenceTitle_ = referenceTitleByView_.value(view_);
  rebuild();
}

void BenchmarkPlot::setReferenceVisible(bool visible) {
  referenceVisible_ = visible;
  rebuild();
}

int BenchmarkPlot::loadReference(const QString& file) {
  QVector<ReferencePoint> points;
  QString title;
  QFile f(file);
  if (f.open(QIODevice::ReadOnly)) {
    const auto doc = QJsonDocument::fromJson(f.readAll()).object();
    title = doc.value(QStringLiteral("title")).toString();
    for (const auto& v : doc.value(QStringLiteral("points")).toArray()) {
      const auto o = v.toObject();
      points.push_back({o.value(QStringLiteral("label")).toString(), o.value(QStringLiteral("tflops")).toDouble(),
                        100 * o.value(QStringLiteral("accuracy")).toDouble()});
    }
  }
  for (const QString& v : {QString(), QStringLiteral("gqa")}) {
    auto& list = referenceByView_[v];
    list = points + list;  // GQA also gets the per-benchmark file's rows
    referenceTitleByView_[v] = title;
  }
  setView(view_);
  return static_cast<int>(points.size());
}

int BenchmarkPlot::loadBenchmarkReference(const QString& file) {
  int count = 0;
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return 0;
  const auto doc = QJsonDocument::fromJson(f.readAll()).object();
  const auto benchmarks = doc.value(QStringLiteral("benchmarks")).toObject();
  for (auto it = benchmarks.begin(); it != benchmarks.end(); ++it) {
    auto& list = referenceByView_[it.key()];
    for (const auto& v : it.value().toArray()) {
      const auto o = v.toObject();
      list.push_back({o.value(QStringLiteral("label")).toString(), o.value(QStringLiteral("tflops")).toDouble(),
                      o.value(QStringLiteral("value")).toDouble()});
      ++count;
    }
    if (!referenceTitleByView_.contains(it.key()))
      referenceTitleByView_[it.key()] = doc.value(QStringLiteral("title")).toString();
  }
  setView(view_);
  return count;
}

void BenchmarkPlot::rebuild() {
  plot_->clearPlottables();  // graphs and their error bars
  plot_->clearItems();       // point labels
  pointOwners_.clear();
  frontier_ = nullptr;
  errorBars_ = 0;
  labels_.clear();
  QStringList models;
  for (const auto& r : results_)
    if (r.score() >= 0 && !models.contains(r.model)) models << r.model;
  const bool labelByModel = models.size() > 1;
  QVector<QCPItemText*> labelItems;  // parallel to labels_
  // One scatter graph per scheme name, coloured consistently by first appearance.
  QStringList names;
  for (const auto& r : results_)
    if (r.score() >= 0 && !names.contains(r.schemeName())) names << r.schemeName();
  for (int s = 0; s < names.size(); ++s) {
    auto* g = plot_->addGraph();
    g->setName(names[s]);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, seriesColor(s), seriesColor(s).lighter(150), 9));
    QVector<int> owners;
    QVector<double> x, y, err;
    // Sorted by x so QCustomPlot keeps our owner indices aligned with its data.
    QVector<int> idx;
    for (int i = 0; i < results_.size(); ++i)
      if (results_[i].score() >= 0 && results_[i].schemeName() == names[s]) idx << i;
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return results_[a].tflops < results_[b].tflops; });
    for (int i : idx) {
      x << results_[i].tflops;
      y << results_[i].score();
      err << results_[i].scoreError();
      owners << i;
    }
    g->setData(x, y, true);
    pointOwners_.insert(g, owners);
    if (std::any_of(err.begin(), err.end(), [](double e) { return e > 0; })) {
      auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
      bars->removeFromLegend();
      bars->setSelectable(QCP::stNone);
      bars->setDataPlottable(g);
      bars->setData(err);
      bars->setPen(QPen(seriesColor(s), 1));
      ++errorBars_;
    }
    if (labelByModel) {
      for (int k = 0; k < idx.size(); ++k) {
        auto* label = new QCPItemText(plot_);
        label->setText(results_[idx[k]].model);
        label->setFont(QFont(QStringLiteral("sans"), 8));
        const bool darkBackground = plot_->palette().color(QPalette::Base).lightness() < 128;
        label->setColor(darkBackground ? seriesColor(s).lighter(140) : seriesColor(s).darker(130));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(x[k], y[k]);
        label->setPadding(QMargins(6, 0, 0, 4));
        label->setSelectable(false);
        labelItems << label;
        labels_ << results_[idx[k]].model;
      }
    }
  }
  const auto front = paretoFrontier(results_);
  if (!front.isEmpty()) {
    frontier_ = plot_->addGraph();
    frontier_->setName(tr("Pareto frontier"));
    frontier_->setPen(QPen(QColor(200, 30, 30), 2, Qt::DashLine));
    // Rings around the frontier points, so a one-point frontier is visible too.
    frontier_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(200, 30, 30), 2), Qt::NoBrush, 15));
    QVector<double> x, y;
    for (int i : front) {
      x << results_[i].tflops;
      y << results_[i].score();
    }
    frontier_->setData(x, y, true);
    frontier_->setSelectable(QCP::stNone);
  }
  if (referenceVisible_ && !reference_.isEmpty()) {
    auto* g = plot_->addGraph();
    g->setName(referenceTitle_.isEmpty() ? tr("paper (LLaVA-1.5-7B)") : referenceTitle_);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, Qt::black, Qt::white, 9));
    QVector<int> idx(reference_.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return reference_[a].tflops < reference_[b].tflops; });
    QVector<double> x, y;
    QVector<int> owners;
    for (int i : idx) {
      x << reference_[i].tflops;
      y << reference_[i].value;
      owners << -1 - i;
    }
    g->setData(x, y, true);
    pointOwners_.insert(g, owners);
  }
  plot_->rescaleAxes();
  // Some air around the points so none sits on the frame; a percentage stays within 0..100.
  plot_->xAxis->scaleRange(1.15, plot_->xAxis->range().center());
  keepAxisNonNegative(plot_->xAxis);  // TFLOPs: a lone point or the padding must not show negative cost
  const QCPRange y = plot_->yAxis->range();
  const bool percent = results_.isEmpty() || results_.front().unit == QStringLiteral("%");
  const double pad = std::max(percent ? 2.0 : 0.02 * std::abs(y.upper), 0.1 * y.size());
  plot_->yAxis->setRange(std::max(percent ? -2.0 : 0.0, y.lower - pad),
                         percent ? std::min(102.0, y.upper + pad) : y.upper + pad);
  // Points on (nearly) one spot, within 2% of the cost axis and 3% of the score axis (runs that
  // agree), share one label, "a, b", so that their names do not print over each other.
  const QCPRange x = plot_->xAxis->range(), yRange = plot_->yAxis->range();
  QVector<QCPItemText*> kept;
  QStringList keptText;
  for (int j = 0; j < labelItems.size(); ++j) {
    const QPointF at = labelItems[j]->position->coords();
    int near = -1;
    for (int i = 0; i < kept.size() && near < 0; ++i) {
      const QPointF other = kept[i]->position->coords();
      if (std::abs(at.x() - other.x()) <= 0.02 * x.size() && std::abs(at.y() - other.y()) <= 0.03 * yRange.size())
        near = i;
    }
    if (near < 0) {
      kept << labelItems[j];
      keptText << labels_[j];
      continue;
    }
    keptText[near] += QStringLiteral(", ") + labels_[j];
    kept[near]->setText(keptText[near]);
    plot_->removeItem(labelItems[j]);
  }
  labelItems = kept;
  labels_ = keptText;
  // Labels of points in the right part of the plot go to the left of their point, so the
  // axis rect does not cut them off.
  for (QCPItemText* label : labelItems)
    if (x.size() > 0 && (label->position->coords().x() - x.lower) / x.size() > 0.6) {
      label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
      label->setPadding(QMargins(0, 0, 6, 4));
    }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

int BenchmarkPlot::pointCount() const {
  int n = 0;
  for (auto it = pointOwners_.begin(); it != pointOwners_.end(); ++it)
    for (int o : it.value()) n += o >= 0;
  return n;
}

int BenchmarkPlot::frontierPointCount() const { return frontier_ ? frontier_->dataCount() : 0; }

int BenchmarkPlot::errorBarCount() const { return errorBars_; }

QStringList BenchmarkPlot::pointLabels() const { return labels_; }

QString BenchmarkPlot::tooltipAt(const QPointF& pos) const {
  // Every point within a few pixels, nearest first: results at the same cost and score (two
  // models, or two schemes that act the same) sit on one spot and are listed together.
  const double radius = 12;  // pixels
  QVector<QPair<double, int>> near;  // distance, owner
  for (auto it = pointOwners_.begin(); it != pointOwners_.end(); ++it) {
    const QCPGraph* g = it.key();
    const auto& data = *g->data();
    int k = 0;
    for (auto d = data.constBegin(); d != data.constEnd() && k < it.value().size(); ++d, ++k) {
      const QPointF px(g->keyAxis()->coordToPixel(d->key), g->valueAxis()->coordToPixel(d->value));
      const double dist = std::hypot(px.x() - pos.x(), px.y() - pos.y());
      if (dist < radius) near.push_back({dist, it.value()[k]});
    }
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  QStringList parts;
  for (const auto& [dist, owner] : near) {
    if (owner >= 0) {
      const auto& r = results_[owner];
      const QString metric = r.benchmark.isEmpty() ? tr("accuracy") : r.benchmark.toUpper() + QLatin1Char(' ') + r.metric;
      const QString unit = r.unit == QStringLiteral("%") ? QStringLiteral("%") : QLatin1Char(' ') + r.unit;
      parts << tr("%1\n%2\n%10 %3%11 ± %8 (%9 questions)\n%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms")
                   .arg(r.model, r.scheme)
                   .arg(r.score(), 0, 'f', 1)
                   .arg(r.tflops, 0, 'f', 4)
                   .arg(r.tokens, 0, 'f', 0)
                   .arg(r.cr, 0, 'f', 2)
                   .arg(r.latencyMs, 0, 'f', 1)
                   .arg(r.scoreError(), 0, 'f', 1)
                   .arg(r.questions)
                   .arg(metric, unit);
    } else {
      const auto& p = reference_[-1 - owner];
      parts << tr("paper: %1\n%2 at %3 TFLOPs").arg(p.label).arg(p.value, 0, 'f', 1).arg(p.tflops, 0, 'f', 2);
    }
  }
  if (parts.size() > 1) parts.prepend(tr("%1 points here:").arg(parts.size()));
  return parts.join(QStringLiteral("\n\n"));
}

void BenchmarkPlot::onMouseMove(QMouseEvent* event) {
  const QString text = tooltipAt(event->position());
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

bool BenchmarkPlot::savePng(const QString& path) { return plot_->savePng(path, 0, 0, 2.0); }
bool BenchmarkPlot::savePdf(const QString& path) { return plot_->savePdf(path); }

}  // namespace llavolta::ui
