// ctest-labels: model training
// Training with any compression scheme: schedule stages given as scheme specs
// (and the old VCC shorthand), layer rescaling of every scheme's layer parameters,
// training and kill-and-resume with FastV / random / ToMe / k-means / VisionZip
// stages, and the test-time scheme used by evaluation.
#include <array>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/image.h"
#include "training/schedule.h"
#include "training/trainer.h"
#include "support/colour_dataset.h"
#include "support/tiny_model.h"
#include "support/check.h"

using namespace llavolta;
namespace fs = std::filesystem;
using nlohmann::json;
using training::Schedule;

class SchemeTrainingTest : public check::Suite {
 private:
  std::string modelDir_, dataDir_, dataset_;
  engine::ModelConfig config_ = testing::tinyConfig();

  json runConfig(const std::string& out, const json& schedule, int steps = 8) {
    return {{"output_dir", out},
            {"model", {{"init", modelDir_}}},
            {"image_folder", dataDir_},
            {"phases", {{{"name", "instruct"}, {"dataset", dataset_}, {"trainable", {"projector", "llm"}},
                         {"steps", steps}, {"learning_rate", 3e-3}}}},
            {"schedule", schedule},
            {"batch_size", 2},
            {"warmup_ratio", 0.1},
            {"checkpoint_every", 2},
            {"keep_checkpoints", 5},
            {"seed", 1}};
  }
  training::TrainResult train(const json& cfg, bool resume = false, const std::atomic<bool>* stop = nullptr,
                              training::TrainerCallbacks cb = {}) {
    training::Trainer t(training::RunConfig::fromJson(cfg, "test run"));
    return t.run(resume, stop, cb);
  }

 public:
  void initTestCase() override {
    torch::set_num_threads(1);  // bitwise-reproducible runs
    auto model = testing::randomModel(config_, 3);
    modelDir_ = testing::tempDir() + "/init";
    testing::writeModelDir(*model, config_, modelDir_);
    dataDir_ = testing::tempDir();
    // The trainer tests' colour task, smaller: 12 same-size images, 4 questions.
    testing::ColourDatasetOptions data;
    data.samples = 12;
    data.questions = 4;
    data.varySize = false;
    dataset_ = testing::writeColourDataset(dataDir_, data);
  }

  TEST(stagesAcceptSchemeSpecsAndTheVccShorthand) {
    const auto j = json::parse(
        "{\"stages\": [{\"scheme\": \"fastv:layer=2,keep=0.25\", \"until\": 0.5},"
        " {\"layer\": 2, \"stride\": 4, \"until\": 0.75}, {\"scheme\": \"none\", \"until\": 1.0}],"
        " \"test\": {\"scheme\": \"random:layer=2,keep=0.25,seed=7\"}}");
    const auto s = Schedule::fromJson(j, "test");
    COMPARE(s.schemeAt(0, 100), std::string("fastv:layer=2,keep=0.25"));
    COMPARE(s.schemeAt(50, 100), std::string("vcc:layer=2,stride=4"));
    COMPARE(s.schemeAt(99, 100), std::string("none"));
    COMPARE(s.testScheme, std::string("random:layer=2,keep=0.25,seed=7"));
    const auto back = Schedule::fromJson(s.toJson(), "round trip");
    COMPARE(back.stages[0].scheme, s.stages[0].scheme);
    COMPARE(back.testScheme, s.testScheme);
  }

  TEST(layerParametersRescaleForEveryScheme) {
    auto j = json::parse(
        "{\"stages\": [{\"scheme\": \"fastv:layer=16,keep=0.5\", \"until\": 0.2},"
        " {\"scheme\": \"pdrop:layers=8+16+24,keep=0.5\", \"until\": 0.4},"
        " {\"scheme\": \"tome:layer=-1,keep=0.25\", \"until\": 0.6},"
        " {\"scheme\": \"kmeans:layer=8,clusters=4\", \"until\": 0.8},"
        " {\"scheme\": \"visionzip:dominant=3,contextual=1\", \"until\": 1.0}],"
        " \"test\": \"pool2d:layer=8,stride=2\"}");
    const auto r = Schedule::fromJson(j, "test").resolved(8, 16);
    COMPARE(r.stages[0].scheme, std::string("fastv:layer=4,keep=0.5"));
    COMPARE(r.stages[1].scheme, std::string("pdrop:layers=2+4+6,keep=0.5"));
    COMPARE(r.stages[2].scheme, std::string("tome:layer=-1,keep=0.25"));
    COMPARE(r.stages[3].scheme, std::string("kmeans:layer=2,clusters=4,iterations=10"));
    COMPARE(r.stages[4].scheme, std::string("visionzip:dominant=3,contextual=1"));
    COMPARE(r.testScheme, std::string("pool2d:layer=2,stride=2"));
    // Resolving checks each scheme against the model.
    auto bad = json::parse("{\"stages\": [{\"scheme\": \"kmeans:layer=2,clusters=40\", \"until\": 1.0}]}");
    check::expectError([&] { Schedule::fromJson(bad, "test").resolved(4, 16); }, {"40 clusters", "16 visual tokens"});
  }

  // Training under bf16 autocast (the demo recipe's setting) with every scheme: ToMe read its
  // bf16 similarity matrix as floats and stopped with "expected scalar type Float but found
  // BFloat16" on its first step.
  void everySchemeTrainsUnderBf16Autocast_data() {
    check::addColumn<std::string>("spec");
    for (const char* spec : {"vcc:layer=8,stride=4", "pool2d:layer=8,stride=2", "fastv:layer=8,keep=0.25",
                             "pdrop:layers=8+16,keep=0.5", "tome:layer=8,keep=0.25", "kmeans:layer=8,clusters=3",
                             "visionzip:dominant=2,contextual=2", "random:layer=8,keep=0.5,seed=3"})
      check::newRow(spec) << std::string(spec);
  }
  DATA_TEST(everySchemeTrainsUnderBf16Autocast) {
    FETCH(std::string, spec);
    const json schedule = {{"stages", {{{"scheme", spec}, {"until", 1.0}}}}, {"test", spec}};
    const auto out = testing::tempDir() + "/bf16-" + std::to_string(std::hash<std::string>()(spec));
    auto cfg = runConfig(out, schedule, 2);
    cfg["autocast"] = "bf16";
    COMPARE(train(cfg).steps, int64_t(2));
    for (const auto& m : testing::readJsonLines(out + "/metrics.jsonl")) VERIFY(std::isfinite(m["loss"].get<double>()));
  }

  void trainsAndResumesWithNonVccStages_data() {
    check::addColumn<std::string>("first");
    check::addColumn<std::string>("second");
    check::addColumn<int>("tokensFirst");
    check::addColumn<int>("tokensSecond");
    // Layers are written for 32 layers and rescale to the tiny model's 4 (at least 1).
    check::newRow("fastv then random") << "fastv:layer=2,keep=0.25" << "random:layer=16,keep=0.5,seed=3" << 4 << 8;
    check::newRow("tome then kmeans") << "tome:layer=8,keep=0.25" << "kmeans:layer=8,clusters=3" << 4 << 3;
    check::newRow("visionzip then pool2d") << "visionzip:dominant=2,contextual=2" << "pool2d:layer=-1,stride=2" << 4 << 4;
    check::newRow("pdrop then none") << "pdrop:layers=8+16,keep=0.5" << "none" << 4 << 16;
  }
  DATA_TEST(trainsAndResumesWithNonVccStages) {
    FETCH(std::string, first);
    FETCH(std::string, second);
    FETCH(int, tokensFirst);
    FETCH(int, tokensSecond);
    const json schedule = {{"stages", {{{"scheme", first}, {"until", 0.5}},
                                       {{"scheme", second}, {"until", 1.0}}}},
                           {"test", first}};
    const auto tag = std::to_string(std::hash<std::string>()(first + second));
    const auto straight = testing::tempDir() + "/straight-" + tag;
    auto cfg = runConfig(straight, schedule);
    cfg["eval"] = {{"questions", dataDir_ + "/questions.jsonl"}, {"every", 8}, {"limit", 4}};
    train(cfg);
    const auto a = testing::readJsonLines(straight + "/metrics.jsonl");
    COMPARE(a.size(), size_t(8));
    for (int i = 0; i < 8; ++i) {
      VERIFY(std::isfinite(a[i]["loss"].get<double>()));
      COMPARE(a[i]["visual_tokens"].get<int>(), i < 4 ? tokensFirst : tokensSecond);
    }
    // Evaluation uses the test scheme, resolved for the model's depth.
    const auto evals = testing::readJsonLines(straight + "/eval.jsonl");
    COMPARE(evals.size(), size_t(1));
    COMPARE(evals[0]["scheme"].get<std::string>(), a[0]["scheme"].get<std::string>());

    const auto interrupted = testing::tempDir() + "/interrupted-" + tag;
    std::atomic<bool> stop{false};
    training::TrainerCallbacks cb;
    cb.onMetric = [&](const json& m) {
      if (m["step"] == 3) stop = true;  // stop inside the first (non-VCC) stage
    };
    auto icfg = runConfig(interrupted, schedule);
    icfg["eval"] = cfg["eval"];
    VERIFY(train(icfg, false, &stop, cb).stopped);
    COMPARE(train(icfg, true).steps, int64_t(8));
    const auto b = testing::readJsonLines(interrupted + "/metrics.jsonl");
    COMPARE(b.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      COMPARE(b[i]["scheme"], a[i]["scheme"]);
      VERIFY_MSG(std::abs(b[i]["loss"].get<double>() - a[i]["loss"].get<double>()) < 1e-5,
                 check::text("step ", i + 1, ": ", b[i]["loss"].get<double>(), " vs ", a[i]["loss"].get<double>()));
    }
  }
};

LLAVOLTA_TEST_MAIN(SchemeTrainingTest)
