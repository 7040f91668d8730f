// ctest-labels: model training
// Vision-tower pretraining: the loss falls on Shapes-VQA scenes, the output is a CLIP vision
// checkpoint that loads as a LLaVA tower with identical features, resume reproduces the
// uninterrupted metrics, a LLaVA run starts from the tower, and bad configs or damaged
// checkpoints fail with clear errors.
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/checkpoint.h"
#include "engine/json_file.h"
#include "engine/safetensors.h"
#include "engine/vision_tower.h"
#include "training/trainer.h"
#include "training/vision_pretrain.h"
#include "support/colour_dataset.h"
#include "support/tiny_model.h"
#include "support/check.h"

using namespace llavolta;
namespace fs = std::filesystem;
using nlohmann::json;

class VisionPretrainTest : public check::Suite {
 private:
  std::string towerConfig_;

  // A tiny tower (3 layers x 32 on 56 px, 14 px patches) on 96-px scenes.
  json config(const std::string& out, int steps) {
    return {{"output_dir", out},
            {"model_config", towerConfig_},
            {"data", {{"seed", 3}, {"render_size", 96}}},
            {"steps", steps},
            {"batch_size", 8},
            {"learning_rate", 3e-3},
            {"warmup_ratio", 0.1},
            {"checkpoint_every", 3},
            {"keep_checkpoints", 5},
            {"threads", 1},
            {"eval", {{"seed", 5}, {"images", 16}, {"every", 0}}}};
  }
  training::VisionPretrainResult run(const json& cfg, bool resume = false, const std::atomic<bool>* stop = nullptr,
                                     training::VisionPretrainCallbacks cb = {}) {
    return training::pretrainVision(training::VisionPretrainConfig::fromJson(cfg, "test config"), resume, stop, cb);
  }

 public:
  void initTestCase() override {
    torch::set_num_threads(1);  // bitwise-reproducible runs
    towerConfig_ = testing::tempDir() + "/tiny-llava.json";
    engine::writeJsonFileAtomically(towerConfig_, testing::tinyConfig().toJson());
  }

  TEST(lossFallsAndWritesClipCheckpoint) {
    const auto out = testing::tempDir() + "/pretrain";
    auto cfg = config(out, 200);
    cfg["data"]["max_shapes"] = 1;
    const auto r = run(cfg);
    COMPARE(r.steps, int64_t(200));
    VERIFY(!r.stopped);
    const auto m = testing::readJsonLines(out + "/metrics.jsonl");
    COMPARE(m.size(), size_t(200));
    auto mean = [&](const char* key, size_t from, size_t to) {
      double s = 0;
      for (size_t i = from; i < to; ++i) s += m[i][key].get<double>();
      return s / static_cast<double>(to - from);
    };
    // In 200 steps of single-object scenes a tiny tower learns what is linear in its pixels
    // (colour, size) while shape and glyph still sit near chance, so the total falls less.
    auto falls = [&](const char* key, double factor) {
      const double first = mean(key, 0, 10), last = mean(key, 180, 200);
      VERIFY_MSG(last < factor * first, (std::string(key) + " " + std::to_string(first) + " -> " + std::to_string(last)).c_str());
    };
    falls("loss", 0.95);
    falls("loss_colour", 0.6);
    falls("loss_size", 0.9);
    // The held-out evaluation ran at the end, with every attribute reported.
    VERIFY(r.lastEval.contains("shape") && r.lastEval.contains("glyph") && r.lastEval.contains("side"));
    COMPARE(r.lastEval["objects"].get<int>() > 0, true);

    // A standard CLIP vision checkpoint: transformers' config keys and vision_model.* tensors only.
    const auto cj = engine::readJsonFile(out + "/config.json");
    COMPARE(cj["model_type"].get<std::string>(), std::string("clip_vision_model"));
    COMPARE(cj["image_size"].get<int>(), 56);
    COMPARE(cj["patch_size"].get<int>(), 14);
    engine::SafetensorsArchive weights(out);
    VERIFY(weights.contains("vision_model.embeddings.patch_embedding.weight"));
    VERIFY(weights.contains("vision_model.embeddings.position_embedding.weight"));
    for (const auto& n : weights.names()) VERIFY_MSG(n.rfind("vision_model.", 0) == 0, n.c_str());
  }

  TEST(checkpointLoadsAsLlavaTowerWithIdenticalFeatures) {
    const auto out = testing::tempDir() + "/pretrain-load";
    run(config(out, 4));
    // As LLaVA's original layout keeps it: the model directory names its tower via mm_vision_tower.
    auto cfg = testing::tinyConfig();
    auto model = testing::randomModel(cfg, 11);
    const auto before = model->vision_tower->vision_model->embeddings->patch_weight.clone();
    engine::loadVisionTower(*model, out);
    VERIFY(!torch::equal(before, model->vision_tower->vision_model->embeddings->patch_weight));

    // The tower's own weights, read back directly, give the same features.
    engine::ClipVisionTower tower(cfg, engine::ModuleOptions{});
    engine::SafetensorsArchive archive(out);
    {
      torch::NoGradGuard g;
      for (auto& p : tower->named_parameters(true)) p.value().copy_(archive.load(p.key()));
    }
    const auto pixels = testing::randomPixels(cfg, 2);
    torch::NoGradGuard g;
    model->eval();
    tower->eval();
    const auto a = model->vision_tower->forward(pixels).features;
    const auto b = tower->forward(pixels).features;
    VERIFY(torch::equal(a, b));

    // And through loadModel: an original-layout model directory with the tower passed in.
    const auto dir = testing::tempDir() + "/orig";
    testing::writeModelDir(*model, cfg, dir, engine::CheckpointLayout::OriginalLlava);
    fs::remove_all(dir + "/vision_tower");
    engine::LoadOptions lo;
    lo.visionTowerDir = out;
    auto loaded = engine::loadModel(dir, lo);
    loaded.model->eval();
    VERIFY(torch::equal(loaded.model->vision_tower->forward(pixels).features, b));
  }

  TEST(resumeGivesIdenticalMetrics) {
    const auto whole = testing::tempDir() + "/whole";
    run(config(whole, 8));
    const auto cut = testing::tempDir() + "/cut";
    std::atomic<bool> stop{false};
    training::VisionPretrainCallbacks cb;
    cb.onMetric = [&](const json& m) {
      if (m["step"].get<int>() == 5) stop = true;
    };
    const auto first = run(config(cut, 8), false, &stop, cb);
    VERIFY(first.stopped);
    COMPARE(first.steps, int64_t(5));
    // A kill mid-write leaves a half line; resume trims it along with later steps.
    std::ofstream(cut + "/metrics.jsonl", std::ios::app) << "{\"step\": 6, \"loss\": 1";
    const auto second = run(config(cut, 8), true);
    VERIFY(!second.stopped);
    COMPARE(second.steps, int64_t(8));
    const auto a = testing::readJsonLines(whole + "/metrics.jsonl");
    const auto b = testing::readJsonLines(cut + "/metrics.jsonl");
    COMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      COMPARE(a[i]["step"], b[i]["step"]);
      COMPARE(a[i]["loss"].get<double>(), b[i]["loss"].get<double>());
    }
    engine::SafetensorsArchive wa(whole), wb(cut);
    const auto name = "vision_model.embeddings.patch_embedding.weight";
    VERIFY(torch::equal(wa.load(name), wb.load(name)));
  }

  TEST(llavaRunStartsFromThePretrainedTower) {
    const auto tower = testing::tempDir() + "/tower-for-run";
    run(config(tower, 3));
    const auto data = testing::tempDir() + "/colours";
    const auto dataset = testing::writeColourDataset(data);
    const auto modelConfig = testing::tempDir() + "/llava-config.json";
    engine::writeJsonFileAtomically(modelConfig, testing::tinyConfig().toJson());
    const auto out = testing::tempDir() + "/llava-run";
    json rc = {{"output_dir", out},
               {"model", {{"config", modelConfig}, {"tokenizer", testing::sharedTokenizerFile()}, {"vision_tower", tower}}},
               {"image_folder", data},
               {"phases", {{{"name", "align"}, {"dataset", dataset}, {"trainable", {"projector"}}, {"steps", 2},
                            {"learning_rate", 1e-3}}}},
               {"batch_size", 2},
               {"checkpoint_every", 0}};
    training::Trainer(training::RunConfig::fromJson(rc, "test run")).run(false);
    // The tower was frozen in this phase, so the final model carries the pretrained tower as is.
    engine::SafetensorsArchive pre(tower), fin(out + "/final");
    const auto name = "vision_model.embeddings.position_embedding.weight";
    VERIFY(torch::equal(pre.load(name), fin.load("vision_tower." + std::string(name))));

    // A folder that is not a CLIP checkpoint is refused, naming what is missing.
    rc["model"]["vision_tower"] = data;
    check::expectError([&] { training::Trainer(training::RunConfig::fromJson(rc, "test run")).run(false); },
                         {"vision tower", "config.json"});
  }

  TEST(badConfigsAndDamagedCheckpointsGiveClearErrors) {
    const auto out = testing::tempDir() + "/bad";
    auto cfg = config(out, 4);
    auto with = [&](const char* key, json value) {
      auto c = cfg;
      c[key] = std::move(value);
      return c;
    };
    check::expectError([&] { training::VisionPretrainConfig::fromJson(with("steps", 0), "cfg"); }, {"cfg", "steps"});
    check::expectError([&] { training::VisionPretrainConfig::fromJson(with("batch_size", -2), "cfg"); }, {"batch_size"});
    check::expectError([&] { training::VisionPretrainConfig::fromJson(with("learning_rate", "fast"), "cfg"); },
                         {"learning_rate", "wrong type"});
    check::expectError([&] { training::VisionPretrainConfig::fromJson(with("autocast", "fp8"), "cfg"); }, {"autocast"});
    auto noModel = cfg;
    noModel.erase("model_config");
    check::expectError([&] { training::VisionPretrainConfig::fromJson(noModel, "cfg"); }, {"model_config"});
    auto badData = cfg;
    badData["data"]["max_shapes"] = 9;
    check::expectError([&] { training::VisionPretrainConfig::fromJson(badData, "cfg"); }, {"max_shapes"});
    check::expectError([&] { run(with("model_config", out + "/missing.json")); }, {"missing.json"});

    // A truncated checkpoint: resume names the file instead of crashing.
    run(cfg);
    const auto ckpt = training::latestCheckpoint(out);
    VERIFY(!ckpt.empty());
    const auto file = ckpt + "/model.safetensors";
    fs::resize_file(file, fs::file_size(file) / 2);
    check::expectError([&] { run(cfg, true); }, {"model.safetensors"});
    // And loading a damaged tower into a LLaVA model names it too.
    auto model = testing::randomModel(testing::tinyConfig(), 1);
    check::expectError([&] { engine::loadVisionTower(*model, ckpt); }, {"model.safetensors"});
    check::expectError([&] { engine::loadVisionTower(*model, out + "/nowhere"); }, {"does not exist"});
  }
};

LLAVOLTA_TEST_MAIN(VisionPretrainTest)
