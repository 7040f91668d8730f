#include "engine/flops.h"

#include "ui/compression/compression_workspace.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include "ui/widgets/plot_style.h"
#include "ui/widgets/qcustomplot_include.h"

#include "ui/compression/patch_view.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/widgets/wheel_guard.h"
#include "ui/worker/engine_controller.h"

namespace llavolta::ui {

CompressionWorkspace::CompressionWorkspace(EngineController* engine, QWidget* parent)
    : QWidget(parent), engine_(engine) {
  auto* root = new QHBoxLayout(this);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  root->addWidget(splitter);

  // Left: schemes, prompt, run, display options; it scrolls on a short screen.
  auto* sideScroll = new QScrollArea(splitter);
  sideScroll->setObjectName(QStringLiteral("compressionSideScroll"));
  sideScroll->setWidgetResizable(true);
  sideScroll->setFrameShape(QFrame::NoFrame);
  sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* side = new QWidget(sideScroll);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  auto* boxA = new QGroupBox(tr("Scheme A"), side);
  auto* boxALayout = new QVBoxLayout(boxA);
  schemeA_ = new SchemeSelector(boxA);
  schemeA_->setObjectName(QStringLiteral("compressionSchemeA"));
  schemeA_->setSpec(QStringLiteral("vcc:layer=2,stride=8"));
  boxALayout->addWidget(schemeA_);
  sideLayout->addWidget(boxA);
  compare_ = new QCheckBox(tr("Side by side with scheme B"), side);
  compare_->setChecked(true);
  sideLayout->addWidget(compare_);
  auto* boxB = new QGroupBox(tr("Scheme B"), side);
  auto* boxBLayout = new QVBoxLayout(boxB);
  schemeB_ = new SchemeSelector(boxB);
  schemeB_->setObjectName(QStringLiteral("compressionSchemeB"));
  schemeB_->setSpec(QStringLiteral("none"));
  boxBLayout->addWidget(schemeB_);
  sideLayout->addWidget(boxB);
  auto* promptForm = new QFormLayout;
  prompt_ = new QLineEdit(side);
  prompt_->setPlaceholderText(tr("Question the prefill runs on"));
  promptForm->addRow(tr("Prompt"), prompt_);
  sideLayout->addLayout(promptForm);
  runButton_ = new QPushButton(tr("Run Prefill"), side);
  runButton_->setObjectName(QStringLiteral("runPrefill"));
  sideLayout->addWidget(runButton_);
  auto* modeBox = new QGroupBox(tr("Show"), side);
  auto* modeLayout = new QVBoxLayout(modeBox);
  groupsMode_ = new QRadioButton(tr("Token groups (merged patches share a colour)"), modeBox);
  attentionMode_ = new QRadioButton(tr("Attention of the last prompt token"), modeBox);
  groupsMode_->setChecked(true);
  modeLayout->addWidget(groupsMode_);
  modeLayout->addWidget(attentionMode_);
  sideLayout->addWidget(modeBox);
  auto* exportButton = new QPushButton(tr("Export PNG…"), side);
  sideLayout->addWidget(exportButton);
  error_ = new QLabel(side);
  error_->setObjectName(QStringLiteral("compressionError"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #e0443e;"));
  error_->hide();
  sideLayout->addWidget(error_);
  sideLayout->addStretch(1);
  sideScroll->setWidget(side);
  sideScroll->setMinimumWidth(side->minimumSizeHint().width() + sideScroll->verticalScrollBar()->sizeHint().width());
  guardWheelInScrollAreas(sideScroll);

  // Right: the two patch views, the layer slider, the chart.
  exportArea_ = new QWidget(splitter);
  auto* mainLayout = new QVBoxLayout(exportArea_);
  mainLayout->setContentsMargins(0, 0, 0, 0);
  auto* views = new QHBoxLayout;
  viewA_ = new PatchView(exportArea_);
  viewB_ = new PatchView(exportArea_);
  views->addWidget(viewA_);
  views->addWidget(viewB_);
  mainLayout->addLayout(views, 3);
  auto* sliderRow = new QHBoxLayout;
  slider_ = new QSlider(Qt::Horizontal, exportArea_);
  slider_->setObjectName(QStringLiteral("layerSlider"));
  slider_->setRange(-1, 0);
  slider_->setTickPosition(QSlider::TicksBelow);
  slider_->setPageStep(1);
  layerLabel_ = new QLabel(exportArea_);
  layerLabel_->setMinimumWidth(260);
  sliderRow->addWidget(new QLabel(tr("Layer"), exportArea_));
  sliderRow->addWidget(slider_, 1);
  sliderRow->addWidget(layerLabel_);
  mainLayout->addLayout(sliderRow);
  plot_ = new QCustomPlot(exportArea_);
  plot_->setMinimumHeight(200);
  followPalette(plot_);
  // The legend goes below the chart, two entries a row, off the curves.
  placeLegendBelow(plot_, 2);
  mainLayout->addWidget(plot_, 2);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({320, 880});

  connect(runButton_, &QPushButton::clicked, this, &CompressionWorkspace::run);
  connect(exportButton, &QPushButton::clicked, this, &CompressionWorkspace::exportDialog);
  connect(slider_, &QSlider::valueChanged, this, [this] { refreshViews(); });
  connect(groupsMode_, &QRadioButton::toggled, this, [this] { refreshViews(); });
  connect(compare_, &QCheckBox::toggled, this, [this, boxB](bool on) {
    boxB->setVisible(on);
    viewB_->setVisible(on);
    refreshViews();
    refreshChart();
  });
  connect(engine_, &EngineController::chatFinished, this, &CompressionWorkspace::onFinished);
  connect(engine_, &EngineController::chatFailed, this, &CompressionWorkspace::onFailed);
  refreshViews();
  refreshChart();
}

void CompressionWorkspace::setModel(const ModelInfo& info) {
  model_ = info;
  hasModel_ = true;
  schemeA_->setModelShape(info.layers(), info.visualTokens());
  schemeB_->setModelShape(info.layers(), info.visualTokens());
  slider_->setRange(-1, info.layers() - 1);
  viewA_->setGridSide(info.gridSide());
  viewB_->setGridSide(info.gridSide());
  traces_[0].reset();
  traces_[1].reset();
  showError(QString());  // "No model is loaded" and any error about the previous model are stale now
  refreshViews();
  refreshChart();
}

void CompressionWorkspace::setImage(const QImage& image, const QString&) {
  image_ = image;
  viewA_->setImage(image);
  viewB_->setImage(image);
  traces_[0].reset();
  traces_[1].reset();
  refreshViews();
  refreshChart();
}

void CompressionWorkspace::setPrompt(const QString& prompt) { prompt_->setText(prompt); }
QString CompressionWorkspace::prompt() const { return prompt_->text(); }
void CompressionWorkspace::setCompare(bool on) { compare_->setChecked(on); }
void CompressionWorkspace::setLayer(int layer) { slider_->setValue(layer); }
int CompressionWorkspace::layer() const { return slider_->value(); }
void CompressionWorkspace::setAttentionMode(bool on) { (on ? attentionMode_ : groupsMode_)->setChecked(true); }

void CompressionWorkspace::showError(const QString& message) {
  lastError_ = message;
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
  if (!message.isEmpty()) Q_EMIT errorOccurred(message);
}

bool CompressionWorkspace::run() {
  if (isRunning()) return false;
  if (!engine_->hasModel()) {
    showError(tr("No model is loaded. Open one with File > Open Model."));
    return false;
  }
  if (image_.isNull()) {
    showError(tr("No image. Open one in the Chat workspace or with File > Open Image."));
    return false;
  }
  const int n = compare_->isChecked() ? 2 : 1;
  SchemeSelector* selectors[2] = {schemeA_, schemeB_};
  for (int i = 0; i < n; ++i) {
    const QString error = selectors[i]->validate();
    if (!error.isEmpty()) {
      showError(tr("Invalid scheme \"%1\": %2").arg(selectors[i]->spec(), error));
      return false;
    }
  }
  showError(QString());
  QString prompt = prompt_->text().trimmed();
  if (prompt.isEmpty()) prompt = tr("Describe the image.");
  for (int i = 0; i < n; ++i) {
    ChatRequest request;
    request.image = image_;
    request.turns = {{prompt, QString()}};
    request.scheme = selectors[i]->spec();
    request.sampling.maxNewTokens = 1;  // the trace comes from the prefill
    request.traceAllLayers = true;
    running_[engine_->chat(request)] = i;
  }
  if (n == 1) traces_[1].reset();
  runButton_->setEnabled(false);
  Q_EMIT statusMessage(tr("Running the prefill…"));
  return true;
}

void CompressionWorkspace::onFinished(quint64 id, const ChatOutcome& outcome) {
  auto it = running_.find(id);
  if (it == running_.end()) return;
  const int side = it->second;
  running_.erase(it);
  if (!outcome.cancelled) traces_[side] = SideTrace{outcome.stats.scheme, outcome.trace, outcome.stats};
  if (running_.empty()) {
    runButton_->setEnabled(true);
    refreshViews();
    refreshChart();
    Q_EMIT traceReady();
    Q_EMIT statusMessage(tr("Compression trace ready"));
  }
}

void CompressionWorkspace::onFailed(quint64 id, const QString& error) {
  auto it = running_.find(id);
  if (it == running_.end()) return;
  running_.erase(it);
  showError(error);
  if (running_.empty()) runButton_->setEnabled(true);
}

void CompressionWorkspace::refreshViews() {
  const int layer = slider_->value();
  const bool attention = attentionMode_->isChecked();
  QStringList summary;
  PatchView* views[2] = {viewA_, viewB_};
  for (int i = 0; i < 2; ++i) {
    PatchView* view = views[i];
    view->setMode(attention ? PatchView::Mode::Attention : PatchView::Mode::Groups);
    if (!traces_[i]) {
      view->clearOverlay();
      view->setCaption(hasModel_ ? tr("Run the prefill to see scheme %1").arg(i == 0 ? QStringLiteral("A") : QStringLiteral("B"))
                                 : tr("No model loaded"));
      continue;
    }
    const TraceValue& trace = traces_[i]->trace;
    const auto& groups = trace.groupsAt(layer);
    std::vector<float> weights;
    if (auto a = trace.attention.find(layer); a != trace.attention.end()) weights = a->second;
    view->setOverlay(groups, weights);
    QString caption = tr("%1 — %2 tokens at layer %3").arg(traces_[i]->scheme).arg(groups.size()).arg(layer);
    if (attention && weights.empty())
      caption += QStringLiteral(" · ") + (layer < 0 ? tr("no attention before the LLM") : tr("no attention recorded"));
    view->setCaption(caption);
    summary << QStringLiteral("%1: %2").arg(i == 0 ? QStringLiteral("A") : QStringLiteral("B")).arg(groups.size());
  }
  layerLabel_->setText(layer < 0 ? tr("before the LLM (projected features)") + (summary.isEmpty() ? QString() : QStringLiteral(" · ") + summary.join(QStringLiteral(", ")))
                                 : tr("layer %1 of %2").arg(layer).arg(model_.layers()) +
                                       (summary.isEmpty() ? QString() : QStringLiteral(" · ") + tr("tokens ") + summary.join(QStringLiteral(", "))));
}

void CompressionWorkspace::refreshChart() {
  plot_->clearGraphs();
  plot_->clearItems();
  plot_->legend->setVisible(true);
  QFont legendFont = font();
  legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
  plot_->legend->setFont(legendFont);
  plot_->xAxis->setLabel(tr("decoder layer"));
  plot_->yAxis->setLabel(tr("visual tokens"));
  plot_->yAxis2->setVisible(true);
  plot_->yAxis2->setLabel(tr("cumulative LLM GFLOPs"));
  if (!hasModel_) {
    plot_->replot();
    return;
  }
  const int layers = model_.layers();
  const qint64 visual = model_.visualTokens();
  QVector<double> x(layers);
  for (int l = 0; l < layers; ++l) x[l] = l;
  const QColor colours[3] = {QColor(0x3b, 0x82, 0xf6), QColor(0xf5, 0x9e, 0x0b), QColor(0x9c, 0xa3, 0xaf)};
  double maxTokens = static_cast<double>(visual);
  double maxFlops = 0;
  auto addSeries = [&](const QString& name, const std::vector<int64_t>& perLayer, qint64 textTokens, const QColor& colour,
                       Qt::PenStyle style) {
    QVector<double> tokens(layers), flops(layers);
    std::vector<int64_t> counts(perLayer.begin(), perLayer.end());
    counts.resize(static_cast<size_t>(layers), visual);
    const engine::PrefillCost cost = engine::prefillCost(model_.config, counts, std::max<qint64>(textTokens, 1));
    double cumulative = 0;
    for (int l = 0; l < layers; ++l) {
      tokens[l] = static_cast<double>(counts[static_cast<size_t>(l)]);
      cumulative += l < static_cast<int>(cost.layerFlops.size()) ? cost.layerFlops[static_cast<size_t>(l)] : 0.0;
      flops[l] = cumulative / 1e9;
      maxTokens = std::max(maxTokens, tokens[l]);
    }
    maxFlops = std::max(maxFlops, cumulative / 1e9);
    QCPGraph* g = plot_->addGraph(plot_->xAxis, plot_->yAxis);
    g->setName(tr("%1: visual tokens").arg(name));
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setPen(QPen(colour, 2.5, style));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    g->setData(x, tokens);
    QCPGraph* f = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    f->setName(tr("%1: cumulative GFLOPs").arg(name));
    f->setPen(QPen(colour, 1.5, Qt::DashLine));
    f->setData(x, flops);
  };
  qint64 textTokens = 16;
  for (int i = 0; i < 2; ++i)
    if (traces_[i]) textTokens = traces_[i]->stats.promptTokens - traces_[i]->stats.visualTokensBefore;
  bool baselineShown = false;
  for (int i = 0; i < 2; ++i)
    if (traces_[i] && (i == 0 || compare_->isChecked()) && traces_[i]->scheme == QLatin1String("none")) baselineShown = true;
  if (!baselineShown)
    addSeries(tr("none"), std::vector<int64_t>(static_cast<size_t>(layers), visual), textTokens, colours[2], Qt::DotLine);
  for (int i = 0; i < 2; ++i)
    if (traces_[i] && (i == 0 || compare_->isChecked()))
      addSeries(traces_[i]->scheme, traces_[i]->trace.visualTokensPerLayer, textTokens, colours[i], Qt::SolidLine);
  plot_->xAxis->setRange(-0.5, layers - 0.5);
  plot_->yAxis->setRange(0, maxTokens * 1.1);
  plot_->yAxis2->setRange(0, std::max(maxFlops * 1.1, 1e-6));
  plot_->replot();
}

bool CompressionWorkspace::exportPng(const QString& path) { return exportArea_->grab().save(path, "PNG"); }

void CompressionWorkspace::exportDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export PNG"), QStringLiteral("compression.png"), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  if (!exportPng(path)) showError(tr("Cannot write %1").arg(path));
  else Q_EMIT statusMessage(tr("Saved %1").arg(path));
}

}  // namespace llavolta::ui
