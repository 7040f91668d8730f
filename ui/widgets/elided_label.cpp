#include "ui/widgets/elided_label.h"

#include <QFontMetrics>
#include <QResizeEvent>

namespace llavolta::ui {

ElidedLabel::ElidedLabel(QWidget* parent, Qt::TextElideMode mode) : QLabel(parent), mode_(mode) {
  setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString& text) {
  full_ = text;
  updateShown();
  updateGeometry();
}

QSize ElidedLabel::minimumSizeHint() const {
  return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 4, QLabel::minimumSizeHint().height()};
}

QSize ElidedLabel::sizeHint() const {
  return {fontMetrics().horizontalAdvance(full_) + 2 * margin(), QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  updateShown();
}

void ElidedLabel::updateShown() {
  const QString shown = fontMetrics().elidedText(full_, mode_, std::max(0, contentsRect().width()));
  if (shown != text()) QLabel::setText(shown);
  setToolTip(shown == full_ ? QString() : full_);
}

}  // namespace llavolta::ui
