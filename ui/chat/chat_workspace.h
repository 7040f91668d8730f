#pragma once
// The Chat workspace: an image, a multi-turn conversation with streamed answers, the scheme
// it runs under (or two, side by side, in compare mode) and per-answer statistics.
#include <map>
#include <vector>

#include <QImage>
#include <QWidget>

#include "ui/chat/transcript.h"
#include "ui/worker/engine_values.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;
class QTextBrowser;
class QTimer;

namespace llavolta::ui {

class ChatInput;
class EngineController;
class ImageDropArea;
class SchemeSelector;

class ChatWorkspace : public QWidget {
  Q_OBJECT
 public:
  explicit ChatWorkspace(EngineController* engine, QWidget* parent = nullptr);

  void setModel(const ModelInfo& info);
  // Shown in the conversation area while no model is loaded.
  void setNoModelMessage(const QString& html);

  void setImage(const QImage& image, const QString& source);
  // Loads an image file; on failure shows the error inline and returns false.
  bool openImageFile(const QString& path);
  QImage image() const { return image_; }
  QString imageSource() const { return imageSource_; }
  void setQuestion(const QString& question);
  QString question() const;

  SchemeSelector* schemeSelector() const { return schemeA_; }
  SchemeSelector* compareSchemeSelector() const { return schemeB_; }
  void setCompareMode(bool on);
  bool compareMode() const;
  void setSampling(const SamplingValues& sampling);
  SamplingValues sampling() const;

  bool isGenerating() const { return !running_.empty(); }
  QString lastError() const { return lastError_; }
  const std::vector<TranscriptColumn>& columns() const { return columns_; }
  QString markdown() const;
  QString json() const;

 public Q_SLOTS:
  // Sends the question in the input box; false (and an inline error) when it cannot.
  bool send();
  void stop();
  void newConversation();
  void copyTranscript();
  void saveTranscript();
  void chooseImage();

 Q_SIGNALS:
  void answerPiece(int column, const QString& piece);
  void answerFinished(int column, const llavolta::ui::ChatStatsValue& stats, bool stopped);
  void errorOccurred(const QString& message);
  void generatingChanged(bool generating);
  void imageChanged(const QImage& image, const QString& source);
  void statusMessage(const QString& text);

 private:
  void showError(const QString& message);
  void clearError();
  void render();
  void scheduleRender();
  void onPiece(quint64 id, const QString& piece);
  void onFinished(quint64 id, const ChatOutcome& outcome);
  void onFailed(quint64 id, const QString& error);
  void updateButtons();

  EngineController* engine_;
  ImageDropArea* imageArea_ = nullptr;
  SchemeSelector* schemeA_ = nullptr;
  SchemeSelector* schemeB_ = nullptr;
  QCheckBox* compare_ = nullptr;
  QSpinBox* maxTokens_ = nullptr;
  QDoubleSpinBox* temperature_ = nullptr;
  QDoubleSpinBox* topP_ = nullptr;
  QSpinBox* topK_ = nullptr;
  QDoubleSpinBox* repetition_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QTextBrowser* views_[2] = {nullptr, nullptr};
  QLabel* error_ = nullptr;
  ChatInput* input_ = nullptr;
  QPushButton* sendButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QTimer* renderTimer_ = nullptr;

  QImage image_;
  QString imageSource_;
  QString modelName_;  // the loaded model directory's name, recorded with each exchange
  bool hasModel_ = false;
  int layers_ = 0;
  int visualTokens_ = 0;
  QString noModelHtml_;
  std::vector<TranscriptColumn> columns_;
  std::map<quint64, int> running_;  // request id -> column
  QString lastError_;
  bool stopAtEos_ = true;
};

}  // namespace llavolta::ui
