// ctest-labels: model unit
// KV-cached decoding, batching, sampling, streaming and cancellation.
#include <atomic>

#include "engine/chat_template.h"
#include "engine/errors.h"
#include "engine/generation.h"
#include "engine/layers.h"
#include "engine/session.h"
#include "engine/tokenizer.h"
#include "support/expect_error.h"
#include "support/tiny_model.h"

// Qt after torch: Qt's `slots` macro breaks torch headers parsed after it.
#include <cmath>

#include <QtTest>

using namespace llavolta;

class GenerationTest : public QObject {
  Q_OBJECT

 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};

  std::vector<int64_t> promptA() const { return {1, 20, 30, engine::kImageSentinel, 40, 50, 60, 70}; }
  std::vector<int64_t> promptB() const { return {1, 25, engine::kImageSentinel, 45, 55}; }

 private slots:
  void initTestCase() { model_ = testing::randomModel(config_, 31); }

  // A decode step's linears take the matrix-vector path (engine/layers.h); it must give what the
  // GEMM gives, for every shape a single row arrives in, with and without bias, and leave
  // several rows and bf16 on the GEMM.
  void oneRowLinearMatchesGemm() {
    torch::manual_seed(5);
    const auto w = torch::randn({96, 64}), b = torch::randn({96});
    for (const auto& x : {torch::randn({1, 1, 64}), torch::randn({1, 64}), torch::randn({64}), torch::randn({3, 2, 64})}) {
      for (bool bias : {false, true}) {
        const auto got = engine::linearForward(x, w, bias ? b : torch::Tensor());
        const auto want = torch::nn::functional::linear(x, w, bias ? b : torch::Tensor());
        QCOMPARE(got.sizes().vec(), want.sizes().vec());
        QVERIFY(torch::allclose(got, want, 1e-5, 1e-5));
      }
    }
    QVERIFY(engine::bf16GemvKernels().back() == "portable");
    // bf16: the engine's own kernel (whichever this CPU runs), fp32 accumulation like the GEMM;
    // K = 1000 leaves a tail after every vector width.
    torch::NoGradGuard noGrad;
    for (int64_t k : {64, 1000}) {
      const auto wb = torch::randn({300, k}).to(torch::kBFloat16), bb = torch::randn({300}).to(torch::kBFloat16);
      const auto xb = torch::randn({1, 1, k}).to(torch::kBFloat16);
      for (bool bias : {false, true}) {
        const auto got = engine::linearForward(xb, wb, bias ? bb : torch::Tensor());
        QCOMPARE(got.scalar_type(), torch::kBFloat16);
        QCOMPARE(got.sizes().vec(), (std::vector<int64_t>{1, 1, 300}));
        const auto exact = torch::nn::functional::linear(xb.to(torch::kFloat32), wb.to(torch::kFloat32),
                                                         bias ? bb.to(torch::kFloat32) : torch::Tensor());
        // One bf16 rounding of the fp32 result: relative error below 2^-8, for every kernel this
        // CPU runs (the portable one everywhere).
        QVERIFY2(torch::allclose(got.to(torch::kFloat32), exact, 1.0 / 256, 1e-3), engine::bf16GemvKernel());
        for (const auto& kernel : engine::bf16GemvKernels()) {
          const auto y = engine::bf16Gemv(xb.reshape({k}), wb, bias ? bb : torch::Tensor(), kernel);
          QVERIFY2(torch::allclose(y.to(torch::kFloat32), exact.reshape({300}), 1.0 / 256, 1e-3), kernel.c_str());
        }
      }
    }
  }

  void cachedDecodingEqualsRecompute_data() {
    QTest::addColumn<QString>("scheme");
    QTest::newRow("none") << "none";
    QTest::newRow("vcc layer 2 stride 4") << "vcc:layer=2,stride=4";
    QTest::newRow("vcc layer 0 stride 16") << "vcc:layer=0,stride=16";
    QTest::newRow("vcc before the LLM") << "vcc:layer=-1,stride=2";
  }
  void cachedDecodingEqualsRecompute() {
    QFETCH(QString, scheme);
    torch::NoGradGuard g;
    auto s = engine::makeScheme(scheme.toStdString(), 4, 16);
    auto feats = model_->encodeImages(testing::randomPixels(config_, 1));
    auto seq = promptA();
    engine::KVCache cache;
    auto logits = model_->prefill({seq}, feats, *s, &cache).logits;
    for (int step = 0; step < 6; ++step) {
      const int64_t next = logits[0].argmax().item<int64_t>();
      seq.push_back(next);
      logits = model_->decodeStep(torch::tensor({next}), cache);
      const auto full = model_->prefill({seq}, feats, *s, nullptr).logits;
      QVERIFY2(torch::allclose(logits, full, 1e-4, 1e-4),
               qPrintable(QString("step %1: max diff %2").arg(step).arg((logits - full).abs().max().item<double>())));
    }
  }

  void batchOfTwoEqualsTwoSingles_data() {
    QTest::addColumn<QString>("scheme");
    QTest::newRow("none") << "none";
    QTest::newRow("vcc") << "vcc:layer=1,stride=4";
  }
  void batchOfTwoEqualsTwoSingles() {
    QFETCH(QString, scheme);
    auto s = engine::makeScheme(scheme.toStdString(), 4, 16);
    auto pixels = testing::randomPixels(config_, 2);
    engine::SamplingOptions o;
    o.maxNewTokens = 6;
    o.stopAtEos = false;
    auto both = engine::generate(*model_, {promptA(), promptB()}, pixels, *s, o);
    auto a = engine::generate(*model_, {promptA()}, pixels.slice(0, 0, 1), *s, o);
    auto b = engine::generate(*model_, {promptB()}, pixels.slice(0, 1, 2), *s, o);
    QCOMPARE(both.tokens[0], a.tokens[0]);
    QCOMPARE(both.tokens[1], b.tokens[0]);
    QVERIFY(torch::allclose(both.prefill.logits[0], a.prefill.logits[0], 1e-4, 1e-4));
    QVERIFY(torch::allclose(both.prefill.logits[1], b.prefill.logits[0], 1e-4, 1e-4));
  }

  void samplingIsSeededAndOptionsBehave() {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    engine::SamplingOptions o;
    o.maxNewTokens = 8;
    o.stopAtEos = false;
    o.temperature = 1.5;
    o.seed = 42;
    auto x = engine::generate(*model_, {promptA()}, pixels, *s, o);
    auto y = engine::generate(*model_, {promptA()}, pixels, *s, o);
    QCOMPARE(x.tokens, y.tokens);
    // top-k = 1 is greedy whatever the temperature.
    o.topK = 1;
    auto topk = engine::generate(*model_, {promptA()}, pixels, *s, o);
    engine::SamplingOptions greedy;
    greedy.maxNewTokens = 8;
    greedy.stopAtEos = false;
    QCOMPARE(topk.tokens, engine::generate(*model_, {promptA()}, pixels, *s, greedy).tokens);
    // A strong repetition penalty stops greedy decoding from repeating a token at once.
    std::mt19937_64 rng(1);
    auto logits = torch::zeros({10});
    logits[3] = 5.0;
    logits[4] = 4.0;
    engine::SamplingOptions pen;
    pen.repetitionPenalty = 2.0;
    QCOMPARE(engine::sampleToken(logits, {3}, pen, rng), int64_t(4));
    QCOMPARE(engine::sampleToken(logits, {}, pen, rng), int64_t(3));
  }

  void eosEndsGenerationAndBadOptionsThrow() {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    engine::SamplingOptions o;
    o.maxNewTokens = 5;
    o.stopAtEos = false;
    auto free = engine::generate(*model_, {promptA()}, pixels, *s, o);
    // Declare the first greedy token to be EOS: generation must end before it.
    o.stopAtEos = true;
    o.eosTokenId = free.tokens[0][0];
    auto stopped = engine::generate(*model_, {promptA()}, pixels, *s, o);
    QVERIFY(stopped.tokens[0].empty());
    QVERIFY(stopped.endedWithEos[0]);
    o.topP = 0;
    bool threw = false;
    try {
      engine::generate(*model_, {promptA()}, pixels, *s, o);
    } catch (const engine::EngineError& e) {
      threw = QString(e.what()).contains("top-p");
    }
    QVERIFY(threw);
  }

  // Issue 18: nonsense sampling options and a prompt longer than the context are errors before
  // any work (a 25,000-word question allocated until the allocator failed).
  void badSamplingAndOverlongPromptsAreErrors() {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    const auto run = [&](const engine::SamplingOptions& o, const std::vector<int64_t>& prompt) {
      engine::generate(*model_, {prompt}, pixels, *s, o);
    };
    engine::SamplingOptions o;
    o.maxNewTokens = 2;
    o.temperature = -1;
    testing::expectError([&] { run(o, promptA()); }, {"temperature"});
    o.temperature = std::nan("");
    testing::expectError([&] { run(o, promptA()); }, {"temperature"});
    o.temperature = 0;
    o.topK = -5;
    testing::expectError([&] { run(o, promptA()); }, {"top-k", "-5"});
    o.topK = 0;
    std::vector<int64_t> longPrompt = promptA();
    longPrompt.insert(longPrompt.end(), static_cast<size_t>(config_.text.maxPositionEmbeddings), 5);
    testing::expectError([&] { run(o, longPrompt); }, {"more than the model's context", "max_position_embeddings"});
  }

  void stopFlagAndCallbackCancel() {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    engine::SamplingOptions o;
    o.maxNewTokens = 50;
    o.stopAtEos = false;
    int seen = 0;
    auto out = engine::generate(*model_, {promptA()}, pixels, *s, o, [&](int64_t, int64_t) { return ++seen < 3; });
    QVERIFY(out.cancelled);
    QCOMPARE(out.tokens[0].size(), size_t(3));
    std::atomic<bool> stop{true};
    auto none = engine::generate(*model_, {promptA()}, pixels, *s, o, {}, &stop);
    QVERIFY(none.cancelled);
    QVERIFY(none.tokens[0].empty());
    // The stop is checked between decoder layers, so a long prefill ends before its last layer:
    // here before the first, with no logits and no layer run.
    QVERIFY(none.prefill.cancelled);
    QVERIFY(!none.prefill.logits.defined());
    engine::PrefillOptions po;
    po.stop = &stop;
    const auto cut = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr, po);
    QVERIFY(cut.cancelled);
    for (auto n : cut.trace.visualTokensPerLayer) QCOMPARE(n, int64_t(0));
    stop = false;
    const auto whole = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr, po);
    QVERIFY(!whole.cancelled);
    QVERIFY(whole.logits.defined());
  }

  void trainingForwardMatchesPrefillAndBackpropagates() {
    auto s = engine::makeScheme("vcc:layer=1,stride=4");
    auto pixels = testing::randomPixels(config_, 2);
    auto feats = model_->encodeImages(pixels);
    auto out = model_->forward({promptA(), promptB()}, feats, *s);
    // Longest prompt: 7 text tokens + 16 visual -> 7 + 4 after pooling.
    QCOMPARE(out.logits.sizes(), (torch::IntArrayRef{2, 11, config_.text.vocabSize}));
    QCOMPARE(out.spanLength, int64_t(4));
    QCOMPARE(out.spanStart, (std::vector<int64_t>{3, 5}));  // sample B has 3 text tokens fewer: left padding
    QCOMPARE(out.padding(1), int64_t(3));
    torch::NoGradGuard g;
    auto last = model_->prefill({promptA(), promptB()}, feats, *s, nullptr).logits;
    QVERIFY(torch::allclose(out.logits.select(1, -1), last, 1e-5, 1e-5));
  }

  void gradientsReachEveryTrainablePart() {
    auto s = engine::makeScheme("vcc:layer=2,stride=4");
    auto m = testing::randomModel(config_, 5);
    m->train();
    auto feats = m->encodeImages(testing::randomPixels(config_, 1));
    auto out = m->forward({promptA()}, feats, *s);
    out.logits.logsumexp(-1).mean().backward();
    auto& lm = *m->language_model;
    QVERIFY(m->multi_modal_projector->linear_1->weight.grad().defined());
    QVERIFY(m->multi_modal_projector->linear_1->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(lm.model->layer(3).mlp->up_proj->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(m->vision_tower->vision_model->embeddings->patch_weight.grad().abs().sum().item<double>() > 0);
  }

  void bf16RunsCloseToFp32() {
    const auto dir = testing::tempDir() + "/m";
    testing::writeModelDir(*model_, config_, dir);
    engine::LoadOptions lo;
    lo.dtype = torch::kBFloat16;
    auto bf = engine::loadModel(dir, lo);
    QCOMPARE(bf.model->dtype(), torch::kBFloat16);
    auto s = engine::makeScheme("vcc:layer=1,stride=2");
    auto pixels = testing::randomPixels(config_, 1);
    auto ref = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr).logits;
    auto got = bf.model->prefill({promptA()}, bf.model->encodeImages(pixels), *s, nullptr).logits;
    QVERIFY(!got.isnan().any().item<bool>());
    QVERIFY2(torch::allclose(got, ref, 0.1, 0.1), qPrintable(QString::number((got - ref).abs().max().item<double>())));
  }

  void sessionStreamsWholeAnswer() {
    const auto dir = testing::tempDir() + "/s";
    testing::writeModelDir(*model_, config_, dir);
    auto session = engine::Session::open(dir);
    engine::RgbImage img;
    img.width = 40;
    img.height = 30;
    img.pixels.assign(40 * 30 * 3, 120);
    engine::ChatPrompt prompt;
    prompt.turns.push_back({"What colour is the square?", ""});
    engine::ChatOptions o;
    o.scheme = "vcc:layer=1,stride=4";
    o.sampling.maxNewTokens = 12;
    o.sampling.stopAtEos = false;
    o.traceLayers = {2};
    std::string streamed;
    int pieces = 0;
    auto r = session->chat(img, prompt, o, [&](const std::string& p) {
      streamed += p;
      ++pieces;
      return true;
    });
    QCOMPARE(streamed, r.answer);
    QVERIFY(pieces >= 2);
    QCOMPARE(r.stats.visualTokensBefore, int64_t(16));
    QCOMPARE(r.stats.visualTokensAfter, int64_t(4));
    QCOMPARE(r.stats.visualTokensTotal, int64_t(16 + 3 * 4));
    QVERIFY(r.stats.prefillTflops > 0);
    QVERIFY(r.stats.prefillMs > 0);
    QCOMPARE(r.trace.attention.at(2).size(1), int64_t(4));
    // A multi-turn conversation continues after an answered turn.
    prompt.turns.back().assistant = r.answer;
    prompt.turns.push_back({"And the circle?", ""});
    auto r2 = session->chat(img, prompt, o);
    QVERIFY(r2.stats.promptTokens > r.stats.promptTokens);
  }

  // Session::trace (the compression view) is the chat's prefill without decoding: the same
  // groups, attention and figures as a chat that keeps every layer's attention.
  void sessionTraceIsTheChatPrefill() {
    const auto dir = testing::tempDir() + "/t";
    testing::writeModelDir(*model_, config_, dir);
    auto session = engine::Session::open(dir);
    engine::RgbImage img;
    img.width = 32;
    img.height = 32;
    img.pixels.resize(32 * 32 * 3);
    for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = static_cast<uint8_t>((i * 37) % 251);
    engine::ChatPrompt prompt;
    prompt.turns.push_back({"Where is the star?", ""});
    const std::string spec = "vcc:layer=1,stride=4";
    engine::ChatOptions o;
    o.scheme = spec;
    o.sampling.maxNewTokens = 1;
    for (int l = 0; l < config_.text.numLayers; ++l) o.traceLayers.push_back(l);
    const auto chat = session->chat(img, prompt, o);
    const auto t = session->trace(img, prompt, spec);
    QVERIFY(!t.cancelled);
    QCOMPARE(t.stats.generatedTokens, int64_t(0));
    QCOMPARE(t.stats.scheme, chat.stats.scheme);
    QCOMPARE(t.stats.visualTokensTotal, chat.stats.visualTokensTotal);
    QCOMPARE(t.stats.prefillTflops, chat.stats.prefillTflops);
    QCOMPARE(t.trace.visualTokensPerLayer, chat.trace.visualTokensPerLayer);
    QCOMPARE(t.trace.attention.size(), size_t(config_.text.numLayers));
    for (const auto& [layer, a] : chat.trace.attention) QVERIFY(torch::equal(t.trace.attention.at(layer), a));
    QCOMPARE(t.trace.groupsFrom.size(), chat.trace.groupsFrom.size());
    for (const auto& [layer, groups] : chat.trace.groupsFrom) QVERIFY(t.trace.groupsFrom.at(layer) == groups);
    std::atomic<bool> stop{true};
    QVERIFY(session->trace(img, prompt, spec, &stop).cancelled);
    QVERIFY_THROWS_EXCEPTION(engine::EngineError, session->trace(img, prompt, "vcc:layer=1,stride=0"));
  }
};

QTEST_GUILESS_MAIN(GenerationTest)
#include "test_generation.moc"
