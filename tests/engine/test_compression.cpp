// ctest-labels: model unit
// The compression interface and the paper's VCC scheme.
#include <set>

#include "engine/chat_template.h"
#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/flops.h"
#include "support/tiny_model.h"

#include "support/check.h"

using namespace llavolta;
using check::errorOf;

namespace {

// Two left-padded samples: text, 16 visual tokens, text.
engine::CompressionContext makeContext(int64_t L = 16) {
  engine::CompressionContext ctx;
  const int64_t B = 2, T = 30, D = 8;
  torch::manual_seed(5);
  ctx.hidden = torch::randn({B, T, D});
  ctx.valid = torch::ones({B, T}, torch::kBool);
  ctx.valid[1].slice(0, 0, 3).fill_(false);  // sample 1 has 3 padding tokens
  ctx.positions = (ctx.valid.to(torch::kLong).cumsum(1) - 1).clamp_min(0);
  ctx.spanStart = {5, 8};
  ctx.spanLength = L;
  ctx.groups.assign(B, engine::identityGroups(L));
  return ctx;
}

std::vector<std::vector<int64_t>> prompts() {
  return {{1, 20, 30, engine::kImageSentinel, 40, 50, 60, 70}, {1, 25, engine::kImageSentinel, 45, 55}};
}

}  // namespace

class CompressionTest : public check::Suite {
 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};
  torch::Tensor features_;

  engine::PrefillOutput run(const std::string& spec, engine::KVCache* cache = nullptr,
                            engine::PrefillOptions o = {}) {
    auto scheme = engine::makeScheme(spec, config_.text.numLayers, config_.numVisualTokens());
    return model_->prefill(prompts(), features_, *scheme, cache, o);
  }

 public:
  void initTestCase() override {
    model_ = testing::randomModel(config_, 21);
    features_ = model_->encodeImages(testing::randomPixels(config_, 2));
  }

  TEST(vccPoolsSpanAndPositionsLikeADirectComputation) {
    auto ctx = makeContext();
    const auto before = ctx.hidden.clone();
    const auto posBefore = ctx.positions.clone();
    engine::makeScheme("vcc:layer=0,stride=4")->apply(ctx);
    COMPARE(ctx.spanLength, int64_t(4));
    COMPARE(ctx.hidden.size(1), int64_t(30 - 16 + 4));
    for (int64_t b = 0; b < 2; ++b) {
      const int64_t s = b == 0 ? 5 : 8;
      for (int64_t j = 0; j < 4; ++j) {
        auto expected = before[b].slice(0, s + 4 * j, s + 4 * j + 4).mean(0);
        VERIFY(torch::allclose(ctx.hidden[b][s + j], expected, 1e-6, 1e-6));
        const int64_t posSum = posBefore[b].slice(0, s + 4 * j, s + 4 * j + 4).sum().item<int64_t>();
        COMPARE(ctx.positions[b][s + j].item<int64_t>(), posSum / 4);  // floor of the mean
      }
      // Text before and after the span is untouched, positions included.
      VERIFY(torch::equal(ctx.hidden[b].slice(0, 0, s), before[b].slice(0, 0, s)));
      VERIFY(torch::equal(ctx.hidden[b].slice(0, s + 4), before[b].slice(0, s + 16)));
      VERIFY(torch::equal(ctx.positions[b].slice(0, s + 4), posBefore[b].slice(0, s + 16)));
    }
    // Padding mask follows the tokens.
    COMPARE(ctx.valid[1].slice(0, 0, 3).any().item<bool>(), false);
    COMPARE(ctx.valid[1].slice(0, 3).all().item<bool>(), true);
  }

  void tokenMapCoversEveryPatchOnce_data() {
    check::addColumn<int>("stride");
    check::addColumn<std::string>("tail");
    check::newRow("2") << 2 << "drop";
    check::newRow("3, remainder kept") << 3 << "keep";
    check::newRow("16") << 16 << "drop";
  }
  DATA_TEST(tokenMapCoversEveryPatchOnce) {
    FETCH(int, stride);
    FETCH(std::string, tail);
    auto ctx = makeContext();
    engine::makeScheme("vcc:layer=0,stride=" + std::to_string(stride) + ",tail=" + tail)->apply(ctx);
    COMPARE(ctx.spanLength, int64_t((16 + stride - 1) / stride));
    for (const auto& groups : ctx.groups) {
      COMPARE(int64_t(groups.size()), ctx.spanLength);
      std::multiset<int64_t> seen;
      for (size_t j = 0; j < groups.size(); ++j) {
        for (auto p : groups[j]) {
          seen.insert(p);
          COMPARE(p / stride, int64_t(j));  // consecutive windows
        }
      }
      COMPARE(int(seen.size()), 16);
      for (int64_t p = 0; p < 16; ++p) COMPARE(int(seen.count(p)), 1);
    }
  }

  // The paper's operator is LLaVolta's avg_pool1d(kernel=S, stride=S), ceil_mode off: a
  // partial last window is dropped, for the hidden states and the position ids alike.
  TEST(vccDropsThePartialWindowLikeAvgPool1d) {
    auto ctx = makeContext();
    const auto before = ctx.hidden.clone();
    const auto posBefore = ctx.positions.clone();
    engine::makeScheme("vcc:layer=0,stride=5")->apply(ctx);
    COMPARE(ctx.spanLength, int64_t(3));  // floor(16 / 5); the 16th token is gone
    COMPARE(ctx.hidden.size(1), int64_t(30 - 16 + 3));
    for (int64_t b = 0; b < 2; ++b) {
      const int64_t s = b == 0 ? 5 : 8;
      const auto span = before[b].slice(0, s, s + 16);                       // [16, D]
      const auto pooled = torch::avg_pool1d(span.t().unsqueeze(0), 5, 5).squeeze(0).t();  // [3, D]
      VERIFY(torch::allclose(ctx.hidden[b].slice(0, s, s + 3), pooled, 1e-6, 1e-6));
      const auto posSpan = posBefore[b].slice(0, s, s + 16).to(torch::kFloat64).view({1, 1, 16});
      const auto posPooled = torch::avg_pool1d(posSpan, 5, 5).floor().to(torch::kLong).view({3});
      VERIFY(torch::equal(ctx.positions[b].slice(0, s, s + 3), posPooled));
      // Text after the span follows directly, with its own positions (a gap is left).
      VERIFY(torch::equal(ctx.hidden[b].slice(0, s + 3), before[b].slice(0, s + 16)));
      VERIFY(torch::equal(ctx.positions[b].slice(0, s + 3), posBefore[b].slice(0, s + 16)));
      // The token map holds the three full windows; patch 15 stands in no token.
      COMPARE(ctx.groups[b].size(), size_t(3));
      COMPARE(ctx.groups[b][2], (std::vector<int64_t>{10, 11, 12, 13, 14}));
    }
  }

  TEST(vccTailKeepPoolsTheRemainderAsOneToken) {
    auto ctx = makeContext();
    const auto before = ctx.hidden.clone();
    const auto posBefore = ctx.positions.clone();
    engine::makeScheme("vcc:layer=0,stride=5,tail=keep")->apply(ctx);
    COMPARE(ctx.spanLength, int64_t(4));  // ceil(16 / 5)
    for (int64_t b = 0; b < 2; ++b) {
      const int64_t s = b == 0 ? 5 : 8;
      VERIFY(torch::allclose(ctx.hidden[b][s + 2], before[b].slice(0, s + 10, s + 15).mean(0), 1e-6, 1e-6));
      VERIFY(torch::allclose(ctx.hidden[b][s + 3], before[b][s + 15], 1e-6, 1e-6));
      COMPARE(ctx.positions[b][s + 3].item<int64_t>(), posBefore[b][s + 15].item<int64_t>());
      COMPARE(ctx.groups[b][3], (std::vector<int64_t>{15}));
    }
  }

  void tailModeDecidesCountsTraceAndTokensTotal_data() {
    check::addColumn<std::string>("spec");
    check::addColumn<int>("pooled");
    check::newRow("drop (default)") << "vcc:layer=2,stride=5" << 3;
    check::newRow("keep") << "vcc:layer=2,stride=5,tail=keep" << 4;
    check::newRow("drop, before the LLM") << "vcc:layer=-1,stride=3" << 5;
    check::newRow("keep, before the LLM") << "vcc:layer=-1,stride=3,tail=keep" << 6;
  }
  DATA_TEST(tailModeDecidesCountsTraceAndTokensTotal) {
    FETCH(std::string, spec);
    FETCH(int, pooled);
    const auto scheme = engine::makeScheme(spec, 4, 16);
    const auto counts = scheme->visualTokensPerLayer(4, 16);
    const int64_t K = scheme->actionLayers().front() < 0 ? 0 : scheme->actionLayers().front();
    std::vector<int64_t> expected(4, pooled);
    for (int64_t l = 0; l < K; ++l) expected[l] = 16;
    COMPARE(counts, expected);
    // What the model measures is what the FLOPs model charges.
    COMPARE(run(spec).trace.visualTokensPerLayer, expected);
    const auto cost = engine::prefillCost(config_, counts, 10);
    COMPARE(cost.visualTokensTotal, K * 16 + (4 - K) * int64_t(pooled));
    COMPARE(cost.compressionRatio, 4.0 * 16 / double(cost.visualTokensTotal));
  }

  TEST(strideOneAndLayerPastTheEndEqualNone) {
    const auto none = run("none").logits;
    VERIFY(torch::equal(run("vcc:layer=1,stride=1").logits, none));
    VERIFY(torch::equal(run("vcc:layer=4,stride=8").logits, none));
    VERIFY(!torch::allclose(run("vcc:layer=1,stride=4").logits, none));
  }

  TEST(perLayerCountsTraceAndCache) {
    engine::KVCache cache;
    engine::PrefillOptions o;
    o.traceLayers = {0, 3};
    auto out = run("vcc:layer=2,stride=4", &cache, o);
    COMPARE(out.trace.visualTokensPerLayer, (std::vector<int64_t>{16, 16, 4, 4}));
    auto scheme = engine::makeScheme("vcc:layer=2,stride=4");
    COMPARE(scheme->visualTokensPerLayer(4, 16), (std::vector<int64_t>{16, 16, 4, 4}));
    // The KV cache of layers >= K holds only the compressed tokens.
    COMPARE(cache.layers[1].length() - cache.layers[2].length(), int64_t(12));
    COMPARE(cache.layers[2].length(), cache.layers[3].length());
    // Token maps: identity before layer 2, windows of 4 from layer 2 on.
    COMPARE(out.trace.groupsAt(1)[0].size(), size_t(16));
    COMPARE(out.trace.groupsAt(2)[1][3], (std::vector<int64_t>{12, 13, 14, 15}));
    // Attention traces are over the tokens present at that layer and sum to at most 1.
    COMPARE(out.trace.attention.at(0).sizes(), (torch::IntArrayRef{2, 16}));
    COMPARE(out.trace.attention.at(3).sizes(), (torch::IntArrayRef{2, 4}));
    VERIFY(out.trace.attention.at(3).sum(1).le(1.0001).all().item<bool>());
  }

  // The per-head attention of one query per sample (for training losses on where the model
  // looks): the query is counted from the end of each prompt, so it is the same token before and
  // after the visual span is pooled; the last token's row averages to the traced attention, and
  // it carries gradients in a training forward.
  TEST(queryAttentionPerHeadFromTheEnd) {
    engine::PrefillOptions o;
    o.traceLayers = {0, 3};
    o.queryAttention[0] = {0, 0};  // the last token of each prompt
    o.queryAttention[3] = {0, 2};
    auto out = run("vcc:layer=2,stride=4", nullptr, o);
    const auto& first = out.queryAttention.at(0);
    const int64_t T0 = first.probs.size(2);
    COMPARE(first.probs.size(1), config_.text.numHeads);
    COMPARE(first.spanLength, int64_t(16));
    COMPARE(out.queryAttention.at(3).spanLength, int64_t(4));
    COMPARE(out.queryAttention.at(3).probs.size(2), T0 - 12);
    COMPARE(out.queryAttention.at(3).groups[1][3], (std::vector<int64_t>{12, 13, 14, 15}));
    for (int64_t b = 0; b < 2; ++b) {
      const auto mean = first.probs[b].mean(0);
      const auto traced = mean.slice(0, first.spanStart[b], first.spanStart[b] + 16);
      VERIFY(torch::allclose(traced, out.trace.attention.at(0)[b], 1e-5, 1e-6));
      VERIFY(torch::allclose(first.probs[b].sum(-1), torch::ones({config_.text.numHeads}), 1e-4, 1e-5));
    }
    // Two tokens before the end: its row sees no key after itself (causal).
    const auto row = out.queryAttention.at(3).probs[1];
    VERIFY(row.slice(1, row.size(1) - 2).abs().max().item<double>() == 0.0);
    VERIFY(row.slice(1, 0, row.size(1) - 2).sum().item<double>() > 0.99 * config_.text.numHeads);
    // With autograd, the probabilities lead back to the model's weights.
    auto scheme = engine::makeScheme("none", config_.text.numLayers, config_.numVisualTokens());
    engine::PrefillOptions g;
    g.queryAttention[1] = {0, 0};
    auto trained = model_->forward(prompts(), features_, *scheme, g);
    const auto& probs = trained.queryAttention.at(1).probs;
    VERIFY(probs.requires_grad());
    probs.select(1, 0).select(1, 0).sum().backward();
    auto& q = model_->language_model->model->layer(1).self_attn->q_proj->weight;
    VERIFY(q.grad().defined() && q.grad().abs().sum().item<double>() > 0);
    model_->zero_grad();
  }

  TEST(poolingBeforeTheLlm) {
    auto out = run("vcc:layer=-1,stride=4");
    COMPARE(out.trace.visualTokensPerLayer, (std::vector<int64_t>{4, 4, 4, 4}));
    auto scheme = engine::makeScheme("vcc:layer=-1,stride=4");
    COMPARE(scheme->visualTokensPerLayer(4, 16), (std::vector<int64_t>{4, 4, 4, 4}));
  }

  TEST(specsAreParsedAndCanonical) {
    COMPARE(engine::makeScheme("vcc")->spec(), std::string("vcc:layer=2,stride=8"));
    COMPARE(engine::makeScheme(" vcc : stride = 2 , layer = 16 ")->spec(), std::string("vcc:layer=16,stride=2"));
    COMPARE(engine::makeScheme("none")->spec(), std::string("none"));
    // tail=drop is the paper's operator and the default; the canonical spec leaves it out.
    COMPARE(engine::makeScheme("vcc:layer=2,stride=5,tail=drop")->spec(), std::string("vcc:layer=2,stride=5"));
    COMPARE(engine::makeScheme("vcc:tail=keep,stride=5")->spec(), std::string("vcc:layer=2,stride=5,tail=keep"));
    COMPARE(engine::makeScheme(engine::makeScheme("vcc:stride=5,tail=keep")->spec())->spec(),
            std::string("vcc:layer=2,stride=5,tail=keep"));
    bool hasVcc = false;
    for (const auto& s : engine::registeredSchemes())
      if (s.name == "vcc") {
        hasVcc = s.parameters.size() == 3 && s.parameters[2].key == "tail" && s.parameters[2].defaultValue == "drop";
        VERIFY_MSG(check::contains(s.summary, "avg_pool1d"), s.summary.c_str());
      }
    VERIFY(hasVcc);
  }

  void invalidSpecsAreClearErrors_data() {
    check::addColumn<std::string>("spec");
    check::addColumn<std::string>("expected");
    check::newRow("unknown scheme") << "pool3d:layer=2" << "unknown compression scheme \"pool3d\"";
    check::newRow("unknown key") << "vcc:layer=2,kernel=4" << "no parameter \"kernel\"";
    check::newRow("stride 0") << "vcc:layer=2,stride=0" << "stride must be at least 1";
    check::newRow("stride > span") << "vcc:layer=2,stride=17" << "larger than the 16 visual tokens";
    check::newRow("layer too deep") << "vcc:layer=5,stride=2" << "out of range";
    check::newRow("layer negative") << "vcc:layer=-2,stride=2" << "layer must be -1";
    check::newRow("not a number") << "vcc:layer=two" << "not an integer";
    check::newRow("no value") << "vcc:layer" << "not key=value";
    check::newRow("twice") << "vcc:layer=1,layer=2" << "given twice";
    check::newRow("none takes nothing") << "none:layer=1" << "takes none";
    check::newRow("unknown tail") << "vcc:layer=2,stride=5,tail=pad" << "tail must be drop";
  }
  DATA_TEST(invalidSpecsAreClearErrors) {
    FETCH(std::string, spec);
    FETCH(std::string, expected);
    const auto msg = errorOf([&] { engine::makeScheme(spec, 4, 16); });
    VERIFY_MSG(check::contains(msg, expected), msg);
  }
};

LLAVOLTA_TEST_MAIN(CompressionTest)
