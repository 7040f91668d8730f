// ctest-labels: ui unit
// The Compression workspace: a traced prefill through the worker, the layer slider moving
// the overlay from the uncompressed to the pooled token groups, the attention heat map.
#include "studio_fixture.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/compression/compression_workspace.h"
#include "ui/compression/patch_view.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/worker/engine_controller.h"

using namespace llavolta;

class CompressionWorkspaceTest : public QObject {
  Q_OBJECT

 private:
  ui::EngineController* engine_ = nullptr;
  ui::CompressionWorkspace* view_ = nullptr;

 private Q_SLOTS:
  void initTestCase() {
    testing::isolateStudioSettings();
    engine_ = new ui::EngineController(this);
    view_ = new ui::CompressionWorkspace(engine_);
    view_->resize(1200, 800);
    QSignalSpy loaded(engine_, &ui::EngineController::modelLoaded);
    ui::LoadRequest request;
    request.modelDir = testing::tinyStudioModel();
    engine_->loadModel(request);
    QVERIFY(loaded.wait(30000));
    view_->setModel(engine_->model());
    view_->setImage(testing::testPicture(), QStringLiteral("test"));
    view_->setPrompt(QStringLiteral("What colour is the square?"));
  }

  void cleanupTestCase() {
    delete view_;
    engine_->shutdown();
  }

  void layerSliderChangesOverlay() {
    view_->schemeSelector(0)->setSpec(QStringLiteral("vcc:layer=2,stride=4"));
    view_->schemeSelector(1)->setSpec(QStringLiteral("none"));
    view_->setCompare(true);
    QSignalSpy ready(view_, &ui::CompressionWorkspace::traceReady);
    QVERIFY2(view_->run(), qPrintable(view_->lastError()));
    QVERIFY(ready.wait(30000));
    QVERIFY(view_->hasTrace(0) && view_->hasTrace(1));

    ui::PatchView* a = view_->patchView(0);
    ui::PatchView* b = view_->patchView(1);
    view_->setLayer(1);  // before the compression layer: one token per patch
    QCOMPARE(a->distinctGroupCount(), 16);
    const QImage before = a->render(112);
    view_->setLayer(2);  // pooled with stride 4: four tokens of four patches each
    QCOMPARE(a->distinctGroupCount(), 4);
    QCOMPARE(a->droppedPatchCount(), 0);
    QCOMPARE(b->distinctGroupCount(), 16);  // "none" keeps every token
    std::set<int> owners(a->owners().begin(), a->owners().end());
    QCOMPARE(owners.size(), size_t{4});
    QVERIFY(a->render(112) != before);
    view_->setLayer(-1);
    QCOMPARE(a->distinctGroupCount(), 16);
  }

  void attentionHeatMapFollowsGroups() {
    view_->setAttentionMode(true);
    view_->setLayer(3);
    ui::PatchView* a = view_->patchView(0);
    QCOMPARE(a->distinctGroupCount(), 4);
    const QImage heat = a->render(112);
    view_->setAttentionMode(false);
    QVERIFY(a->render(112) != heat);
  }

  void exportsPng() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("compression.png"));
    QVERIFY(view_->exportPng(path));
    QImage saved(path);
    QVERIFY(!saved.isNull());
  }

  void noModelErrorClearsWhenAModelLoads() {
    // Run before any model is loaded: the workspace says so; once one loads, the message goes.
    ui::EngineController engine;
    ui::CompressionWorkspace view(&engine);
    view.setImage(testing::testPicture(), QStringLiteral("test"));
    QVERIFY(!view.run());
    QVERIFY(view.lastError().contains(QStringLiteral("No model")));
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("compressionError"))->isVisibleTo(&view));
    view.setModel(engine_->model());
    QVERIFY(view.lastError().isEmpty());
    QVERIFY(!view.findChild<QLabel*>(QStringLiteral("compressionError"))->isVisibleTo(&view));
    engine.shutdown();
  }

  void invalidSchemeShowsError() {
    view_->schemeSelector(0)->setSpec(QStringLiteral("vcc:layer=2,stride=0"));
    QSignalSpy errors(view_, &ui::CompressionWorkspace::errorOccurred);
    QVERIFY(!view_->run());
    QCOMPARE(errors.count(), 1);
    QVERIFY(!view_->isRunning());
    view_->schemeSelector(0)->setSpec(QStringLiteral("vcc:layer=2,stride=4"));
    QVERIFY(view_->schemeSelector(0)->errorText().isEmpty());
  }
};

QTEST_MAIN(CompressionWorkspaceTest)
#include "test_compression_workspace.moc"
