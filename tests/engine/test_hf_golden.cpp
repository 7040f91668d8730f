// ctest-labels: engine model
// Reference parity: the engine, driven through Session (the CLI's and the studio's path),
// against what Hugging Face transformers' LlavaForConditionalGeneration computed for two
// tiny random llava-hf models (tests/fixtures/hf-golden, see its README.md): prompt ids,
// preprocessed pixels, greedy ids, the full logits of the first two steps and the
// visual-token count after compression, under "none" and VCC.
#include <torch/torch.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/chat_template.h"
#include "engine/json_file.h"
#include "engine/session.h"

#include <QtTest>

using namespace llavolta;

namespace {

const std::string kFixtureDir = std::string(LLAVOLTA_SOURCE_DIR) + "/tests/fixtures/hf-golden";
// The fixture's tolerance: a correct fp32 implementation agrees to ~3e-7, and every top-2
// margin in the fixture is at least 7e-4, so 1e-4 cannot hide a wrong argmax.
constexpr double kLogitTolerance = 1e-4;

torch::Tensor floats(const nlohmann::json& values) {
  return torch::tensor(values.get<std::vector<float>>(), torch::kFloat32);
}

// The fixture's prompts: vicuna_v1, one open turn, "<image>\n" before the question.
engine::ChatPrompt promptFor(const std::string& question) {
  engine::ChatPrompt prompt;
  prompt.turns = {{question, ""}};
  return prompt;
}

}  // namespace

class HfGoldenTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesTransformers_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("tiny-gqa (fp32, GQA, pad)") << "tiny-gqa";
    QTest::newRow("custom-mha-bf16 (bf16 weights, MHA, rope 5e4, full features)") << "custom-mha-bf16";
  }

  void matchesTransformers() {
    QFETCH(QString, model);
    const std::string dir = kFixtureDir + "/" + model.toStdString();
    const auto expected = engine::readJsonFile(dir + "/expected.json", "golden outputs");
    QCOMPARE(expected.at("schema").get<std::string>(), std::string("llavolta-hf-golden/1"));

    // bf16 weights are upcast to fp32 and computed in fp32, as the reference did.
    engine::LoadOptions load;
    load.dtype = torch::kFloat32;
    auto session = engine::Session::open(dir, load);
    QCOMPARE(session->model().config.numVisualTokens(), expected.at("model").at("visual_tokens").get<int64_t>());
    const int64_t imageTokenIndex = expected.at("model").at("image_token_index").get<int64_t>();
    const int64_t maxNewTokens = expected.at("max_new_tokens").get<int64_t>();
    const int64_t logitSteps = expected.at("logit_steps").get<int64_t>();

    for (const auto& [file, image] : expected.at("images").items()) {
      const auto pixels = session->preprocess(engine::readImage(kFixtureDir + "/images/" + file));
      const auto shape = image.at("pixel_values_shape").get<std::vector<int64_t>>();
      QCOMPARE(pixels.sizes().vec(), shape);
      for (const auto& sample : image.at("pixel_values_samples")) {
        const auto c = sample[0].get<int64_t>(), y = sample[1].get<int64_t>(), x = sample[2].get<int64_t>();
        const double got = pixels[c][y][x].item<double>();
        QVERIFY2(std::abs(got - sample[3].get<double>()) <= 1e-5,
                 qPrintable(QString("%1 pixel [%2, %3, %4]: %5 vs %6").arg(file.c_str()).arg(c).arg(y).arg(x)
                                .arg(got).arg(sample[3].get<double>())));
      }
      const auto sums = pixels.to(torch::kFloat64).sum({1, 2});
      const auto wantSums = image.at("pixel_values_channel_sums").get<std::vector<double>>();
      for (int c = 0; c < 3; ++c)
        QVERIFY2(std::abs(sums[c].item<double>() - wantSums[c]) <= 1e-2,
                 qPrintable(QString("%1 channel %2 sum").arg(file.c_str()).arg(c)));
    }

    double maxLogitDiff = 0;
    int cases = 0;
    for (const auto& c : expected.at("cases")) {
      const QString id = QString::fromStdString(c.at("id").get<std::string>());
      const auto prompt = promptFor(c.at("question").get<std::string>());
      QCOMPARE(engine::renderVicunaV1(prompt), c.at("prompt").get<std::string>());

      // The reference feeds one image_token_index where the engine puts LLaVA's sentinel.
      auto wantIds = c.at("prompt_ids").get<std::vector<int64_t>>();
      const auto imagePos = c.at("image_token_position").get<size_t>();
      QCOMPARE(wantIds.at(imagePos), imageTokenIndex);
      wantIds[imagePos] = engine::kImageSentinel;
      QVERIFY2(session->promptIds(prompt) == wantIds, qPrintable(id + ": prompt ids differ"));

      engine::ChatOptions options;
      options.scheme = c.at("scheme").get<std::string>();
      options.sampling.maxNewTokens = maxNewTokens;
      options.sampling.temperature = 0;
      options.sampling.keepStepLogits = logitSteps;
      const auto result =
          session->chat(engine::readImage(kFixtureDir + "/images/" + c.at("image").get<std::string>()), prompt, options);

      // The engine leaves EOS out of the generated tokens and reports it as a flag.
      auto wantGenerated = c.at("generated_ids").get<std::vector<int64_t>>();
      const bool wantEos = c.at("ended_with_eos").get<bool>();
      if (wantEos) wantGenerated.pop_back();
      QVERIFY2(result.tokens == wantGenerated, qPrintable(id + ": greedy ids differ"));
      QCOMPARE(result.endedWithEos, wantEos);

      QCOMPARE(result.stats.visualTokensBefore, c.at("visual_tokens").get<int64_t>());
      QCOMPARE(result.stats.visualTokensAfter, c.at("visual_tokens_after_compression").get<int64_t>());
      QCOMPARE(result.stats.promptTokens, c.at("merged_sequence_length").get<int64_t>());

      QCOMPARE(static_cast<int64_t>(result.stepLogits.size()), logitSteps);
      for (int64_t step = 0; step < logitSteps; ++step) {
        const auto want = floats(c.at("logits_step" + std::to_string(step)));
        const auto& got = result.stepLogits[step];
        QCOMPARE(got.sizes().vec(), want.sizes().vec());
        const double diff = (got - want).abs().max().item<double>();
        maxLogitDiff = std::max(maxLogitDiff, diff);
        QVERIFY2(diff <= kLogitTolerance, qPrintable(QString("%1 step %2: logits differ by %3").arg(id).arg(step).arg(diff)));
        QCOMPARE(got.argmax().item<int64_t>(), c.at("argmax_step" + std::to_string(step)).get<int64_t>());
      }
      ++cases;
    }
    QCOMPARE(cases, 12);
    qInfo("%s: %d cases, max |logit difference| %.3g", qPrintable(model), cases, maxLogitDiff);
  }
};

QTEST_GUILESS_MAIN(HfGoldenTest)
#include "test_hf_golden.moc"
