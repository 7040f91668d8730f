#pragma once
// The question box. Pasting or dropping an image here hands it to the chat instead of
// inserting it as text.
#include <QPlainTextEdit>

namespace llavolta::ui {

class ChatInput : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit ChatInput(QWidget* parent = nullptr);

 Q_SIGNALS:
  void imagePasted(const QImage& image, const QString& source);
  void filePasted(const QString& path);

 protected:
  bool canInsertFromMimeData(const QMimeData* source) const override;
  void insertFromMimeData(const QMimeData* source) override;
};

}  // namespace llavolta::ui
