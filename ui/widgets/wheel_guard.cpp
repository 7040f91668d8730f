#include "ui/widgets/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace llavolta::ui {

namespace {

bool insideScrollArea(const QWidget* w) {
  for (const QWidget* p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget())
    if (qobject_cast<const QAbstractScrollArea*>(p)) return true;
  return false;
}

}  // namespace

WheelGuard* WheelGuard::instance() {
  static WheelGuard* guard = new WheelGuard(QCoreApplication::instance());
  return guard;
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Wheel) {
    auto* w = qobject_cast<QWidget*>(watched);
    if (w && !w->hasFocus()) {
      // Not delivered to the box; ignored, so QApplication passes it on to the parents and
      // the scroll area scrolls.
      event->ignore();
      return true;
    }
  }
  return QObject::eventFilter(watched, event);
}

void guardWheel(QWidget* widget) {
  if (!widget) return;
  widget->setFocusPolicy(Qt::StrongFocus);
  widget->installEventFilter(WheelGuard::instance());
}

void guardWheelInScrollAreas(QWidget* root) {
  if (!root) return;
  for (auto* box : root->findChildren<QAbstractSpinBox*>())
    if (insideScrollArea(box)) guardWheel(box);
  for (auto* box : root->findChildren<QComboBox*>())
    if (insideScrollArea(box)) guardWheel(box);
}

}  // namespace llavolta::ui
