// ctest-labels: model unit
// KV-cached decoding, batching, sampling, streaming and cancellation.
#include <atomic>

#include "engine/chat_template.h"
#include "engine/decoder.h"
#include "engine/errors.h"
#include "engine/generation.h"
#include "engine/layers.h"
#include "engine/row_kernels.h"
#include "engine/session.h"
#include "engine/tokenizer.h"
#include "support/check.h"
#include "support/tiny_model.h"

#include <cmath>

using namespace llavolta;

class GenerationTest : public check::Suite {
 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};

  std::vector<int64_t> promptA() const { return {1, 20, 30, engine::kImageSentinel, 40, 50, 60, 70}; }
  std::vector<int64_t> promptB() const { return {1, 25, engine::kImageSentinel, 45, 55}; }

 public:
  void initTestCase() override { model_ = testing::randomModel(config_, 31); }

  // A decode step's linears take the matrix-vector path (engine/layers.h); it must give what the
  // GEMM gives, for every shape a single row arrives in, with and without bias, and leave
  // several rows and bf16 on the GEMM.
  TEST(oneRowLinearMatchesGemm) {
    torch::manual_seed(5);
    const auto w = torch::randn({96, 64}), b = torch::randn({96});
    for (const auto& x : {torch::randn({1, 1, 64}), torch::randn({1, 64}), torch::randn({64}), torch::randn({3, 2, 64})}) {
      for (bool bias : {false, true}) {
        const auto got = engine::linearForward(x, w, bias ? b : torch::Tensor());
        const auto want = torch::nn::functional::linear(x, w, bias ? b : torch::Tensor());
        COMPARE(got.sizes().vec(), want.sizes().vec());
        VERIFY(torch::allclose(got, want, 1e-5, 1e-5));
      }
    }
    VERIFY(engine::bf16GemvKernels().back() == "portable");
    // fp32 at inference: the engine's kernels, every one this CPU runs, against the GEMM.
    {
      torch::NoGradGuard noGrad;
      for (int64_t k : {64, 1000}) {
        const auto w = torch::randn({300, k}), b = torch::randn({300}), x = torch::randn({k});
        const auto want = torch::nn::functional::linear(x.view({1, k}), w, b).view({300});
        for (const auto& kernel : engine::bf16GemvKernels())
          VERIFY_MSG(torch::allclose(engine::fp32Gemv(x, w, b, kernel), want, 1e-4, 1e-4), kernel.c_str());
        VERIFY(torch::allclose(engine::linearForward(x.view({1, 1, k}), w).view({300}), torch::mv(w, x), 1e-4, 1e-4));
      }
    }
    // bf16: the engine's own kernel (whichever this CPU runs), fp32 accumulation like the GEMM;
    // K = 1000 leaves a tail after every vector width.
    torch::NoGradGuard noGrad;
    for (int64_t k : {64, 1000}) {
      const auto wb = torch::randn({300, k}).to(torch::kBFloat16), bb = torch::randn({300}).to(torch::kBFloat16);
      const auto xb = torch::randn({1, 1, k}).to(torch::kBFloat16);
      for (bool bias : {false, true}) {
        const auto got = engine::linearForward(xb, wb, bias ? bb : torch::Tensor());
        COMPARE(got.scalar_type(), torch::kBFloat16);
        COMPARE(got.sizes().vec(), (std::vector<int64_t>{1, 1, 300}));
        const auto exact = torch::nn::functional::linear(xb.to(torch::kFloat32), wb.to(torch::kFloat32),
                                                         bias ? bb.to(torch::kFloat32) : torch::Tensor());
        // One bf16 rounding of the fp32 result: relative error below 2^-8, for every kernel this
        // CPU runs (the portable one everywhere).
        VERIFY_MSG(torch::allclose(got.to(torch::kFloat32), exact, 1.0 / 256, 1e-3), engine::bf16GemvKernel());
        for (const auto& kernel : engine::bf16GemvKernels()) {
          const auto y = engine::bf16Gemv(xb.reshape({k}), wb, bias ? bb : torch::Tensor(), kernel);
          VERIFY_MSG(torch::allclose(y.to(torch::kFloat32), exact.reshape({300}), 1.0 / 256, 1e-3), kernel.c_str());
        }
      }
      // A decode step's SwiGLU: the fused kernel against the unfused expression's roundings (each
      // projection to bf16, SiLU and product in fp32, one rounding); exp may differ in its last
      // bit, so a rare last-bit difference after rounding.
      const auto gw = torch::randn({300, k}).to(torch::kBFloat16) * 0.1, uw = torch::randn({300, k}).to(torch::kBFloat16);
      const auto xr = xb.reshape({k});
      const auto want = (torch::silu(engine::bf16Gemv(xr, gw).to(torch::kFloat32)) *
                         engine::bf16Gemv(xr, uw).to(torch::kFloat32))
                            .to(torch::kBFloat16);
      for (const auto& kernel : engine::bf16GemvKernels()) {
        const auto got = engine::bf16GatedGemv(xr, gw, uw, kernel);
        COMPARE(got.sizes().vec(), (std::vector<int64_t>{300}));
        VERIFY_MSG(torch::allclose(got.to(torch::kFloat32), want.to(torch::kFloat32), 1.0 / 128, 1e-6), kernel.c_str());
        VERIFY_MSG(torch::ne(got, want).sum().item<int64_t>() <= 3, kernel.c_str());
      }
    }
  }

  // The fused inference kernels for RMSNorm and the rotary embedding (engine/row_kernels.h) give
  // what the LibTorch expressions (transformers' own) give, in fp32 and bf16, on one row (a
  // decode step) and on many (a prefill), with a batch of different positions.
  TEST(fusedRowKernelsMatchTorchExpressions) {
    torch::manual_seed(9);
    torch::NoGradGuard noGrad;
    for (auto dtype : {torch::kFloat32, torch::kBFloat16}) {
      const char* name = dtype == torch::kFloat32 ? "fp32" : "bf16";
      for (int64_t T : {1, 37}) {
        const int64_t B = 2, H = 3, D = 64;
        // RMSNorm over rows of 200 (no power of two: the tail of every vector width).
        const auto x = (torch::randn({B, T, 200}) * 3).to(dtype);
        const auto w = (torch::rand({200}) + 0.5).to(dtype);
        auto h = x.to(torch::kFloat32);
        h = h * torch::rsqrt(h.pow(2).mean(-1, true) + 1e-5);
        const auto wantNorm = w * h.to(dtype);
        const auto gotNorm = engine::rmsNormRows(x, w, 1e-5);
        COMPARE(gotNorm.scalar_type(), dtype);
        COMPARE(gotNorm.sizes().vec(), x.sizes().vec());
        // The sum of squares is added in another order: the scale differs in its last bits, so
        // fp32 results differ by about an ulp and bf16 ones (rounded after the scale) rarely at all.
        const auto diff = (gotNorm.to(torch::kFloat32) - wantNorm.to(torch::kFloat32)).abs();
        const double ulp = dtype == torch::kFloat32 ? 1e-6 : 1.0 / 128;
        VERIFY_MSG(torch::allclose(gotNorm.to(torch::kFloat32), wantNorm.to(torch::kFloat32), ulp, 1e-6), name);
        if (dtype == torch::kBFloat16) VERIFY((diff > 0).to(torch::kFloat32).mean().item<double>() < 0.02);

        // Rotary embedding, positions different per sample: bit for bit.
        const auto positions = torch::stack({torch::arange(5, 5 + T), torch::arange(100, 100 + T)});
        const auto rope = engine::rotaryFor(positions, D, 10000.0, dtype);
        const auto q = torch::randn({B, T, H, D}).to(dtype);
        const auto qt = q.transpose(1, 2);
        const auto rotated = torch::cat({-qt.slice(-1, D / 2), qt.slice(-1, 0, D / 2)}, -1);
        const auto want = (qt * rope.cos + rotated * rope.sin).transpose(1, 2);
        auto got = q.clone();
        engine::applyRotaryRows(got, rope.cos, rope.sin);
        VERIFY_MSG(torch::equal(got, want), name);
      }
    }
    // One decode step's attention, grouped-query (4 heads on 2 key/value heads), reading keys and
    // values that are views into a larger cache buffer, with padding masked in one sample.
    for (auto dtype : {torch::kFloat32, torch::kBFloat16}) {
      const int64_t B = 2, H = 4, KVH = 2, D = 32, Tk = 45;
      const auto q = (torch::randn({B, H, 1, D}) * 0.3).to(dtype);
      const auto keyBuffer = torch::randn({B, KVH, 64, D}).to(dtype), valueBuffer = torch::randn({B, KVH, 64, D}).to(dtype);
      const auto k = keyBuffer.narrow(2, 0, Tk), v = valueBuffer.narrow(2, 0, Tk);
      auto valid = torch::ones({B, Tk}, torch::kBool);
      valid[1].narrow(0, 0, 7).fill_(false);  // left padding
      const auto bias = engine::attentionBias(valid, 1, dtype);
      const auto kr = k.repeat_interleave(H / KVH, 1), vr = v.repeat_interleave(H / KVH, 1);
      auto scores = torch::matmul(q, kr.transpose(-1, -2));
      scores.add_(bias);
      const auto want = torch::matmul(torch::softmax(scores, -1), vr);
      const auto got = engine::decodeAttention(q, k, v, bias);
      COMPARE(got.sizes().vec(), want.sizes().vec());
      COMPARE(got.scalar_type(), dtype);
      const double tolerance = dtype == torch::kFloat32 ? 1e-5 : 1.0 / 64;
      VERIFY_MSG(torch::allclose(got.to(torch::kFloat32), want.to(torch::kFloat32), tolerance, tolerance),
                 dtype == torch::kFloat32 ? "fp32" : "bf16");
    }

    // Under autograd the LibTorch expressions run (they have a backward).
    torch::AutoGradMode withGrad(true);
    const auto x = torch::randn({1, 4, 8}, torch::requires_grad());
    VERIFY(!engine::rowKernelsApply(x));
    VERIFY_THROWS(c10::Error, engine::rmsNormRows(x, torch::ones({8}), 1e-5));
  }

  void cachedDecodingEqualsRecompute_data() {
    check::addColumn<std::string>("scheme");
    check::newRow("none") << "none";
    check::newRow("vcc layer 2 stride 4") << "vcc:layer=2,stride=4";
    check::newRow("vcc layer 0 stride 16") << "vcc:layer=0,stride=16";
    check::newRow("vcc before the LLM") << "vcc:layer=-1,stride=2";
  }
  DATA_TEST(cachedDecodingEqualsRecompute) {
    FETCH(std::string, scheme);
    torch::NoGradGuard g;
    auto s = engine::makeScheme(scheme, 4, 16);
    auto feats = model_->encodeImages(testing::randomPixels(config_, 1));
    auto seq = promptA();
    engine::KVCache cache;
    auto logits = model_->prefill({seq}, feats, *s, &cache).logits;
    for (int step = 0; step < 6; ++step) {
      const int64_t next = logits[0].argmax().item<int64_t>();
      seq.push_back(next);
      logits = model_->decodeStep(torch::tensor({next}), cache);
      const auto full = model_->prefill({seq}, feats, *s, nullptr).logits;
      VERIFY_MSG(torch::allclose(logits, full, 1e-4, 1e-4),
                 check::text("step ", step, ": max diff ", (logits - full).abs().max().item<double>()));
    }
  }

  void batchOfTwoEqualsTwoSingles_data() {
    check::addColumn<std::string>("scheme");
    check::newRow("none") << "none";
    check::newRow("vcc") << "vcc:layer=1,stride=4";
  }
  DATA_TEST(batchOfTwoEqualsTwoSingles) {
    FETCH(std::string, scheme);
    auto s = engine::makeScheme(scheme, 4, 16);
    auto pixels = testing::randomPixels(config_, 2);
    engine::SamplingOptions o;
    o.maxNewTokens = 6;
    o.stopAtEos = false;
    auto both = engine::generate(*model_, {promptA(), promptB()}, pixels, *s, o);
    auto a = engine::generate(*model_, {promptA()}, pixels.slice(0, 0, 1), *s, o);
    auto b = engine::generate(*model_, {promptB()}, pixels.slice(0, 1, 2), *s, o);
    COMPARE(both.tokens[0], a.tokens[0]);
    COMPARE(both.tokens[1], b.tokens[0]);
    VERIFY(torch::allclose(both.prefill.logits[0], a.prefill.logits[0], 1e-4, 1e-4));
    VERIFY(torch::allclose(both.prefill.logits[1], b.prefill.logits[0], 1e-4, 1e-4));
  }

  TEST(samplingIsSeededAndOptionsBehave) {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    engine::SamplingOptions o;
    o.maxNewTokens = 8;
    o.stopAtEos = false;
    o.temperature = 1.5;
    o.seed = 42;
    auto x = engine::generate(*model_, {promptA()}, pixels, *s, o);
    auto y = engine::generate(*model_, {promptA()}, pixels, *s, o);
    COMPARE(x.tokens, y.tokens);
    // top-k = 1 is greedy whatever the temperature.
    o.topK = 1;
    auto topk = engine::generate(*model_, {promptA()}, pixels, *s, o);
    engine::SamplingOptions greedy;
    greedy.maxNewTokens = 8;
    greedy.stopAtEos = false;
    COMPARE(topk.tokens, engine::generate(*model_, {promptA()}, pixels, *s, greedy).tokens);
    // A strong repetition penalty stops greedy decoding from repeating a token at once.
    std::mt19937_64 rng(1);
    auto logits = torch::zeros({10});
    logits[3] = 5.0;
    logits[4] = 4.0;
    engine::SamplingOptions pen;
    pen.repetitionPenalty = 2.0;
    COMPARE(engine::sampleToken(logits, {3}, pen, rng), int64_t(4));
    COMPARE(engine::sampleToken(logits, {}, pen, rng), int64_t(3));
  }

  TEST(eosEndsGenerationAndBadOptionsThrow) {
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
    VERIFY(stopped.tokens[0].empty());
    VERIFY(stopped.endedWithEos[0]);
    o.topP = 0;
    bool threw = false;
    try {
      engine::generate(*model_, {promptA()}, pixels, *s, o);
    } catch (const engine::EngineError& e) {
      threw = check::contains(e.what(), "top-p");
    }
    VERIFY(threw);
  }

  // Issue 18: nonsense sampling options and a prompt longer than the context are errors before
  // any work (a 25,000-word question allocated until the allocator failed).
  TEST(badSamplingAndOverlongPromptsAreErrors) {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    const auto run = [&](const engine::SamplingOptions& o, const std::vector<int64_t>& prompt) {
      engine::generate(*model_, {prompt}, pixels, *s, o);
    };
    engine::SamplingOptions o;
    o.maxNewTokens = 2;
    o.temperature = -1;
    check::expectError([&] { run(o, promptA()); }, {"temperature"});
    o.temperature = std::nan("");
    check::expectError([&] { run(o, promptA()); }, {"temperature"});
    o.temperature = 0;
    o.topK = -5;
    check::expectError([&] { run(o, promptA()); }, {"top-k", "-5"});
    o.topK = 0;
    std::vector<int64_t> longPrompt = promptA();
    longPrompt.insert(longPrompt.end(), static_cast<size_t>(config_.text.maxPositionEmbeddings), 5);
    check::expectError([&] { run(o, longPrompt); }, {"more than the model's context", "max_position_embeddings"});
  }

  TEST(stopFlagAndCallbackCancel) {
    auto s = engine::makeScheme("none");
    auto pixels = testing::randomPixels(config_, 1);
    engine::SamplingOptions o;
    o.maxNewTokens = 50;
    o.stopAtEos = false;
    int seen = 0;
    auto out = engine::generate(*model_, {promptA()}, pixels, *s, o, [&](int64_t, int64_t) { return ++seen < 3; });
    VERIFY(out.cancelled);
    COMPARE(out.tokens[0].size(), size_t(3));
    std::atomic<bool> stop{true};
    auto none = engine::generate(*model_, {promptA()}, pixels, *s, o, {}, &stop);
    VERIFY(none.cancelled);
    VERIFY(none.tokens[0].empty());
    // The stop is checked between decoder layers, so a long prefill ends before its last layer:
    // here before the first, with no logits and no layer run.
    VERIFY(none.prefill.cancelled);
    VERIFY(!none.prefill.logits.defined());
    engine::PrefillOptions po;
    po.stop = &stop;
    const auto cut = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr, po);
    VERIFY(cut.cancelled);
    for (auto n : cut.trace.visualTokensPerLayer) COMPARE(n, int64_t(0));
    stop = false;
    const auto whole = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr, po);
    VERIFY(!whole.cancelled);
    VERIFY(whole.logits.defined());
  }

  TEST(trainingForwardMatchesPrefillAndBackpropagates) {
    auto s = engine::makeScheme("vcc:layer=1,stride=4");
    auto pixels = testing::randomPixels(config_, 2);
    auto feats = model_->encodeImages(pixels);
    auto out = model_->forward({promptA(), promptB()}, feats, *s);
    // Longest prompt: 7 text tokens + 16 visual -> 7 + 4 after pooling.
    COMPARE(out.logits.sizes(), (torch::IntArrayRef{2, 11, config_.text.vocabSize}));
    COMPARE(out.spanLength, int64_t(4));
    COMPARE(out.spanStart, (std::vector<int64_t>{3, 5}));  // sample B has 3 text tokens fewer: left padding
    COMPARE(out.padding(1), int64_t(3));
    torch::NoGradGuard g;
    auto last = model_->prefill({promptA(), promptB()}, feats, *s, nullptr).logits;
    VERIFY(torch::allclose(out.logits.select(1, -1), last, 1e-5, 1e-5));
  }

  // Prompts longer than one block of 128 queries take the blocked inference attention, which never
  // computes the causal upper triangle. It must give what the training forward's full attention
  // gives: with left padding (a batch of a long and a shorter prompt), after compression, and
  // with a scheme that reads attention (FastV), whose layer keeps the full path.
  void longPrefillMatchesFullAttention_data() {
    check::addColumn<std::string>("scheme");
    check::newRow("none") << "none";
    check::newRow("vcc") << "vcc:layer=1,stride=4";
    check::newRow("fastv") << "fastv:layer=2,keep=0.5";
  }
  DATA_TEST(longPrefillMatchesFullAttention) {
    FETCH(std::string, scheme);
    auto s = engine::makeScheme(scheme, 4, 16);
    auto feats = model_->encodeImages(testing::randomPixels(config_, 2));
    auto prompt = [](int words, int64_t step) {
      std::vector<int64_t> p{1, 20, engine::kImageSentinel};
      for (int i = 0; i < words; ++i) p.push_back(21 + (i * step) % 480);
      return p;
    };
    const auto a = prompt(300, 7), b = prompt(170, 11);
    const auto full = model_->forward({a, b}, feats, *s).logits.select(1, -1);
    torch::NoGradGuard g;
    const auto blocked = model_->prefill({a, b}, feats, *s, nullptr).logits;
    VERIFY_MSG(torch::allclose(blocked, full, 1e-4, 1e-4),
               check::text("max diff ", (blocked - full).abs().max().item<double>()));
    const auto alone = model_->prefill({b}, feats.slice(0, 1, 2), *s, nullptr).logits;
    VERIFY(torch::allclose(blocked[1], alone[0], 1e-4, 1e-4));
  }

  TEST(gradientsReachEveryTrainablePart) {
    auto s = engine::makeScheme("vcc:layer=2,stride=4");
    auto m = testing::randomModel(config_, 5);
    m->train();
    auto feats = m->encodeImages(testing::randomPixels(config_, 1));
    auto out = m->forward({promptA()}, feats, *s);
    out.logits.logsumexp(-1).mean().backward();
    auto& lm = *m->language_model;
    VERIFY(m->multi_modal_projector->linear_1->weight.grad().defined());
    VERIFY(m->multi_modal_projector->linear_1->weight.grad().abs().sum().item<double>() > 0);
    VERIFY(lm.model->layer(3).mlp->up_proj->weight.grad().abs().sum().item<double>() > 0);
    VERIFY(m->vision_tower->vision_model->embeddings->patch_weight.grad().abs().sum().item<double>() > 0);
  }

  TEST(bf16RunsCloseToFp32) {
    const auto dir = testing::tempDir() + "/m";
    testing::writeModelDir(*model_, config_, dir);
    engine::LoadOptions lo;
    lo.dtype = torch::kBFloat16;
    auto bf = engine::loadModel(dir, lo);
    COMPARE(bf.model->dtype(), torch::kBFloat16);
    auto s = engine::makeScheme("vcc:layer=1,stride=2");
    auto pixels = testing::randomPixels(config_, 1);
    auto ref = model_->prefill({promptA()}, model_->encodeImages(pixels), *s, nullptr).logits;
    auto got = bf.model->prefill({promptA()}, bf.model->encodeImages(pixels), *s, nullptr).logits;
    VERIFY(!got.isnan().any().item<bool>());
    VERIFY_MSG(torch::allclose(got, ref, 0.1, 0.1), check::text((got - ref).abs().max().item<double>()));
  }

  TEST(sessionStreamsWholeAnswer) {
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
    COMPARE(streamed, r.answer);
    VERIFY(pieces >= 2);
    COMPARE(r.stats.visualTokensBefore, int64_t(16));
    COMPARE(r.stats.visualTokensAfter, int64_t(4));
    COMPARE(r.stats.visualTokensTotal, int64_t(16 + 3 * 4));
    VERIFY(r.stats.prefillTflops > 0);
    VERIFY(r.stats.prefillMs > 0);
    COMPARE(r.trace.attention.at(2).size(1), int64_t(4));
    // A multi-turn conversation continues after an answered turn.
    prompt.turns.back().assistant = r.answer;
    prompt.turns.push_back({"And the circle?", ""});
    auto r2 = session->chat(img, prompt, o);
    VERIFY(r2.stats.promptTokens > r.stats.promptTokens);
  }

  // Session::trace (the compression view) is the chat's prefill without decoding: the same
  // groups, attention and figures as a chat that keeps every layer's attention.
  TEST(sessionTraceIsTheChatPrefill) {
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
    VERIFY(!t.cancelled);
    COMPARE(t.stats.generatedTokens, int64_t(0));
    COMPARE(t.stats.scheme, chat.stats.scheme);
    COMPARE(t.stats.visualTokensTotal, chat.stats.visualTokensTotal);
    COMPARE(t.stats.prefillTflops, chat.stats.prefillTflops);
    COMPARE(t.trace.visualTokensPerLayer, chat.trace.visualTokensPerLayer);
    COMPARE(t.trace.attention.size(), size_t(config_.text.numLayers));
    for (const auto& [layer, a] : chat.trace.attention) VERIFY(torch::equal(t.trace.attention.at(layer), a));
    COMPARE(t.trace.groupsFrom.size(), chat.trace.groupsFrom.size());
    for (const auto& [layer, groups] : chat.trace.groupsFrom) VERIFY(t.trace.groupsFrom.at(layer) == groups);
    std::atomic<bool> stop{true};
    VERIFY(session->trace(img, prompt, spec, &stop).cancelled);
    VERIFY_THROWS(engine::EngineError, session->trace(img, prompt, "vcc:layer=1,stride=0"));
  }
};

LLAVOLTA_TEST_MAIN(GenerationTest)
