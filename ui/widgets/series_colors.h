#pragma once
// One colour per schedule stage (timeline, loss plot) and per series (overlays, schemes),
// so a stage looks the same in the editor and in the live plots.
#include <QColor>

namespace llavolta::ui {

inline QColor seriesColor(int index) {
  static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                   QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                   QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                   QColor(23, 190, 207)};
  const int n = static_cast<int>(sizeof(palette) / sizeof(palette[0]));
  return palette[((index % n) + n) % n];
}

}  // namespace llavolta::ui
