#pragma once
// Axis ranges for quantities that cannot be negative (steps, learning rates, samples/s, tokens,
// TFLOPs). Call after QCustomPlot::rescaleAxes(): QCustomPlot centres a zero-width range (one
// point, or a constant series) on the value with the axis's old width, which shows negative
// steps or TFLOPs. This keeps the range at 0 or above and gives a lone value a visible span.
class QCPAxis;

namespace llavolta::ui {

void keepAxisNonNegative(QCPAxis* axis);
// 5% of air above and below the data, so the lowest and highest values do not sit on the
// frame (a #Tokens series' first stage ran along the bottom edge, invisible). Call after
// rescaleAxes() and before keepAxisNonNegative().
void padValueAxis(QCPAxis* axis);

}  // namespace llavolta::ui
