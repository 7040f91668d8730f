// ctest-labels: ui slow
// The Training workspace driven through its widgets with a tiny model and a tiny dataset:
// start a run, see plot points arrive, stop it and see the checkpoint; pause and resume;
// kill the trainer from outside and re-attach from a fresh workspace; invalid schedules.
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include "ui/widgets/qcustomplot_include.h"

#include "support/cli_runner.h"
#include "support/ui_shots.h"
#include "ui/training/new_run_dialog.h"
#include "ui/training/run_directory.h"
#include "training/run_files.h"
#include "ui/training/schedule_editor.h"
#include "ui/training/training_plots.h"
#include "ui/training/training_workspace.h"
#include "ui/widgets/plot_style.h"

using llavolta::testing::runLlavolta;
using namespace llavolta::ui;

using llavolta::testing::saveShot;

class TestTrainingWorkspace : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString model_, data_;

  // Fills the dialog for a small run on the shared data; returns it ready to Start.
  NewRunDialog* prepareDialog(TrainingWorkspace& ws, const QString& name, int steps, bool shapes = false) {
    NewRunDialog* d = ws.openNewRunDialog();
    if (!d) return nullptr;
    d->findChild<QLineEdit*>(QStringLiteral("runName"))->setText(name);
    // The model first: the image size follows it.
    d->findChild<QRadioButton*>(QStringLiteral("modelCheckpoint"))->setChecked(true);
    d->findChild<QLineEdit*>(QStringLiteral("checkpointDir"))->setText(model_);
    if (shapes) {
      d->findChild<QRadioButton*>(QStringLiteral("dataShapes"))->setChecked(true);
      d->findChild<QSpinBox*>(QStringLiteral("shapesCount"))->setValue(12);
      d->findChild<QSpinBox*>(QStringLiteral("shapesImageSize"))->setValue(64);
      d->findChild<QSpinBox*>(QStringLiteral("shapesTestCount"))->setValue(0);
    } else {
      d->findChild<QRadioButton*>(QStringLiteral("dataLlava"))->setChecked(true);
      d->findChild<QLineEdit*>(QStringLiteral("llavaJson"))->setText(data_ + QStringLiteral("/train.json"));
      d->findChild<QLineEdit*>(QStringLiteral("llavaImages"))->setText(data_);
    }
    d->scheduleEditor()->loadPreset(QStringLiteral("2stage"));
    d->findChild<QSpinBox*>(QStringLiteral("instructSteps"))->setValue(steps);
    d->findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(2);
    d->findChild<QSpinBox*>(QStringLiteral("checkpointEvery"))->setValue(4);
    d->findChild<QSpinBox*>(QStringLiteral("threads"))->setValue(1);
    d->findChild<QSpinBox*>(QStringLiteral("processes"))->setValue(1);  // remembered from an earlier test otherwise
    d->findChild<QSpinBox*>(QStringLiteral("maxSequenceLength"))->setValue(256);
    return d;
  }

  static void start(NewRunDialog* d) { d->findChild<QPushButton*>(QStringLiteral("startButton"))->click(); }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    // The New Run dialog remembers its fields in QSettings: keep them away from the user's,
    // and start every test run from the defaults.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LLaVolta-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("studio-tests"));
    QSettings().remove(QStringLiteral("newRun"));
    qputenv("LLAVOLTA_CLI", LLAVOLTA_CLI_PATH);
    model_ = tmp_.filePath(QStringLiteral("model"));
    data_ = tmp_.filePath(QStringLiteral("data"));
    auto r = runLlavolta({"init-model", "--config", QStringLiteral(LLAVOLTA_SOURCE_DIR "/resources/configs/tiny.json"),
                          "--out", model_, "--seed", "1"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runLlavolta({"data", "shapes", "--out", data_, "--count", "16", "--seed", "1", "--image-size", "64"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
  }

  // runs/ also holds `llavolta pretrain-vision` output (runs/demo-tower), whose run.json is a
  // vision-pretraining config: it was listed as a "stopped 3000/0" training run.
  void visionPretrainingFoldersAreNotListedAsRuns() {
    QTemporaryDir runs;
    const QDir root(runs.path());
    auto write = [&](const QString& rel, const QByteArray& bytes) {
      QVERIFY(root.mkpath(QFileInfo(root.filePath(rel)).path()));
      QFile f(root.filePath(rel));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes);
    };
    write(QStringLiteral("llava/run.json"), R"({"output_dir": "x", "phases": [{"name": "instruct", "steps": 10}]})");
    write(QStringLiteral("tower/run.json"), R"({"output_dir": "x", "model_config": "demo.json", "steps": 3000})");
    write(QStringLiteral("made-by-studio/studio.json"), R"({"state": "stopped"})");
    write(QStringLiteral("broken/run.json"), "{ not json");
    QVERIFY(root.mkpath(QStringLiteral("empty")));
    QVERIFY(runfiles::isTrainingRun(root.filePath(QStringLiteral("llava"))));
    QVERIFY(!runfiles::isTrainingRun(root.filePath(QStringLiteral("tower"))));
    QVERIFY(!runfiles::isTrainingRun(root.filePath(QStringLiteral("empty"))));
    TrainingWorkspace ws;
    ws.setRunsDirectory(runs.path());
    QStringList names = ws.runNames();
    names.sort();
    QCOMPARE(names, (QStringList{"broken", "llava", "made-by-studio"}));
  }

  void plotsFollowTheDarkPalette() {
    TrainingPlots plots;
    plots.setPalette(darkPalette());
    for (QCustomPlot* plot : {plots.lossPlot(), plots.lrPlot(), plots.throughputPlot(), plots.tokensPlot()}) {
      QCOMPARE(plot->xAxis->tickLabelColor(), darkPalette().color(QPalette::WindowText));
      QCOMPARE(QColor(plot->toPixmap(120, 90).toImage().pixel(1, 1)), darkPalette().color(QPalette::Base));
    }
  }

  void onePointPlotsShowNoNegativeSteps() {
    // The first metrics line of a run: every plot has one point, at step 1. QCustomPlot would
    // centre the axes on it and show negative steps, rates and tokens.
    TrainingPlots plots;
    MetricPoint point;
    point.step = 1;
    point.loss = 2.5;
    point.lr = 1e-5;
    point.samplesPerS = 12;
    point.visualTokensTotal = 864;
    plots.showRuns({RunSeries{QStringLiteral("r"), {point}, {}, {}}});
    for (QCustomPlot* plot : {plots.lossPlot(), plots.lrPlot(), plots.throughputPlot(), plots.tokensPlot()}) {
      QVERIFY2(plot->xAxis->range().lower >= 0, qPrintable(QString::number(plot->xAxis->range().lower)));
      QVERIFY(plot->xAxis->range().contains(1));
      QVERIFY2(plot->yAxis->range().lower >= 0, qPrintable(QString::number(plot->yAxis->range().lower)));
      QVERIFY(plot->yAxis->range().upper > 0);
    }
    QVERIFY(plots.tokensPlot()->yAxis->range().contains(864));
    QVERIFY(plots.lrPlot()->yAxis->range().contains(1e-5));
  }

  // 4stage's #Tokens climb 234 -> 504 -> 648 -> 864: the first stage ran along the bottom
  // frame, out of sight.
  void stagedTokensKeepAirAboveAndBelow() {
    TrainingPlots plots;
    QVector<MetricPoint> points;
    for (int step = 1; step <= 8; ++step) {
      MetricPoint p;
      p.step = step;
      p.loss = 1.0 / step;
      p.lr = 1e-4;
      p.samplesPerS = 20;
      p.visualTokensTotal = step <= 2 ? 234 : step <= 4 ? 504 : step <= 6 ? 648 : 864;
      points << p;
    }
    plots.showRuns({RunSeries{QStringLiteral("r"), points, {}, {}}});
    const QCPRange y = plots.tokensPlot()->yAxis->range();
    QVERIFY2(y.lower < 234 && y.upper > 864 && y.lower >= 0, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    const QCPRange loss = plots.lossPlot()->yAxis->range();
    QVERIFY(loss.lower < 1.0 / 8 && loss.upper > 1.0 && loss.lower >= 0);
    // The legend sits below the loss plot, not over its curves.
    QCOMPARE(plots.lossPlot()->axisRect()->insetLayout()->elementCount(), 0);
    QCOMPARE(plots.lossPlot()->legend->layout(), static_cast<QCPLayout*>(plots.lossPlot()->plotLayout()));
    QCOMPARE(plots.patchWordPointCount(), 0);  // no auxiliary losses in this run
    QCOMPARE(plots.groundingPointCount(), 0);
    QCOMPARE(plots.promptPointCount(), 0);
  }

  // A run with the per-patch word loss (metrics "patch_word_loss", only at uncompressed steps),
  // the attention grounding loss ("grounding_loss") or the prompt loss ("prompt_loss") shows each
  // as its own curve; the
  // answer-loss count is unchanged.
  void patchWordLossIsItsOwnCurve() {
    TrainingPlots plots;
    QVector<MetricPoint> points;
    for (int step = 1; step <= 6; ++step) {
      QJsonObject o{{"step", step}, {"loss", 1.0 / step}, {"stage", step <= 2 ? 0 : 1},
                    {"scheme", step <= 2 ? "vcc:layer=1,stride=8" : "none"}};
      if (step > 2) o.insert(QStringLiteral("patch_word_loss"), 6.0 / step);  // 2.0 at step 3
      if (step % 2 == 0) o.insert(QStringLiteral("grounding_loss"), 9.0);
      o.insert(QStringLiteral("prompt_loss"), 0.25);
      points << MetricPoint::fromJson(o);
    }
    plots.showRuns({RunSeries{QStringLiteral("r"), points, {3}, {}}});
    QCOMPARE(plots.lossPointCount(), 6);
    QCOMPARE(plots.patchWordPointCount(), 4);
    QCOMPARE(plots.groundingPointCount(), 3);
    QCOMPARE(plots.promptPointCount(), 6);
    bool named = false;
    for (int i = 0; i < plots.lossPlot()->graphCount(); ++i)
      named |= plots.lossPlot()->graph(i)->name() == QStringLiteral("per-patch word loss");
    QVERIFY(named);
    QVERIFY(plots.lossPlot()->yAxis->range().contains(2.0));  // the patch curve is in view too
    QVERIFY(plots.lossPlot()->yAxis->range().contains(9.0));  // and the grounding curve
    QVERIFY(plots.lossPlot()->yAxis->range().contains(0.25));  // and the prompt loss
  }

  void newRunRemembersItsFieldsAndFollowsTheModelImageSize() {
    const QString runs = tmp_.filePath(QStringLiteral("runs-remember"));
    {
      NewRunDialog d(runs, model_);
      auto* imageSize = d.findChild<QSpinBox*>(QStringLiteral("shapesImageSize"));
      auto* preset = d.findChild<QComboBox*>(QStringLiteral("modelPreset"));
      QVERIFY(preset->findText(QStringLiteral("demo")) >= 0);
      QVERIFY(preset->findText(QStringLiteral("bench-576")) >= 0);
      // The image size is the chosen model's: 168 px for the demo preset, 336 for bench-576.
      d.findChild<QRadioButton*>(QStringLiteral("modelNew"))->setChecked(true);
      preset->setCurrentIndex(preset->findText(QStringLiteral("bench-576")));
      QCOMPARE(imageSize->value(), 336);
      preset->setCurrentIndex(preset->findText(QStringLiteral("demo")));
      QCOMPARE(imageSize->value(), 168);

      d.findChild<QLineEdit*>(QStringLiteral("checkpointDir"))->setText(model_);
      d.findChild<QRadioButton*>(QStringLiteral("dataLlava"))->setChecked(true);
      d.findChild<QLineEdit*>(QStringLiteral("llavaJson"))->setText(data_ + QStringLiteral("/train.json"));
      d.findChild<QLineEdit*>(QStringLiteral("llavaImages"))->setText(data_);
      d.findChild<QSpinBox*>(QStringLiteral("instructSteps"))->setValue(7);
      d.findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(3);
      d.findChild<QLineEdit*>(QStringLiteral("learningRate"))->setText(QStringLiteral("5e-4"));
      d.findChild<QDoubleSpinBox*>(QStringLiteral("weightDecay"))->setValue(0.05);
      QSignalSpy requested(&d, &NewRunDialog::runRequested);
      d.accept();  // nobody launches it here
      QCOMPARE(requested.count(), 1);
    }
    NewRunDialog again(runs, model_);
    QVERIFY(again.findChild<QRadioButton*>(QStringLiteral("modelNew"))->isChecked());
    QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("modelPreset"))->currentText(), QStringLiteral("demo"));
    QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("checkpointDir"))->text(), model_);
    QVERIFY(again.findChild<QRadioButton*>(QStringLiteral("dataLlava"))->isChecked());
    QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("llavaImages"))->text(), data_);
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("instructSteps"))->value(), 7);
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("batchSize"))->value(), 3);
    QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("learningRate"))->text(), QStringLiteral("5e-4"));
    QCOMPARE(again.findChild<QDoubleSpinBox*>(QStringLiteral("weightDecay"))->value(), 0.05);
    // Not remembered: the run name is new, the image size is the chosen model's.
    QVERIFY(again.findChild<QLineEdit*>(QStringLiteral("runName"))->text().startsWith(QStringLiteral("run-")));
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("shapesImageSize"))->value(), 168);
    QSettings().remove(QStringLiteral("newRun"));  // the other tests start from the defaults
  }

  void invalidScheduleShowsErrorAndLaunchesNothing() {
    TrainingWorkspace ws;
    const QString runs = tmp_.filePath(QStringLiteral("runs-invalid"));
    ws.setRunsDirectory(runs);
    NewRunDialog* d = prepareDialog(ws, QStringLiteral("bad"), 10);
    QVERIFY(d);
    d->scheduleEditor()->loadPreset(QStringLiteral("4stage"));
    d->findChild<QTabWidget*>()->setCurrentIndex(2);
    saveShot(*d, "new-run-dialog-4stage");
    // The stages as they will run on this 4-layer model, numbered from 1 like the log: 4stage's
    // layers 2, 2, 16 of 32 become 1, 1, 2 (at least 1 when K >= 1).
    auto* resolved = d->findChild<QLabel*>(QStringLiteral("resolvedStages"));
    QVERIFY(resolved);
    QVERIFY2(resolved->text().contains(QStringLiteral("4 layers")) &&
                 resolved->text().contains(QStringLiteral("1. vcc:layer=1,stride=8")) &&
                 resolved->text().contains(QStringLiteral("3. vcc:layer=2,stride=2")) &&
                 resolved->text().contains(QStringLiteral("4. none")),
             qPrintable(resolved->text()));
    // The last stage must run until the end.
    d->scheduleEditor()->setStages({{QStringLiteral("2/8"), 0.5}});
    start(d);
    QVERIFY(d->isVisible());
    QVERIFY2(d->errorText().contains(QStringLiteral("until")), qPrintable(d->errorText()));
    d->findChild<QTabWidget*>()->setCurrentIndex(2);  // the schedule page, for the review shot
    saveShot(*d, "new-run-dialog");
    // An unknown scheme.
    d->scheduleEditor()->setStages({{QStringLiteral("bogus:x=1"), 1.0}});
    start(d);
    QVERIFY(d->isVisible());
    QVERIFY(!d->errorText().isEmpty());
    // A layer the 4-layer model does not have (layer 400 of 32 rescales to 50).
    d->scheduleEditor()->setStages({{QStringLiteral("400/2"), 1.0}});
    QVERIFY2(resolved->text().contains(QStringLiteral("Invalid")), qPrintable(resolved->text()));
    start(d);
    QVERIFY(!d->errorText().isEmpty());
    QVERIFY(ws.runNames().isEmpty());
    QVERIFY(QDir(runs).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    d->close();
  }

  void startSeePointsStopSeeCheckpoint() {
    TrainingWorkspace ws;
    const QString runs = tmp_.filePath(QStringLiteral("runs-a"));
    ws.setRunsDirectory(runs);
    QSignalSpy metrics(&ws, &TrainingWorkspace::metricsUpdated);
    NewRunDialog* d = prepareDialog(ws, QStringLiteral("r1"), 2000, /*shapes=*/true);
    QVERIFY(d);
    start(d);
    QVERIFY2(d->errorText().isEmpty(), qPrintable(d->errorText()));
    QCOMPARE(ws.runNames(), QStringList{QStringLiteral("r1")});
    QCOMPARE(ws.runStatus(QStringLiteral("r1")), QStringLiteral("running"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("r1")) >= 6, 90000);
    QVERIFY(!metrics.isEmpty());
    ws.selectRuns({QStringLiteral("r1")});
    QTRY_VERIFY_WITH_TIMEOUT(ws.plots()->lossPointCount() >= 6, 5000);
    const int before = ws.plots()->lossPointCount();
    QTRY_VERIFY_WITH_TIMEOUT(ws.plots()->lossPointCount() > before, 30000);  // points keep arriving

    // A second studio attaches to the live run and follows it.
    {
      TrainingWorkspace other;
      other.setRunsDirectory(runs);
      QCOMPARE(other.runStatus(QStringLiteral("r1")), QStringLiteral("running"));
      QVERIFY(other.metricCount(QStringLiteral("r1")) > 0);
    }

    saveShot(ws, "training");
    QVERIFY(ws.stopRun(QStringLiteral("r1")));
    QTRY_COMPARE_WITH_TIMEOUT(ws.runStatus(QStringLiteral("r1")), QStringLiteral("stopped"), 60000);
    ws.refreshNow();
    const QStringList cks = ws.shownCheckpoints();
    QVERIFY2(!cks.isEmpty(), "no checkpoint listed after stop");
    QVERIFY(QFile::exists(cks.last() + QStringLiteral("/config.json")));
    QVERIFY(!ws.hasRunningWork());
    QSignalSpy open(&ws, &TrainingWorkspace::openInChatRequested);
    auto* list = ws.findChild<QListWidget*>(QStringLiteral("checkpointList"));
    list->setCurrentRow(list->count() - 1);
    ws.findChild<QPushButton*>(QStringLiteral("openInChatButton"))->click();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().first().toString(), cks.last());
  }

  void pauseAndResumeContinueFromCheckpoint() {
    TrainingWorkspace ws;
    ws.setRunsDirectory(tmp_.filePath(QStringLiteral("runs-b")));
    NewRunDialog* d = prepareDialog(ws, QStringLiteral("r2"), 2000);
    QVERIFY(d);
    start(d);
    QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("r2")) >= 5, 90000);
    QVERIFY(ws.pauseRun(QStringLiteral("r2")));
    QTRY_COMPARE_WITH_TIMEOUT(ws.runStatus(QStringLiteral("r2")), QStringLiteral("paused"), 60000);
    ws.refreshNow();
    const int pausedAt = ws.metricCount(QStringLiteral("r2"));
    const QString dir = ws.runDirectory(QStringLiteral("r2"));
    QVERIFY(QDir(dir + QStringLiteral("/checkpoints")).exists(QStringLiteral("step-%1").arg(pausedAt, 8, 10, QLatin1Char('0'))));

    QVERIFY(ws.resumeRun(QStringLiteral("r2")));
    QCOMPARE(ws.runStatus(QStringLiteral("r2")), QStringLiteral("running"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("r2")) >= pausedAt + 3, 90000);
    QVERIFY(runfiles::logTail(dir).contains(QStringLiteral("resuming from")));
    // Steps run on from the checkpoint: 1..n without gaps or repeats.
    JsonlFollower f(dir + QStringLiteral("/metrics.jsonl"));
    const auto records = f.readNew();
    for (int i = 0; i < records.size(); ++i) QCOMPARE(records[i].value(QStringLiteral("step")).toInteger(), qint64(i + 1));
    ws.stopAll();
    QVERIFY(!ws.hasRunningWork());
    QCOMPARE(ws.runStatus(QStringLiteral("r2")), QStringLiteral("paused"));
  }

  // Two data-parallel processes (llavolta launch) from the New Run dialog: the manager shows
  // the world size; pause reaches both ranks through the launcher and resume continues.
  void dataParallelRunPausesAndResumes() {
    TrainingWorkspace ws;
    ws.setRunsDirectory(tmp_.filePath(QStringLiteral("runs-dp")));
    NewRunDialog* d = prepareDialog(ws, QStringLiteral("dp"), 2000);
    QVERIFY(d);
    d->findChild<QSpinBox*>(QStringLiteral("processes"))->setValue(2);
    start(d);
    QVERIFY2(d->errorText().isEmpty(), qPrintable(d->errorText()));
    const QString dir = ws.runDirectory(QStringLiteral("dp"));
    QFile script(dir + QStringLiteral("/launch.sh"));
    QVERIFY(script.open(QIODevice::ReadOnly));
    QVERIFY(script.readAll().contains("launch --nproc 2"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("dp")) >= 4, 90000);
    ws.selectRuns({QStringLiteral("dp")});
    QTRY_VERIFY(ws.findChild<QLabel*>(QStringLiteral("runSummary"))->text().contains(QStringLiteral("2 processes")));
    QVERIFY(ws.pauseRun(QStringLiteral("dp")));
    QTRY_COMPARE_WITH_TIMEOUT(ws.runStatus(QStringLiteral("dp")), QStringLiteral("paused"), 60000);
    ws.refreshNow();
    const int pausedAt = ws.metricCount(QStringLiteral("dp"));
    QVERIFY(QDir(dir + QStringLiteral("/checkpoints")).exists(QStringLiteral("step-%1").arg(pausedAt, 8, 10, QLatin1Char('0'))));
    QVERIFY2(runfiles::logTail(dir).contains(QStringLiteral("[rank 1]")), qPrintable(runfiles::logTail(dir)));
    QVERIFY(ws.resumeRun(QStringLiteral("dp")));
    QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("dp")) >= pausedAt + 2, 90000);
    ws.stopAll();
    QVERIFY(!ws.hasRunningWork());
  }

  void killedTrainerIsFailedAndReattachKeepsMetrics() {
    const QString runs = tmp_.filePath(QStringLiteral("runs-c"));
    int count = 0;
    {
      TrainingWorkspace ws;
      ws.setRunsDirectory(runs);
      QSignalSpy errors(&ws, &TrainingWorkspace::errorOccurred);
      NewRunDialog* d = prepareDialog(ws, QStringLiteral("r3"), 2000);
      QVERIFY(d);
      start(d);
      QTRY_VERIFY_WITH_TIMEOUT(ws.metricCount(QStringLiteral("r3")) >= 3, 90000);
      const qint64 pid = ws.runPid(QStringLiteral("r3"));
      QVERIFY(pid > 0);
      QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
      QTRY_COMPARE_WITH_TIMEOUT(ws.runStatus(QStringLiteral("r3")), QStringLiteral("failed"), 20000);
      QVERIFY(!errors.isEmpty());
      QVERIFY(!ws.findChild<QLabel*>(QStringLiteral("errorLabel"))->text().isEmpty());
      ws.refreshNow();
      count = ws.metricCount(QStringLiteral("r3"));
      QVERIFY(count >= 3);
    }
    TrainingWorkspace again;  // a restarted studio
    again.setRunsDirectory(runs);
    QCOMPARE(again.runStatus(QStringLiteral("r3")), QStringLiteral("failed"));
    QCOMPARE(again.metricCount(QStringLiteral("r3")), count);
    again.selectRuns({QStringLiteral("r3")});
    QCOMPARE(again.plots()->lossPointCount(), count);
  }

  void overlayOfSeveralRuns() {
    // A second run beside r2 (a copy of its files): selecting both overlays one loss curve each.
    const QString runs = tmp_.filePath(QStringLiteral("runs-b"));
    QDir().mkpath(runs + QStringLiteral("/r2-copy"));
    for (const char* f : {"run.json", "metrics.jsonl"})
      QVERIFY(QFile::copy(runs + QStringLiteral("/r2/") + f, runs + QStringLiteral("/r2-copy/") + f));
    TrainingWorkspace ws;
    ws.setRunsDirectory(runs);
    QCOMPARE(ws.runStatus(QStringLiteral("r2-copy")), QStringLiteral("stopped"));
    ws.selectRuns({QStringLiteral("r2"), QStringLiteral("r2-copy")});
    QCOMPARE(ws.plots()->lossPlot()->graphCount(), 2);
    QCOMPARE(ws.plots()->lossPlot()->graph(1)->name(), QStringLiteral("r2-copy"));
    QCOMPARE(ws.plots()->lossPointCount(), 2 * ws.metricCount(QStringLiteral("r2")));
  }

  void runTrainedFromATerminalShowsAsRunning() {
    // A folder without studio.json whose lock a `llavolta train` holds (here: this process) is
    // running, not a stopped run to resume into a second trainer.
    const QString runs = tmp_.filePath(QStringLiteral("runs-d"));
    QDir().mkpath(runs + QStringLiteral("/cli"));
    QVERIFY(QFile::copy(tmp_.filePath(QStringLiteral("runs-b/r2/run.json")), runs + QStringLiteral("/cli/run.json")));
    TrainingWorkspace ws;
    ws.setRunsDirectory(runs);
    QCOMPARE(ws.runStatus(QStringLiteral("cli")), QStringLiteral("stopped"));
    ws.selectRuns({QStringLiteral("cli")});  // the studio polls active and selected runs
    {
      const llavolta::training::runfiles::RunFolderLock lock((runs + QStringLiteral("/cli")).toStdString());
      ws.refreshNow();
      QCOMPARE(ws.runStatus(QStringLiteral("cli")), QStringLiteral("running"));
      QCOMPARE(ws.runPid(QStringLiteral("cli")), static_cast<qint64>(::getpid()));
    }
    ws.refreshNow();
    QCOMPARE(ws.runStatus(QStringLiteral("cli")), QStringLiteral("stopped"));
  }
};

QTEST_MAIN(TestTrainingWorkspace)
#include "test_training_workspace.moc"
