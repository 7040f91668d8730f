#include "ui/shell/model_panel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>

#include "ui/shell/device_probe.h"
#include "ui/widgets/elided_label.h"

namespace llavolta::ui {

namespace {

QString humanCount(qint64 n) {
  if (n >= 1000000000) return QString::number(n / 1e9, 'f', 2) + QStringLiteral(" B");
  if (n >= 1000000) return QString::number(n / 1e6, 'f', 1) + QStringLiteral(" M");
  if (n >= 1000) return QString::number(n / 1e3, 'f', 1) + QStringLiteral(" k");
  return QString::number(n);
}

}  // namespace

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("modelPanel"));
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(6, 4, 6, 4);
  auto* open = new QPushButton(tr("Open Model…"), this);
  reload_ = new QPushButton(tr("Reload"), this);
  reload_->setToolTip(tr("Load the model again with the device, data type and threads chosen here"));
  name_ = new QLabel(tr("No model"), this);
  QFont bold = name_->font();
  bold.setBold(true);
  name_->setFont(bold);
  name_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  details_ = new ElidedLabel(this);
  details_->setForegroundRole(QPalette::PlaceholderText);
  device_ = new QComboBox(this);
  device_->addItem(tr("CPU"), QStringLiteral("cpu"));
  if (cudaAvailable()) device_->addItem(tr("CUDA"), QStringLiteral("cuda"));
  dtype_ = new QComboBox(this);
  dtype_->addItem(QStringLiteral("float32"), QStringLiteral("float32"));
  dtype_->addItem(QStringLiteral("bfloat16"), QStringLiteral("bfloat16"));
  dtype_->addItem(QStringLiteral("float16"), QStringLiteral("float16"));
  threads_ = new QSpinBox(this);
  threads_->setRange(0, 256);
  threads_->setSpecialValueText(tr("auto"));
  row->addWidget(new QLabel(tr("Model:"), this));
  row->addWidget(name_);
  row->addWidget(details_, 1);
  row->addWidget(new QLabel(tr("Device"), this));
  row->addWidget(device_);
  row->addWidget(new QLabel(tr("Type"), this));
  row->addWidget(dtype_);
  row->addWidget(new QLabel(tr("Threads"), this));
  row->addWidget(threads_);
  row->addWidget(reload_);
  row->addWidget(open);
  reload_->setEnabled(false);
  // float16 needs a GPU: LibTorch has no half-precision CPU kernels for the model's ops.
  const auto followDevice = [this] {
    auto* items = qobject_cast<QStandardItemModel*>(dtype_->model());
    const bool cpu = device_->currentData().toString() == QLatin1String("cpu");
    if (QStandardItem* half = items ? items->item(dtype_->findData(QStringLiteral("float16"))) : nullptr) {
      half->setEnabled(!cpu);
      half->setToolTip(cpu ? tr("float16 runs on CUDA only; on the CPU use bfloat16") : QString());
    }
    if (cpu && dtype_->currentData().toString() == QLatin1String("float16"))
      dtype_->setCurrentIndex(dtype_->findData(QStringLiteral("bfloat16")));
  };
  connect(device_, &QComboBox::currentIndexChanged, this, followDevice);
  followDevice();
  connect(open, &QPushButton::clicked, this, &ModelPanel::openRequested);
  connect(reload_, &QPushButton::clicked, this, &ModelPanel::reloadRequested);
}

void ModelPanel::setLoadSettings(const QString& device, const QString& dtype, int threads) {
  device_->setCurrentIndex(std::max(0, device_->findData(device)));
  dtype_->setCurrentIndex(std::max(0, dtype_->findData(dtype)));
  if (device_->currentData().toString() == QLatin1String("cpu") && dtype == QLatin1String("float16"))
    dtype_->setCurrentIndex(dtype_->findData(QStringLiteral("bfloat16")));
  threads_->setValue(threads);
}

LoadRequest ModelPanel::loadRequest(const QString& modelDir) const {
  LoadRequest r;
  r.modelDir = modelDir;
  r.device = device_->currentData().toString();
  r.dtype = dtype_->currentData().toString();
  r.threads = threads_->value();
  return r;
}

void ModelPanel::showModel(const ModelInfo& info) {
  modelDir_ = info.directory;
  name_->setText(QDir(info.directory).dirName());
  name_->setToolTip(info.directory);
  details_->setFullText(tr("%1 layout · %2 parameters · %3 layers · %4 visual tokens (%5×%5 patches) · %6 / %7")
                        .arg(info.layout, humanCount(info.parameters))
                        .arg(info.layers())
                        .arg(info.visualTokens())
                        .arg(info.gridSide())
                        .arg(info.device.toUpper(), info.dtype));
  reload_->setEnabled(true);
}

void ModelPanel::showLoading(const QString& dir) {
  modelDir_ = dir;
  name_->setText(QDir(dir).dirName());
  name_->setToolTip(dir);
  details_->setFullText(tr("loading…"));
}

void ModelPanel::showNoModel(const QString& reason) {
  name_->setText(tr("No model"));
  details_->setFullText(reason);
  reload_->setEnabled(!modelDir_.isEmpty());
}

}  // namespace llavolta::ui
