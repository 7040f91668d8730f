// ctest-labels: ui slow
// The Benchmarks workspace with a tiny model on a tiny generated Shapes-VQA test split:
// a two-scheme benchmark gives two rows, two points and a frontier; exports; reload;
// cancel; a bad sweep is reported and runs nothing.
#include <cmath>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>
#include "ui/widgets/qcustomplot_include.h"

#include "ui/benchmark/benchmark_plot.h"
#include "ui/benchmark/benchmark_result.h"
#include "ui/benchmark/benchmark_workspace.h"
#include "support/cli_runner.h"
#include "support/ui_shots.h"
#include "ui/widgets/plot_style.h"

using llavolta::testing::runLlavolta;
using namespace llavolta::ui;

using llavolta::testing::saveShot;

class TestBenchmarkWorkspace : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString model_, results_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    qputenv("LLAVOLTA_CLI", LLAVOLTA_CLI_PATH);
    model_ = tmp_.filePath(QStringLiteral("model"));
    results_ = tmp_.filePath(QStringLiteral("results"));
    const auto r = runLlavolta({"init-model", "--config", QStringLiteral(LLAVOLTA_SOURCE_DIR "/resources/configs/tiny.json"),
                                "--out", model_, "--seed", "1"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
  }

  void paretoFrontierKeepsNonDominatedPoints() {
    auto make = [](const char* scheme, double tflops, double acc) {
      BenchResult r;
      r.scheme = QString::fromLatin1(scheme);
      r.tflops = tflops;
      r.accuracy = acc;
      return r;
    };
    const QVector<BenchResult> rs{make("none", 3.0, 0.8), make("vcc:a", 1.0, 0.6), make("vcc:b", 2.0, 0.5),
                                  make("vcc:c", 2.5, 0.79), make("vcc:d", 1.0, 0.4)};
    QCOMPARE(paretoFrontier(rs), (QVector<int>{1, 3, 0}));
  }

  // The paper-experiment view: runs of several models (reproduce, heavy, ...) are labelled by
  // name, and every scored point carries its ± standard error bar.
  void runsOfSeveralModelsAreLabelledWithErrorBars() {
    auto make = [](const char* model, const char* scheme, double tflops, double acc, qint64 n) {
      BenchResult r;
      r.model = QString::fromLatin1(model);
      r.scheme = QString::fromLatin1(scheme);
      r.tflops = tflops;
      r.accuracy = acc;
      r.questions = n;
      return r;
    };
    const BenchResult reproduce = make("reproduce-s0", "none", 0.002, 0.45, 1500);
    QVERIFY(std::abs(reproduce.standardError() - std::sqrt(0.45 * 0.55 / 1500)) < 1e-12);
    QCOMPARE(make("m", "none", 1, -1, 10).standardError(), 0.0);  // not scored
    QCOMPARE(make("m", "none", 1, 0.5, 0).standardError(), 0.0);  // no questions
    BenchmarkPlot plot;
    plot.setResults({reproduce, make("heavy-s0", "vcc:layer=1,stride=8", 0.001, 0.42, 1500),
                     make("4stage-s0", "none", 0.002, 0.44, 1500)});
    QCOMPARE(plot.pointCount(), 3);
    QCOMPARE(plot.errorBarCount(), 2);  // one per scheme series
    QStringList labels = plot.pointLabels();
    labels.sort();
    QCOMPARE(labels, (QStringList{"4stage-s0", "heavy-s0", "reproduce-s0"}));
    auto* p = plot.plot();
    p->resize(600, 400);
    p->replot();
    const QString tip = plot.tooltipAt(QPointF(p->xAxis->coordToPixel(0.001), p->yAxis->coordToPixel(42.0)));
    QVERIFY2(tip.contains(QStringLiteral("heavy-s0")) && tip.contains(QStringLiteral("± 1.3")) &&
                 tip.contains(QStringLiteral("1500 questions")),
             qPrintable(tip));
    // Two results on one spot (same cost, same accuracy): the tooltip lists both.
    plot.setResults({reproduce, make("reproduce-s1", "none", 0.002, 0.45, 1500),
                     make("heavy-s0", "vcc:layer=1,stride=8", 0.001, 0.42, 1500)});
    p->replot();
    const QString both = plot.tooltipAt(QPointF(p->xAxis->coordToPixel(0.002), p->yAxis->coordToPixel(45.0)));
    QVERIFY2(both.contains(QStringLiteral("2 points here")) && both.contains(QStringLiteral("reproduce-s0")) &&
                 both.contains(QStringLiteral("reproduce-s1")),
             qPrintable(both));
    // ... and share one label instead of printing their names over each other; so do points a
    // hair apart (45.0 and 44.95%), while 44% keeps its own.
    plot.setResults({reproduce, make("reproduce-s1", "none", 0.002, 0.45, 1500),
                     make("4stage-s0", "none", 0.002, 0.4495, 1500), make("4stage-s1", "none", 0.002, 0.44, 1500),
                     make("heavy-s0", "vcc:layer=1,stride=8", 0.001, 0.42, 1500)});
    labels = plot.pointLabels();
    labels.sort();
    QCOMPARE(labels, (QStringList{"4stage-s1", "heavy-s0", "reproduce-s0, reproduce-s1, 4stage-s0"}));
    plot.setResults({reproduce, make("heavy-s0", "vcc:layer=1,stride=8", 0.001, 0.42, 1500),
                     make("4stage-s0", "none", 0.002, 0.44, 1500)});
    // One model's scheme sweep: the colours say the scheme, no labels.
    plot.setResults({reproduce, make("reproduce-s0", "vcc:layer=1,stride=2", 0.0015, 0.44, 1500)});
    QVERIFY(plot.pointLabels().isEmpty());
    QCOMPARE(plot.errorBarCount(), 2);
  }

  // The paper's LLaVA-1.5-7B points (Table 5, GQA) ship in resources/reference and can be
  // overlaid; their #Tokens agree with the engine's accounting for 576 tokens x 32 layers.
  void paperReferencePointsAreShippedAndDrawn() {
    BenchmarkWorkspace ws;
    auto* check = ws.findChild<QCheckBox*>(QStringLiteral("referenceCheck"));
    QVERIFY(check);
    QVERIFY(check->isEnabled());
    QFile f(QStringLiteral(LLAVOLTA_SOURCE_DIR "/resources/reference/llava15_7b_paper.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto points = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("points")).toArray();
    QCOMPARE(points.size(), 7);
    for (const auto& v : points) {
      const auto o = v.toObject();
      QVERIFY(o.value(QStringLiteral("accuracy")).toDouble() > 0.5 && o.value(QStringLiteral("accuracy")).toDouble() < 0.7);
      const QString label = o.value(QStringLiteral("label")).toString();
      QRegularExpressionMatch m = QRegularExpression(QStringLiteral("layer (\\d+), stride (\\d+)")).match(label);
      const double n = 576, layers = 32;
      const double expected = m.hasMatch() ? n * m.captured(1).toDouble() +
                                                 n / m.captured(2).toDouble() * (layers - m.captured(1).toDouble())
                                           : n * layers;
      QCOMPARE(o.value(QStringLiteral("visual_tokens_total")).toDouble(), expected);
    }
    BenchmarkPlot plot;
    QCOMPARE(plot.loadReference(QStringLiteral(LLAVOLTA_SOURCE_DIR "/resources/reference/llava15_7b_paper.json")), 7);
    plot.setReferenceVisible(true);
    auto* p = plot.plot();
    p->resize(600, 400);
    p->replot();
    const QString tip = plot.tooltipAt(QPointF(p->xAxis->coordToPixel(2.14), p->yAxis->coordToPixel(59.9)));
    QVERIFY2(tip.contains(QStringLiteral("paper: heavy: VCC layer 2, stride 8")), qPrintable(tip));
  }

  // A dark palette (LLAVOLTA_DARK=1) reaches the plot: it stayed a white box with black axes.
  void plotFollowsTheDarkPalette() {
    BenchmarkPlot plot;
    plot.resize(400, 300);
    const QPalette dark = darkPalette();
    plot.setPalette(dark);
    auto* p = plot.plot();
    QCOMPARE(p->xAxis->tickLabelColor(), dark.color(QPalette::WindowText));
    QCOMPARE(p->yAxis->labelColor(), dark.color(QPalette::WindowText));
    const QImage image = p->toPixmap(200, 150).toImage();
    QCOMPARE(QColor(image.pixel(1, 1)), dark.color(QPalette::Base));
    // And back to a light palette.
    plot.setPalette(QPalette(Qt::black, Qt::white, Qt::white, Qt::gray, Qt::gray, Qt::black, Qt::white, Qt::white, Qt::white));
    QCOMPARE(QColor(p->toPixmap(200, 150).toImage().pixel(1, 1)), QColor(Qt::white));
  }

  void badSweepIsReportedAndRunsNothing() {
    BenchmarkWorkspace ws;
    ws.setResultsDirectory(results_);
    ws.addModel(model_);
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("stride"), QStringLiteral("")}});
    QSignalSpy errors(&ws, &BenchmarkWorkspace::errorOccurred);
    QVERIFY(!ws.runBenchmark());
    QCOMPARE(errors.count(), 1);
    QVERIFY(!ws.hasRunningWork());
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("stride"), QStringLiteral("2,4")}, {QStringLiteral("layer"), QStringLiteral("1,2")}});
    QCOMPARE(ws.sweepSpecs().size(), 5);  // none + 2 x 2
  }

  void twoSchemeBenchmarkGivesRowsPointsAndFrontier() {
    BenchmarkWorkspace ws;
    ws.setResultsDirectory(results_);
    ws.addModel(model_);
    ws.useShapesEvalSet(6, 3, 64);
    ws.setSampleLimit(6);
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("layer"), QStringLiteral("1")}, {QStringLiteral("stride"), QStringLiteral("4")}});
    QCOMPARE(ws.sweepSpecs(), (QStringList{QStringLiteral("none"), QStringLiteral("vcc:layer=1,stride=4")}));
    QSignalSpy done(&ws, &BenchmarkWorkspace::benchmarkFinished);
    QSignalSpy added(&ws, &BenchmarkWorkspace::resultAdded);
    QSignalSpy errors(&ws, &BenchmarkWorkspace::errorOccurred);
    QVERIFY(ws.runBenchmark());
    QVERIFY(ws.hasRunningWork());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 100000);
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
    QCOMPARE(done.first().first().toBool(), false);
    QCOMPARE(added.count(), 2);
    QCOMPARE(ws.results().size(), 2);
    QCOMPARE(ws.table()->rowCount(), 2);
    QCOMPARE(ws.plot()->pointCount(), 2);
    QVERIFY(ws.plot()->frontierPointCount() >= 1);
    const auto& none = ws.results()[0];
    const auto& vcc = ws.results()[1];
    QCOMPARE(none.scheme, QStringLiteral("none"));
    QVERIFY(vcc.scheme.startsWith(QStringLiteral("vcc:")));
    QVERIFY(vcc.tflops < none.tflops);
    QVERIFY(vcc.tokens < none.tokens);
    QVERIFY(none.accuracy >= 0);
    QCOMPARE(none.questions, qint64(6));
    // Hovering a point gives its tooltip.
    auto* plot = ws.plot()->plot();
    plot->resize(600, 400);
    plot->replot();
    const double px = plot->xAxis->coordToPixel(vcc.tflops), py = plot->yAxis->coordToPixel(100 * vcc.accuracy);
    QVERIFY(ws.plot()->tooltipAt(QPointF(px, py)).contains(vcc.scheme));

    saveShot(ws, "benchmarks");
    // Exports.
    const QString csv = tmp_.filePath(QStringLiteral("out.csv")), json = tmp_.filePath(QStringLiteral("out.json"));
    QVERIFY(ws.exportCsv(csv));
    QVERIFY(ws.exportJson(json));
    QVERIFY(ws.exportPng(tmp_.filePath(QStringLiteral("out.png"))));
    QVERIFY(ws.exportPdf(tmp_.filePath(QStringLiteral("out.pdf"))));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QStringLiteral("model,scheme,accuracy")));
    QVERIFY(lines[2].contains(QStringLiteral("\"vcc:layer=1,stride=4\"")));
    QCOMPARE(readResultsJson(json).size(), 2);
    QVERIFY(QFileInfo(tmp_.filePath(QStringLiteral("out.png"))).size() > 0);
    QVERIFY(QFileInfo(tmp_.filePath(QStringLiteral("out.pdf"))).size() > 0);

    // Saved in the results directory and reloaded by a fresh workspace.
    QVERIFY(QFile::exists(ws.savedResultsFile()));
    BenchmarkWorkspace again;
    again.setResultsDirectory(results_);
    QCOMPARE(again.results().size(), 2);
    QCOMPARE(again.plot()->pointCount(), 2);
  }

  void failingEvalIsReportedAndTheRestRuns() {
    BenchmarkWorkspace ws;
    ws.setResultsDirectory(results_);
    ws.addModel(model_);
    ws.useShapesEvalSet(6, 3, 64);
    ws.setSampleLimit(3);
    // Layer 50 does not exist in the 4-layer model: that eval fails, "none" still runs.
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("layer"), QStringLiteral("50")}, {QStringLiteral("stride"), QStringLiteral("2")}});
    QSignalSpy done(&ws, &BenchmarkWorkspace::benchmarkFinished);
    QSignalSpy errors(&ws, &BenchmarkWorkspace::errorOccurred);
    QVERIFY(ws.runBenchmark());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("layer")), qPrintable(errors.first().first().toString()));
    QCOMPARE(ws.results().size(), 1);
    QCOMPARE(ws.results().first().scheme, QStringLiteral("none"));
  }

  // A LLaVA-1.5 benchmark (POPE, in LLaVA's layout) next to Shapes-VQA results: the plot shows
  // one benchmark at a time with its own metric, the paper's numbers for it, and a missing file
  // is named before anything runs.
  void llavaBenchmarkRunsWithItsOwnMetric() {
    const QDir pope(tmp_.filePath(QStringLiteral("pope")));
    QVERIFY(pope.mkpath(QStringLiteral("val2014")) && pope.mkpath(QStringLiteral("coco")));
    QFile questions(pope.filePath(QStringLiteral("llava_pope_test.jsonl"))), labels(pope.filePath(QStringLiteral("coco/coco_pope_random.json")));
    QVERIFY(questions.open(QIODevice::WriteOnly) && labels.open(QIODevice::WriteOnly));
    for (int k = 0; k < 4; ++k) {
      const QString image = QStringLiteral("im%1.ppm").arg(k);
      QFile img(pope.filePath(QStringLiteral("val2014/") + image));
      QVERIFY(img.open(QIODevice::WriteOnly));
      img.write("P6\n16 16\n255\n" + QByteArray(16 * 16 * 3, static_cast<char>(40 * k)));
      const QJsonObject q{{QStringLiteral("question_id"), k + 1}, {QStringLiteral("image"), image},
                          {QStringLiteral("text"), QStringLiteral("Is there a dog in the image?\nAnswer the question using a single word or phrase.")},
                          {QStringLiteral("category"), QStringLiteral("random")}};
      const QJsonObject l{{QStringLiteral("question_id"), k + 1}, {QStringLiteral("image"), image},
                          {QStringLiteral("text"), QStringLiteral("Is there a dog in the image?")},
                          {QStringLiteral("label"), k % 2 ? QStringLiteral("no") : QStringLiteral("yes")}};
      questions.write(QJsonDocument(q).toJson(QJsonDocument::Compact) + '\n');
      labels.write(QJsonDocument(l).toJson(QJsonDocument::Compact) + '\n');
    }
    questions.close();
    labels.close();

    BenchmarkWorkspace ws;
    ws.setResultsDirectory(tmp_.filePath(QStringLiteral("results-pope")));
    ws.addModel(model_);
    ws.setSampleLimit(0);
    QSignalSpy errors(&ws, &BenchmarkWorkspace::errorOccurred);
    // A folder without POPE's files: the error names the missing file, nothing runs.
    QVERIFY(QDir().mkpath(tmp_.filePath(QStringLiteral("not-pope"))));
    ws.useLlavaBenchmark(QStringLiteral("pope"), tmp_.filePath(QStringLiteral("not-pope")));
    QVERIFY(!ws.runBenchmark());
    QVERIFY2(errors.last().first().toString().contains(QStringLiteral("llava_pope_test.jsonl")),
             qPrintable(errors.last().first().toString()));

    ws.useLlavaBenchmark(QStringLiteral("pope"), pope.path());
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("layer"), QStringLiteral("1")}, {QStringLiteral("stride"), QStringLiteral("2")}});
    QSignalSpy done(&ws, &BenchmarkWorkspace::benchmarkFinished);
    QVERIFY(ws.runBenchmark());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 100000);
    QCOMPARE(ws.results().size(), 2);
    for (const auto& r : ws.results()) {
      QCOMPARE(r.benchmark, QStringLiteral("pope"));
      QCOMPARE(r.metric, QStringLiteral("f1"));
      QVERIFY(r.score() >= 0 && r.score() <= 100);
      QVERIFY(r.tflops > 0);
    }
    // Compressed costs less than uncompressed, as on Shapes-VQA.
    QVERIFY(ws.results()[1].tflops < ws.results()[0].tflops);
    auto* view = ws.findChild<QComboBox*>(QStringLiteral("benchmarkView"));
    QCOMPARE(view->currentText(), QStringLiteral("POPE"));
    QVERIFY2(ws.plot()->plot()->yAxis->label().contains(QStringLiteral("f1")), qPrintable(ws.plot()->plot()->yAxis->label()));
    QCOMPARE(ws.plot()->pointCount(), 2);
    QCOMPARE(ws.plot()->referenceCount(), 3);  // MODEL_ZOO, LLaVolta's reproduction and its 4-stage run
    ws.findChild<QCheckBox*>(QStringLiteral("referenceCheck"))->setChecked(true);
    saveShot(ws, "benchmarks-pope");
    QVERIFY(ws.findChild<QCheckBox*>(QStringLiteral("referenceCheck"))->isEnabled());
    // The answers stay in the results folder: a rerun resumes from them.
    QVERIFY(QFileInfo::exists(tmp_.filePath(QStringLiteral("results-pope/answers/pope/model/none.jsonl"))));

    // Mixed with Shapes-VQA results, each benchmark has its own view.
    QVector<BenchResult> mixed = ws.results();
    BenchResult shapes;
    shapes.model = QStringLiteral("model");
    shapes.scheme = QStringLiteral("none");
    shapes.accuracy = 0.5;
    shapes.questions = 10;
    shapes.tflops = 0.01;
    mixed.prepend(shapes);
    ws.setResults(mixed);
    QCOMPARE(view->count(), 2);
    QCOMPARE(ws.plot()->pointCount(), 2);  // the newest result's benchmark: POPE
    ws.showBenchmark(QString());
    QCOMPARE(ws.plot()->pointCount(), 1);
    QCOMPARE(ws.plot()->plot()->yAxis->label(), QStringLiteral("accuracy (%)"));
    // Saved and reloaded, a benchmark result keeps its metric.
    const QString file = tmp_.filePath(QStringLiteral("mixed.json"));
    QVERIFY(writeResultsJson(file, mixed));
    const auto back = readResultsJson(file);
    QCOMPARE(back.size(), 3);
    QCOMPARE(back[1].benchmark, QStringLiteral("pope"));
    QCOMPARE(back[1].score(), mixed[1].score());
  }

  void cancelStopsTheBenchmark() {
    BenchmarkWorkspace ws;
    ws.setResultsDirectory(results_);
    ws.addModel(model_);
    ws.useShapesEvalSet(6, 3, 64);  // generated by the previous test: no generation job
    ws.setSampleLimit(0);
    ws.setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("layer"), QStringLiteral("1,2,3")}, {QStringLiteral("stride"), QStringLiteral("2,4")}});
    QSignalSpy done(&ws, &BenchmarkWorkspace::benchmarkFinished);
    auto* saved = ws.findChild<QComboBox*>(QStringLiteral("savedResults"));
    QVERIFY(saved->count() > 0);  // earlier tests saved results here; the newest is shown
    QVERIFY(ws.runBenchmark());
    // The plot is empty now: "Saved:" no longer names the old file.
    QCOMPARE(saved->currentIndex(), -1);
    ws.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(ws.results().size() < 7);
    QVERIFY(!ws.hasRunningWork());
    QVERIFY(ws.findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());
    // The bars say it was cancelled and keep the real count, not a full "jobs 6/6".
    auto* overall = ws.findChild<QProgressBar*>(QStringLiteral("overallProgress"));
    auto* current = ws.findChild<QProgressBar*>(QStringLiteral("currentProgress"));
    QVERIFY(overall->value() < overall->maximum());
    QVERIFY2(overall->text().contains(QStringLiteral("cancelled")), qPrintable(overall->text()));
    QCOMPARE(current->text(), QStringLiteral("cancelled"));
  }

  void runControlsStayInViewAndSpinBoxesIgnoreAnUnfocusedWheel() {
    BenchmarkWorkspace ws;
    ws.setResultsDirectory(results_);
    auto* scroll = ws.findChild<QScrollArea*>(QStringLiteral("setupScroll"));
    QVERIFY(scroll);
    // Run, Cancel and both bars sit outside the scrolling set-up.
    for (const char* name : {"runButton", "cancelButton", "overallProgress", "currentProgress"}) {
      auto* w = ws.findChild<QWidget*>(QString::fromLatin1(name));
      QVERIFY2(w, name);
      QVERIFY2(!scroll->isAncestorOf(w), name);
    }
    for (const QSize size : {QSize(1024, 700), QSize(1400, 900)}) {
      ws.resize(size);
      ws.show();
      QVERIFY(QTest::qWaitForWindowExposed(&ws));
      for (const char* name : {"runButton", "cancelButton", "overallProgress", "currentProgress"}) {
        auto* w = ws.findChild<QWidget*>(QString::fromLatin1(name));
        const QRect inWorkspace(w->mapTo(&ws, QPoint(0, 0)), w->size());
        QVERIFY2(ws.rect().contains(inWorkspace), name);
        QVERIFY2(!w->visibleRegion().isEmpty(), name);
      }
    }
    saveShot(ws, "benchmarks-1400x900");

    // An unfocused spin box in the scrolling panel leaves the wheel to the scroll area.
    auto* count = ws.findChild<QSpinBox*>(QStringLiteral("evalCount"));
    QVERIFY(count);
    QCOMPARE(count->focusPolicy(), Qt::StrongFocus);
    const int before = count->value();
    auto wheel = [count] {
      const QPointF at(count->width() / 2.0, count->height() / 2.0);
      QWheelEvent event(at, count->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                        Qt::NoScrollPhase, false);
      QApplication::sendEvent(count, &event);
    };
    wheel();
    QCOMPARE(count->value(), before);
    // Focused (clicked or tabbed into), it takes the wheel as usual.
    ws.activateWindow();
    count->setFocus();
    QTRY_VERIFY(count->hasFocus());
    wheel();
    QVERIFY(count->value() != before);
  }
};

QTEST_MAIN(TestBenchmarkWorkspace)
#include "test_benchmark_workspace.moc"
