#pragma once
// A one-line label that never asks for more width than it gets: text that does not fit is
// elided ("…") and the whole text is its tooltip. For long details in tool rows, which would
// otherwise set the window's minimum width.
#include <QLabel>

namespace llavolta::ui {

class ElidedLabel : public QLabel {
  Q_OBJECT
 public:
  explicit ElidedLabel(QWidget* parent = nullptr, Qt::TextElideMode mode = Qt::ElideRight);
  void setFullText(const QString& text);
  const QString& fullText() const { return full_; }
  QSize minimumSizeHint() const override;
  QSize sizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void updateShown();
  QString full_;
  Qt::TextElideMode mode_;
};

}  // namespace llavolta::ui
