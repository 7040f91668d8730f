#pragma once
// Spin boxes and combo boxes inside a scroll area take the mouse wheel only when they have
// keyboard focus (clicked or tabbed into). Unfocused, the wheel scrolls the area instead of
// silently changing a value the pointer happened to pass over.
#include <QObject>

class QWidget;

namespace llavolta::ui {

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  // The one filter every guarded widget shares (owned by the application object).
  static WheelGuard* instance();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

// Guards one spin box or combo box: Qt::StrongFocus (the wheel no longer gives focus) plus
// the filter.
void guardWheel(QWidget* widget);
// Guards every spin box and combo box under `root` that sits inside a scroll area.
void guardWheelInScrollAreas(QWidget* root);

}  // namespace llavolta::ui
