// Staged compression schedules: presets, depth rescaling, exact step boundaries.
#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "training/run_config.h"
#include "training/schedule.h"
#include "training/vision_pretrain.h"

#include "support/check.h"

using namespace llavolta;
using check::errorOf;
using training::Schedule;

class ScheduleTest : public check::Suite {
 public:
  TEST(everyPaperPresetIsShipped) {
    const auto names = Schedule::presetNames();
    for (const char* n : {"reproduce", "heavy", "light", "2stage", "3stage-deeper", "3stage-wider", "4stage",
                          "4stage-deeper-wider", "last-stage-compression"})
      VERIFY_MSG(std::find(names.begin(), names.end(), n) != names.end(), n);
    const auto s = Schedule::preset("4stage");
    COMPARE(s.stages.size(), size_t(4));
    COMPARE(s.stages[0].scheme, std::string("vcc:layer=2,stride=8"));
    COMPARE(s.stages[3].scheme, std::string("none"));
    COMPARE(Schedule::preset("heavy").testScheme, std::string("vcc:layer=2,stride=8"));
    COMPARE(Schedule::preset("4stage").testScheme, std::string("none"));
    VERIFY(check::contains(errorOf([] { Schedule::preset("5stage"); }), "presets:"));
  }

  // The demo model's recipe as shipped parses: a clean checkout's scripts/train-demo.sh and
  // scripts/paper-experiment.sh read these files (single.json once named a schedule "none",
  // which is a scheme, not a preset, and stopped both before their first step).
  TEST(shippedRecipesParse) {
    const std::string recipe = LLAVOLTA_SOURCE_DIR "/resources/models/demo/recipe/";
    const auto single = training::RunConfig::fromFile(recipe + "single.json");
    COMPARE(single.schedule.name, std::string("reproduce"));
    COMPARE(single.phases.size(), size_t(2));
    const auto multi = training::RunConfig::fromFile(recipe + "multi.json");
    COMPARE(multi.schedule.name, std::string("4stage"));
    VERIFY(!multi.initModel.empty());
    const auto tower = training::VisionPretrainConfig::fromFile(recipe + "pretrain-vision.json");
    VERIFY(tower.steps > 0);
  }

  TEST(boundariesSwitchAtExactSteps) {
    const auto s = Schedule::preset("4stage");
    COMPARE(s.stageEnds(100), (std::vector<int64_t>{25, 50, 75, 100}));
    COMPARE(s.stageAt(0, 100), 0);
    COMPARE(s.stageAt(24, 100), 0);
    COMPARE(s.stageAt(25, 100), 1);
    COMPARE(s.stageAt(49, 100), 1);
    COMPARE(s.stageAt(50, 100), 2);
    COMPARE(s.stageAt(74, 100), 2);
    COMPARE(s.stageAt(75, 100), 3);
    COMPARE(s.stageAt(99, 100), 3);
    // 3 stages over 10 steps: fractions 1/3, 2/3 round to steps 3 and 7.
    COMPARE(Schedule::preset("3stage-wider").stageEnds(10), (std::vector<int64_t>{3, 7, 10}));
  }

  TEST(absoluteStepsAndShorthand) {
    auto j = nlohmann::json::parse(R"({"stages": [{"layer": 2, "stride": 4, "until": 30},
                                                 {"scheme": "vcc:layer=1,stride=2", "until": 60},
                                                 {"scheme": "none", "until": 1.0}]})");
    const auto s = Schedule::fromJson(j, "test");
    COMPARE(s.stageEnds(200), (std::vector<int64_t>{30, 60, 200}));
    COMPARE(s.schemeAt(29, 200), std::string("vcc:layer=2,stride=4"));
    COMPARE(s.schemeAt(30, 200), std::string("vcc:layer=1,stride=2"));
    COMPARE(s.schemeAt(60, 200), std::string("none"));
    const auto back = Schedule::fromJson(s.toJson(), "round trip");
    COMPARE(back.stageEnds(200), s.stageEnds(200));
  }

  // A preset name from a run config is untrusted: the long fuzz found that a 300-character name
  // escaped as a std::filesystem error ("File name too long"); "../" must not reach a path.
  TEST(presetNamesAreLookedUpNotTurnedIntoPaths) {
    llavolta::check::expectError([] { Schedule::preset(std::string(300, 'a')); }, {"no schedule preset", "presets:"});
    llavolta::check::expectError([] { Schedule::preset("../schedules/4stage"); }, {"no schedule preset"});
    COMPARE(Schedule::preset("4stage").stages.size(), size_t(4));
  }

  TEST(presetsRescaleToOtherDepths) {
    const auto s = Schedule::preset("4stage");
    const auto r32 = s.resolved(32, 576);
    COMPARE(r32.stages[2].scheme, std::string("vcc:layer=16,stride=2"));
    const auto r8 = s.resolved(8, 144);
    COMPARE(r8.stages[0].scheme, std::string("vcc:layer=1,stride=8"));  // 2 * 8/32 = 0.5 -> at least 1
    COMPARE(r8.stages[2].scheme, std::string("vcc:layer=4,stride=2"));
    COMPARE(r8.referenceLayers, int64_t(8));
    const auto light = Schedule::preset("light").resolved(12, 144);
    COMPARE(light.stages[0].scheme, std::string("vcc:layer=6,stride=8"));
    COMPARE(light.testScheme, std::string("vcc:layer=6,stride=8"));
    COMPARE(training::rescaleSchemeLayers("pdrop:layers=8+16+24,keep=0.5", 32, 8),
            std::string("pdrop:layers=2+4+6,keep=0.5"));
  }

  void invalidSchedulesAreClearErrors_data() {
    check::addColumn<std::string>("json");
    check::addColumn<std::string>("expected");
    check::newRow("no stages") << R"({"stages": []})" << "non-empty";
    check::newRow("not increasing") << R"({"stages": [{"layer":2,"stride":8,"until":0.5},{"layer":2,"stride":2,"until":0.4},{"scheme":"none","until":1.0}]})" << "does not come after";
    check::newRow("ends early") << R"({"stages": [{"layer":2,"stride":8,"until":0.5}]})" << "until the end";
    check::newRow("no until") << R"({"stages": [{"layer":2,"stride":8}]})" << "\"until\"";
    check::newRow("bad scheme") << R"({"stages": [{"scheme":"blur:radius=2","until":1.0}]})" << "unknown compression scheme";
    check::newRow("bad stride") << R"({"stages": [{"layer":2,"stride":0,"until":1.0}]})" << "stride";
    check::newRow("fractional step") << R"({"stages": [{"scheme":"none","until":2.5}]})" << "integer";
  }
  DATA_TEST(invalidSchedulesAreClearErrors) {
    FETCH(std::string, json);
    FETCH(std::string, expected);
    const auto msg = errorOf([&] { Schedule::fromJson(nlohmann::json::parse(json), "run.json"); });
    VERIFY_MSG(check::contains(msg, expected), msg);
    VERIFY(check::contains(msg, "run.json") || check::contains(msg, "scheme") || check::contains(msg, "stride"));
  }

  TEST(resolvingChecksTheModel) {
    auto j = nlohmann::json::parse(R"({"reference_layers": 4, "stages": [{"layer": 2, "stride": 32, "until": 1.0}]})");
    const auto msg = errorOf([&] { Schedule::fromJson(j, "run.json").resolved(4, 16); });
    VERIFY_MSG(check::contains(msg, "larger than the 16 visual tokens"), msg);
  }
};

LLAVOLTA_TEST_MAIN(ScheduleTest)
