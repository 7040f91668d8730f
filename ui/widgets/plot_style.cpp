#include "widgets/plot_style.h"

#include <QEvent>
#include <QObject>

#include "widgets/qcustomplot_include.h"

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
  dark.setColor(QPalette::Window, QColor(45, 45, 48));
  dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
  dark.setColor(QPalette::Base, QColor(30, 30, 32));
  dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
  dark.setColor(QPalette::Text, QColor(230, 230, 230));
  dark.setColor(QPalette::Button, QColor(55, 55, 60));
  dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
  dark.setColor(QPalette::Highlight, QColor(80, 140, 230));
  dark.setColor(QPalette::HighlightedText, Qt::white);
  dark.setColor(QPalette::ToolTipBase, QColor(55, 55, 60));
  dark.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
  dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 155));
  dark.setColor(QPalette::Link, QColor(110, 170, 255));
  // Fusion draws check boxes, radio buttons and frames from these: left at the light
  // defaults, a checked box was a dark mark on a dark field.
  dark.setColor(QPalette::Light, QColor(75, 75, 80));
  dark.setColor(QPalette::Midlight, QColor(62, 62, 66));
  dark.setColor(QPalette::Mid, QColor(90, 90, 96));
  dark.setColor(QPalette::Dark, QColor(25, 25, 27));
  dark.setColor(QPalette::Shadow, QColor(10, 10, 10));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    dark.setColor(QPalette::Disabled, role, QColor(120, 120, 125));
  return dark;
}

}  // namespace llavolta::ui
