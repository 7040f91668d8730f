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

// Moves the plot's legend out of the axis rect to a row below it, `columns` entries a row, so it
// never covers the data on a small screen.
void placeLegendBelow(QCustomPlot* plot, int columns);

}  // namespace llavolta::ui
