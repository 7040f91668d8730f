#include "ui/chat/chat_workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/chat/chat_input.h"
#include "ui/chat/image_drop_area.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/widgets/wheel_guard.h"
#include "ui/worker/engine_controller.h"

namespace llavolta::ui {

ChatWorkspace::ChatWorkspace(EngineController* engine, QWidget* parent) : QWidget(parent), engine_(engine) {
  columns_.resize(2);
  auto* root = new QHBoxLayout(this);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  root->addWidget(splitter);

  // Left: picture, scheme(s), sampling; it scrolls on a short screen instead of squeezing the
  // scheme fields into each other.
  auto* sideScroll = new QScrollArea(splitter);
  sideScroll->setObjectName(QStringLiteral("chatSideScroll"));
  sideScroll->setWidgetResizable(true);
  sideScroll->setFrameShape(QFrame::NoFrame);
  sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* side = new QWidget(sideScroll);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  imageArea_ = new ImageDropArea(side);
  imageArea_->setObjectName(QStringLiteral("chatImage"));
  imageArea_->setMinimumSize(220, 220);
  sideLayout->addWidget(imageArea_, 1);
  auto* openImage = new QPushButton(tr("Open Image…"), side);
  sideLayout->addWidget(openImage);

  auto* schemeBox = new QGroupBox(tr("Compression scheme"), side);
  auto* schemeLayout = new QVBoxLayout(schemeBox);
  schemeA_ = new SchemeSelector(schemeBox);
  schemeA_->setObjectName(QStringLiteral("schemeA"));
  schemeLayout->addWidget(schemeA_);
  compare_ = new QCheckBox(tr("Compare with a second scheme"), schemeBox);
  compare_->setObjectName(QStringLiteral("compareMode"));
  schemeLayout->addWidget(compare_);
  schemeB_ = new SchemeSelector(schemeBox);
  schemeB_->setObjectName(QStringLiteral("schemeB"));
  schemeB_->setSpec(QStringLiteral("vcc:layer=2,stride=8"));
  schemeB_->setVisible(false);
  schemeLayout->addWidget(schemeB_);
  sideLayout->addWidget(schemeBox);

  auto* samplingBox = new QGroupBox(tr("Sampling"), side);
  auto* samplingForm = new QFormLayout(samplingBox);
  maxTokens_ = new QSpinBox(samplingBox);
  maxTokens_->setRange(1, 4096);
  maxTokens_->setValue(64);
  temperature_ = new QDoubleSpinBox(samplingBox);
  temperature_->setRange(0.0, 2.0);
  temperature_->setSingleStep(0.1);
  temperature_->setToolTip(tr("0 = greedy decoding"));
  topP_ = new QDoubleSpinBox(samplingBox);
  topP_->setObjectName(QStringLiteral("topP"));
  topP_->setRange(0.01, 1.0);
  topP_->setSingleStep(0.05);
  topP_->setValue(1.0);
  topP_->setToolTip(tr("Nucleus sampling: keep the smallest set of tokens whose probability reaches p (1 = off)"));
  topK_ = new QSpinBox(samplingBox);
  topK_->setObjectName(QStringLiteral("topK"));
  topK_->setRange(0, 100000);
  topK_->setSpecialValueText(tr("off"));
  topK_->setToolTip(tr("Sample among the k most likely tokens only (0 = off)"));
  repetition_ = new QDoubleSpinBox(samplingBox);
  repetition_->setObjectName(QStringLiteral("repetitionPenalty"));
  repetition_->setRange(1.0, 3.0);
  repetition_->setSingleStep(0.05);
  repetition_->setValue(1.0);
  repetition_->setToolTip(tr("Penalty on tokens already in the answer, as transformers' repetition_penalty (1 = off)"));
  seed_ = new QSpinBox(samplingBox);
  seed_->setObjectName(QStringLiteral("samplingSeed"));
  seed_->setRange(0, 1000000000);
  seed_->setToolTip(tr("The same seed gives the same sampled answer"));
  samplingForm->addRow(tr("Max new tokens"), maxTokens_);
  samplingForm->addRow(tr("Temperature"), temperature_);
  samplingForm->addRow(tr("Top-p"), topP_);
  samplingForm->addRow(tr("Top-k"), topK_);
  samplingForm->addRow(tr("Repetition penalty"), repetition_);
  samplingForm->addRow(tr("Seed"), seed_);
  sideLayout->addWidget(samplingBox);
  sideScroll->setWidget(side);
  sideScroll->setMinimumWidth(side->minimumSizeHint().width() + sideScroll->verticalScrollBar()->sizeHint().width());
  guardWheelInScrollAreas(sideScroll);

  // Right: conversation (one or two columns), error line, input and buttons.
  auto* main = new QWidget(splitter);
  auto* mainLayout = new QVBoxLayout(main);
  mainLayout->setContentsMargins(0, 0, 0, 0);
  auto* columnsSplitter = new QSplitter(Qt::Horizontal, main);
  for (int i = 0; i < 2; ++i) {
    views_[i] = new QTextBrowser(columnsSplitter);
    views_[i]->setObjectName(i == 0 ? QStringLiteral("conversationA") : QStringLiteral("conversationB"));
    views_[i]->setOpenExternalLinks(true);
  }
  views_[1]->setVisible(false);
  mainLayout->addWidget(columnsSplitter, 1);
  error_ = new QLabel(main);
  error_->setObjectName(QStringLiteral("chatError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral("color: #e0443e;"));
  error_->hide();
  mainLayout->addWidget(error_);
  input_ = new ChatInput(main);
  input_->setObjectName(QStringLiteral("chatInput"));
  input_->setPlaceholderText(tr("Ask about the image… (Ctrl+Return sends)"));
  input_->setMaximumHeight(90);
  mainLayout->addWidget(input_);
  auto* buttons = new QHBoxLayout;
  auto* newButton = new QPushButton(tr("New Conversation"), main);
  auto* copyButton = new QPushButton(tr("Copy Transcript"), main);
  auto* saveButton = new QPushButton(tr("Save Transcript…"), main);
  stopButton_ = new QPushButton(tr("Stop"), main);
  stopButton_->setObjectName(QStringLiteral("stopButton"));
  sendButton_ = new QPushButton(tr("Send"), main);
  sendButton_->setObjectName(QStringLiteral("sendButton"));
  sendButton_->setDefault(true);
  buttons->addWidget(newButton);
  buttons->addWidget(copyButton);
  buttons->addWidget(saveButton);
  buttons->addStretch(1);
  buttons->addWidget(stopButton_);
  buttons->addWidget(sendButton_);
  mainLayout->addLayout(buttons);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({300, 900});

  renderTimer_ = new QTimer(this);
  renderTimer_->setSingleShot(true);
  renderTimer_->setInterval(40);  // batch streamed pieces into one repaint
  connect(renderTimer_, &QTimer::timeout, this, &ChatWorkspace::render);

  connect(openImage, &QPushButton::clicked, this, &ChatWorkspace::chooseImage);
  connect(imageArea_, &ImageDropArea::clicked, this, &ChatWorkspace::chooseImage);
  connect(imageArea_, &ImageDropArea::imageDropped, this, &ChatWorkspace::setImage);
  connect(imageArea_, &ImageDropArea::fileDropped, this, &ChatWorkspace::openImageFile);
  connect(input_, &ChatInput::imagePasted, this, &ChatWorkspace::setImage);
  connect(input_, &ChatInput::filePasted, this, &ChatWorkspace::openImageFile);
  connect(compare_, &QCheckBox::toggled, this, &ChatWorkspace::setCompareMode);
  connect(sendButton_, &QPushButton::clicked, this, &ChatWorkspace::send);
  connect(stopButton_, &QPushButton::clicked, this, &ChatWorkspace::stop);
  connect(newButton, &QPushButton::clicked, this, &ChatWorkspace::newConversation);
  connect(copyButton, &QPushButton::clicked, this, &ChatWorkspace::copyTranscript);
  connect(saveButton, &QPushButton::clicked, this, &ChatWorkspace::saveTranscript);
  connect(engine_, &EngineController::chatPiece, this, &ChatWorkspace::onPiece);
  connect(engine_, &EngineController::chatFinished, this, &ChatWorkspace::onFinished);
  connect(engine_, &EngineController::chatFailed, this, &ChatWorkspace::onFailed);

  noModelHtml_ = tr("<p>No model is loaded.</p>");
  updateButtons();
  render();
}

void ChatWorkspace::setModel(const ModelInfo& info) {
  hasModel_ = true;
  modelName_ = QFileInfo(QDir::cleanPath(info.directory)).fileName();
  layers_ = info.layers();
  visualTokens_ = info.visualTokens();
  schemeA_->setModelShape(layers_, visualTokens_);
  schemeB_->setModelShape(layers_, visualTokens_);
  clearError();
  updateButtons();
  render();
}

void ChatWorkspace::setNoModelMessage(const QString& html) {
  hasModel_ = false;
  noModelHtml_ = html;
  updateButtons();
  render();
}

void ChatWorkspace::setImage(const QImage& image, const QString& source) {
  if (image.isNull()) {
    showError(tr("The image could not be read."));
    return;
  }
  image_ = image;
  imageSource_ = source;
  imageArea_->setImage(image);
  imageArea_->setToolTip(source);
  clearError();
  Q_EMIT imageChanged(image_, imageSource_);
}

bool ChatWorkspace::openImageFile(const QString& path) {
  QString error;
  const QImage image = loadImageFile(path, &error);
  if (image.isNull()) {
    showError(error);
    return false;
  }
  setImage(image, path);
  return true;
}

void ChatWorkspace::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), QString(),
                                                    tr("Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)"));
  if (!path.isEmpty()) openImageFile(path);
}

void ChatWorkspace::setQuestion(const QString& question) { input_->setPlainText(question); }
QString ChatWorkspace::question() const { return input_->toPlainText(); }

void ChatWorkspace::setCompareMode(bool on) {
  if (compare_->isChecked() != on) compare_->setChecked(on);  // re-enters through toggled
  schemeB_->setVisible(on);
  views_[1]->setVisible(on);
  // The second column continues from the same history, so both answer the same context; the
  // taken-over turns keep the scheme they were answered under and are marked as such.
  if (on && columns_[1].exchanges.empty()) {
    columns_[1].exchanges = columns_[0].exchanges;
    for (auto& e : columns_[1].exchanges) e.inherited = true;
  }
  render();
}

bool ChatWorkspace::compareMode() const { return compare_->isChecked(); }

void ChatWorkspace::setSampling(const SamplingValues& sampling) {
  maxTokens_->setValue(static_cast<int>(sampling.maxNewTokens));
  temperature_->setValue(sampling.temperature);
  topP_->setValue(sampling.topP);
  topK_->setValue(static_cast<int>(sampling.topK));
  repetition_->setValue(sampling.repetitionPenalty);
  seed_->setValue(static_cast<int>(sampling.seed));
  stopAtEos_ = sampling.stopAtEos;
}

SamplingValues ChatWorkspace::sampling() const {
  SamplingValues s;
  s.maxNewTokens = maxTokens_->value();
  s.temperature = temperature_->value();
  s.topP = topP_->value();
  s.topK = topK_->value();
  s.repetitionPenalty = repetition_->value();
  s.seed = static_cast<uint64_t>(seed_->value());
  s.stopAtEos = stopAtEos_;
  return s;
}

bool ChatWorkspace::send() {
  if (isGenerating()) return false;
  const QString question = input_->toPlainText().trimmed();
  if (!engine_->hasModel()) {
    showError(tr("No model is loaded. Open one with File > Open Model."));
    return false;
  }
  if (image_.isNull()) {
    showError(tr("No image. Open, drop or paste an image first."));
    return false;
  }
  if (question.isEmpty()) {
    showError(tr("Type a question first."));
    return false;
  }
  const int n = compareMode() ? 2 : 1;
  SchemeSelector* selectors[2] = {schemeA_, schemeB_};
  for (int i = 0; i < n; ++i) {
    const QString error = selectors[i]->validate();
    if (!error.isEmpty()) {
      showError(tr("Invalid scheme \"%1\": %2").arg(selectors[i]->spec(), error));
      return false;
    }
  }
  clearError();
  for (int i = 0; i < n; ++i) {
    ChatRequest request;
    request.image = image_;
    request.turns = columns_[i].turnsFor(question, imageSource_);
    request.scheme = selectors[i]->spec();
    request.sampling = sampling();
    columns_[i].scheme = request.scheme;
    Exchange exchange;
    exchange.question = question;
    exchange.scheme = request.scheme;
    exchange.image = imageSource_;
    exchange.model = modelName_;
    columns_[i].exchanges.push_back(exchange);
    running_[engine_->chat(request)] = i;
  }
  input_->clear();
  updateButtons();
  Q_EMIT generatingChanged(true);
  Q_EMIT statusMessage(tr("Generating…"));
  render();
  return true;
}

void ChatWorkspace::stop() {
  if (running_.empty()) return;
  engine_->stop(running_.rbegin()->first);
}

void ChatWorkspace::newConversation() {
  stop();
  for (auto& c : columns_) c.exchanges.clear();
  running_.clear();
  clearError();
  updateButtons();
  render();
  Q_EMIT generatingChanged(false);
}

void ChatWorkspace::onPiece(quint64 id, const QString& piece) {
  auto it = running_.find(id);
  if (it == running_.end() || columns_[it->second].exchanges.empty()) return;
  columns_[it->second].exchanges.back().answer += piece;
  Q_EMIT answerPiece(it->second, piece);
  scheduleRender();
}

void ChatWorkspace::onFinished(quint64 id, const ChatOutcome& outcome) {
  auto it = running_.find(id);
  if (it == running_.end()) return;
  const int column = it->second;
  running_.erase(it);
  if (!columns_[column].exchanges.empty()) {
    Exchange& e = columns_[column].exchanges.back();
    e.answer = outcome.answer;  // the engine's final text (streamed pieces add up to it)
    e.stats = outcome.stats;
    e.finished = true;
    e.stopped = outcome.cancelled;
  }
  Q_EMIT answerFinished(column, outcome.stats, outcome.cancelled);
  if (running_.empty()) {
    Q_EMIT generatingChanged(false);
    Q_EMIT statusMessage(outcome.cancelled ? tr("Stopped") : tr("Answer complete"));
  }
  updateButtons();
  render();
}

void ChatWorkspace::onFailed(quint64 id, const QString& error) {
  auto it = running_.find(id);
  if (it == running_.end()) return;
  const int column = it->second;
  running_.erase(it);
  if (!columns_[column].exchanges.empty()) {
    columns_[column].exchanges.back().error = error;
    columns_[column].exchanges.back().finished = true;
  }
  showError(error);
  if (running_.empty()) Q_EMIT generatingChanged(false);
  updateButtons();
  render();
}

void ChatWorkspace::showError(const QString& message) {
  lastError_ = message;
  error_->setText(message);
  error_->show();
  Q_EMIT errorOccurred(message);
}

void ChatWorkspace::clearError() {
  error_->clear();
  error_->hide();
}

void ChatWorkspace::updateButtons() {
  sendButton_->setEnabled(!isGenerating());
  stopButton_->setEnabled(isGenerating());
}

void ChatWorkspace::scheduleRender() {
  if (!renderTimer_->isActive()) renderTimer_->start();
}

void ChatWorkspace::render() {
  for (int i = 0; i < 2; ++i) {
    if (i == 1 && !compareMode()) continue;
    QTextBrowser* view = views_[i];
    if (!hasModel_ && columns_[i].exchanges.empty()) {
      view->setHtml(noModelHtml_);
      continue;
    }
    TranscriptColumn shown = columns_[i];
    shown.scheme = (i == 0 ? schemeA_ : schemeB_)->spec();  // what the next question goes under
    QScrollBar* bar = view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 4;
    view->setHtml(columnHtml(shown, palette()));
    if (atEnd) bar->setValue(bar->maximum());
  }
}

QString ChatWorkspace::markdown() const {
  std::vector<TranscriptColumn> shown(columns_.begin(), columns_.begin() + (compareMode() ? 2 : 1));
  return transcriptMarkdown(shown, imageSource_);
}

QString ChatWorkspace::json() const {
  std::vector<TranscriptColumn> shown(columns_.begin(), columns_.begin() + (compareMode() ? 2 : 1));
  return transcriptJson(shown, imageSource_);
}

void ChatWorkspace::copyTranscript() {
  QApplication::clipboard()->setText(markdown());
  Q_EMIT statusMessage(tr("Transcript copied to the clipboard"));
}

void ChatWorkspace::saveTranscript() {
  QString filter;
  QString path = QFileDialog::getSaveFileName(this, tr("Save Transcript"), QStringLiteral("conversation.md"),
                                              tr("Markdown (*.md);;JSON (*.json)"), &filter);
  if (path.isEmpty()) return;
  const bool asJson = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) || filter.contains(QLatin1String("json"));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return;
  }
  file.write((asJson ? json() : markdown()).toUtf8());
  Q_EMIT statusMessage(tr("Transcript saved to %1").arg(path));
}

}  // namespace llavolta::ui
