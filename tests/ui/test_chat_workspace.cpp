// ctest-labels: ui unit
// The Chat workspace against a tiny random model: streaming, stop, schemes, compare mode,
// a GUI thread that stays responsive while the worker generates.
#include "studio_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include "ui/chat/chat_workspace.h"
#include "ui/chat/transcript.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/worker/engine_controller.h"

using namespace llavolta;

class ChatWorkspaceTest : public QObject {
  Q_OBJECT

 private:
  ui::EngineController* engine_ = nullptr;
  ui::ChatWorkspace* chat_ = nullptr;

  void ask(const QString& question, int maxTokens) {
    ui::SamplingValues sampling;
    sampling.maxNewTokens = maxTokens;
    sampling.stopAtEos = false;  // a random model may say EOS at once
    chat_->setSampling(sampling);
    chat_->setQuestion(question);
    QVERIFY2(chat_->send(), qPrintable(chat_->lastError()));
  }

  ui::ChatStatsValue askAndWait(const QString& question, int maxTokens) {
    QSignalSpy finished(chat_, &ui::ChatWorkspace::answerFinished);
    ask(question, maxTokens);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000); }();
    if (finished.isEmpty()) return {};
    return finished.last().at(1).value<ui::ChatStatsValue>();
  }

 private Q_SLOTS:
  void initTestCase() {
    testing::isolateStudioSettings();
    qRegisterMetaType<ui::ChatStatsValue>();
    engine_ = new ui::EngineController(this);
    chat_ = new ui::ChatWorkspace(engine_);
    QSignalSpy loaded(engine_, &ui::EngineController::modelLoaded);
    ui::LoadRequest request;
    request.modelDir = testing::tinyStudioModel();
    engine_->loadModel(request);
    QVERIFY(loaded.wait(30000));
    chat_->setModel(engine_->model());
    chat_->setImage(testing::testPicture(), QStringLiteral("test"));
  }

  void cleanupTestCase() {
    delete chat_;
    engine_->shutdown();
  }

  void init() {
    chat_->newConversation();
    chat_->setCompareMode(false);
    chat_->schemeSelector()->setSpec(QStringLiteral("none"));
  }

  // The Sampling panel carries the engine's whole options struct: top-k reaches the sampler
  // (top-k 1 at temperature 1 must give the greedy answer) and the values round-trip.
  void samplingPanelReachesTheEngine() {
    ui::SamplingValues greedy;
    greedy.maxNewTokens = 6;
    greedy.stopAtEos = false;
    chat_->setSampling(greedy);
    chat_->setQuestion(QStringLiteral("What is this?"));
    QVERIFY(chat_->send());
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000);
    const QString greedyAnswer = chat_->columns()[0].exchanges.back().answer;
    QVERIFY(!greedyAnswer.isEmpty());
    chat_->newConversation();
    ui::SamplingValues topOne = greedy;
    topOne.temperature = 1.0;
    topOne.topK = 1;
    topOne.topP = 0.9;
    topOne.repetitionPenalty = 1.0;
    topOne.seed = 42;
    chat_->setSampling(topOne);
    const auto back = chat_->sampling();
    QCOMPARE(back.topK, int64_t(1));
    QCOMPARE(back.seed, uint64_t(42));
    QVERIFY(std::abs(back.topP - 0.9) < 1e-9);
    chat_->setQuestion(QStringLiteral("What is this?"));
    QVERIFY(chat_->send());
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000);
    QCOMPARE(chat_->columns()[0].exchanges.back().answer, greedyAnswer);
  }

  void streamsAnswerPieceByPiece() {
    QSignalSpy pieces(chat_, &ui::ChatWorkspace::answerPiece);
    askAndWait(QStringLiteral("What is in the picture?"), 12);
    QVERIFY2(pieces.count() > 1, "the answer should arrive in several pieces");
    QString joined;
    for (const auto& args : pieces) joined += args.at(1).toString();
    const auto& exchange = chat_->columns()[0].exchanges.back();
    QVERIFY(exchange.finished);
    QVERIFY(!exchange.answer.isEmpty());
    QCOMPARE(joined, exchange.answer);
    QCOMPARE(exchange.stats.generatedTokens, 12);
  }

  void stopsMidway() {
    QSignalSpy finished(chat_, &ui::ChatWorkspace::answerFinished);
    connect(chat_, &ui::ChatWorkspace::answerPiece, chat_, &ui::ChatWorkspace::stop, Qt::SingleShotConnection);
    ask(QStringLiteral("Tell me a very long story."), 1500);
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().at(2).toBool());  // stopped
    const auto& exchange = chat_->columns()[0].exchanges.back();
    QVERIFY(exchange.stopped);
    QVERIFY(exchange.stats.generatedTokens < 1500);
  }

  void schemeChangesTokenCounts() {
    const ui::ChatStatsValue none = askAndWait(QStringLiteral("What colour is the square?"), 2);
    QCOMPARE(none.visualTokensBefore, 16);
    QCOMPARE(none.visualTokensAfter, 16);
    chat_->schemeSelector()->setSpec(QStringLiteral("vcc:layer=1,stride=4"));
    QVERIFY(chat_->schemeSelector()->errorText().isEmpty());
    const ui::ChatStatsValue vcc = askAndWait(QStringLiteral("And now?"), 2);
    QCOMPARE(vcc.visualTokensBefore, 16);
    QCOMPARE(vcc.visualTokensAfter, 4);
    QVERIFY(vcc.visualTokensTotal < none.visualTokensTotal);
    QVERIFY(vcc.compressionRatio > 1.5);
    // Both turns are in the conversation, each with its own statistics.
    QCOMPARE(chat_->columns()[0].exchanges.size(), size_t{2});
  }

  void invalidSchemeIsRefusedInline() {
    chat_->schemeSelector()->setSpec(QStringLiteral("vcc:layer=99,stride=8"));
    QVERIFY(!chat_->schemeSelector()->errorText().isEmpty());
    chat_->setQuestion(QStringLiteral("Anything?"));
    QSignalSpy errors(chat_, &ui::ChatWorkspace::errorOccurred);
    QVERIFY(!chat_->send());
    QCOMPARE(errors.count(), 1);
    QVERIFY(chat_->lastError().contains(QStringLiteral("layer")));
    QVERIFY(!chat_->isGenerating());
    chat_->schemeSelector()->setSpec(QStringLiteral("vcc:layer=1,stride=oops"));
    QVERIFY(!chat_->schemeSelector()->validate().isEmpty());
  }

  void compareModeAnswersUnderBothSchemes() {
    chat_->setCompareMode(true);
    chat_->compareSchemeSelector()->setSpec(QStringLiteral("vcc:layer=0,stride=2"));
    QSignalSpy finished(chat_, &ui::ChatWorkspace::answerFinished);
    ask(QStringLiteral("How many shapes?"), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000);
    QCOMPARE(finished.count(), 2);
    const auto& columns = chat_->columns();
    QCOMPARE(columns[0].exchanges.back().stats.visualTokensAfter, 16);
    QCOMPARE(columns[1].exchanges.back().stats.visualTokensAfter, 8);
    QVERIFY(chat_->markdown().contains(QStringLiteral("How many shapes?")));
    QVERIFY(chat_->json().contains(QStringLiteral("\"visual_tokens_after\": 8")));
  }

  // The transcript is a record: each turn keeps the scheme, image and model it was answered
  // with (the "Scheme:" header used to be rewritten for the whole conversation).
  void transcriptRecordsSchemeAndImagePerTurn() {
    askAndWait(QStringLiteral("First question?"), 2);
    chat_->schemeSelector()->setSpec(QStringLiteral("vcc:layer=1,stride=4"));
    askAndWait(QStringLiteral("Second question?"), 2);
    chat_->setImage(testing::testPicture(), QStringLiteral("second.png"));
    askAndWait(QStringLiteral("Third question?"), 2);
    const QString md = chat_->markdown();
    const auto at = [&](const QString& text) { return md.indexOf(text); };
    QVERIFY2(at(QStringLiteral("Scheme: `none`")) >= 0 && at(QStringLiteral("Scheme: `none`")) < at(QStringLiteral("First question?")), qPrintable(md));
    QVERIFY2(at(QStringLiteral("First question?")) < at(QStringLiteral("Scheme: `vcc:layer=1,stride=4`")) &&
                 at(QStringLiteral("Scheme: `vcc:layer=1,stride=4`")) < at(QStringLiteral("Second question?")),
             qPrintable(md));
    QVERIFY2(at(QStringLiteral("Image: test")) < at(QStringLiteral("First question?")), qPrintable(md));
    QVERIFY2(at(QStringLiteral("Second question?")) < at(QStringLiteral("Image: second.png")) &&
                 at(QStringLiteral("Image: second.png")) < at(QStringLiteral("Third question?")),
             qPrintable(md));
    const auto turns = QJsonDocument::fromJson(chat_->json().toUtf8())
                           .object()["columns"].toArray()[0].toObject()["turns"].toArray();
    QCOMPARE(turns.size(), 3);
    QCOMPARE(turns[0].toObject()["scheme"].toString(), QStringLiteral("none"));
    QCOMPARE(turns[1].toObject()["scheme"].toString(), QStringLiteral("vcc:layer=1,stride=4"));
    QCOMPARE(turns[2].toObject()["image"].toString(), QStringLiteral("second.png"));
    QVERIFY(!turns[0].toObject()["model"].toString().isEmpty());
    // A question about the new image carries only the turns about that image as context.
    QCOMPARE(chat_->columns()[0].turnsFor(QStringLiteral("Fourth?"), QStringLiteral("second.png")).size(), size_t{2});
    // Compare: column B continues from this history, marked as answered in column A.
    chat_->setCompareMode(true);
    chat_->compareSchemeSelector()->setSpec(QStringLiteral("vcc:layer=0,stride=2"));
    for (const auto& e : chat_->columns()[1].exchanges) QVERIFY(e.inherited);
    QCOMPARE(chat_->columns()[1].exchanges[0].scheme, QStringLiteral("none"));
    QVERIFY(chat_->markdown().contains(QStringLiteral("(in the first column, before Compare was switched on)")));
    chat_->setImage(testing::testPicture(), QStringLiteral("test"));
  }

  void stopDuringPrefillShowsNoZeroStatistics() {
    ui::TranscriptColumn column;
    ui::Exchange e;
    e.question = QStringLiteral("q");
    e.scheme = QStringLiteral("none");
    e.finished = e.stopped = true;  // stopped before the prefill: statistics all zero
    column.exchanges.push_back(e);
    const QString html = ui::columnHtml(column, QPalette());
    QVERIFY2(!html.contains(QStringLiteral("0 → 0 visual tokens")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("stopped before the prefill finished")));
  }

  void guiThreadStaysResponsive() {
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start();
    ask(QStringLiteral("Describe everything."), 300);
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->isGenerating(), 30000);
    timer.stop();
    const auto& exchange = chat_->columns()[0].exchanges.back();
    const double ms = exchange.stats.prefillMs + exchange.stats.decodeMs;
    // The timer kept firing while the worker generated (not only once afterwards).
    QVERIFY2(ticks >= 3, qPrintable(QStringLiteral("ticks %1 during %2 ms").arg(ticks).arg(ms)));
  }

  void errorsWithoutImage() {
    chat_->setImage(QImage(), QStringLiteral("none"));
    QVERIFY(!chat_->lastError().isEmpty());
    chat_->setImage(testing::testPicture(), QStringLiteral("test"));
    QVERIFY(!chat_->openImageFile(QStringLiteral("/nonexistent/picture.png")));
    QVERIFY(chat_->lastError().contains(QStringLiteral("picture.png")));
    QVERIFY(!chat_->image().isNull());  // the previous picture stays
  }
};

QTEST_MAIN(ChatWorkspaceTest)
#include "test_chat_workspace.moc"
