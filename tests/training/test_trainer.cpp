// ctest-labels: model training
// The trainer on a tiny colour-naming task: learning, schedule boundaries,
// kill-and-resume, label layout under compression, bad input.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/chat_template.h"
#include "engine/image.h"
#include "engine/json_file.h"
#include "training/run_files.h"
#include "training/trainer.h"
#include "support/colour_dataset.h"
#include "support/tiny_model.h"
#include "support/check.h"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>

using namespace llavolta;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<json> readMetrics(const std::string& runDir) {
  return testing::readJsonLines((fs::path(runDir) / "metrics.jsonl").string());
}

// patch_words.json for the colour dataset (16 flat images, colours cycling red, green, blue,
// yellow): every patch but the first row shows its colour. Returns the file.
std::string writePatchWords(const std::string& dir, int grid, const std::string& name = "patch_words.json") {
  const char* colours[] = {"red", "green", "blue", "yellow"};
  json images = json::object();
  for (int i = 0; i < 16; ++i)
    images["images/" + std::to_string(i) + ".png"] = {
        {"objects", {std::string(colours[i % 4])}},
        {"cells", std::string(static_cast<size_t>(grid), '.') + std::string(static_cast<size_t>(grid * (grid - 1)), '0')}};
  const std::string file = (fs::path(dir) / name).string();
  std::ofstream(file) << json{{"grid", grid}, {"images", images}}.dump();
  return file;
}

double meanOf(const std::vector<json>& m, size_t from, size_t to, const char* key) {
  double sum = 0;
  for (size_t i = from; i < to; ++i) sum += m.at(i).at(key).get<double>();
  return sum / static_cast<double>(to - from);
}

}  // namespace

class TrainerTest : public check::Suite {
 private:
  std::string modelDir_, dataDir_, dataset_;
  engine::ModelConfig config_ = testing::tinyConfig();

  json runConfig(const std::string& out, int steps = 12) {
    return {{"output_dir", out},
            {"model", {{"init", modelDir_}}},
            {"image_folder", dataDir_},
            {"phases", {{{"name", "instruct"}, {"dataset", dataset_}, {"trainable", {"projector", "llm"}},
                         {"steps", steps}, {"learning_rate", 3e-3}}}},
            {"schedule", "2stage"},
            {"batch_size", 4},
            {"warmup_ratio", 0.1},
            {"checkpoint_every", 4},
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
    dataset_ = testing::writeColourDataset(dataDir_);  // 16 images of varied width, 8 questions
  }

  TEST(learnsAndSwitchesStagesAtExactSteps) {
    const auto run = testing::tempDir() + "/run";
    const auto r = train(runConfig(run, 24));
    COMPARE(r.steps, int64_t(24));
    const auto m = readMetrics(run);
    COMPARE(m.size(), size_t(24));
    // 2stage: vcc (layer 2 of 32 -> 1 of 4, stride 8) for the first half, then none.
    for (int i = 0; i < 24; ++i) {
      COMPARE(m[i]["step"].get<int>(), i + 1);
      COMPARE(m[i]["stage"].get<int>(), i < 12 ? 0 : 1);
      COMPARE(m[i]["scheme"].get<std::string>(), std::string(i < 12 ? "vcc:layer=1,stride=8" : "none"));
      COMPARE(m[i]["visual_tokens"].get<int>(), i < 12 ? 2 : 16);
    }
    const double first = (m[0]["loss"].get<double>() + m[1]["loss"].get<double>()) / 2;
    const double last = (m[22]["loss"].get<double>() + m[23]["loss"].get<double>()) / 2;
    VERIFY_MSG(last < 0.5 * first, check::text("loss ", first, " -> ", last));
    VERIFY(m[23]["train_tflops"].get<double>() > m[0]["train_tflops"].get<double>());
    VERIFY(fs::exists(fs::path(run) / "final" / "model.safetensors"));
    VERIFY(fs::exists(fs::path(run) / "run.json"));
    // The trained model answers through the ordinary engine.
    auto loaded = engine::loadModel(run + "/final");
    COMPARE(loaded.config.text.numLayers, int64_t(4));
  }

  // A dataset that mixes image questions with text-only conversations (as LLaVA-1.5's mix665k
  // does) trains on both: text-only batches skip the tower and carry no visual tokens, and the
  // text answers are learnt as well as the image ones.
  TEST(textOnlySamplesTrainBesideImageOnes) {
    json entries = json::parse(std::ifstream(dataset_));
    const char* colours[] = {"red", "green", "blue", "yellow"};
    for (int i = 0; i < 16; ++i)
      entries.push_back({{"id", "text" + std::to_string(i)},
                         {"conversations",
                          {{{"from", "human"}, {"value", std::string("Say ") + colours[i % 4] + "."}},
                           {{"from", "gpt"}, {"value", colours[i % 4]}}}}});
    const std::string mixed = (fs::path(dataDir_) / "mixed.json").string();
    std::ofstream(mixed) << entries.dump();
    const auto run = testing::tempDir() + "/mixed";
    auto cfg = runConfig(run, 32);
    cfg["phases"][0]["dataset"] = mixed;
    cfg["schedule"] = "reproduce";
    const auto r = train(cfg);
    COMPARE(r.steps, int64_t(32));
    const auto m = readMetrics(run);
    std::vector<double> text, image;
    for (const auto& step : m) (step["visual_tokens"].get<int>() == 0 ? text : image).push_back(step["loss"].get<double>());
    COMPARE(text.size(), size_t(16));  // 16 samples of each kind in batches of 4, over 4 epochs
    COMPARE(image.size(), size_t(16));
    for (const auto* losses : {&text, &image}) {
      const double first = ((*losses)[0] + (*losses)[1]) / 2, last = (losses->end()[-1] + losses->end()[-2]) / 2;
      VERIFY_MSG(last < 0.5 * first, check::text("loss ", first, " -> ", last));
    }
    for (size_t i = 1; i < m.size(); ++i)
      VERIFY(m[i]["train_tflops"].get<double>() > m[i - 1]["train_tflops"].get<double>());
  }

  // "vision_learning_rate" gives a trainable tower its own rate: nearly zero keeps it where it
  // was while the projector and LLM learn; without it the tower moves at the phase's rate.
  TEST(visionTowerHasItsOwnLearningRate) {
    const auto towerDistance = [&](const std::string& run) {
      auto before = engine::loadModel(modelDir_);
      auto after = engine::loadModel(run + "/final");
      double tower = 0, llm = 0;
      auto b = before.model->vision_tower->parameters(), a = after.model->vision_tower->parameters();
      for (size_t i = 0; i < a.size(); ++i) tower += (a[i] - b[i]).abs().sum().item<double>();
      auto bl = before.model->language_model->parameters(), al = after.model->language_model->parameters();
      for (size_t i = 0; i < al.size(); ++i) llm += (al[i] - bl[i]).abs().sum().item<double>();
      return std::make_pair(tower, llm);
    };
    json same = runConfig(testing::tempDir() + "/vision-same", 4);
    same["phases"][0]["trainable"] = {"vision", "projector", "llm"};
    train(same);
    json slow = runConfig(testing::tempDir() + "/vision-slow", 4);
    slow["phases"][0]["trainable"] = {"vision", "projector", "llm"};
    slow["phases"][0]["vision_learning_rate"] = 3e-9;  // a millionth of the phase's 3e-3
    train(slow);
    const auto [towerSame, llmSame] = towerDistance(same["output_dir"].get<std::string>());
    const auto [towerSlow, llmSlow] = towerDistance(slow["output_dir"].get<std::string>());
    VERIFY_MSG(towerSame > 0 && llmSame > 0 && llmSlow > 0, check::text(towerSame, " ", llmSame, " ", llmSlow));
    VERIFY_MSG(towerSlow < 1e-3 * towerSame, check::text("tower moved ", towerSlow, " with the low rate, ", towerSame, " without"));
    // Kept in the run's record, and a negative rate is refused.
    COMPARE(training::RunConfig::fromJson(slow, "t").toJson()["phases"][0]["vision_learning_rate"].get<double>(), 3e-9);
    slow["phases"][0]["vision_learning_rate"] = -1;
    check::expectError([&] { training::RunConfig::fromJson(slow, "t"); }, {"vision_learning_rate"});
  }

  // A phase with its own schedule uses it; the next phase falls back to the run's.
  TEST(phaseScheduleOverridesTheRunSchedule) {
    const auto run = testing::tempDir() + "/phase-schedule";
    json cfg = runConfig(run, 4);
    json first = cfg["phases"][0];
    first["name"] = "pooled";
    first["image_folder"] = dataDir_;  // a phase may read its images from its own folder
    first["schedule"] = {{"stages", {{{"scheme", "pool2d:layer=-1,stride=2"}, {"until", 1.0}}}}};
    cfg["phases"] = {first, cfg["phases"][0]};
    const auto r = train(cfg);
    COMPARE(r.steps, int64_t(8));
    const auto m = readMetrics(run);
    COMPARE(m.size(), size_t(8));
    for (int i = 0; i < 4; ++i) {
      COMPARE(m[i]["phase"].get<std::string>(), std::string("pooled"));
      COMPARE(m[i]["scheme"].get<std::string>(), std::string("pool2d:layer=-1,stride=2"));
      COMPARE(m[i]["visual_tokens"].get<int>(), 4);  // 4x4 patches in 2x2 windows
    }
    for (int i = 4; i < 8; ++i)
      COMPARE(m[i]["scheme"].get<std::string>(), std::string(i < 6 ? "vcc:layer=1,stride=8" : "none"));
    const auto saved = engine::readJsonFile(run + "/run.json", "run.json");
    VERIFY(saved["phases"][0].contains("schedule"));
    VERIFY(!saved["phases"][1].contains("schedule"));
    COMPARE(saved["phases"][0]["image_folder"].get<std::string>(), dataDir_);
    const auto back = training::RunConfig::fromJson(saved, "saved run");
    VERIFY(back.phases[0].schedule.has_value());
    COMPARE(back.phases[0].schedule->stages.size(), size_t(1));
  }

  TEST(periodicEvaluationIsRecorded) {
    const auto run = testing::tempDir() + "/eval";
    auto cfg = runConfig(run, 8);
    cfg["eval"] = {{"questions", dataDir_ + "/questions.jsonl"}, {"every", 4}, {"limit", 6}};
    std::vector<json> seen;
    training::TrainerCallbacks cb;
    cb.onEval = [&](const json& r) { seen.push_back(r); };
    train(cfg, false, nullptr, cb);
    std::vector<json> lines;
    std::ifstream in(fs::path(run) / "eval.jsonl");
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    COMPARE(lines.size(), size_t(2));  // steps 4 and 8 (the end)
    COMPARE(lines[0]["step"].get<int>(), 4);
    COMPARE(lines[1]["step"].get<int>(), 8);
    COMPARE(lines[1]["questions"].get<int>(), 6);
    COMPARE(lines[1]["scheme"].get<std::string>(), std::string("none"));  // 2stage tests uncompressed
    VERIFY(lines[1].contains("accuracy"));
    COMPARE(lines[1]["accuracy"]["total"].get<int>(), 6);
    COMPARE(seen.size(), size_t(2));
  }

  TEST(killAndResumeReproducesTheMetrics) {
    const auto straight = testing::tempDir() + "/straight";
    train(runConfig(straight));
    const auto interrupted = testing::tempDir() + "/interrupted";
    std::atomic<bool> stop{false};
    training::TrainerCallbacks cb;
    cb.onMetric = [&](const json& m) {
      if (m["step"] == 6) stop = true;  // like SIGINT arriving during step 6
    };
    const auto first = train(runConfig(interrupted), false, &stop, cb);
    VERIFY(first.stopped);
    COMPARE(first.steps, int64_t(6));
    VERIFY(fs::exists(fs::path(interrupted) / "checkpoints" / "step-00000006" / "state.json"));
    // A checkpoint write killed half-way leaves a .tmp- folder that resume ignores.
    fs::create_directories(fs::path(interrupted) / "checkpoints" / ".tmp-step-00000007");
    // Keeping one checkpoint prunes the one we resume from as soon as the next is written.
    auto resumed = runConfig(interrupted);
    resumed["keep_checkpoints"] = 1;
    const auto second = train(resumed, true);
    COMPARE(second.steps, int64_t(12));
    const auto a = readMetrics(straight), b = readMetrics(interrupted);
    COMPARE(b.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      COMPARE(b[i]["step"], a[i]["step"]);
      COMPARE(b[i]["scheme"], a[i]["scheme"]);
      COMPARE(b[i]["lr"].get<double>(), a[i]["lr"].get<double>());
      VERIFY_MSG(std::abs(b[i]["loss"].get<double>() - a[i]["loss"].get<double>()) < 1e-5,
                 check::text("step ", i + 1, ": ", b[i]["loss"].get<double>(), " vs ", a[i]["loss"].get<double>()));
    }
  }

  // Answer labels, and the prompt loss's targets (exactly the text tokens that are not answers),
  // follow the tokens under compression and left padding.
  TEST(labelsFollowTheTokensUnderCompression) {
    training::Batch batch;
    batch.ids = {{1, 10, engine::kImageSentinel, 11, 12, 13}, {1, engine::kImageSentinel, 21, 22}};
    batch.labels = {{-100, -100, -100, -100, 12, 13}, {-100, -100, -100, 22}};
    engine::PrefillOutput out;
    out.paddingPerSample = {0, 2};
    out.spanStart = {2, 3};
    out.spanLength = 4;  // 16 patches pooled by 4
    auto row = [](const torch::Tensor& t, int64_t i) {
      return std::vector<int64_t>(t[i].data_ptr<int64_t>(), t[i].data_ptr<int64_t>() + 9);
    };
    const auto labels = training::alignLabels(batch, out, 9);
    COMPARE(row(labels, 0), (std::vector<int64_t>{-100, -100, -100, -100, -100, -100, -100, 12, 13}));
    COMPARE(row(labels, 1), (std::vector<int64_t>{-100, -100, -100, -100, -100, -100, -100, -100, 22}));
    const auto prompt = training::alignPromptLabels(batch, out, 9);
    COMPARE(row(prompt, 0), (std::vector<int64_t>{1, 10, -100, -100, -100, -100, 11, -100, -100}));
    COMPARE(row(prompt, 1), (std::vector<int64_t>{-100, -100, 1, -100, -100, -100, -100, 21, -100}));
  }

  // "prompt_loss_weight" trains the next-token loss on the prompt as well: recorded at every step,
  // it falls, the answers are still learnt, and a run without it records none.
  TEST(promptLossTrainsOnTheQuestionsToo) {
    const auto run = testing::tempDir() + "/prompt-loss";
    json cfg = runConfig(run, 40);
    cfg["schedule"] = "reproduce";
    cfg["phases"][0]["prompt_loss_weight"] = 1.0;
    train(cfg);
    const auto m = readMetrics(run);
    COMPARE(m.size(), size_t(40));
    for (const auto& step : m) VERIFY(step.contains("prompt_loss"));
    const double start = meanOf(m, 0, 2, "prompt_loss"), end = meanOf(m, 37, 40, "prompt_loss");
    VERIFY_MSG(end < 0.5 * start, check::text("prompt loss ", start, " -> ", end));
    VERIFY_MSG(meanOf(m, 37, 40, "loss") < 0.5 * meanOf(m, 0, 2, "loss"), "answer loss did not fall");
    const auto plain = testing::tempDir() + "/prompt-loss-off";
    train(runConfig(plain, 2));
    for (const auto& step : readMetrics(plain)) VERIFY(!step.contains("prompt_loss"));
    // LLaVA's plain (alignment) template has no prompt text to predict: the run trains on the
    // captions alone and records no prompt loss, rather than stopping on a mean over nothing.
    const auto captions = testing::tempDir() + "/prompt-loss-plain";
    json aligned = runConfig(captions, 2);
    aligned["phases"][0]["template"] = "plain";
    aligned["phases"][0]["prompt_loss_weight"] = 1.0;
    COMPARE(train(aligned).steps, int64_t(2));
    for (const auto& step : readMetrics(captions)) VERIFY(!step.contains("prompt_loss"));
    // Kept in the run's record; a negative weight is refused with the key's name.
    COMPARE(training::RunConfig::fromJson(cfg, "t").toJson()["phases"][0]["prompt_loss_weight"].get<double>(), 1.0);
    cfg["phases"][0]["prompt_loss_weight"] = -0.5;
    check::expectError([&] { training::RunConfig::fromJson(cfg, "t"); }, {"prompt_loss_weight"});
  }

  // The per-patch word loss: absent at compressed steps, recorded at uncompressed ones, and it
  // teaches the LLM's visual positions the words of what they show (against a run where the
  // same loss is only measured, with a negligible weight).
  TEST(patchWordLossTeachesWhatEachPatchShows) {
    const auto words = writePatchWords(dataDir_, 4);  // the tiny tower: 56 px / 14 = 4 x 4 patches
    auto runWith = [&](const std::string& name, double weight) {
      const auto run = testing::tempDir() + "/" + name;
      json cfg = runConfig(run, 60);
      cfg["schedule"] = {{"stages", {{{"scheme", "vcc:layer=1,stride=8"}, {"until", 0.25}}, {{"scheme", "none"}, {"until", 1.0}}}}};
      cfg["phases"][0]["patch_words"] = words;
      cfg["phases"][0]["patch_word_weight"] = weight;
      train(cfg);
      return readMetrics(run);
    };
    const auto taught = runWith("patch-taught", 1.0), measured = runWith("patch-measured", 1e-12);
    COMPARE(taught.size(), size_t(60));
    for (size_t i = 0; i < 60; ++i)
      COMPARE(taught[i].contains("patch_word_loss"), taught[i]["scheme"].get<std::string>() == "none");
    VERIFY(taught[15].contains("patch_word_loss"));
    const double start = taught[15]["patch_word_loss"].get<double>();
    const double end = meanOf(taught, 57, 60, "patch_word_loss"), control = meanOf(measured, 57, 60, "patch_word_loss");
    VERIFY_MSG(end < 0.4 * start && end < 0.4 * control,
               check::text("patch-word loss ", start, " -> ", end, " (", control, " when only measured)"));
    // The answers are still learnt.
    VERIFY_MSG(meanOf(taught, 58, 60, "loss") < 0.5 * meanOf(taught, 0, 2, "loss"), "answer loss did not fall");
  }

  // Attention grounding: the token that predicts the answer learns to look at the patches of
  // the object its question names (here the lower-right quarter of each image), against a run
  // that only measures it; absent where the layer sees a compressed span.
  TEST(attentionGroundingLooksAtTheNamedObject) {
    auto entries = engine::readJsonFile(dataset_);
    for (auto& e : entries) e["subjects"] = json::array({json::array({0})});
    const std::string grounded = dataDir_ + "/grounded.json";
    std::ofstream(grounded) << entries.dump();
    json images = json::object();
    for (int i = 0; i < 16; ++i)  // 4 x 4 patches, row-major: the object fills rows 2-3, columns 2-3
      images["images/" + std::to_string(i) + ".png"] = {{"objects", {"square"}}, {"cells", "..........00..00"}};
    const std::string quarter = dataDir_ + "/quarter.json";
    std::ofstream(quarter) << json{{"grid", 4}, {"images", images}}.dump();
    auto runWith = [&](const std::string& name, double weight) {
      const auto run = testing::tempDir() + "/" + name;
      json cfg = runConfig(run, 40);
      cfg["schedule"] = {{"stages", {{{"scheme", "vcc:layer=1,stride=8"}, {"until", 0.25}}, {{"scheme", "none"}, {"until", 1.0}}}}};
      cfg["phases"][0]["dataset"] = grounded;
      cfg["phases"][0]["patch_words"] = quarter;
      cfg["phases"][0]["grounding_weight"] = weight;
      cfg["phases"][0]["grounding_layer"] = 1;
      train(cfg);
      return readMetrics(run);
    };
    const auto taught = runWith("grounded-taught", 1.0), measured = runWith("grounded-measured", 1e-12);
    COMPARE(taught.size(), size_t(40));
    for (size_t i = 0; i < 40; ++i) {
      COMPARE(taught[i].contains("grounding_loss"), taught[i]["scheme"].get<std::string>() == "none");
      VERIFY(!taught[i].contains("patch_word_loss"));  // its weight is 0
    }
    const double share = meanOf(taught, 37, 40, "grounding_share"), control = meanOf(measured, 37, 40, "grounding_share");
    VERIFY_MSG(share > 0.8 && share > 2 * control,
               check::text("share of the best head's visual attention on the object ", taught[10]["grounding_share"].get<double>(),
                           " -> ", share, " (", control, " when only measured)"));
    VERIFY(meanOf(taught, 37, 40, "grounding_loss") < 0.5 * meanOf(measured, 37, 40, "grounding_loss"));
    // Mistakes: no patch-word file, a layer the model does not have, malformed subjects.
    json cfg = runConfig(testing::tempDir() + "/grounded-bad", 2);
    cfg["phases"][0]["grounding_weight"] = 0.5;
    check::expectError([&] { training::RunConfig::fromJson(cfg, "run.json"); }, {"grounding_weight", "patch_words"});
    cfg["phases"][0]["patch_words"] = quarter;
    cfg["phases"][0]["dataset"] = grounded;
    cfg["phases"][0]["grounding_layer"] = 4;
    check::expectError([&] { train(cfg); }, {"grounding_layer", "4", "0 to 3"});
    entries[3]["subjects"] = json::array({0});
    std::ofstream(grounded) << entries.dump();
    cfg["phases"][0]["grounding_layer"] = 1;
    check::expectError([&] { train(cfg); }, {"subjects", "one list of object indices"});
  }

  TEST(patchWordMistakesAreClearErrors) {
    auto cfgWith = [&](const std::string& file, double weight = 0.5) {
      json cfg = runConfig(testing::tempDir() + "/patch-bad", 2);
      cfg["phases"][0]["patch_words"] = file;
      cfg["phases"][0]["patch_word_weight"] = weight;
      return cfg;
    };
    const auto good = writePatchWords(dataDir_, 4, "good.json");
    check::expectError([&] { training::RunConfig::fromJson(cfgWith(good, -1), "run.json"); }, {"run.json", "patch_word_weight"});
    check::expectError([&] { training::RunConfig::fromJson(cfgWith(good, 0), "run.json"); }, {"patch_words", "weight"});
    json noFile = runConfig(testing::tempDir() + "/patch-bad", 2);
    noFile["phases"][0]["patch_word_weight"] = 0.5;
    check::expectError([&] { training::RunConfig::fromJson(noFile, "run.json"); }, {"patch_words", "--patch-words"});
    check::expectError([&] { train(cfgWith(dataDir_ + "/absent.json")); }, {"absent.json"});
    // Written for another grid than the model's.
    check::expectError([&] { train(cfgWith(writePatchWords(dataDir_, 3, "grid3.json"))); },
                       {"grid3.json", "3x3", "16 visual tokens", "--patch-words"});
    // An image of the dataset it does not describe.
    auto j = engine::readJsonFile(good);
    j["images"].erase("images/5.png");
    std::ofstream(dataDir_ + "/lacks5.json") << j.dump();
    check::expectError([&] { train(cfgWith(dataDir_ + "/lacks5.json")); }, {"lacks5.json", "5.png", "does not describe"});
    // Cells of the wrong length, or naming an object that is not listed.
    j = engine::readJsonFile(good);
    j["images"]["images/2.png"]["cells"] = "000";
    std::ofstream(dataDir_ + "/short.json") << j.dump();
    check::expectError([&] { train(cfgWith(dataDir_ + "/short.json")); }, {"short.json", "images/2.png", "cells", "16"});
    j = engine::readJsonFile(good);
    j["images"]["images/2.png"]["cells"] = "0000000000000003";
    std::ofstream(dataDir_ + "/index.json") << j.dump();
    check::expectError([&] { train(cfgWith(dataDir_ + "/index.json")); }, {"index.json", "'3'", "lists 1 object"});
  }

  TEST(divergenceStopsWithAClearMessage) {
    auto cfg = runConfig(testing::tempDir() + "/nan", 8);
    cfg["phases"][0]["learning_rate"] = 1e30;
    cfg["max_grad_norm"] = 0;
    check::expectError([&] { train(cfg); }, {"loss became", "lower learning rate"});
  }

  TEST(badInputIsAClearError) {
    auto cfg = runConfig(testing::tempDir() + "/bad");
    cfg["phases"][0]["trainable"] = {"decoder"};
    check::expectError([&] { training::RunConfig::fromJson(cfg, "run.json"); }, {"run.json", "decoder"});
    cfg = runConfig(testing::tempDir() + "/bad");
    cfg["phases"][0]["dataset"] = dataDir_ + "/missing.json";
    check::expectError([&] { train(cfg); }, {"missing.json"});
    // A corrupt checkpoint is reported when resuming from it.
    const auto run = testing::tempDir() + "/corrupt";
    std::atomic<bool> stop{true};
    train(runConfig(run), false, &stop);
    const auto ckpt = training::latestCheckpoint(run);
    VERIFY(!ckpt.empty());
    fs::resize_file(fs::path(ckpt) / "model.safetensors", 100);
    check::expectError([&] { train(runConfig(run), true); }, {"model.safetensors"});
  }

  // check_images decodes every image before the first step and lists all the broken ones at once.
  TEST(checkImagesListsEveryBrokenImage) {
    const auto data = testing::tempDir();
    const auto dataset = testing::writeColourDataset(data);
    std::vector<fs::path> images;
    for (const auto& e : fs::recursive_directory_iterator(data))
      if (e.path().extension() == ".png") images.push_back(e.path());
    std::sort(images.begin(), images.end());
    VERIFY(images.size() >= 3);
    fs::resize_file(images[0], 20);
    fs::resize_file(images[2], 20);
    const auto run = testing::tempDir() + "/check";
    auto cfg = runConfig(run, 4);
    cfg["image_folder"] = data;
    cfg["phases"][0]["dataset"] = dataset;
    cfg["check_images"] = true;
    const std::string msg = check::errorOf([&] { train(cfg); });
    VERIFY_MSG(check::contains(msg, check::text("2 of ", images.size(), " images cannot be used")), msg);
    VERIFY_MSG(check::contains(msg, images[0].filename().string()) &&
                 check::contains(msg, images[2].filename().string()),
             msg);
    VERIFY(readMetrics(run).empty());  // refused before the first step
  }

  // A metrics line that cannot be written stops the run at that step with the reason, and the
  // checkpoint before it stays loadable. Root ignores file permissions, so the failing write
  // comes from a file-size limit (EFBIG), as a full disk would give ENOSPC.
  TEST(unwritableMetricsStopTheRunAtOnce) {
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit saved {};
    getrlimit(RLIMIT_FSIZE, &saved);
    const auto run = testing::tempDir() + "/fsize";
    training::TrainerCallbacks cb;
    cb.onMetric = [&](const json& m) {
      if (m["step"] == 5) {  // after the step-4 checkpoint: every later write fails
        struct rlimit tiny = saved;
        tiny.rlim_cur = 1;
        setrlimit(RLIMIT_FSIZE, &tiny);
      }
    };
    std::string msg;
    try {
      train(runConfig(run, 12), false, nullptr, cb);
    } catch (const std::exception& e) {
      msg = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &saved);
    VERIFY_MSG(check::contains(msg, "metrics.jsonl") && check::contains(msg, "last checkpoint is intact"), msg);
    COMPARE(readMetrics(run).size(), size_t(5));
    const auto ckpt = training::latestCheckpoint(run);
    VERIFY_MSG(ckpt.find("step-00000004") != std::string::npos, ckpt.c_str());
    engine::loadModel(ckpt, {});
  }

  // Two trainers never write into one run folder: the second says who holds it and leaves the
  // folder as it was; the lock goes with the holder.
  TEST(oneTrainerPerRunFolder) {
    const auto run = testing::tempDir() + "/locked";
    train(runConfig(run, 4));  // metrics and a checkpoint at step 4 to resume from
    COMPARE(training::runfiles::runFolderLockHolder(run), 0L);
    const auto metricsBefore = fs::file_size(fs::path(run) / "metrics.jsonl");
    {
      const training::runfiles::RunFolderLock other(run);
      COMPARE(training::runfiles::runFolderLockHolder(run), static_cast<long>(::getpid()));
      check::expectError([&] { train(runConfig(run, 4), true); },
                           {run, "in use by another training process", "pid " + std::to_string(::getpid())});
      COMPARE(fs::file_size(fs::path(run) / "metrics.jsonl"), metricsBefore);
    }
    COMPARE(training::runfiles::runFolderLockHolder(run), 0L);
    COMPARE(train(runConfig(run, 4), true).steps, int64_t(4));  // free again: resuming works
    COMPARE(testing::readJsonLines(run + "/metrics.jsonl").size(), size_t(4));
  }
};

LLAVOLTA_TEST_MAIN(TrainerTest)
