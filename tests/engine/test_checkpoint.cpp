// ctest-labels: model unit
// Loading real checkpoint formats: the three tensor-name layouts, shards, and
// every way a checkpoint directory can be broken.
#include <filesystem>
#include <tuple>
#include <fstream>

#include "engine/chat_template.h"
#include "engine/checkpoint.h"
#include "engine/json_file.h"
#include "engine/errors.h"
#include "engine/safetensors.h"
#include "support/tiny_model.h"

#include "support/check.h"

using namespace llavolta;
using check::errorOf;
namespace fs = std::filesystem;

namespace {

// Logits of the last prompt position for a fixed prompt and image.
torch::Tensor probeLogits(engine::LlavaModelImpl& model) {
  auto scheme = engine::makeScheme("none");
  std::vector<int64_t> ids{1, 20, 30, engine::kImageSentinel, 40, 50, 60};
  auto feats = model.encodeImages(testing::randomPixels(model.config(), 1));
  return model.prefill({ids}, feats, *scheme, nullptr).logits;
}

}  // namespace

class CheckpointTest : public check::Suite {
 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};
  torch::Tensor reference_;
  std::string llavaHfDir_;

 public:
  void initTestCase() override {
    model_ = testing::randomModel(config_, 11);
    reference_ = probeLogits(*model_);
    llavaHfDir_ = testing::tempDir() + "/llava-hf";
    testing::writeModelDir(*model_, config_, llavaHfDir_);
  }

  void everyLayoutGivesIdenticalLogits_data() {
    check::addColumn<int>("layout");
    check::addColumn<uint64_t>("shardBytes");
    check::newRow("llava-hf") << int(engine::CheckpointLayout::LlavaHf) << 0ull;
    check::newRow("llava-hf sharded") << int(engine::CheckpointLayout::LlavaHf) << 100000ull;
    check::newRow("transformers") << int(engine::CheckpointLayout::Transformers) << 0ull;
    check::newRow("original llava + separate CLIP") << int(engine::CheckpointLayout::OriginalLlava) << 0ull;
    check::newRow("original llava sharded") << int(engine::CheckpointLayout::OriginalLlava) << 150000ull;
  }
  DATA_TEST(everyLayoutGivesIdenticalLogits) {
    FETCH(int, layout);
    FETCH(uint64_t, shardBytes);
    const auto dir = testing::tempDir() + "/model";
    testing::writeModelDir(*model_, config_, dir, engine::CheckpointLayout(layout), shardBytes);
    if (shardBytes) VERIFY(fs::exists(fs::path(dir) / "model.safetensors.index.json"));
    auto loaded = engine::loadModel(dir);
    COMPARE(int(loaded.layout), layout);
    COMPARE(loaded.config.text.numLayers, config_.text.numLayers);
    COMPARE(loaded.config.numVisualTokens(), int64_t(16));
    auto logits = probeLogits(*loaded.model);
    VERIFY(torch::equal(logits, reference_));
  }

  // init-model writes random models tensor by tensor (writeRandomModel); the files must hold
  // exactly what initRandom + saveModel give for the same seed, in every layout and dtype.
  void streamedRandomModelEqualsInitRandom_data() {
    check::addColumn<int>("layout");
    check::addColumn<uint64_t>("shardBytes");
    check::addColumn<bool>("bf16");
    check::newRow("llava-hf fp32") << int(engine::CheckpointLayout::LlavaHf) << 0ull << false;
    check::newRow("llava-hf bf16 sharded") << int(engine::CheckpointLayout::LlavaHf) << 120000ull << true;
    check::newRow("transformers bf16") << int(engine::CheckpointLayout::Transformers) << 0ull << true;
    check::newRow("original llava sharded") << int(engine::CheckpointLayout::OriginalLlava) << 150000ull << false;
  }
  DATA_TEST(streamedRandomModelEqualsInitRandom) {
    FETCH(int, layout);
    FETCH(uint64_t, shardBytes);
    FETCH(bool, bf16);
    engine::SaveOptions o;
    o.layout = engine::CheckpointLayout(layout);
    o.maxShardBytes = shardBytes;
    o.dtype = bf16 ? torch::kBFloat16 : torch::kFloat32;
    const auto streamed = testing::tempDir() + "/streamed", held = testing::tempDir() + "/held";
    engine::writeRandomModel(config_, streamed, 21, o);
    auto model = testing::randomModel(config_, 21);
    engine::saveModel(*model, config_, held, o);
    for (const auto& dir : {streamed, held}) fs::copy_file(testing::sharedTokenizerFile(), fs::path(dir) / "tokenizer.model");
    auto a = engine::loadModel(streamed), b = engine::loadModel(held);
    auto pa = a.model->named_parameters(true), pb = b.model->named_parameters(true);
    COMPARE(pa.size(), pb.size());
    int normals = 0;
    for (const auto& p : pa) {
      VERIFY_MSG(torch::equal(p.value(), pb[p.key()]), p.key().c_str());
      if (p.value().std().item<double>() > 0.01) ++normals;  // drawn, not zeros or ones
    }
    VERIFY(normals > 20);
    VERIFY(torch::equal(probeLogits(*a.model), probeLogits(*b.model)));
  }

  TEST(streamedWriterChecksWhatIsProduced) {
    const auto path = testing::tempDir() + "/streamed.safetensors";
    std::vector<engine::StreamedTensor> tensors{
        {"a", torch::kFloat32, {2, 3}, [] { return torch::ones({2, 3}); }},
        {"b", torch::kBFloat16, {4}, [] { return torch::zeros({5}, torch::kBFloat16); }}};
    const auto msg = errorOf([&] { engine::saveSafetensorsStreamed(path, tensors); });
    VERIFY_MSG(check::contains(msg, "'b'") && check::contains(msg, "[4]") && check::contains(msg, "[5]"), msg);
    VERIFY(!fs::exists(path));  // nothing half-written is left behind
    VERIFY(!fs::exists(path + ".tmp"));
    tensors[1].produce = [] { return torch::full({4}, 2.0, torch::kBFloat16); };
    int calls = 0;
    tensors[0].produce = [&calls] { ++calls; return torch::ones({2, 3}); };
    engine::saveSafetensorsStreamed(path, tensors);
    COMPARE(calls, 1);
    engine::SafetensorsFile f(path);
    VERIFY(torch::equal(f.load("a"), torch::ones({2, 3})));
    VERIFY(torch::equal(f.load("b"), torch::full({4}, 2.0, torch::kBFloat16)));
  }

  TEST(bf16CheckpointLoadsIntoFp32) {
    const auto dir = testing::tempDir() + "/bf16";
    engine::SaveOptions o;
    o.dtype = torch::kBFloat16;
    engine::saveModel(*model_, config_, dir, o);
    fs::copy_file(testing::sharedTokenizerFile(), fs::path(dir) / "tokenizer.model");
    auto loaded = engine::loadModel(dir);
    COMPARE(loaded.checkpointDtype, std::string("BF16"));
    auto logits = probeLogits(*loaded.model);
    VERIFY(torch::allclose(logits, reference_, 0.05, 0.05));
  }

  TEST(layoutDetection) {
    COMPARE(int(engine::detectLayout({"language_model.model.norm.weight"})), int(engine::CheckpointLayout::LlavaHf));
    COMPARE(int(engine::detectLayout({"model.language_model.norm.weight"})), int(engine::CheckpointLayout::Transformers));
    COMPARE(int(engine::detectLayout({"model.layers.0.mlp.up_proj.weight"})), int(engine::CheckpointLayout::OriginalLlava));
    VERIFY(check::contains(errorOf([] { engine::detectLayout({"foo.bar"}); }), "layout"));
    COMPARE(engine::canonicalTensorName("model.layers.0.self_attn.rotary_emb.inv_freq", engine::CheckpointLayout::OriginalLlava), std::string());
    COMPARE(engine::canonicalTensorName("text_model.embeddings.token_embedding.weight", engine::CheckpointLayout::OriginalLlava), std::string());
    COMPARE(engine::canonicalTensorName("model.mm_projector.2.bias", engine::CheckpointLayout::OriginalLlava),
            std::string("multi_modal_projector.linear_2.bias"));
  }

  TEST(missingTensorIsNamed) {
    const auto dir = testing::tempDir() + "/missing";
    fs::create_directories(dir);
    auto tensors = engine::namedTensorsForLayout(*model_, engine::CheckpointLayout::LlavaHf);
    tensors.erase(std::remove_if(tensors.begin(), tensors.end(),
                                 [](const auto& p) { return p.first == "language_model.model.layers.2.mlp.up_proj.weight"; }),
                  tensors.end());
    engine::saveSafetensors(dir + "/model.safetensors", tensors);
    fs::copy_file(llavaHfDir_ + "/config.json", dir + "/config.json");
    fs::copy_file(testing::sharedTokenizerFile(), dir + "/tokenizer.model");
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    VERIFY_MSG(check::contains(msg, "language_model.model.layers.2.mlp.up_proj.weight"), msg);
    VERIFY(check::contains(msg, "missing"));
  }

  TEST(wrongShapeNamesTensorAndShapes) {
    const auto dir = testing::tempDir() + "/shape";
    fs::create_directories(dir);
    auto tensors = engine::namedTensorsForLayout(*model_, engine::CheckpointLayout::LlavaHf);
    for (auto& [n, t] : tensors)
      if (n == "multi_modal_projector.linear_1.weight") t = torch::zeros({64, 31});
    engine::saveSafetensors(dir + "/model.safetensors", tensors);
    fs::copy_file(llavaHfDir_ + "/config.json", dir + "/config.json");
    fs::copy_file(testing::sharedTokenizerFile(), dir + "/tokenizer.model");
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    VERIFY_MSG(check::contains(msg, "multi_modal_projector.linear_1.weight"), msg);
    VERIFY_MSG(check::contains(msg, "[64, 31]") && check::contains(msg, "[64, 32]"), msg);
  }

  // Issue 18: a config.json that does not match the weights is refused before the model is
  // allocated (1000 layers of a 7B-sized model would be allocated first, then fail).
  TEST(configIsCheckedAgainstTheTensorsFirst) {
    for (const auto& [key, value, expected] : std::vector<std::tuple<std::string, int64_t, std::string>>{
             {"num_hidden_layers", 1000, "text num_hidden_layers 1000 but the weights hold 4"},
             {"vocab_size", 1000, "vocab_size 1000 but the weights hold 520"},
             {"hidden_size", 4096, "text hidden_size 4096 but the weights hold 64"}}) {
      const auto dir = testing::tempDir() + "/mismatch";
      fs::copy(llavaHfDir_, dir, fs::copy_options::recursive);
      auto j = engine::readJsonFile(dir + "/config.json");
      j["text_config"][key] = value;
      if (key == "hidden_size") j["text_config"]["num_attention_heads"] = 32, j["text_config"]["num_key_value_heads"] = 32;
      if (key == "vocab_size") j["vocab_size"] = value;
      std::ofstream(dir + "/config.json") << j.dump();
      const auto msg = errorOf([&] { engine::loadModel(dir); });
      VERIFY_MSG(check::contains(msg, expected), msg);
    }
  }

  void brokenDirectories_data() {
    check::addColumn<std::string>("damage");
    check::addColumn<std::string>("expected");
    check::newRow("no tokenizer") << "rm tokenizer.model" << "tokenizer.model";
    check::newRow("no config") << "rm config.json" << "config.json";
    check::newRow("no weights") << "rm model.safetensors" << "safetensors";
    check::newRow("truncated weights") << "truncate" << "model.safetensors";
    check::newRow("corrupt header") << "corrupt" << "model.safetensors";
    check::newRow("garbage config") << "garbage config" << "config.json";
    check::newRow("garbage tokenizer") << "garbage tokenizer" << "tokenizer.model";
  }
  DATA_TEST(brokenDirectories) {
    FETCH(std::string, damage);
    FETCH(std::string, expected);
    const auto dir = testing::tempDir() + "/broken";
    fs::copy(llavaHfDir_, dir, fs::copy_options::recursive);
    const fs::path weights = fs::path(dir) / "model.safetensors";
    if (damage.rfind("rm ", 0) == 0) fs::remove(fs::path(dir) / damage.substr(3));
    if (damage == "truncate") fs::resize_file(weights, fs::file_size(weights) / 2);
    if (damage == "corrupt") {
      std::fstream f(weights, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(10);
      f.write("}}}}garbage", 11);
    }
    if (damage == "garbage config") std::ofstream(fs::path(dir) / "config.json") << "{ not json";
    if (damage == "garbage tokenizer") std::ofstream(fs::path(dir) / "tokenizer.model") << "\x01\x02 random bytes";
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    VERIFY_MSG(!msg.empty(), "loading a broken directory must fail with an EngineError");
    VERIFY_MSG(check::contains(msg, expected), msg);
  }

  TEST(originalLayoutWithoutTowerAsksForIt) {
    const auto dir = testing::tempDir() + "/orig";
    testing::writeModelDir(*model_, config_, dir, engine::CheckpointLayout::OriginalLlava);
    const auto tower = testing::tempDir() + "/clip";
    fs::rename(fs::path(dir) / "vision_tower", tower);
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    VERIFY_MSG(check::contains(msg, "--vision-tower"), msg);
    engine::LoadOptions o;
    o.visionTowerDir = tower;
    auto loaded = engine::loadModel(dir, o);
    VERIFY(torch::equal(probeLogits(*loaded.model), reference_));
  }
};

LLAVOLTA_TEST_MAIN(CheckpointTest)
