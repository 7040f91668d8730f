#pragma once
// Plots that follow the widget palette: QCustomPlot paints a white background with black axes
// whatever the palette, so in a dark palette every plot stayed a white box. followPalette()
// styles the plot from its palette now (background from Base, axes, ticks and labels from
// WindowText, grids from Mid, the legend from Base/Text) and again whenever the palette changes.
// darkPalette() is the studio's dark Fusion palette (LLAVOLTA_DARK=1).
#include <QPalette>

class QCustomPlot;

namespace llavolta::ui {

void followPalette(QCustomPlot* plot);
void applyPalette(QCustomPlot* plot, const QPalette& palette);
QPalette darkPalette();

}  // namespace llavolta::ui
