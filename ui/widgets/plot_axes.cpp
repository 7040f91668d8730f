#include "ui/widgets/plot_axes.h"

#include <algorithm>

#include "ui/widgets/qcustomplot_include.h"

namespace llavolta::ui {

void keepAxisNonNegative(QCPAxis* axis) {
  QCPRange range = axis->range();
  if (range.lower >= 0) return;
  // The data's own extent along this axis, across every plottable drawn against it.
  bool found = false;
  QCPRange data;
  for (QCPAbstractPlottable* plottable : axis->plottables()) {
    bool ok = false;
    const QCPRange r = plottable->keyAxis() == axis ? plottable->getKeyRange(ok) : plottable->getValueRange(ok);
    if (!ok) continue;
    data = found ? QCPRange(std::min(data.lower, r.lower), std::max(data.upper, r.upper)) : r;
    found = true;
  }
  if (found && data.lower < 0) return;  // real negative data: leave the range alone
  range.lower = 0;
  if (!found || data.size() <= 0) {
    // One value (or all values equal): put it in the middle of 0..2v; a lone 0 gets 0..1.
    const double value = found ? data.upper : 0;
    range.upper = value > 0 ? 2 * value : 1;
  }
  axis->setRange(range);
}

void padValueAxis(QCPAxis* axis) {
  const QCPRange range = axis->range();
  if (range.size() <= 0) return;  // a lone value: keepAxisNonNegative gives it its span
  const double pad = 0.05 * range.size();
  axis->setRange(range.lower - pad, range.upper + pad);
}

}  // namespace llavolta::ui
