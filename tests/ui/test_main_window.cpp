// ctest-labels: ui unit
// The main window with bad input: a file that is not an image, a corrupt model folder. The
// error reaches the user (errorShown; dialogs are off in tests) and the studio stays usable.
// The model comes from `llavolta init-model`, so this file needs no torch headers.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QStatusBar>
#include <QComboBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/chat/chat_workspace.h"
#include "ui/compression/compression_workspace.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_workspace.h"
#include "ui/benchmark/benchmark_workspace.h"
#include "ui/shell/model_panel.h"
#include "ui/widgets/elided_label.h"
#include "ui/worker/engine_controller.h"

using namespace llavolta;

namespace {

QString tinyModel() {
  static QTemporaryDir dir;
  static QString model;
  if (model.isEmpty()) {
    const QString out = dir.filePath(QStringLiteral("tiny"));
    QProcess cli;
    cli.start(QStringLiteral(LLAVOLTA_CLI_PATH),
              {QStringLiteral("init-model"), QStringLiteral("--config"),
               QStringLiteral(LLAVOLTA_SOURCE_DIR "/resources/configs/tiny.json"), QStringLiteral("--out"), out,
               QStringLiteral("--seed"), QStringLiteral("5")});
    if (cli.waitForFinished(120000) && cli.exitCode() == 0) model = out;
  }
  return model;
}

QImage testPicture() {
  QImage image(56, 56, QImage::Format_RGB888);
  image.fill(QColor(30, 120, 200));
  QPainter p(&image);
  p.fillRect(14, 14, 28, 28, QColor(240, 200, 20));
  return image;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LLaVolta-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("studio-tests"));
    QVERIFY2(!tinyModel().isEmpty(), "llavolta init-model failed");
    qRegisterMetaType<ui::ModelInfo>();
  }

  void nonImageFileIsRefused() {
    ui::MainWindow window;
    window.setInteractive(false);
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("notes.png"));
    writeFile(fake, "this is not a picture");
    QSignalSpy errors(&window, &ui::MainWindow::errorShown);
    QVERIFY(!window.openImage(fake));
    QCOMPARE(errors.count(), 1);
    QVERIFY(window.lastError().contains(QStringLiteral("notes.png")));
    // Still usable: a real picture opens.
    const QString good = dir.filePath(QStringLiteral("good.png"));
    QVERIFY(testPicture().save(good));
    QVERIFY(window.openImage(good));
    QCOMPARE(window.chat()->imageSource(), good);
  }

  void corruptModelIsReportedAndAnotherLoads() {
    ui::MainWindow window;
    window.setInteractive(false);
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("config.json")), "{ not json");
    writeFile(dir.filePath(QStringLiteral("model.safetensors")), "garbage");
    QSignalSpy errors(&window, &ui::MainWindow::errorShown);
    window.openModel(dir.path());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 30000);
    QVERIFY(!window.lastError().isEmpty());
    QVERIFY(!window.engine()->hasModel());
    QVERIFY(!window.engine()->busy());

    QSignalSpy ready(&window, &ui::MainWindow::modelReady);
    window.startup(tinyModel(), QString());
    QVERIFY(ready.wait(30000));
    QVERIFY(window.engine()->hasModel());
    // The sample scene is there with a question ready to send.
    QVERIFY(!window.chat()->image().isNull());
    QCOMPARE(window.chat()->imageSource(), QStringLiteral("sample"));
    QVERIFY(!window.chat()->question().isEmpty());
    QCOMPARE(window.compression()->prompt(), window.chat()->question());

    // Another image: the sample's question ("What colour is the diamond?") is about the sample
    // scene, so it is cleared in Chat and Compression; a question the user typed would stay.
    QTemporaryDir images;
    const QString other = images.filePath(QStringLiteral("other.png"));
    QImage picture(64, 48, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    QVERIFY(picture.save(other));
    QVERIFY(window.openImage(other));
    QCOMPARE(window.chat()->question(), QString());
    QCOMPARE(window.compression()->prompt(), QString());
    window.chat()->setQuestion(QStringLiteral("Is there a square?"));
    picture.fill(Qt::darkRed);
    QVERIFY(picture.save(other));
    QVERIFY(window.openImage(other));
    QCOMPARE(window.chat()->question(), QStringLiteral("Is there a square?"));
  }

  void failedLoadKeepsTheWorkingModel() {
    ui::MainWindow window;
    window.setInteractive(false);
    QSignalSpy ready(&window, &ui::MainWindow::modelReady);
    window.startup(tinyModel(), QString());
    QVERIFY(ready.wait(30000));
    const QString good = window.engine()->model().directory;
    QVERIFY(!good.isEmpty());

    // A folder without config.json, then one whose safetensors is cut short.
    QTemporaryDir noConfig;
    QVERIFY(QFile::copy(QDir(tinyModel()).filePath(QStringLiteral("model.safetensors")),
                        noConfig.filePath(QStringLiteral("model.safetensors"))));
    QTemporaryDir truncated;
    for (const QString& name : QDir(tinyModel()).entryList(QDir::Files))
      QVERIFY(QFile::copy(QDir(tinyModel()).filePath(name), truncated.filePath(name)));
    {
      QFile f(truncated.filePath(QStringLiteral("model.safetensors")));
      QVERIFY(f.resize(f.size() / 2));
    }
    QSignalSpy errors(&window, &ui::MainWindow::errorShown);
    int expected = 0;
    for (const QString& bad : {noConfig.path(), truncated.path()}) {
      window.openModel(bad);
      ++expected;
      QTRY_COMPARE_WITH_TIMEOUT(errors.count(), expected, 30000);
      QVERIFY(!window.engine()->busy());
      QVERIFY(window.engine()->hasModel());
      QCOMPARE(window.engine()->model().directory, good);
      // Reload goes back to the model that works, not to the folder that failed.
      QCOMPARE(window.modelPanel()->modelDir(), good);
    }
    // The model still answers. While tokens stream the status bar says so, not "prefill".
    auto* activity = window.findChild<QLabel*>(QStringLiteral("activity"));
    QVERIFY(activity);
    QStringList whileStreaming;
    connect(window.engine(), &ui::EngineController::chatPiece, activity,
            [&] { whileStreaming << activity->text(); });
    QSignalSpy finished(window.engine(), &ui::EngineController::chatFinished);
    QSignalSpy failed(window.engine(), &ui::EngineController::chatFailed);
    window.chat()->setQuestion(QStringLiteral("What colour is the square?"));
    ui::SamplingValues sampling;
    sampling.maxNewTokens = 8;
    sampling.stopAtEos = false;
    window.chat()->setSampling(sampling);
    QVERIFY(window.chat()->send());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, 60000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!whileStreaming.isEmpty());
    for (const QString& text : whileStreaming) QCOMPARE(text, QStringLiteral("Generating"));
    QTRY_VERIFY(activity->text().isEmpty());
    // Esc with nothing running leaves no "Stopping…" behind.
    window.stopEverything();
    QVERIFY(activity->text().isEmpty());
  }

  void quitQuestionNamesTheWorkAndWhatHappensToIt() {
    QVERIFY(ui::MainWindow::quitQuestion(false, false, {}, false).isEmpty());
    const QString one = ui::MainWindow::quitQuestion(false, false, {QStringLiteral("run-7")}, false);
    QVERIFY2(one.contains(QStringLiteral("run-7")), qPrintable(one));
    QVERIFY(one.contains(QStringLiteral("paused")));
    QVERIFY(one.contains(QStringLiteral("checkpoint")));
    QVERIFY(one.contains(QStringLiteral("resume")));
    const QString all = ui::MainWindow::quitQuestion(false, true, {QStringLiteral("a"), QStringLiteral("b")}, true);
    QVERIFY(all.contains(QStringLiteral("generated")));
    QVERIFY(all.contains(QStringLiteral("benchmark")));
    QVERIFY(all.contains(QStringLiteral("&quot;a&quot;, &quot;b&quot;")));
  }

  void missingModelFolderIsReported() {
    ui::MainWindow window;
    window.setInteractive(false);
    QSignalSpy errors(&window, &ui::MainWindow::errorShown);
    window.openModel(QStringLiteral("/nonexistent/model"));
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 30000);
    QVERIFY(!window.chat()->send());  // no model: refused inline, nothing hangs
  }

  // The studio fits a 1024 x 700 screen (a small laptop) with a model loaded: no workspace,
  // tool row or status bar asks for more, so nothing is pushed off the screen.
  void fitsA1024x700Screen() {
    ui::MainWindow window;
    window.startup(tinyModel(), {});
    QTRY_VERIFY_WITH_TIMEOUT(window.modelPanel()->modelDir() == tinyModel(), 30000);
    QString report;
    const auto note = [&report](const char* what, const QWidget* w) {
      const QSize s = w->minimumSizeHint().expandedTo(w->minimumSize());
      report += QStringLiteral("%1 %2x%3; ").arg(QLatin1String(what)).arg(s.width()).arg(s.height());
    };
    note("window", &window);
    note("model panel", window.modelPanel());
    note("chat", window.chat());
    note("compression", window.compression());
    note("training", window.training());
    note("benchmarks", window.benchmarks());
    note("status bar", window.statusBar());
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.width() <= 1024 && window.height() <= 700,
             qPrintable(QStringLiteral("window %1x%2; minimum sizes: ").arg(window.width()).arg(window.height()) + report));
    // A long status message is elided before the permanent labels, whole in its tooltip.
    const QString longMessage = QStringLiteral("Could not load /a/very/long/path/") + QString(300, QLatin1Char('x'));
    Q_EMIT window.chat()->statusMessage(longMessage);
    auto* message = window.findChild<ui::ElidedLabel*>(QStringLiteral("statusMessage"));
    QVERIFY(message);
    QTRY_VERIFY(message->text() != longMessage && message->text().endsWith(QChar(0x2026)));
    QCOMPARE(message->toolTip(), longMessage);
    QVERIFY(message->geometry().right() < window.statusBar()->width());
  }

  // float16 is offered only where it runs (CUDA); a remembered float16 on the CPU loads as
  // bfloat16 instead of failing.
  void float16IsNotOfferedOnTheCpu() {
    ui::ModelPanel panel;
    auto* dtype = panel.findChild<QComboBox*>();
    QVERIFY(dtype);
    const QList<QComboBox*> combos = panel.findChildren<QComboBox*>();
    QComboBox* types = nullptr;
    for (QComboBox* c : combos)
      if (c->findData(QStringLiteral("float16")) >= 0) types = c;
    QVERIFY(types);
    auto* items = qobject_cast<QStandardItemModel*>(types->model());
    QVERIFY(!items->item(types->findData(QStringLiteral("float16")))->isEnabled());
    panel.setLoadSettings(QStringLiteral("cpu"), QStringLiteral("float16"), 0);
    QCOMPARE(panel.loadRequest(QStringLiteral("m")).dtype, QStringLiteral("bfloat16"));
  }

  void workspacesAndShortcuts() {
    ui::MainWindow window;
    QCOMPARE(window.tabs()->count(), 4);
    window.showWorkspace(3);
    QCOMPARE(window.tabs()->currentIndex(), 3);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    // Shortcuts need an active window; offscreen they fire once the window is shown.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(window.tabs()->currentIndex(), 0);
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
