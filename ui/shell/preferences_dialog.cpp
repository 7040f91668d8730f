#include "ui/shell/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

#include "ui/widgets/scheme_selector.h"

namespace llavolta::ui {

PreferencesDialog::PreferencesDialog(const StudioSettings& settings, bool cudaAvailable, QWidget* parent)
    : QDialog(parent), original_(settings) {
  setWindowTitle(tr("Preferences"));
  auto* form = new QFormLayout(this);
  device_ = new QComboBox(this);
  device_->addItem(tr("CPU"), QStringLiteral("cpu"));
  if (cudaAvailable) device_->addItem(tr("CUDA (GPU)"), QStringLiteral("cuda"));
  device_->setCurrentIndex(std::max(0, device_->findData(settings.device)));
  dtype_ = new QComboBox(this);
  dtype_->addItem(tr("float32"), QStringLiteral("float32"));
  dtype_->addItem(tr("bfloat16"), QStringLiteral("bfloat16"));
  dtype_->addItem(tr("float16"), QStringLiteral("float16"));
  dtype_->setCurrentIndex(std::max(0, dtype_->findData(settings.dtype)));
  threads_ = new QSpinBox(this);
  threads_->setRange(0, 256);
  threads_->setSpecialValueText(tr("automatic"));
  threads_->setValue(settings.threads);
  threads_->setToolTip(tr("CPU threads for LibTorch (this machine has %1)").arg(QThread::idealThreadCount()));
  language_ = new QComboBox(this);
  language_->addItem(tr("System"), QStringLiteral("system"));
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
  language_->addItem(QStringLiteral("中文"), QStringLiteral("zh_CN"));
  language_->setCurrentIndex(std::max(0, language_->findData(settings.language)));
  scheme_ = new SchemeSelector(this);
  scheme_->setSpec(settings.defaultScheme);
  runs_ = new QLineEdit(settings.effectiveRunsDirectory(), this);
  auto* browse = new QPushButton(tr("Browse…"), this);
  // Wide enough for a typical path; the whole path is the tooltip.
  runs_->setMinimumWidth(runs_->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 44);
  runs_->setToolTip(runs_->text());
  connect(runs_, &QLineEdit::textChanged, runs_, &QLineEdit::setToolTip);
  auto* runsRow = new QHBoxLayout;
  runsRow->addWidget(runs_, 1);
  runsRow->addWidget(browse);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs Directory"), runs_->text());
    if (!dir.isEmpty()) runs_->setText(dir);
  });
  form->addRow(tr("Device"), device_);
  form->addRow(tr("Data type"), dtype_);
  form->addRow(tr("Threads"), threads_);
  form->addRow(tr("Language"), language_);
  form->addRow(tr("Default scheme"), scheme_);
  form->addRow(tr("Runs directory"), runsRow);
  auto* note = new QLabel(tr("Device, data type and threads apply to the next model load; the language to the next start."), this);
  note->setWordWrap(true);
  note->setForegroundRole(QPalette::PlaceholderText);
  form->addRow(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

void PreferencesDialog::accept() {
  if (!scheme_->validate().isEmpty()) return;  // the inline error says why
  QDialog::accept();
}

StudioSettings PreferencesDialog::settings() const {
  StudioSettings s = original_;
  s.device = device_->currentData().toString();
  s.dtype = dtype_->currentData().toString();
  s.threads = threads_->value();
  s.language = language_->currentData().toString();
  s.defaultScheme = scheme_->spec();
  s.runsDirectory = runs_->text().trimmed();
  return s;
}

}  // namespace llavolta::ui
