#include "ui/benchmark/benchmark_runner.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include "ui/worker/cli_locator.h"

namespace llavolta::ui {

BenchmarkRunner::BenchmarkRunner(QObject* parent) : QObject(parent) {}

BenchmarkRunner::~BenchmarkRunner() {
  if (process_) {
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(3000);
  }
}

void BenchmarkRunner::start(const QVector<BenchJob>& jobs) {
  if (running_) return;
  jobs_ = jobs;
  index_ = -1;
  running_ = true;
  cancelled_ = false;
  next();
}

void BenchmarkRunner::cancel() {
  if (!running_) return;
  cancelled_ = true;
  if (process_) process_->kill();  // an eval holds nothing worth saving half-way
}

void BenchmarkRunner::next() {
  ++index_;
  if (cancelled_ || index_ >= jobs_.size()) {
    running_ = false;
    Q_EMIT finished(cancelled_);
    return;
  }
  const BenchJob& job = jobs_[index_];
  stdout_.clear();
  stderrTail_.clear();
  if (process_) process_->deleteLater();
  process_ = new QProcess(this);
  process_->setProgram(cliPath());
  process_->setArguments(job.args);
  connect(process_, &QProcess::readyReadStandardOutput, this, [this] { stdout_ += process_->readAllStandardOutput(); });
  connect(process_, &QProcess::readyReadStandardError, this, &BenchmarkRunner::onStderr);
  connect(process_, &QProcess::finished, this, &BenchmarkRunner::onFinished);
  connect(process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart) return;
    Q_EMIT jobFailed(jobs_[index_].label, tr("could not start %1: %2").arg(process_->program(), process_->errorString()));
    running_ = false;
    Q_EMIT finished(false);
  });
  Q_EMIT jobStarted(index_, static_cast<int>(jobs_.size()), job.label);
  process_->start();
}

void BenchmarkRunner::onStderr() {
  stderrTail_ += process_->readAllStandardError();
  if (stderrTail_.size() > 8192) stderrTail_ = stderrTail_.right(8192);
  // The CLI redraws "[####....] done/total" with '\r'; the last complete one counts.
  static const QRegularExpression progress(QStringLiteral("\\] (\\d+)/(\\d+)"));
  auto it = progress.globalMatch(QString::fromUtf8(stderrTail_.right(256)));
  QRegularExpressionMatch last;
  while (it.hasNext()) last = it.next();
  if (last.hasMatch()) Q_EMIT jobProgress(last.captured(1).toLongLong(), last.captured(2).toLongLong());
}

void BenchmarkRunner::onFinished(int exitCode, QProcess::ExitStatus status) {
  const BenchJob& job = jobs_[index_];
  stdout_ += process_->readAllStandardOutput();
  if (cancelled_) {
    next();
    return;
  }
  if (status != QProcess::NormalExit || exitCode != 0) {
    QString why = QString::fromUtf8(stderrTail_).split(QRegularExpression(QStringLiteral("[\r\n]")), Qt::SkipEmptyParts).value(-1).trimmed();
    if (why.isEmpty()) why = status == QProcess::CrashExit ? tr("the process crashed") : tr("exit code %1").arg(exitCode);
    Q_EMIT jobFailed(job.label, why);
    if (job.modelDir.isEmpty()) jobs_.resize(index_ + 1);  // no evaluation set: nothing else can run
  } else if (!job.modelDir.isEmpty()) {
    const auto doc = QJsonDocument::fromJson(stdout_);
    if (!doc.isObject()) {
      Q_EMIT jobFailed(job.label, tr("the CLI printed no JSON result"));
    } else {
      bool read = false;
      BenchResult result;
      try {
        result = BenchResult::fromEval(doc.object(), job.modelDir, job.evalSet);
        read = true;
      } catch (const std::exception& e) {
        Q_EMIT jobFailed(job.label, tr("the CLI's result could not be read: %1").arg(QString::fromUtf8(e.what())));
      }
      if (read) Q_EMIT resultReady(result);
    }
  }
  next();
}

}  // namespace llavolta::ui
