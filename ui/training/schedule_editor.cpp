#include <nlohmann/json.hpp>

#include "engine/scheme_spec.h"
#include "engine/errors.h"
#include "training/schedule.h"

#include "ui/training/schedule_editor.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/widgets/series_colors.h"
#include "ui/widgets/scheme_texts.h"

namespace llavolta::ui {

namespace {
// "K/S" (or "K,S") is VCC shorthand; anything else is a scheme spec.
nlohmann::json stageJson(const QString& text, double until) {
  static const QRegularExpression shorthand(QStringLiteral("^\\s*(-?\\d+)\\s*[/,]\\s*(\\d+)\\s*$"));
  const auto m = shorthand.match(text);
  if (m.hasMatch()) return {{"layer", m.captured(1).toLongLong()}, {"stride", m.captured(2).toLongLong()}, {"until", until}};
  return {{"scheme", text.trimmed().toStdString()}, {"until", until}};
}

// A scheme's spec with every parameter at its default, e.g. "fastv:layer=2,keep=0.5".
QString defaultSpec(const QString& name) {
  try {
    return QString::fromStdString(engine::canonicalSchemeSpec(name.toStdString()));
  } catch (const std::exception&) {
    return name;  // a parameter without default: the user fills it in
  }
}
}  // namespace

ScheduleEditor::ScheduleEditor(QWidget* parent) : QWidget(parent) {
  presets_ = new QComboBox(this);
  presets_->setObjectName(QStringLiteral("schedulePreset"));
  presets_->addItem(tr("(custom)"));
  for (const auto& n : training::Schedule::presetNames()) presets_->addItem(QString::fromStdString(n));
  presets_->setToolTip(tr("Start from one of the paper's schedules; the table below stays editable"));

  table_ = new QTableWidget(0, 2, this);
  table_->setObjectName(QStringLiteral("stageTable"));
  table_->setHorizontalHeaderLabels({tr("Scheme (spec or layer/stride)"), tr("Until (fraction or step)")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  table_->verticalHeader()->setVisible(true);
  table_->setMinimumHeight(120);

  // Every registered scheme (vcc, fastv, tome, ...) can be a training stage.
  stageScheme_ = new QComboBox(this);
  stageScheme_->setObjectName(QStringLiteral("stageScheme"));
  QStringList specs;
  for (const auto& info : engine::registeredSchemes()) {
    const QString name = QString::fromStdString(info.name);
    stageScheme_->addItem(name);
    stageScheme_->setItemData(stageScheme_->count() - 1, schemeText(info.summary), Qt::ToolTipRole);
    specs << defaultSpec(name);
  }
  stageScheme_->setCurrentText(QStringLiteral("vcc"));
  stageScheme_->setToolTip(tr("Scheme of the stage that \"Add stage\" inserts, with its default parameters"));
  auto* add = new QPushButton(tr("Add stage"), this);
  auto* remove = new QPushButton(tr("Remove stage"), this);
  testScheme_ = new QLineEdit(QStringLiteral("none"), this);
  testScheme_->setObjectName(QStringLiteral("testScheme"));
  testScheme_->setToolTip(tr("Scheme used by evaluation after training (none = full visual context)"));
  auto* completer = new QCompleter(specs, testScheme_);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  testScheme_->setCompleter(completer);
  timeline_ = new ScheduleTimeline(this);

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Preset:"), this));
  top->addWidget(presets_, 1);
  top->addWidget(stageScheme_);
  top->addWidget(add);
  top->addWidget(remove);
  auto* test = new QFormLayout;
  test->addRow(tr("Test-time scheme:"), testScheme_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(table_);
  layout->addLayout(test);
  layout->addWidget(timeline_);

  connect(presets_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
    if (presets_->currentIndex() > 0) loadPreset(name);
  });
  connect(add, &QPushButton::clicked, this, &ScheduleEditor::addStage);
  connect(remove, &QPushButton::clicked, this, &ScheduleEditor::removeStage);
  connect(table_, &QTableWidget::itemChanged, this, [this] {
    const QSignalBlocker block(presets_);
    presets_->setCurrentIndex(0);  // edited by hand: no longer the preset
    refreshTimeline();
    Q_EMIT changed();
  });
  connect(testScheme_, &QLineEdit::textChanged, this, &ScheduleEditor::changed);
  loadPreset(QStringLiteral("4stage"));
}

void ScheduleEditor::loadPreset(const QString& name) {
  try {
    const auto s = training::Schedule::preset(name.toStdString());
    QList<QPair<QString, double>> stages;
    for (const auto& st : s.stages) stages.append({QString::fromStdString(st.scheme), st.until});
    setStages(stages, QString::fromStdString(s.testScheme));
    const QSignalBlocker block(presets_);
    presets_->setCurrentText(name);
  } catch (const std::exception&) {
    // No preset folder (a bare install): keep what the table holds.
  }
}

void ScheduleEditor::setStages(const QList<QPair<QString, double>>& stages, const QString& testScheme) {
  {
    const QSignalBlocker block(table_);
    table_->setRowCount(0);
    for (const auto& [scheme, until] : stages) {
      const int row = table_->rowCount();
      table_->insertRow(row);
      table_->setItem(row, 0, new QTableWidgetItem(scheme));
      table_->setItem(row, 1, new QTableWidgetItem(QString::number(until)));
    }
  }
  testScheme_->setText(testScheme);
  {
    const QSignalBlocker block(presets_);
    presets_->setCurrentIndex(0);  // loadPreset() names the preset again afterwards
  }
  refreshTimeline();
  Q_EMIT changed();
}

void ScheduleEditor::addStage() {
  const int row = table_->rowCount();
  const QSignalBlocker block(table_);
  table_->insertRow(row);
  table_->setItem(row, 0, new QTableWidgetItem(defaultSpec(stageScheme_->currentText())));
  table_->setItem(row, 1, new QTableWidgetItem(QStringLiteral("1")));
  {
    const QSignalBlocker blockPresets(presets_);
    presets_->setCurrentIndex(0);  // no longer the preset
  }
  refreshTimeline();
  Q_EMIT changed();
}

void ScheduleEditor::removeStage() {
  const int row = table_->currentRow() >= 0 ? table_->currentRow() : table_->rowCount() - 1;
  if (row >= 0) table_->removeRow(row);
  refreshTimeline();
}

QString ScheduleEditor::scheduleJson(QString* error) const {
  nlohmann::json stages = nlohmann::json::array();
  for (int row = 0; row < table_->rowCount(); ++row) {
    const QString scheme = table_->item(row, 0) ? table_->item(row, 0)->text() : QString();
    const QString untilText = table_->item(row, 1) ? table_->item(row, 1)->text() : QString();
    bool ok = false;
    const double until = untilText.trimmed().toDouble(&ok);
    if (!ok) {
      if (error) *error = tr("Stage %1: \"until\" must be a number (a fraction of training up to 1, or a step).").arg(row + 1);
      return {};
    }
    if (scheme.trimmed().isEmpty()) {
      if (error) *error = tr("Stage %1: the scheme is empty.").arg(row + 1);
      return {};
    }
    stages.push_back(stageJson(scheme, until));
  }
  nlohmann::json j = {{"name", presets_->currentIndex() > 0 ? presets_->currentText().toStdString() : "custom"},
                      {"reference_layers", 32},
                      {"stages", stages},
                      {"test", testScheme_->text().trimmed().toStdString()}};
  try {
    training::Schedule::fromJson(j, "schedule");  // the trainer's own rules
  } catch (const std::exception& e) {
    if (error) *error = tr("Invalid schedule: %1").arg(QString::fromStdString(e.what()));
    return {};
  }
  return QString::fromStdString(j.dump());
}

void ScheduleEditor::setTotalSteps(qint64 steps) {
  totalSteps_ = std::max<qint64>(1, steps);
  refreshTimeline();
}

void ScheduleEditor::refreshTimeline() {
  QString err;
  const QString text = scheduleJson(&err);
  if (text.isEmpty()) {
    timeline_->setStages({}, {}, totalSteps_);
    timeline_->setToolTip(err);
    return;
  }
  const auto s = training::Schedule::fromJson(nlohmann::json::parse(text.toStdString()), "schedule");
  QStringList schemes;
  for (const auto& st : s.stages) schemes << QString::fromStdString(st.scheme);
  QVector<qint64> starts{0};
  for (auto e : s.stageEnds(totalSteps_)) starts << e;
  timeline_->setStages(schemes, starts, totalSteps_);
  timeline_->setToolTip({});
}

ScheduleTimeline::ScheduleTimeline(QWidget* parent) : QWidget(parent) { setMinimumHeight(32); }

void ScheduleTimeline::setStages(const QStringList& schemes, const QVector<qint64>& starts, qint64 total) {
  schemes_ = schemes;
  starts_ = starts;
  total_ = std::max<qint64>(1, total);
  update();
}

void ScheduleTimeline::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QRectF area = rect().adjusted(1, 1, -1, -1);
  if (schemes_.isEmpty()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(area, Qt::AlignCenter, tr("invalid schedule"));
    return;
  }
  for (int i = 0; i < schemes_.size(); ++i) {
    const double a = i < starts_.size() ? static_cast<double>(starts_[i]) / total_ : 1.0;
    const double b = i + 1 < starts_.size() ? static_cast<double>(starts_[i + 1]) / total_ : 1.0;
    const QRectF bar(area.left() + a * area.width(), area.top(), (b - a) * area.width(), area.height());
    QColor c = seriesColor(i);
    c.setAlpha(170);
    p.fillRect(bar, c);
    p.setPen(Qt::black);
    p.drawRect(bar);
    p.drawText(bar.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap,
               schemes_[i] == QStringLiteral("none") ? tr("none") : schemes_[i]);
  }
}

}  // namespace llavolta::ui
