#include "ui/chat/image_drop_area.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QImageReader>
#include <QKeyEvent>
#include <QMimeData>

namespace llavolta::ui {

QImage loadImageFile(const QString& path, QString* error) {
  QImageReader reader(path);
  reader.setAutoTransform(false);  // LLaVA's loader ignores EXIF orientation too
  QImage image = reader.read();
  if (image.isNull() && error)
    *error = QApplication::translate("llavolta::ui::ImageDropArea", "Cannot open \"%1\" as an image: %2")
                 .arg(QFileInfo(path).fileName(), reader.errorString());
  return image;
}

ImageDropArea::ImageDropArea(QWidget* parent) : QLabel(parent) {
  setAcceptDrops(true);
  setAlignment(Qt::AlignCenter);
  setMinimumSize(160, 160);
  setFrameShape(QFrame::StyledPanel);
  setFocusPolicy(Qt::ClickFocus);
  setWordWrap(true);
  setCursor(Qt::PointingHandCursor);
  hint_ = tr("Drop an image here, paste one (Ctrl+V) or click to open a file");
  setToolTip(hint_);
  refresh();
}

void ImageDropArea::setImage(const QImage& image) {
  image_ = image;
  refresh();
}

void ImageDropArea::setHint(const QString& hint) {
  hint_ = hint;
  refresh();
}

void ImageDropArea::refresh() {
  if (image_.isNull()) {
    setPixmap(QPixmap());
    setText(hint_);
    return;
  }
  const QSize box = size() - QSize(8, 8);
  setPixmap(QPixmap::fromImage(image_.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void ImageDropArea::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  refresh();
}

void ImageDropArea::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void ImageDropArea::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  if (mime->hasImage()) {
    Q_EMIT imageDropped(qvariant_cast<QImage>(mime->imageData()), tr("dropped image"));
  } else if (mime->hasUrls() && !mime->urls().isEmpty()) {
    Q_EMIT fileDropped(mime->urls().first().toLocalFile());
  }
  event->acceptProposedAction();
}

void ImageDropArea::mouseReleaseEvent(QMouseEvent* event) {
  QLabel::mouseReleaseEvent(event);
  Q_EMIT clicked();
}

void ImageDropArea::keyPressEvent(QKeyEvent* event) {
  if (event->matches(QKeySequence::Paste)) {
    const QImage image = QApplication::clipboard()->image();
    if (!image.isNull()) Q_EMIT imageDropped(image, tr("pasted image"));
    return;
  }
  QLabel::keyPressEvent(event);
}

}  // namespace llavolta::ui
