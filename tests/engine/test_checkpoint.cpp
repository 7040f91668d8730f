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

// Qt after torch: Qt's `slots` macro breaks torch headers parsed after it.
#include "support/expect_error.h"
#include <QtTest>

using namespace llavolta;
using testing::errorOf;
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

class CheckpointTest : public QObject {
  Q_OBJECT

 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};
  torch::Tensor reference_;
  std::string llavaHfDir_;

 private slots:
  void initTestCase() {
    model_ = testing::randomModel(config_, 11);
    reference_ = probeLogits(*model_);
    llavaHfDir_ = testing::tempDir() + "/llava-hf";
    testing::writeModelDir(*model_, config_, llavaHfDir_);
  }

  void everyLayoutGivesIdenticalLogits_data() {
    QTest::addColumn<int>("layout");
    QTest::addColumn<qulonglong>("shardBytes");
    QTest::newRow("llava-hf") << int(engine::CheckpointLayout::LlavaHf) << 0ull;
    QTest::newRow("llava-hf sharded") << int(engine::CheckpointLayout::LlavaHf) << 100000ull;
    QTest::newRow("transformers") << int(engine::CheckpointLayout::Transformers) << 0ull;
    QTest::newRow("original llava + separate CLIP") << int(engine::CheckpointLayout::OriginalLlava) << 0ull;
    QTest::newRow("original llava sharded") << int(engine::CheckpointLayout::OriginalLlava) << 150000ull;
  }
  void everyLayoutGivesIdenticalLogits() {
    QFETCH(int, layout);
    QFETCH(qulonglong, shardBytes);
    const auto dir = testing::tempDir() + "/model";
    testing::writeModelDir(*model_, config_, dir, engine::CheckpointLayout(layout), shardBytes);
    if (shardBytes) QVERIFY(fs::exists(fs::path(dir) / "model.safetensors.index.json"));
    auto loaded = engine::loadModel(dir);
    QCOMPARE(int(loaded.layout), layout);
    QCOMPARE(loaded.config.text.numLayers, config_.text.numLayers);
    QCOMPARE(loaded.config.numVisualTokens(), int64_t(16));
    auto logits = probeLogits(*loaded.model);
    QVERIFY(torch::equal(logits, reference_));
  }

  // init-model writes random models tensor by tensor (writeRandomModel); the files must hold
  // exactly what initRandom + saveModel give for the same seed, in every layout and dtype.
  void streamedRandomModelEqualsInitRandom_data() {
    QTest::addColumn<int>("layout");
    QTest::addColumn<qulonglong>("shardBytes");
    QTest::addColumn<bool>("bf16");
    QTest::newRow("llava-hf fp32") << int(engine::CheckpointLayout::LlavaHf) << 0ull << false;
    QTest::newRow("llava-hf bf16 sharded") << int(engine::CheckpointLayout::LlavaHf) << 120000ull << true;
    QTest::newRow("transformers bf16") << int(engine::CheckpointLayout::Transformers) << 0ull << true;
    QTest::newRow("original llava sharded") << int(engine::CheckpointLayout::OriginalLlava) << 150000ull << false;
  }
  void streamedRandomModelEqualsInitRandom() {
    QFETCH(int, layout);
    QFETCH(qulonglong, shardBytes);
    QFETCH(bool, bf16);
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
    QCOMPARE(pa.size(), pb.size());
    int normals = 0;
    for (const auto& p : pa) {
      QVERIFY2(torch::equal(p.value(), pb[p.key()]), p.key().c_str());
      if (p.value().std().item<double>() > 0.01) ++normals;  // drawn, not zeros or ones
    }
    QVERIFY(normals > 20);
    QVERIFY(torch::equal(probeLogits(*a.model), probeLogits(*b.model)));
  }

  void streamedWriterChecksWhatIsProduced() {
    const auto path = testing::tempDir() + "/streamed.safetensors";
    std::vector<engine::StreamedTensor> tensors{
        {"a", torch::kFloat32, {2, 3}, [] { return torch::ones({2, 3}); }},
        {"b", torch::kBFloat16, {4}, [] { return torch::zeros({5}, torch::kBFloat16); }}};
    const auto msg = errorOf([&] { engine::saveSafetensorsStreamed(path, tensors); });
    QVERIFY2(msg.contains("'b'") && msg.contains("[4]") && msg.contains("[5]"), qPrintable(msg));
    QVERIFY(!fs::exists(path));  // nothing half-written is left behind
    QVERIFY(!fs::exists(path + ".tmp"));
    tensors[1].produce = [] { return torch::full({4}, 2.0, torch::kBFloat16); };
    int calls = 0;
    tensors[0].produce = [&calls] { ++calls; return torch::ones({2, 3}); };
    engine::saveSafetensorsStreamed(path, tensors);
    QCOMPARE(calls, 1);
    engine::SafetensorsFile f(path);
    QVERIFY(torch::equal(f.load("a"), torch::ones({2, 3})));
    QVERIFY(torch::equal(f.load("b"), torch::full({4}, 2.0, torch::kBFloat16)));
  }

  void bf16CheckpointLoadsIntoFp32() {
    const auto dir = testing::tempDir() + "/bf16";
    engine::SaveOptions o;
    o.dtype = torch::kBFloat16;
    engine::saveModel(*model_, config_, dir, o);
    fs::copy_file(testing::sharedTokenizerFile(), fs::path(dir) / "tokenizer.model");
    auto loaded = engine::loadModel(dir);
    QCOMPARE(QString::fromStdString(loaded.checkpointDtype), QString("BF16"));
    auto logits = probeLogits(*loaded.model);
    QVERIFY(torch::allclose(logits, reference_, 0.05, 0.05));
  }

  void layoutDetection() {
    QCOMPARE(int(engine::detectLayout({"language_model.model.norm.weight"})), int(engine::CheckpointLayout::LlavaHf));
    QCOMPARE(int(engine::detectLayout({"model.language_model.norm.weight"})), int(engine::CheckpointLayout::Transformers));
    QCOMPARE(int(engine::detectLayout({"model.layers.0.mlp.up_proj.weight"})), int(engine::CheckpointLayout::OriginalLlava));
    QVERIFY(errorOf([] { engine::detectLayout({"foo.bar"}); }).contains("layout"));
    QCOMPARE(engine::canonicalTensorName("model.layers.0.self_attn.rotary_emb.inv_freq", engine::CheckpointLayout::OriginalLlava), std::string());
    QCOMPARE(engine::canonicalTensorName("text_model.embeddings.token_embedding.weight", engine::CheckpointLayout::OriginalLlava), std::string());
    QCOMPARE(engine::canonicalTensorName("model.mm_projector.2.bias", engine::CheckpointLayout::OriginalLlava),
             std::string("multi_modal_projector.linear_2.bias"));
  }

  void missingTensorIsNamed() {
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
    QVERIFY2(msg.contains("language_model.model.layers.2.mlp.up_proj.weight"), qPrintable(msg));
    QVERIFY(msg.contains("missing"));
  }

  void wrongShapeNamesTensorAndShapes() {
    const auto dir = testing::tempDir() + "/shape";
    fs::create_directories(dir);
    auto tensors = engine::namedTensorsForLayout(*model_, engine::CheckpointLayout::LlavaHf);
    for (auto& [n, t] : tensors)
      if (n == "multi_modal_projector.linear_1.weight") t = torch::zeros({64, 31});
    engine::saveSafetensors(dir + "/model.safetensors", tensors);
    fs::copy_file(llavaHfDir_ + "/config.json", dir + "/config.json");
    fs::copy_file(testing::sharedTokenizerFile(), dir + "/tokenizer.model");
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    QVERIFY2(msg.contains("multi_modal_projector.linear_1.weight"), qPrintable(msg));
    QVERIFY2(msg.contains("[64, 31]") && msg.contains("[64, 32]"), qPrintable(msg));
  }

  // Issue 18: a config.json that does not match the weights is refused before the model is
  // allocated (1000 layers of a 7B-sized model would be allocated first, then fail).
  void configIsCheckedAgainstTheTensorsFirst() {
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
      QVERIFY2(msg.contains(QString::fromStdString(expected)), qPrintable(msg));
    }
  }

  void brokenDirectories_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no tokenizer") << "rm tokenizer.model" << "tokenizer.model";
    QTest::newRow("no config") << "rm config.json" << "config.json";
    QTest::newRow("no weights") << "rm model.safetensors" << "safetensors";
    QTest::newRow("truncated weights") << "truncate" << "model.safetensors";
    QTest::newRow("corrupt header") << "corrupt" << "model.safetensors";
    QTest::newRow("garbage config") << "garbage config" << "config.json";
    QTest::newRow("garbage tokenizer") << "garbage tokenizer" << "tokenizer.model";
  }
  void brokenDirectories() {
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    const auto dir = testing::tempDir() + "/broken";
    fs::copy(llavaHfDir_, dir, fs::copy_options::recursive);
    const fs::path weights = fs::path(dir) / "model.safetensors";
    if (damage.startsWith("rm ")) fs::remove(fs::path(dir) / damage.mid(3).toStdString());
    if (damage == "truncate") fs::resize_file(weights, fs::file_size(weights) / 2);
    if (damage == "corrupt") {
      std::fstream f(weights, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(10);
      f.write("}}}}garbage", 11);
    }
    if (damage == "garbage config") std::ofstream(fs::path(dir) / "config.json") << "{ not json";
    if (damage == "garbage tokenizer") std::ofstream(fs::path(dir) / "tokenizer.model") << "\x01\x02 random bytes";
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    QVERIFY2(!msg.isEmpty(), "loading a broken directory must fail with an EngineError");
    QVERIFY2(msg.contains(expected), qPrintable(msg));
  }

  void originalLayoutWithoutTowerAsksForIt() {
    const auto dir = testing::tempDir() + "/orig";
    testing::writeModelDir(*model_, config_, dir, engine::CheckpointLayout::OriginalLlava);
    const auto tower = testing::tempDir() + "/clip";
    fs::rename(fs::path(dir) / "vision_tower", tower);
    const auto msg = errorOf([&] { engine::loadModel(dir); });
    QVERIFY2(msg.contains("--vision-tower"), qPrintable(msg));
    engine::LoadOptions o;
    o.visionTowerDir = tower;
    auto loaded = engine::loadModel(dir, o);
    QVERIFY(torch::equal(probeLogits(*loaded.model), reference_));
  }
};

QTEST_GUILESS_MAIN(CheckpointTest)
#include "test_checkpoint.moc"
