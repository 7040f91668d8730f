// ctest-labels: model unit
// The compression schemes beyond VCC (pool2d, fastv, pdrop, tome, kmeans,
// visionzip, random): token counts, token maps, identities, KV cache, batching,
// gradients, a hand-checked example of each rule, and parameter errors.
#include <set>

#include "engine/chat_template.h"
#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/generation.h"
#include "engine/image.h"
#include "engine/span_ops.h"
#include "support/tiny_model.h"

// Qt after torch: Qt's `slots` macro breaks torch headers parsed after it.
#include "support/cli_runner.h"
#include "support/expect_error.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace llavolta;
using testing::errorOf;

namespace {

// One sample: 3 text tokens, L visual tokens, 4 text tokens; hidden [1, T, D].
engine::CompressionContext singleContext(const torch::Tensor& spanHidden) {
  engine::CompressionContext ctx;
  const int64_t L = spanHidden.size(0), D = spanHidden.size(1), T = L + 7;
  ctx.hidden = torch::cat({torch::zeros({3, D}), spanHidden, torch::ones({4, D})}, 0).unsqueeze(0);
  ctx.valid = torch::ones({1, T}, torch::kBool);
  ctx.positions = torch::arange(T, torch::kLong).unsqueeze(0);
  ctx.spanStart = {3};
  ctx.spanLength = L;
  ctx.groups.assign(1, engine::identityGroups(L));
  return ctx;
}

std::vector<int64_t> promptA() { return {1, 20, 30, engine::kImageSentinel, 40, 50, 60, 70}; }
std::vector<int64_t> promptB() { return {1, 25, engine::kImageSentinel, 45, 55}; }

bool isMerging(const std::string& spec) {
  return spec.rfind("pool2d", 0) == 0 || spec.rfind("tome", 0) == 0 || spec.rfind("kmeans", 0) == 0 ||
         (spec.rfind("visionzip", 0) == 0 && spec.find("contextual=0") == std::string::npos);
}

// Re-applies a recorded choice of kept patches (by layer): the full-recompute
// reference for attention-ranked drops, whose ranking depends on the last token.
class FixedSelection final : public engine::CompressionScheme {
 public:
  explicit FixedSelection(std::map<int, std::vector<std::set<int64_t>>> kept) : kept_(std::move(kept)) {}
  std::string name() const override { return "fixed"; }
  std::string spec() const override { return "fixed"; }
  std::vector<int> actionLayers() const override {
    std::vector<int> r;
    for (const auto& [l, k] : kept_) r.push_back(l);
    return r;
  }
  void validate(int64_t, int64_t) const override {}
  void apply(engine::CompressionContext& ctx) const override {
    std::vector<std::vector<int64_t>> keep(ctx.groups.size());
    for (size_t b = 0; b < ctx.groups.size(); ++b)
      for (size_t i = 0; i < ctx.groups[b].size(); ++i)
        if (kept_.at(ctx.layer)[b].count(ctx.groups[b][i].front())) keep[b].push_back(static_cast<int64_t>(i));
    engine::keepSpanTokens(ctx, keep);
  }
  std::vector<int64_t> visualTokensPerLayer(int64_t n, int64_t) const override { return std::vector<int64_t>(n, 0); }

 private:
  std::map<int, std::vector<std::set<int64_t>>> kept_;
};

}  // namespace

class SchemesTest : public QObject {
  Q_OBJECT

 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};

  engine::SchemePtr scheme(const QString& spec) { return engine::makeScheme(spec.toStdString(), 4, 16); }

  // Prefill as generate() does it: features plus, when the scheme needs it, the
  // vision tower's [CLS] attention.
  engine::PrefillOutput prefill(const engine::CompressionScheme& s, const std::vector<std::vector<int64_t>>& prompts,
                                const torch::Tensor& pixels, engine::KVCache* cache,
                                const torch::Tensor& givenFeatures = {}) {
    engine::PrefillOptions o;
    auto feats = model_->encodeImages(pixels, &o.imageClsAttention);
    if (givenFeatures.defined()) feats = givenFeatures;
    return model_->prefill(prompts, feats, s, cache, o);
  }

  void addSchemeRows() {
    QTest::addColumn<QString>("spec");
    QTest::newRow("pool2d layer 1") << "pool2d:layer=1,stride=2";
    QTest::newRow("pool2d before LLM, edge windows") << "pool2d:layer=-1,stride=3";
    QTest::newRow("fastv") << "fastv:layer=2,keep=0.25";
    QTest::newRow("pdrop") << "pdrop:layers=1+3,keep=0.5";
    QTest::newRow("tome layer 1") << "tome:layer=1,keep=0.25";
    QTest::newRow("tome before LLM") << "tome:layer=-1,keep=0.5";
    QTest::newRow("kmeans") << "kmeans:layer=2,clusters=5";
    QTest::newRow("visionzip") << "visionzip:dominant=3,contextual=2";
    QTest::newRow("visionzip dominant only") << "visionzip:dominant=4,contextual=0";
    QTest::newRow("random") << "random:layer=1,keep=0.25,seed=3";
    QTest::newRow("random before LLM") << "random:layer=-1,keep=0.5,seed=1";
  }

 private slots:
  void initTestCase() { model_ = testing::randomModel(config_, 21); }

  void countsAndTokenMapsMatchTheParameters_data() { addSchemeRows(); }
  void countsAndTokenMapsMatchTheParameters() {
    QFETCH(QString, spec);
    torch::NoGradGuard g;
    auto s = scheme(spec);
    engine::KVCache cache;
    auto out = prefill(*s, {promptA(), promptB()}, testing::randomPixels(config_, 2), &cache);
    const auto expected = s->visualTokensPerLayer(4, 16);
    QCOMPARE(out.trace.visualTokensPerLayer, expected);
    QCOMPARE(out.spanLength, expected.back());
    // The cache of each layer holds that layer's tokens (sample A has no padding).
    for (int l = 0; l < 4; ++l) QCOMPARE(cache.layers[l].length(), int64_t(7) + expected[l]);
    for (const auto& groups : out.trace.groupsAt(3)) {
      QCOMPARE(int64_t(groups.size()), expected.back());
      std::multiset<int64_t> seen;
      for (const auto& g : groups) {
        QVERIFY(!g.empty());
        seen.insert(g.begin(), g.end());
      }
      for (int64_t p = 0; p < 16; ++p) QVERIFY(seen.count(p) <= 1);
      if (isMerging(spec.toStdString())) {
        QCOMPARE(int64_t(seen.size()), int64_t(16));  // every patch, once
      } else {
        QCOMPARE(int64_t(seen.size()), expected.back());  // exactly the kept ones
        for (const auto& g : groups) QCOMPARE(g.size(), size_t(1));
      }
    }
  }

  void fullKeepEqualsNone_data() {
    QTest::addColumn<QString>("spec");
    QTest::newRow("pool2d stride 1") << "pool2d:layer=1,stride=1";
    QTest::newRow("fastv keep 1") << "fastv:layer=2,keep=1";
    QTest::newRow("pdrop keep 1") << "pdrop:layers=1+2,keep=1";
    QTest::newRow("tome keep 1") << "tome:layer=1,keep=1";
    QTest::newRow("kmeans 16 clusters") << "kmeans:layer=1,clusters=16";
    QTest::newRow("visionzip all dominant") << "visionzip:dominant=16,contextual=0";
    QTest::newRow("random keep 1") << "random:layer=0,keep=1,seed=4";
  }
  void fullKeepEqualsNone() {
    QFETCH(QString, spec);
    torch::NoGradGuard g;
    auto pixels = testing::randomPixels(config_, 2);
    const auto none = prefill(*scheme("none"), {promptA(), promptB()}, pixels, nullptr).logits;
    const auto got = prefill(*scheme(spec), {promptA(), promptB()}, pixels, nullptr).logits;
    QVERIFY(torch::equal(got, none));
  }

  void cachedDecodingEqualsRecompute_data() { addSchemeRows(); }
  void cachedDecodingEqualsRecompute() {
    QFETCH(QString, spec);
    torch::NoGradGuard g;
    auto s = scheme(spec);
    const bool ranked = spec.startsWith("fastv") || spec.startsWith("pdrop");
    auto pixels = testing::randomPixels(config_, 1);
    auto seq = promptA();
    engine::KVCache cache;
    auto pre = prefill(*s, {seq}, pixels, &cache);
    // Attention-ranked drops choose with the last prompt token, so the reference
    // recompute re-applies the prefill's choice (a longer prompt would rank anew).
    engine::SchemePtr reference = s;
    if (ranked) {
      std::map<int, std::vector<std::set<int64_t>>> kept;
      for (int l : s->actionLayers()) {
        std::set<int64_t> patches;
        for (const auto& grp : pre.trace.groupsAt(l)[0]) patches.insert(grp.begin(), grp.end());
        kept[l] = {patches};
      }
      reference = std::make_shared<FixedSelection>(kept);
    }
    auto logits = pre.logits;
    for (int step = 0; step < 4; ++step) {
      const int64_t next = logits[0].argmax().item<int64_t>();
      seq.push_back(next);
      logits = model_->decodeStep(torch::tensor({next}), cache);
      const auto full = prefill(*reference, {seq}, pixels, nullptr).logits;
      QVERIFY2(torch::allclose(logits, full, 1e-4, 1e-4),
               qPrintable(QString("step %1: max diff %2").arg(step).arg((logits - full).abs().max().item<double>())));
    }
  }

  void batchOfTwoEqualsTwoSingles_data() { addSchemeRows(); }
  void batchOfTwoEqualsTwoSingles() {
    QFETCH(QString, spec);
    auto s = scheme(spec);
    auto pixels = testing::randomPixels(config_, 2);
    engine::SamplingOptions o;
    o.maxNewTokens = 4;
    o.stopAtEos = false;
    auto both = engine::generate(*model_, {promptA(), promptB()}, pixels, *s, o);
    auto a = engine::generate(*model_, {promptA()}, pixels.slice(0, 0, 1), *s, o);
    auto b = engine::generate(*model_, {promptB()}, pixels.slice(0, 1, 2), *s, o);
    QCOMPARE(both.tokens[0], a.tokens[0]);
    QCOMPARE(both.tokens[1], b.tokens[0]);
    QVERIFY(torch::allclose(both.prefill.logits[0], a.prefill.logits[0], 1e-4, 1e-4));
    QVERIFY(torch::allclose(both.prefill.logits[1], b.prefill.logits[0], 1e-4, 1e-4));
    QCOMPARE(both.prefill.trace.groupsAt(3)[0], a.prefill.trace.groupsAt(3)[0]);
    QCOMPARE(both.prefill.trace.groupsAt(3)[1], b.prefill.trace.groupsAt(3)[0]);
  }

  void trainingForwardCarriesGradients_data() { addSchemeRows(); }
  void trainingForwardCarriesGradients() {
    QFETCH(QString, spec);
    auto s = scheme(spec);
    auto pixels = testing::randomPixels(config_, 2);
    engine::PrefillOptions o;
    torch::Tensor feats;
    {
      torch::NoGradGuard g;
      feats = model_->encodeImages(pixels, &o.imageClsAttention);
    }
    feats = feats.clone().requires_grad_(true);
    auto out = model_->forward({promptA(), promptB()}, feats, *s, o);
    QCOMPARE(out.spanLength, s->visualTokensPerLayer(4, 16).back());
    out.logits.select(1, -1).sum().backward();
    QVERIFY(feats.grad().defined());
    QVERIFY(torch::isfinite(feats.grad()).all().item<bool>());
    QVERIFY(feats.grad().abs().sum().item<double>() > 0);
    // Matches inference.
    torch::NoGradGuard g;
    auto last = model_->prefill({promptA(), promptB()}, feats.detach(), *s, nullptr, o).logits;
    QVERIFY(torch::allclose(out.logits.select(1, -1), last, 1e-5, 1e-5));
    model_->zero_grad();
  }

  // ---- hand-checked rules on small contexts ----

  void fastvKeepsTheMostAttendedInOriginalOrder() {
    auto ctx = singleContext(torch::arange(8 * 2, torch::kFloat32).view({8, 2}));
    // Attention of the last token at layer 1 over all 15 positions; the span is 3..10.
    auto att = torch::zeros({1, 15});
    const std::vector<float> spanAtt{0.05f, 0.30f, 0.01f, 0.20f, 0.02f, 0.25f, 0.03f, 0.04f};
    for (int i = 0; i < 8; ++i) att[0][3 + i] = spanAtt[i];
    att[0][0] = 0.9f;  // text attention never matters
    ctx.lastTokenAttention[1] = att;
    ctx.layer = 2;
    const auto before = ctx.hidden.clone();
    engine::makeScheme("fastv:layer=2,keep=0.375")->apply(ctx);  // 3 of 8
    QCOMPARE(ctx.spanLength, int64_t(3));
    const std::vector<int64_t> kept{1, 3, 5};
    for (int j = 0; j < 3; ++j) {
      QCOMPARE(ctx.groups[0][j], std::vector<int64_t>{kept[j]});
      QVERIFY(torch::equal(ctx.hidden[0][3 + j], before[0][3 + kept[j]]));
      QCOMPARE(ctx.positions[0][3 + j].item<int64_t>(), 3 + kept[j]);  // original position ids
    }
    QCOMPARE(ctx.positions[0][6].item<int64_t>(), int64_t(11));  // the text after keeps its own
  }

  void pdropDropsAgainFromWhatIsLeft() {
    auto ctx = singleContext(torch::randn({8, 2}));
    auto att = torch::zeros({1, 15});
    for (int i = 0; i < 8; ++i) att[0][3 + i] = static_cast<float>(i);  // later = more attended
    ctx.lastTokenAttention[0] = att;
    ctx.layer = 1;
    auto s = engine::makeScheme("pdrop:layers=1+2,keep=0.5");
    s->apply(ctx);
    QCOMPARE(ctx.spanLength, int64_t(4));
    QCOMPARE(ctx.groups[0].front(), std::vector<int64_t>{4});
    auto att2 = torch::zeros({1, 11});
    const std::vector<float> a2{0.4f, 0.1f, 0.3f, 0.2f};  // over patches 4, 5, 6, 7
    for (int i = 0; i < 4; ++i) att2[0][3 + i] = a2[i];
    ctx.lastTokenAttention[1] = att2;
    ctx.layer = 2;
    s->apply(ctx);
    QCOMPARE(ctx.groups[0], (engine::TokenGroups{{4}, {6}}));
  }

  void pool2dAveragesGridWindows() {
    auto ctx = singleContext(torch::randn({16, 3}));
    const auto before = ctx.hidden.clone();
    engine::makeScheme("pool2d:layer=0,stride=2")->apply(ctx);
    const engine::TokenGroups expected{{0, 1, 4, 5}, {2, 3, 6, 7}, {8, 9, 12, 13}, {10, 11, 14, 15}};
    QCOMPARE(ctx.groups[0], expected);
    for (int j = 0; j < 4; ++j) {
      auto idx = torch::tensor(expected[j]) + 3;
      QVERIFY(torch::allclose(ctx.hidden[0][3 + j], before[0].index_select(0, idx).mean(0), 1e-6, 1e-6));
      int64_t sum = 0;
      for (auto p : expected[j]) sum += 3 + p;
      QCOMPARE(ctx.positions[0][3 + j].item<int64_t>(), sum / 4);
    }
    // 4x4 grid, stride 3: windows of 3x3, 3x1, 1x3, 1x1.
    const auto h3 = torch::randn({16, 3});
    auto ctx3 = singleContext(h3);
    engine::makeScheme("pool2d:layer=0,stride=3")->apply(ctx3);
    QCOMPARE(ctx3.groups[0], (engine::TokenGroups{{0, 1, 2, 4, 5, 6, 8, 9, 10}, {3, 7, 11}, {12, 13, 14}, {15}}));
    // pool2d's documented choice for partial windows: avg_pool2d with ceil_mode on, each
    // edge window the mean of the patches inside it (not LLaVolta's drop, which is vcc's).
    const auto grid = h3.t().reshape({3, 4, 4});
    const auto pooled = torch::avg_pool2d(grid, {3, 3}, {3, 3}, {0, 0}, /*ceil_mode=*/true).reshape({3, 4}).t();
    QVERIFY(torch::allclose(ctx3.hidden[0].slice(0, 3, 7), pooled, 1e-6, 1e-6));
  }

  void tomeMergesBestMatchesWithSizes() {
    // A = tokens 0, 2; B = tokens 1, 3. 0 matches 1 best (0.995), 2 matches 3 (0.98).
    auto h = torch::tensor({1.0f, 0.0f, 1.0f, 0.1f, 0.0f, 1.0f, 0.2f, 1.0f}).view({4, 2});
    auto ctx = singleContext(h);
    engine::makeScheme("tome:layer=0,keep=0.75")->apply(ctx);  // one merge: the best edge
    QCOMPARE(ctx.groups[0], (engine::TokenGroups{{0, 1}, {2}, {3}}));
    QVERIFY(torch::allclose(ctx.hidden[0][3], (h[0] + h[1]) / 2));
    auto ctx2 = singleContext(h);
    engine::makeScheme("tome:layer=0,keep=0.5")->apply(ctx2);  // both edges
    QCOMPARE(ctx2.groups[0], (engine::TokenGroups{{0, 1}, {2, 3}}));
    // Repeated rounds: sizes add up, states are size-weighted means over patches.
    auto big = torch::randn({16, 4});
    auto ctx3 = singleContext(big);
    engine::makeScheme("tome:layer=0,keep=0.125")->apply(ctx3);
    QCOMPARE(ctx3.spanLength, int64_t(2));
    size_t total = 0;
    for (int j = 0; j < 2; ++j) {
      const auto& g = ctx3.groups[0][j];
      total += g.size();
      QVERIFY(torch::allclose(ctx3.hidden[0][3 + j], big.index_select(0, torch::tensor(g)).mean(0), 1e-5, 1e-5));
    }
    QCOMPARE(total, size_t(16));
  }

  void kmeansReplacesClustersByTheirMeans() {
    // Three well separated blobs in runs of three; the evenly spaced starts (tokens
    // 1, 4, 7) fall one into each, and Lloyd's iterations recover them.
    torch::manual_seed(11);
    std::vector<torch::Tensor> rows;
    const std::vector<std::vector<float>> centres{{10, 0}, {0, 10}, {-10, -10}};
    for (int i = 0; i < 9; ++i) rows.push_back(torch::tensor(centres[i / 3]) + 0.1 * torch::randn({2}));
    auto h = torch::stack(rows);
    auto ctx = singleContext(h);
    engine::makeScheme("kmeans:layer=0,clusters=3")->apply(ctx);
    QCOMPARE(ctx.groups[0], (engine::TokenGroups{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}));
    for (int j = 0; j < 3; ++j) {
      QVERIFY(torch::allclose(ctx.hidden[0][3 + j], h.slice(0, 3 * j, 3 * j + 3).mean(0), 1e-5, 1e-5));
      QCOMPARE(ctx.positions[0][3 + j].item<int64_t>(), int64_t(3 + 3 * j + 1));  // mean position of the members
    }
    // A cluster that owns interleaved tokens still gets their exact mean.
    std::vector<torch::Tensor> mixed;
    const std::vector<int> blob{1, 0, 0, 1, 0, 1, 1, 0};  // starts: tokens 2 and 6, one per blob
    for (int i = 0; i < 8; ++i) mixed.push_back(torch::tensor(centres[blob[i]]) + 0.1 * torch::randn({2}));
    auto hm = torch::stack(mixed);
    auto cm = singleContext(hm);
    engine::makeScheme("kmeans:layer=0,clusters=2")->apply(cm);
    QCOMPARE(cm.groups[0], (engine::TokenGroups{{0, 3, 5, 6}, {1, 2, 4, 7}}));
    QVERIFY(torch::allclose(cm.hidden[0][4], hm.index_select(0, torch::tensor({1, 2, 4, 7})).mean(0), 1e-5, 1e-5));
    // Deterministic.
    auto again = singleContext(h);
    engine::makeScheme("kmeans:layer=0,clusters=3")->apply(again);
    QCOMPARE(again.groups[0], ctx.groups[0]);
    // Always exactly C clusters, even with duplicate tokens.
    auto dup = singleContext(torch::zeros({6, 2}));
    engine::makeScheme("kmeans:layer=0,clusters=4")->apply(dup);
    QCOMPARE(dup.spanLength, int64_t(4));
  }

  void visionzipKeepsDominantAndMergesTheRest() {
    auto h = torch::randn({8, 3});
    auto ctx = singleContext(h);
    ctx.visionAttention = torch::tensor({0.1f, 0.5f, 0.0f, 0.05f, 0.3f, 0.02f, 0.01f, 0.02f}).view({1, 8});
    ctx.layer = -1;
    engine::makeScheme("visionzip:dominant=2,contextual=2")->apply(ctx);
    QCOMPARE(ctx.spanLength, int64_t(4));
    // Dominant: patches 1 and 4. Rest 0,2,3,5,6,7; targets rest[0] = 0 and rest[3] = 5.
    std::set<std::vector<int64_t>> groups(ctx.groups[0].begin(), ctx.groups[0].end());
    QVERIFY(groups.count({1}));
    QVERIFY(groups.count({4}));
    size_t total = 0;
    for (const auto& g : ctx.groups[0]) total += g.size();
    QCOMPARE(total, size_t(8));
    bool zeroWithTarget = false, fiveWithTarget = false;
    for (const auto& g : ctx.groups[0]) {
      zeroWithTarget |= std::count(g.begin(), g.end(), 0) && !std::count(g.begin(), g.end(), 5);
      fiveWithTarget |= std::count(g.begin(), g.end(), 5) && !std::count(g.begin(), g.end(), 0);
    }
    QVERIFY(zeroWithTarget && fiveWithTarget);  // the two targets head separate groups
    // Without the tower's attention it is a clear error.
    auto bare = singleContext(h);
    QVERIFY(errorOf([&] { engine::makeScheme("visionzip:dominant=2,contextual=2")->apply(bare); }).contains("[CLS] attention"));
  }

  void randomIsReproduciblePerSeed() {
    auto groupsFor = [](const std::string& spec) {
      auto ctx = singleContext(torch::randn({16, 2}));
      engine::makeScheme(spec)->apply(ctx);
      return ctx.groups[0];
    };
    const auto a = groupsFor("random:layer=0,keep=0.25,seed=1");
    QCOMPARE(a.size(), size_t(4));
    QCOMPARE(groupsFor("random:layer=0,keep=0.25,seed=1"), a);
    QVERIFY(groupsFor("random:layer=0,keep=0.25,seed=2") != a);
    for (size_t i = 1; i < a.size(); ++i) QVERIFY(a[i - 1][0] < a[i][0]);  // original order
  }

  void specsAreCanonicalAndListed() {
    QCOMPARE(engine::makeScheme("fastv")->spec(), std::string("fastv:layer=2,keep=0.5"));
    QCOMPARE(engine::makeScheme("pdrop")->spec(), std::string("pdrop:layers=8+16+24,keep=0.5"));
    QCOMPARE(engine::makeScheme("tome:keep=0.125")->spec(), std::string("tome:layer=2,keep=0.125"));
    QCOMPARE(engine::makeScheme("random")->spec(), std::string("random:layer=2,keep=0.25,seed=0"));
    QCOMPARE(engine::makeScheme("pool2d")->spec(), std::string("pool2d:layer=2,stride=2"));
    QCOMPARE(engine::makeScheme("kmeans")->spec(), std::string("kmeans:layer=2,clusters=72,iterations=10"));
    QCOMPARE(engine::makeScheme("visionzip")->spec(), std::string("visionzip:dominant=108,contextual=36"));
    std::set<std::string> names;
    for (const auto& s : engine::registeredSchemes()) {
      names.insert(s.name);
      QVERIFY(!s.summary.empty());
      for (const auto& p : s.parameters) QVERIFY2(!p.defaultValue.empty(), (s.name + "." + p.key).c_str());
    }
    for (const char* n : {"none", "vcc", "pool2d", "fastv", "pdrop", "tome", "visionzip", "kmeans", "random"})
      QVERIFY2(names.count(n), n);
    QVERIFY(engine::makeScheme("visionzip")->needsVisionAttention());
    QCOMPARE(engine::makeScheme("fastv:layer=3")->attentionLayers(), std::vector<int>{2});
    QCOMPARE(engine::makeScheme("pdrop:layers=8+16+24,keep=0.5")->visualTokensPerLayer(32, 576)[30], int64_t(72));
  }

  // SchemeSpec: parse and format round-trip for every registered scheme (its defaults written
  // out, and the spec the scheme itself reports); layer-typed parameters are marked, so that
  // rescaling is generic.
  void schemeSpecsRoundTripAndMapLayers() {
    for (const auto& info : engine::registeredSchemes()) {
      const std::string canonical = engine::makeScheme(info.name)->spec();
      const auto parsed = engine::SchemeSpec::parse(canonical);
      QCOMPARE(parsed.name(), info.name);
      QCOMPARE(engine::SchemeSpec::parse(parsed.text()).values(), parsed.values());
      QCOMPARE(engine::makeScheme(parsed.text())->spec(), canonical);
      // With every default written out, the text is the canonical spec (vcc leaves tail=drop out).
      std::string full = info.name, items;
      for (const auto& p : info.parameters) items += (items.empty() ? "" : ",") + p.key + "=" + p.defaultValue;
      if (!items.empty()) full += ":" + items;
      QCOMPARE(engine::makeScheme(engine::SchemeSpec::parse(full).text())->spec(), canonical);
      // Layer-typed parameters move under mapLayers, the others do not.
      const auto shifted = engine::SchemeSpec::parse(full).mapLayers([](int64_t k) { return k + 100; });
      for (const auto& p : info.parameters) {
        const auto& before = engine::SchemeSpec::parse(full).values().at(p.key);
        const auto& after = shifted.values().at(p.key);
        if (p.kind == engine::SchemeParameter::Kind::Value) {
          QCOMPARE(after, before);
        } else {
          QVERIFY2(after != before, (info.name + "." + p.key).c_str());
          QVERIFY2(p.key.rfind("layer", 0) == 0, (info.name + "." + p.key).c_str());
        }
      }
    }
    // Every parameter named like a layer is marked as one.
    for (const auto& info : engine::registeredSchemes())
      for (const auto& p : info.parameters)
        if (p.key == "layer" || p.key == "layers")
          QVERIFY2(p.kind != engine::SchemeParameter::Kind::Value, (info.name + "." + p.key).c_str());
    QCOMPARE(engine::SchemeSpec::parse(" vcc : stride = 4 , layer=1 ").text(), std::string("vcc:layer=1,stride=4"));
    QCOMPARE(engine::SchemeSpec::parse("pdrop:layers=8+16+24,keep=0.5").mapLayers([](int64_t k) { return k / 4; }).text(),
             std::string("pdrop:layers=2+4+6,keep=0.5"));
    QCOMPARE(engine::SchemeSpec::parse("none").text(), std::string("none"));
    QCOMPARE(engine::SchemeSpec::parse("vcc:stride=4").params().integer("layer"), int64_t(2));
    // The same error text as makeScheme, wherever the spec comes from.
    for (const char* bad : {"blur:radius=2", "tome:stride=2", "vcc:layer", "vcc:layer=1,layer=2"}) {
      const auto a = errorOf([&] { engine::SchemeSpec::parse(bad); });
      const auto b = errorOf([&] { engine::makeScheme(bad); });
      QVERIFY2(!a.isEmpty() && a == b, qPrintable(a + " | " + b));
    }
  }

  void badParametersAreClearErrors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fastv layer too deep") << "fastv:layer=9,keep=0.5" << "out of range for a 4-layer model";
    QTest::newRow("fastv layer 0") << "fastv:layer=0" << "at least 1";
    QTest::newRow("fastv keep 0") << "fastv:keep=0" << "keep must be a fraction in (0, 1]";
    QTest::newRow("tome keep > 1") << "tome:layer=1,keep=1.5" << "(0, 1]";
    QTest::newRow("tome layer") << "tome:layer=7" << "out of range";
    QTest::newRow("kmeans too many clusters") << "kmeans:layer=1,clusters=17" << "more than the 16 visual tokens";
    QTest::newRow("kmeans zero clusters") << "kmeans:layer=1,clusters=0" << "at least 1";
    QTest::newRow("pdrop not increasing") << "pdrop:layers=3+2" << "strictly increasing";
    QTest::newRow("pdrop not numbers") << "pdrop:layers=a+2" << "not a list of layer numbers";
    QTest::newRow("pdrop layer too deep") << "pdrop:layers=1+8" << "out of range";
    QTest::newRow("pool2d stride > grid") << "pool2d:layer=1,stride=5" << "larger than the 4x4 patch grid";
    QTest::newRow("pool2d stride 0") << "pool2d:stride=0" << "at least 1";
    QTest::newRow("visionzip too many") << "visionzip:dominant=10,contextual=10" << "more than the 16 visual tokens";
    QTest::newRow("visionzip no dominant") << "visionzip:dominant=0,contextual=2" << "at least 1";
    QTest::newRow("random layer") << "random:layer=-2" << "layer must be -1";
    QTest::newRow("random seed") << "random:seed=x" << "not an integer";
    QTest::newRow("random keep") << "random:keep=abc" << "not a number";
    QTest::newRow("unknown key") << "tome:stride=2" << "no parameter \"stride\"";
  }
  void badParametersAreClearErrors() {
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    const auto msg = errorOf([&] { engine::makeScheme(spec.toStdString(), 4, 16); });
    QVERIFY2(msg.contains(expected), qPrintable(spec + " -> " + msg));
  }

  // A model directory and an image for the CLI tests, written once.
  std::pair<QString, QString> cliModel() {
    static std::string dir;
    if (dir.empty()) {
      dir = testing::tempDir() + "/cli-model";
      testing::writeModelDir(*model_, config_, dir);
      engine::RgbImage img;
      img.width = img.height = 56;
      for (int p = 0; p < 56 * 56; ++p) img.pixels.insert(img.pixels.end(), {uint8_t(p % 251), uint8_t(p % 13 * 19), 90});
      engine::writePng(img, dir + "/image.png");
    }
    return {QString::fromStdString(dir), QString::fromStdString(dir + "/image.png")};
  }

  void cliListsTheSchemes() {
    auto listed = testing::runLlavolta({"schemes", "--json"});
    QVERIFY2(listed.code == 0, qPrintable(testing::describe({"schemes", "--json"}, listed)));
    const auto arr = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QStringList names;
    for (const auto& v : arr) {
      names << v.toObject()["name"].toString();
      QVERIFY(!v.toObject()["default_spec"].toString().isEmpty());
    }
    for (const char* n : {"none", "vcc", "pool2d", "fastv", "pdrop", "tome", "visionzip", "kmeans", "random"})
      QVERIFY2(names.contains(n), n);
    const auto [dir, image] = cliModel();
    const QStringList bad{"chat", "--model", dir, "--image", image, "--question", "x", "--scheme", "kmeans:layer=1,clusters=99"};
    auto b = testing::runLlavolta(bad);
    QCOMPARE(b.code, 2);
    QVERIFY2(b.err.contains("99 clusters are more than the 16 visual tokens"), qPrintable(b.err));
  }

  // One row per scheme: each its own watchdog period on a loaded machine.
  void everySchemeRunsFromTheCli_data() {
    QTest::addColumn<QString>("spec");
    for (const char* spec : {"pool2d:layer=1,stride=2", "fastv:layer=2,keep=0.25", "pdrop:layers=1+3,keep=0.5",
                             "tome:layer=1,keep=0.25", "kmeans:layer=2,clusters=5", "visionzip:dominant=3,contextual=2",
                             "random:layer=1,keep=0.25,seed=3"})
      QTest::newRow(spec) << QString(spec);
  }
  void everySchemeRunsFromTheCli() {
    QFETCH(QString, spec);
    const auto [dir, image] = cliModel();
    const QStringList chat{"chat", "--model", dir, "--image", image, "--question", "What is it?",
                           "--scheme", spec, "--max-new-tokens", "3", "--json"};
    auto r = testing::runLlavolta(chat);
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(testing::describe(chat, r)));
    QVERIFY2(r.out.contains(spec.section(':', 0, 0)), qPrintable(r.out.left(400)));
    const QStringList flops{"flops", "--config", dir + "/config.json", "--scheme", spec, "--json"};
    auto f = testing::runLlavolta(flops);
    QVERIFY2(f.code == 0, qPrintable(testing::describe(flops, f)));
    const auto fj = QJsonDocument::fromJson(f.out.toUtf8()).object();
    int64_t total = 0;
    for (auto c : engine::makeScheme(spec.toStdString(), 4, 16)->visualTokensPerLayer(4, 16)) total += c;
    QCOMPARE(int64_t(fj["visual_tokens_total"].toDouble()), total);
  }

  void visionzipWithoutTowerAttentionIsAnError() {
    torch::NoGradGuard g;
    auto feats = model_->encodeImages(testing::randomPixels(config_, 1));
    auto s = scheme("visionzip:dominant=3,contextual=2");
    QVERIFY(errorOf([&] { model_->prefill({promptA()}, feats, *s, nullptr); }).contains("[CLS] attention"));
  }
};

QTEST_GUILESS_MAIN(SchemesTest)
#include "test_schemes.moc"
