// Staged compression schedules: presets, depth rescaling, exact step boundaries.
#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "training/run_config.h"
#include "training/schedule.h"
#include "training/vision_pretrain.h"

// Qt after torch: Qt's `slots` macro breaks torch headers parsed after it.
#include "support/expect_error.h"
#include <QtTest>

using namespace llavolta;
using testing::errorOf;
using training::Schedule;

class ScheduleTest : public QObject {
  Q_OBJECT

 private slots:
  void everyPaperPresetIsShipped() {
    const auto names = Schedule::presetNames();
    for (const char* n : {"reproduce", "heavy", "light", "2stage", "3stage-deeper", "3stage-wider", "4stage",
                          "4stage-deeper-wider", "last-stage-compression"})
      QVERIFY2(std::find(names.begin(), names.end(), n) != names.end(), n);
    const auto s = Schedule::preset("4stage");
    QCOMPARE(s.stages.size(), size_t(4));
    QCOMPARE(s.stages[0].scheme, std::string("vcc:layer=2,stride=8"));
    QCOMPARE(s.stages[3].scheme, std::string("none"));
    QCOMPARE(Schedule::preset("heavy").testScheme, std::string("vcc:layer=2,stride=8"));
    QCOMPARE(Schedule::preset("4stage").testScheme, std::string("none"));
    QVERIFY(errorOf([] { Schedule::preset("5stage"); }).contains("presets:"));
  }

  // The demo model's recipe as shipped parses: a clean checkout's scripts/train-demo.sh and
  // scripts/paper-experiment.sh read these files (single.json once named a schedule "none",
  // which is a scheme, not a preset, and stopped both before their first step).
  void shippedRecipesParse() {
    const std::string recipe = LLAVOLTA_SOURCE_DIR "/resources/models/demo/recipe/";
    const auto single = training::RunConfig::fromFile(recipe + "single.json");
    QCOMPARE(single.schedule.name, std::string("reproduce"));
    QCOMPARE(single.phases.size(), size_t(2));
    const auto multi = training::RunConfig::fromFile(recipe + "multi.json");
    QCOMPARE(multi.schedule.name, std::string("4stage"));
    QVERIFY(!multi.initModel.empty());
    const auto tower = training::VisionPretrainConfig::fromFile(recipe + "pretrain-vision.json");
    QVERIFY(tower.steps > 0);
  }

  void boundariesSwitchAtExactSteps() {
    const auto s = Schedule::preset("4stage");
    QCOMPARE(s.stageEnds(100), (std::vector<int64_t>{25, 50, 75, 100}));
    QCOMPARE(s.stageAt(0, 100), 0);
    QCOMPARE(s.stageAt(24, 100), 0);
    QCOMPARE(s.stageAt(25, 100), 1);
    QCOMPARE(s.stageAt(49, 100), 1);
    QCOMPARE(s.stageAt(50, 100), 2);
    QCOMPARE(s.stageAt(74, 100), 2);
    QCOMPARE(s.stageAt(75, 100), 3);
    QCOMPARE(s.stageAt(99, 100), 3);
    // 3 stages over 10 steps: fractions 1/3, 2/3 round to steps 3 and 7.
    QCOMPARE(Schedule::preset("3stage-wider").stageEnds(10), (std::vector<int64_t>{3, 7, 10}));
  }

  void absoluteStepsAndShorthand() {
    auto j = nlohmann::json::parse(R"({"stages": [{"layer": 2, "stride": 4, "until": 30},
                                                 {"scheme": "vcc:layer=1,stride=2", "until": 60},
                                                 {"scheme": "none", "until": 1.0}]})");
    const auto s = Schedule::fromJson(j, "test");
    QCOMPARE(s.stageEnds(200), (std::vector<int64_t>{30, 60, 200}));
    QCOMPARE(s.schemeAt(29, 200), std::string("vcc:layer=2,stride=4"));
    QCOMPARE(s.schemeAt(30, 200), std::string("vcc:layer=1,stride=2"));
    QCOMPARE(s.schemeAt(60, 200), std::string("none"));
    const auto back = Schedule::fromJson(s.toJson(), "round trip");
    QCOMPARE(back.stageEnds(200), s.stageEnds(200));
  }

  // A preset name from a run config is untrusted: the long fuzz found that a 300-character name
  // escaped as a std::filesystem error ("File name too long"); "../" must not reach a path.
  void presetNamesAreLookedUpNotTurnedIntoPaths() {
    llavolta::testing::expectError([] { Schedule::preset(std::string(300, 'a')); }, {"no schedule preset", "presets:"});
    llavolta::testing::expectError([] { Schedule::preset("../schedules/4stage"); }, {"no schedule preset"});
    QCOMPARE(Schedule::preset("4stage").stages.size(), size_t(4));
  }

  void presetsRescaleToOtherDepths() {
    const auto s = Schedule::preset("4stage");
    const auto r32 = s.resolved(32, 576);
    QCOMPARE(r32.stages[2].scheme, std::string("vcc:layer=16,stride=2"));
    const auto r8 = s.resolved(8, 144);
    QCOMPARE(r8.stages[0].scheme, std::string("vcc:layer=1,stride=8"));  // 2 * 8/32 = 0.5 -> at least 1
    QCOMPARE(r8.stages[2].scheme, std::string("vcc:layer=4,stride=2"));
    QCOMPARE(r8.referenceLayers, int64_t(8));
    const auto light = Schedule::preset("light").resolved(12, 144);
    QCOMPARE(light.stages[0].scheme, std::string("vcc:layer=6,stride=8"));
    QCOMPARE(light.testScheme, std::string("vcc:layer=6,stride=8"));
    QCOMPARE(training::rescaleSchemeLayers("pdrop:layers=8+16+24,keep=0.5", 32, 8),
             std::string("pdrop:layers=2+4+6,keep=0.5"));
  }

  void invalidSchedulesAreClearErrors_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no stages") << R"({"stages": []})" << "non-empty";
    QTest::newRow("not increasing") << R"({"stages": [{"layer":2,"stride":8,"until":0.5},{"layer":2,"stride":2,"until":0.4},{"scheme":"none","until":1.0}]})" << "does not come after";
    QTest::newRow("ends early") << R"({"stages": [{"layer":2,"stride":8,"until":0.5}]})" << "until the end";
    QTest::newRow("no until") << R"({"stages": [{"layer":2,"stride":8}]})" << "\"until\"";
    QTest::newRow("bad scheme") << R"({"stages": [{"scheme":"blur:radius=2","until":1.0}]})" << "unknown compression scheme";
    QTest::newRow("bad stride") << R"({"stages": [{"layer":2,"stride":0,"until":1.0}]})" << "stride";
    QTest::newRow("fractional step") << R"({"stages": [{"scheme":"none","until":2.5}]})" << "integer";
  }
  void invalidSchedulesAreClearErrors() {
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const auto msg = errorOf([&] { Schedule::fromJson(nlohmann::json::parse(json.toStdString()), "run.json"); });
    QVERIFY2(msg.contains(expected), qPrintable(msg));
    QVERIFY(msg.contains("run.json") || msg.contains("scheme") || msg.contains("stride"));
  }

  void resolvingChecksTheModel() {
    auto j = nlohmann::json::parse(R"({"reference_layers": 4, "stages": [{"layer": 2, "stride": 32, "until": 1.0}]})");
    const auto msg = errorOf([&] { Schedule::fromJson(j, "run.json").resolved(4, 16); });
    QVERIFY2(msg.contains("larger than the 16 visual tokens"), qPrintable(msg));
  }
};

QTEST_GUILESS_MAIN(ScheduleTest)
#include "test_schedule.moc"
