#include <algorithm>

#include "engine/scheme_spec.h"
#include "engine/errors.h"

#include "ui/widgets/scheme_selector.h"
#include "ui/widgets/scheme_texts.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace llavolta::ui {

namespace {

const engine::SchemeInfo* findScheme(const QString& name) {
  for (const auto& info : engine::registeredSchemes())
    if (QString::fromStdString(info.name) == name) return &info;
  return nullptr;
}

QString checkSpec(const QString& spec, int layers, int visualTokens) {
  try {
    engine::checkSchemeSpec(spec.toStdString(), std::max(layers, 0), visualTokens);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

}  // namespace

QString canonicalSchemeSpec(const QString& spec) {
  try {
    const auto canonical = engine::canonicalSchemeSpec(spec.toStdString());
    if (engine::SchemeSpec::parse(canonical).name() != spec.section(QLatin1Char(':'), 0, 0).toStdString()) return spec;
    return QString::fromStdString(canonical);
  } catch (const std::exception&) {
    return spec;
  }
}

QStringList schemePresets(int layers, int visualTokens) {
  QStringList candidates{QStringLiteral("none"), QStringLiteral("vcc:layer=2,stride=8"),
                         QStringLiteral("vcc:layer=2,stride=2"), QStringLiteral("vcc:layer=2,stride=4")};
  if (layers > 0) {
    // The paper's "light" preset sits at half the depth (16 of 32 layers).
    candidates << QStringLiteral("vcc:layer=%1,stride=8").arg(layers / 2);
    candidates << QStringLiteral("vcc:layer=-1,stride=4");
  }
  // Every other registered scheme with its defaults, so new schemes are one click away.
  for (const auto& info : engine::registeredSchemes()) {
    const QString name = QString::fromStdString(info.name);
    if (name == QLatin1String("none") || name == QLatin1String("vcc")) continue;
    candidates << name;
  }
  QStringList out;
  for (const QString& c : candidates)
    if (!out.contains(c) && checkSpec(c, layers, visualTokens).isEmpty()) out << c;
  return out;
}

SchemeSelector::SchemeSelector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* top = new QFormLayout;
  top->setContentsMargins(0, 0, 0, 0);
  scheme_ = new QComboBox(this);
  scheme_->setObjectName(QStringLiteral("schemeCombo"));
  for (const auto& info : engine::registeredSchemes()) {
    scheme_->addItem(QString::fromStdString(info.name));
    scheme_->setItemData(scheme_->count() - 1, schemeText(info.summary), Qt::ToolTipRole);
  }
  presets_ = new QComboBox(this);
  presets_->setObjectName(QStringLiteral("presetCombo"));
  top->addRow(tr("Preset"), presets_);
  top->addRow(tr("Scheme"), scheme_);
  layout->addLayout(top);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(summary_);
  fieldsBox_ = new QWidget(this);
  fields_ = new QFormLayout(fieldsBox_);
  fields_->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(fieldsBox_);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("schemeError"));
  error_->setWordWrap(true);
  // Red reads on both light and dark palettes.
  error_->setStyleSheet(QStringLiteral("color: #e0443e;"));
  error_->hide();
  layout->addWidget(error_);

  connect(scheme_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_) return;
    rebuildFields();
    onEdited();
  });
  connect(presets_, &QComboBox::activated, this, [this](int index) {
    if (index > 0) setSpec(presets_->itemText(index));
    presets_->setCurrentIndex(0);
  });
  rebuildPresets();
  rebuildFields();
}

void SchemeSelector::rebuildPresets() {
  presets_->clear();
  presets_->addItem(tr("Choose a preset…"));
  presets_->addItems(schemePresets(layers_, visualTokens_));
}

void SchemeSelector::rebuildFields() {
  while (fields_->rowCount() > 0) fields_->removeRow(0);
  edits_.clear();
  const engine::SchemeInfo* info = findScheme(scheme_->currentText());
  summary_->setText(info ? schemeText(info->summary) : QString());
  if (!info) return;
  for (const auto& p : info->parameters) {
    auto* edit = new QLineEdit(fieldsBox_);
    const QString key = QString::fromStdString(p.key);
    edit->setObjectName(QStringLiteral("param_") + key);
    edit->setText(QString::fromStdString(p.defaultValue));
    edit->setPlaceholderText(p.defaultValue.empty() ? tr("required") : QString::fromStdString(p.defaultValue));
    edit->setToolTip(schemeText(p.description));
    connect(edit, &QLineEdit::textEdited, this, &SchemeSelector::onEdited);
    fields_->addRow(key, edit);
    edits_.append({key, edit});
  }
  fieldsBox_->setVisible(!edits_.isEmpty());
}

QString SchemeSelector::spec() const {
  QString s = scheme_->currentText();
  QStringList parts;
  for (const auto& [key, edit] : edits_)
    if (!edit->text().trimmed().isEmpty()) parts << key + QLatin1Char('=') + edit->text().trimmed();
  if (!parts.isEmpty()) s += QLatin1Char(':') + parts.join(QLatin1Char(','));
  return canonicalSchemeSpec(s);  // an invalid one stays as typed: validate() says what is wrong
}

void SchemeSelector::setSpec(const QString& spec) {
  const QString name = spec.section(QLatin1Char(':'), 0, 0).trimmed();
  const int index = scheme_->findText(name);
  if (index < 0) {
    error_->setText(tr("Unknown scheme \"%1\"").arg(name));
    error_->show();
    return;
  }
  updating_ = true;
  scheme_->setCurrentIndex(index);
  updating_ = false;
  rebuildFields();
  const QString rest = spec.section(QLatin1Char(':'), 1);
  for (const QString& pair : rest.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString key = pair.section(QLatin1Char('='), 0, 0).trimmed();
    const QString value = pair.section(QLatin1Char('='), 1).trimmed();
    for (const auto& [k, edit] : edits_)
      if (k == key) edit->setText(value);
  }
  onEdited();
}

void SchemeSelector::setModelShape(int layers, int visualTokens) {
  layers_ = layers;
  visualTokens_ = visualTokens;
  rebuildPresets();
  validate();
}

QString SchemeSelector::validate() {
  const QString error = checkSpec(spec(), layers_, visualTokens_);
  error_->setText(error);
  error_->setVisible(!error.isEmpty());
  return error;
}

QString SchemeSelector::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

void SchemeSelector::onEdited() {
  validate();
  Q_EMIT specChanged(spec());
}

}  // namespace llavolta::ui
