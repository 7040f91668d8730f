#include "ui/widgets/plot_style.h"

#include <utility>

#include <QEvent>
#include <QObject>

#include "ui/widgets/qcustomplot_include.h"

namespace llavolta::ui {

namespace {
// Re-styles its plot when the plot's palette changes (an application palette switch reaches
// every widget as a PaletteChange).
class PaletteFollower : public QObject {
 public:
  explicit PaletteFollower(QCustomPlot* plot) : QObject(plot), plot_(plot) {}
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched == plot_ && event->type() == QEvent::PaletteChange) applyPalette(plot_, plot_->palette());
    return false;
  }

 private:
  QCustomPlot* plot_;
};
}  // namespace

void applyPalette(QCustomPlot* plot, const QPalette& palette) {
  const QColor fg = palette.color(QPalette::WindowText);
  const QColor grid = palette.color(QPalette::Mid);
  plot->setBackground(palette.brush(QPalette::Base));
  for (QCPAxisRect* rect : plot->axisRects()) {
    for (QCPAxis* axis : rect->axes()) {
      axis->setBasePen(QPen(fg, 1));
      axis->setTickPen(QPen(fg, 1));
      axis->setSubTickPen(QPen(fg, 1));
      axis->setTickLabelColor(fg);
      axis->setLabelColor(fg);
      axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
      axis->grid()->setSubGridPen(QPen(grid.lighter(110), 1, Qt::DotLine));
      axis->grid()->setZeroLinePen(QPen(grid, 1));
    }
  }
  if (plot->legend) {
    plot->legend->setBrush(palette.brush(QPalette::Base));
    plot->legend->setTextColor(palette.color(QPalette::Text));
    plot->legend->setBorderPen(QPen(grid, 1));
  }
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) title->setTextColor(fg);
  plot->replot(QCustomPlot::rpQueuedReplot);
}

void followPalette(QCustomPlot* plot) {
  applyPalette(plot, plot->palette());
  plot->installEventFilter(new PaletteFollower(plot));
}

QPalette darkPalette() {
  QPalette dark;
  const std::pair<QPalette::ColorRole, QColor> colours[] = {
      {QPalette::Window, QColor(45, 45, 48)},        {QPalette::WindowText, QColor(230, 230, 230)},
      {QPalette::Base, QColor(30, 30, 32)},          {QPalette::AlternateBase, QColor(45, 45, 48)},
      {QPalette::Text, QColor(230, 230, 230)},       {QPalette::Button, QColor(55, 55, 60)},
      {QPalette::ButtonText, QColor(230, 230, 230)}, {QPalette::Highlight, QColor(80, 140, 230)},
      {QPalette::HighlightedText, Qt::white},        {QPalette::ToolTipBase, QColor(55, 55, 60)},
      {QPalette::ToolTipText, QColor(230, 230, 230)}, {QPalette::PlaceholderText, QColor(150, 150, 155)},
      {QPalette::Link, QColor(110, 170, 255)},
      // Fusion draws check boxes, radio buttons and frames from these: left at the light
      // defaults, a checked box was a dark mark on a dark field.
      {QPalette::Light, QColor(75, 75, 80)},         {QPalette::Midlight, QColor(62, 62, 66)},
      {QPalette::Mid, QColor(90, 90, 96)},           {QPalette::Dark, QColor(25, 25, 27)},
      {QPalette::Shadow, QColor(10, 10, 10)}};
  for (const auto& [role, colour] : colours) dark.setColor(role, colour);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    dark.setColor(QPalette::Disabled, role, QColor(120, 120, 125));
  return dark;
}

void placeLegendBelow(QCustomPlot* plot, int columns) {
  plot->axisRect()->insetLayout()->take(plot->legend);
  const int row = plot->plotLayout()->rowCount();
  plot->plotLayout()->addElement(row, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(row, 0.001);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setWrap(columns);
  plot->legend->setMargins(QMargins(2, 0, 2, 2));
  plot->legend->setRowSpacing(0);
}

}  // namespace llavolta::ui
