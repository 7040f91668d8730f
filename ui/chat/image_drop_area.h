#pragma once
// The chat's picture: a thumbnail that accepts dropped files, dropped or pasted image data,
// and a click to open a file. Reports images and refusals; never blocks.
#include <QImage>
#include <QLabel>

namespace llavolta::ui {

// Decodes an image file for the chat; a null image and `error` set when it cannot.
QImage loadImageFile(const QString& path, QString* error);

class ImageDropArea : public QLabel {
  Q_OBJECT
 public:
  explicit ImageDropArea(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  void setHint(const QString& hint);

 Q_SIGNALS:
  void imageDropped(const QImage& image, const QString& source);
  void fileDropped(const QString& path);
  void clicked();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void refresh();
  QImage image_;
  QString hint_;
};

}  // namespace llavolta::ui
