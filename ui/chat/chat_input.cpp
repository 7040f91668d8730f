#include "ui/chat/chat_input.h"

#include <QImage>
#include <QImageReader>
#include <QMimeData>
#include <QUrl>

namespace llavolta::ui {

namespace {

bool isImageFileUrl(const QMimeData* source) {
  if (!source->hasUrls() || source->urls().isEmpty() || !source->urls().first().isLocalFile()) return false;
  return !QImageReader::imageFormat(source->urls().first().toLocalFile()).isEmpty();
}

}  // namespace

ChatInput::ChatInput(QWidget* parent) : QPlainTextEdit(parent) {}

bool ChatInput::canInsertFromMimeData(const QMimeData* source) const {
  return source->hasImage() || isImageFileUrl(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void ChatInput::insertFromMimeData(const QMimeData* source) {
  if (source->hasImage()) {
    Q_EMIT imagePasted(qvariant_cast<QImage>(source->imageData()), tr("pasted image"));
    return;
  }
  if (isImageFileUrl(source)) {
    Q_EMIT filePasted(source->urls().first().toLocalFile());
    return;
  }
  QPlainTextEdit::insertFromMimeData(source);
}

}  // namespace llavolta::ui
