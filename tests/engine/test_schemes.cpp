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

#include <nlohmann/json.hpp>

#include "support/cli_process.h"
#include "support/check.h"

using namespace llavolta;
using check::errorOf;

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

class SchemesTest : public check::Suite {
 private:
  engine::ModelConfig config_ = testing::tinyConfig();
  engine::LlavaModel model_{nullptr};

  engine::SchemePtr scheme(const std::string& spec) { return engine::makeScheme(spec, 4, 16); }

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
    check::addColumn<std::string>("spec");
    check::newRow("pool2d layer 1") << "pool2d:layer=1,stride=2";
    check::newRow("pool2d before LLM, edge windows") << "pool2d:layer=-1,stride=3";
    check::newRow("fastv") << "fastv:layer=2,keep=0.25";
    check::newRow("pdrop") << "pdrop:layers=1+3,keep=0.5";
    check::newRow("tome layer 1") << "tome:layer=1,keep=0.25";
    check::newRow("tome before LLM") << "tome:layer=-1,keep=0.5";
    check::newRow("kmeans") << "kmeans:layer=2,clusters=5";
    check::newRow("visionzip") << "visionzip:dominant=3,contextual=2";
    check::newRow("visionzip dominant only") << "visionzip:dominant=4,contextual=0";
    check::newRow("random") << "random:layer=1,keep=0.25,seed=3";
    check::newRow("random before LLM") << "random:layer=-1,keep=0.5,seed=1";
  }

 public:
  void initTestCase() override { model_ = testing::randomModel(config_, 21); }

  void countsAndTokenMapsMatchTheParameters_data() { addSchemeRows(); }
  DATA_TEST(countsAndTokenMapsMatchTheParameters) {
    FETCH(std::string, spec);
    torch::NoGradGuard g;
    auto s = scheme(spec);
    engine::KVCache cache;
    auto out = prefill(*s, {promptA(), promptB()}, testing::randomPixels(config_, 2), &cache);
    const auto expected = s->visualTokensPerLayer(4, 16);
    COMPARE(out.trace.visualTokensPerLayer, expected);
    COMPARE(out.spanLength, expected.back());
    // The cache of each layer holds that layer's tokens (sample A has no padding).
    for (int l = 0; l < 4; ++l) COMPARE(cache.layers[l].length(), int64_t(7) + expected[l]);
    for (const auto& groups : out.trace.groupsAt(3)) {
      COMPARE(int64_t(groups.size()), expected.back());
      std::multiset<int64_t> seen;
      for (const auto& g : groups) {
        VERIFY(!g.empty());
        seen.insert(g.begin(), g.end());
      }
      for (int64_t p = 0; p < 16; ++p) VERIFY(seen.count(p) <= 1);
      if (isMerging(spec)) {
        COMPARE(int64_t(seen.size()), int64_t(16));  // every patch, once
      } else {
        COMPARE(int64_t(seen.size()), expected.back());  // exactly the kept ones
        for (const auto& g : groups) COMPARE(g.size(), size_t(1));
      }
    }
  }

  void fullKeepEqualsNone_data() {
    check::addColumn<std::string>("spec");
    check::newRow("pool2d stride 1") << "pool2d:layer=1,stride=1";
    check::newRow("fastv keep 1") << "fastv:layer=2,keep=1";
    check::newRow("pdrop keep 1") << "pdrop:layers=1+2,keep=1";
    check::newRow("tome keep 1") << "tome:layer=1,keep=1";
    check::newRow("kmeans 16 clusters") << "kmeans:layer=1,clusters=16";
    check::newRow("visionzip all dominant") << "visionzip:dominant=16,contextual=0";
    check::newRow("random keep 1") << "random:layer=0,keep=1,seed=4";
  }
  DATA_TEST(fullKeepEqualsNone) {
    FETCH(std::string, spec);
    torch::NoGradGuard g;
    auto pixels = testing::randomPixels(config_, 2);
    const auto none = prefill(*scheme("none"), {promptA(), promptB()}, pixels, nullptr).logits;
    const auto got = prefill(*scheme(spec), {promptA(), promptB()}, pixels, nullptr).logits;
    VERIFY(torch::equal(got, none));
  }

  void cachedDecodingEqualsRecompute_data() { addSchemeRows(); }
  DATA_TEST(cachedDecodingEqualsRecompute) {
    FETCH(std::string, spec);
    torch::NoGradGuard g;
    auto s = scheme(spec);
    const bool ranked = spec.rfind("fastv", 0) == 0 || spec.rfind("pdrop", 0) == 0;
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
      VERIFY_MSG(torch::allclose(logits, full, 1e-4, 1e-4),
                 check::text("step ", step, ": max diff ", (logits - full).abs().max().item<double>()));
    }
  }

  void batchOfTwoEqualsTwoSingles_data() { addSchemeRows(); }
  DATA_TEST(batchOfTwoEqualsTwoSingles) {
    FETCH(std::string, spec);
    auto s = scheme(spec);
    auto pixels = testing::randomPixels(config_, 2);
    engine::SamplingOptions o;
    o.maxNewTokens = 4;
    o.stopAtEos = false;
    auto both = engine::generate(*model_, {promptA(), promptB()}, pixels, *s, o);
    auto a = engine::generate(*model_, {promptA()}, pixels.slice(0, 0, 1), *s, o);
    auto b = engine::generate(*model_, {promptB()}, pixels.slice(0, 1, 2), *s, o);
    COMPARE(both.tokens[0], a.tokens[0]);
    COMPARE(both.tokens[1], b.tokens[0]);
    VERIFY(torch::allclose(both.prefill.logits[0], a.prefill.logits[0], 1e-4, 1e-4));
    VERIFY(torch::allclose(both.prefill.logits[1], b.prefill.logits[0], 1e-4, 1e-4));
    COMPARE(both.prefill.trace.groupsAt(3)[0], a.prefill.trace.groupsAt(3)[0]);
    COMPARE(both.prefill.trace.groupsAt(3)[1], b.prefill.trace.groupsAt(3)[0]);
  }

  void trainingForwardCarriesGradients_data() { addSchemeRows(); }
  DATA_TEST(trainingForwardCarriesGradients) {
    FETCH(std::string, spec);
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
    COMPARE(out.spanLength, s->visualTokensPerLayer(4, 16).back());
    out.logits.select(1, -1).sum().backward();
    VERIFY(feats.grad().defined());
    VERIFY(torch::isfinite(feats.grad()).all().item<bool>());
    VERIFY(feats.grad().abs().sum().item<double>() > 0);
    // Matches inference.
    torch::NoGradGuard g;
    auto last = model_->prefill({promptA(), promptB()}, feats.detach(), *s, nullptr, o).logits;
    VERIFY(torch::allclose(out.logits.select(1, -1), last, 1e-5, 1e-5));
    model_->zero_grad();
  }

  // ---- hand-checked rules on small contexts ----

  TEST(fastvKeepsTheMostAttendedInOriginalOrder) {
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
    COMPARE(ctx.spanLength, int64_t(3));
    const std::vector<int64_t> kept{1, 3, 5};
    for (int j = 0; j < 3; ++j) {
      COMPARE(ctx.groups[0][j], std::vector<int64_t>{kept[j]});
      VERIFY(torch::equal(ctx.hidden[0][3 + j], before[0][3 + kept[j]]));
      COMPARE(ctx.positions[0][3 + j].item<int64_t>(), 3 + kept[j]);  // original position ids
    }
    COMPARE(ctx.positions[0][6].item<int64_t>(), int64_t(11));  // the text after keeps its own
  }

  TEST(pdropDropsAgainFromWhatIsLeft) {
    auto ctx = singleContext(torch::randn({8, 2}));
    auto att = torch::zeros({1, 15});
    for (int i = 0; i < 8; ++i) att[0][3 + i] = static_cast<float>(i);  // later = more attended
    ctx.lastTokenAttention[0] = att;
    ctx.layer = 1;
    auto s = engine::makeScheme("pdrop:layers=1+2,keep=0.5");
    s->apply(ctx);
    COMPARE(ctx.spanLength, int64_t(4));
    COMPARE(ctx.groups[0].front(), std::vector<int64_t>{4});
    auto att2 = torch::zeros({1, 11});
    const std::vector<float> a2{0.4f, 0.1f, 0.3f, 0.2f};  // over patches 4, 5, 6, 7
    for (int i = 0; i < 4; ++i) att2[0][3 + i] = a2[i];
    ctx.lastTokenAttention[1] = att2;
    ctx.layer = 2;
    s->apply(ctx);
    COMPARE(ctx.groups[0], (engine::TokenGroups{{4}, {6}}));
  }

  TEST(pool2dAveragesGridWindows) {
    auto ctx = singleContext(torch::randn({16, 3}));
    const auto before = ctx.hidden.clone();
    engine::makeScheme("pool2d:layer=0,stride=2")->apply(ctx);
    const engine::TokenGroups expected{{0, 1, 4, 5}, {2, 3, 6, 7}, {8, 9, 12, 13}, {10, 11, 14, 15}};
    COMPARE(ctx.groups[0], expected);
    for (int j = 0; j < 4; ++j) {
      auto idx = torch::tensor(expected[j]) + 3;
      VERIFY(torch::allclose(ctx.hidden[0][3 + j], before[0].index_select(0, idx).mean(0), 1e-6, 1e-6));
      int64_t sum = 0;
      for (auto p : expected[j]) sum += 3 + p;
      COMPARE(ctx.positions[0][3 + j].item<int64_t>(), sum / 4);
    }
    // 4x4 grid, stride 3: windows of 3x3, 3x1, 1x3, 1x1.
    const auto h3 = torch::randn({16, 3});
    auto ctx3 = singleContext(h3);
    engine::makeScheme("pool2d:layer=0,stride=3")->apply(ctx3);
    COMPARE(ctx3.groups[0], (engine::TokenGroups{{0, 1, 2, 4, 5, 6, 8, 9, 10}, {3, 7, 11}, {12, 13, 14}, {15}}));
    // pool2d's documented choice for partial windows: avg_pool2d with ceil_mode on, each
    // edge window the mean of the patches inside it (not LLaVolta's drop, which is vcc's).
    const auto grid = h3.t().reshape({3, 4, 4});
    const auto pooled = torch::avg_pool2d(grid, {3, 3}, {3, 3}, {0, 0}, /*ceil_mode=*/true).reshape({3, 4}).t();
    VERIFY(torch::allclose(ctx3.hidden[0].slice(0, 3, 7), pooled, 1e-6, 1e-6));
  }

  TEST(tomeMergesBestMatchesWithSizes) {
    // A = tokens 0, 2; B = tokens 1, 3. 0 matches 1 best (0.995), 2 matches 3 (0.98).
    auto h = torch::tensor({1.0f, 0.0f, 1.0f, 0.1f, 0.0f, 1.0f, 0.2f, 1.0f}).view({4, 2});
    auto ctx = singleContext(h);
    engine::makeScheme("tome:layer=0,keep=0.75")->apply(ctx);  // one merge: the best edge
    COMPARE(ctx.groups[0], (engine::TokenGroups{{0, 1}, {2}, {3}}));
    VERIFY(torch::allclose(ctx.hidden[0][3], (h[0] + h[1]) / 2));
    auto ctx2 = singleContext(h);
    engine::makeScheme("tome:layer=0,keep=0.5")->apply(ctx2);  // both edges
    COMPARE(ctx2.groups[0], (engine::TokenGroups{{0, 1}, {2, 3}}));
    // Repeated rounds: sizes add up, states are size-weighted means over patches.
    auto big = torch::randn({16, 4});
    auto ctx3 = singleContext(big);
    engine::makeScheme("tome:layer=0,keep=0.125")->apply(ctx3);
    COMPARE(ctx3.spanLength, int64_t(2));
    size_t total = 0;
    for (int j = 0; j < 2; ++j) {
      const auto& g = ctx3.groups[0][j];
      total += g.size();
      VERIFY(torch::allclose(ctx3.hidden[0][3 + j], big.index_select(0, torch::tensor(g)).mean(0), 1e-5, 1e-5));
    }
    COMPARE(total, size_t(16));
  }

  TEST(kmeansReplacesClustersByTheirMeans) {
    // Three well separated blobs in runs of three; the evenly spaced starts (tokens
    // 1, 4, 7) fall one into each, and Lloyd's iterations recover them.
    torch::manual_seed(11);
    std::vector<torch::Tensor> rows;
    const std::vector<std::vector<float>> centres{{10, 0}, {0, 10}, {-10, -10}};
    for (int i = 0; i < 9; ++i) rows.push_back(torch::tensor(centres[i / 3]) + 0.1 * torch::randn({2}));
    auto h = torch::stack(rows);
    auto ctx = singleContext(h);
    engine::makeScheme("kmeans:layer=0,clusters=3")->apply(ctx);
    COMPARE(ctx.groups[0], (engine::TokenGroups{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}));
    for (int j = 0; j < 3; ++j) {
      VERIFY(torch::allclose(ctx.hidden[0][3 + j], h.slice(0, 3 * j, 3 * j + 3).mean(0), 1e-5, 1e-5));
      COMPARE(ctx.positions[0][3 + j].item<int64_t>(), int64_t(3 + 3 * j + 1));  // mean position of the members
    }
    // A cluster that owns interleaved tokens still gets their exact mean.
    std::vector<torch::Tensor> mixed;
    const std::vector<int> blob{1, 0, 0, 1, 0, 1, 1, 0};  // starts: tokens 2 and 6, one per blob
    for (int i = 0; i < 8; ++i) mixed.push_back(torch::tensor(centres[blob[i]]) + 0.1 * torch::randn({2}));
    auto hm = torch::stack(mixed);
    auto cm = singleContext(hm);
    engine::makeScheme("kmeans:layer=0,clusters=2")->apply(cm);
    COMPARE(cm.groups[0], (engine::TokenGroups{{0, 3, 5, 6}, {1, 2, 4, 7}}));
    VERIFY(torch::allclose(cm.hidden[0][4], hm.index_select(0, torch::tensor({1, 2, 4, 7})).mean(0), 1e-5, 1e-5));
    // Deterministic.
    auto again = singleContext(h);
    engine::makeScheme("kmeans:layer=0,clusters=3")->apply(again);
    COMPARE(again.groups[0], ctx.groups[0]);
    // Always exactly C clusters, even with duplicate tokens.
    auto dup = singleContext(torch::zeros({6, 2}));
    engine::makeScheme("kmeans:layer=0,clusters=4")->apply(dup);
    COMPARE(dup.spanLength, int64_t(4));
  }

  TEST(visionzipKeepsDominantAndMergesTheRest) {
    auto h = torch::randn({8, 3});
    auto ctx = singleContext(h);
    ctx.visionAttention = torch::tensor({0.1f, 0.5f, 0.0f, 0.05f, 0.3f, 0.02f, 0.01f, 0.02f}).view({1, 8});
    ctx.layer = -1;
    engine::makeScheme("visionzip:dominant=2,contextual=2")->apply(ctx);
    COMPARE(ctx.spanLength, int64_t(4));
    // Dominant: patches 1 and 4. Rest 0,2,3,5,6,7; targets rest[0] = 0 and rest[3] = 5.
    std::set<std::vector<int64_t>> groups(ctx.groups[0].begin(), ctx.groups[0].end());
    VERIFY(groups.count({1}));
    VERIFY(groups.count({4}));
    size_t total = 0;
    for (const auto& g : ctx.groups[0]) total += g.size();
    COMPARE(total, size_t(8));
    bool zeroWithTarget = false, fiveWithTarget = false;
    for (const auto& g : ctx.groups[0]) {
      zeroWithTarget |= std::count(g.begin(), g.end(), 0) && !std::count(g.begin(), g.end(), 5);
      fiveWithTarget |= std::count(g.begin(), g.end(), 5) && !std::count(g.begin(), g.end(), 0);
    }
    VERIFY(zeroWithTarget && fiveWithTarget);  // the two targets head separate groups
    // Without the tower's attention it is a clear error.
    auto bare = singleContext(h);
    VERIFY(check::contains(errorOf([&] { engine::makeScheme("visionzip:dominant=2,contextual=2")->apply(bare); }), "[CLS] attention"));
  }

  TEST(randomIsReproduciblePerSeed) {
    auto groupsFor = [](const std::string& spec) {
      auto ctx = singleContext(torch::randn({16, 2}));
      engine::makeScheme(spec)->apply(ctx);
      return ctx.groups[0];
    };
    const auto a = groupsFor("random:layer=0,keep=0.25,seed=1");
    COMPARE(a.size(), size_t(4));
    COMPARE(groupsFor("random:layer=0,keep=0.25,seed=1"), a);
    VERIFY(groupsFor("random:layer=0,keep=0.25,seed=2") != a);
    for (size_t i = 1; i < a.size(); ++i) VERIFY(a[i - 1][0] < a[i][0]);  // original order
  }

  TEST(specsAreCanonicalAndListed) {
    COMPARE(engine::makeScheme("fastv")->spec(), std::string("fastv:layer=2,keep=0.5"));
    COMPARE(engine::makeScheme("pdrop")->spec(), std::string("pdrop:layers=8+16+24,keep=0.5"));
    COMPARE(engine::makeScheme("tome:keep=0.125")->spec(), std::string("tome:layer=2,keep=0.125"));
    COMPARE(engine::makeScheme("random")->spec(), std::string("random:layer=2,keep=0.25,seed=0"));
    COMPARE(engine::makeScheme("pool2d")->spec(), std::string("pool2d:layer=2,stride=2"));
    COMPARE(engine::makeScheme("kmeans")->spec(), std::string("kmeans:layer=2,clusters=72,iterations=10"));
    COMPARE(engine::makeScheme("visionzip")->spec(), std::string("visionzip:dominant=108,contextual=36"));
    std::set<std::string> names;
    for (const auto& s : engine::registeredSchemes()) {
      names.insert(s.name);
      VERIFY(!s.summary.empty());
      for (const auto& p : s.parameters) VERIFY_MSG(!p.defaultValue.empty(), (s.name + "." + p.key).c_str());
    }
    for (const char* n : {"none", "vcc", "pool2d", "fastv", "pdrop", "tome", "visionzip", "kmeans", "random"})
      VERIFY_MSG(names.count(n), n);
    VERIFY(engine::makeScheme("visionzip")->needsVisionAttention());
    COMPARE(engine::makeScheme("fastv:layer=3")->attentionLayers(), std::vector<int>{2});
    COMPARE(engine::makeScheme("pdrop:layers=8+16+24,keep=0.5")->visualTokensPerLayer(32, 576)[30], int64_t(72));
  }

  // SchemeSpec: parse and format round-trip for every registered scheme (its defaults written
  // out, and the spec the scheme itself reports); layer-typed parameters are marked, so that
  // rescaling is generic.
  TEST(schemeSpecsRoundTripAndMapLayers) {
    for (const auto& info : engine::registeredSchemes()) {
      const std::string canonical = engine::makeScheme(info.name)->spec();
      const auto parsed = engine::SchemeSpec::parse(canonical);
      COMPARE(parsed.name(), info.name);
      COMPARE(engine::SchemeSpec::parse(parsed.text()).values(), parsed.values());
      COMPARE(engine::makeScheme(parsed.text())->spec(), canonical);
      // With every default written out, the text is the canonical spec (vcc leaves tail=drop out).
      std::string full = info.name, items;
      for (const auto& p : info.parameters) items += (items.empty() ? "" : ",") + p.key + "=" + p.defaultValue;
      if (!items.empty()) full += ":" + items;
      COMPARE(engine::makeScheme(engine::SchemeSpec::parse(full).text())->spec(), canonical);
      // Layer-typed parameters move under mapLayers, the others do not.
      const auto shifted = engine::SchemeSpec::parse(full).mapLayers([](int64_t k) { return k + 100; });
      for (const auto& p : info.parameters) {
        const std::string before = engine::SchemeSpec::parse(full).values().at(p.key);  // a copy: the spec is a temporary
        const auto& after = shifted.values().at(p.key);
        if (p.kind == engine::SchemeParameter::Kind::Value) {
          COMPARE(after, before);
        } else {
          VERIFY_MSG(after != before, (info.name + "." + p.key).c_str());
          VERIFY_MSG(p.key.rfind("layer", 0) == 0, (info.name + "." + p.key).c_str());
        }
      }
    }
    // Every parameter named like a layer is marked as one.
    for (const auto& info : engine::registeredSchemes())
      for (const auto& p : info.parameters)
        if (p.key == "layer" || p.key == "layers")
          VERIFY_MSG(p.kind != engine::SchemeParameter::Kind::Value, (info.name + "." + p.key).c_str());
    COMPARE(engine::SchemeSpec::parse(" vcc : stride = 4 , layer=1 ").text(), std::string("vcc:layer=1,stride=4"));
    COMPARE(engine::SchemeSpec::parse("pdrop:layers=8+16+24,keep=0.5").mapLayers([](int64_t k) { return k / 4; }).text(),
            std::string("pdrop:layers=2+4+6,keep=0.5"));
    COMPARE(engine::SchemeSpec::parse("none").text(), std::string("none"));
    COMPARE(engine::SchemeSpec::parse("vcc:stride=4").params().integer("layer"), int64_t(2));
    // The same error text as makeScheme, wherever the spec comes from.
    for (const char* bad : {"blur:radius=2", "tome:stride=2", "vcc:layer", "vcc:layer=1,layer=2"}) {
      const auto a = errorOf([&] { engine::SchemeSpec::parse(bad); });
      const auto b = errorOf([&] { engine::makeScheme(bad); });
      VERIFY_MSG(!a.empty() && a == b, a + " | " + b);
    }
  }

  void badParametersAreClearErrors_data() {
    check::addColumn<std::string>("spec");
    check::addColumn<std::string>("expected");
    check::newRow("fastv layer too deep") << "fastv:layer=9,keep=0.5" << "out of range for a 4-layer model";
    check::newRow("fastv layer 0") << "fastv:layer=0" << "at least 1";
    check::newRow("fastv keep 0") << "fastv:keep=0" << "keep must be a fraction in (0, 1]";
    check::newRow("tome keep > 1") << "tome:layer=1,keep=1.5" << "(0, 1]";
    check::newRow("tome layer") << "tome:layer=7" << "out of range";
    check::newRow("kmeans too many clusters") << "kmeans:layer=1,clusters=17" << "more than the 16 visual tokens";
    check::newRow("kmeans zero clusters") << "kmeans:layer=1,clusters=0" << "at least 1";
    check::newRow("pdrop not increasing") << "pdrop:layers=3+2" << "strictly increasing";
    check::newRow("pdrop not numbers") << "pdrop:layers=a+2" << "not a list of layer numbers";
    check::newRow("pdrop layer too deep") << "pdrop:layers=1+8" << "out of range";
    check::newRow("pool2d stride > grid") << "pool2d:layer=1,stride=5" << "larger than the 4x4 patch grid";
    check::newRow("pool2d stride 0") << "pool2d:stride=0" << "at least 1";
    check::newRow("visionzip too many") << "visionzip:dominant=10,contextual=10" << "more than the 16 visual tokens";
    check::newRow("visionzip no dominant") << "visionzip:dominant=0,contextual=2" << "at least 1";
    check::newRow("random layer") << "random:layer=-2" << "layer must be -1";
    check::newRow("random seed") << "random:seed=x" << "not an integer";
    check::newRow("random keep") << "random:keep=abc" << "not a number";
    check::newRow("unknown key") << "tome:stride=2" << "no parameter \"stride\"";
  }
  DATA_TEST(badParametersAreClearErrors) {
    FETCH(std::string, spec);
    FETCH(std::string, expected);
    const auto msg = errorOf([&] { engine::makeScheme(spec, 4, 16); });
    VERIFY_MSG(check::contains(msg, expected), spec + " -> " + msg);
  }

  // A model directory and an image for the CLI tests, written once.
  std::pair<std::string, std::string> cliModel() {
    static std::string dir;
    if (dir.empty()) {
      dir = testing::tempDir() + "/cli-model";
      testing::writeModelDir(*model_, config_, dir);
      engine::RgbImage img;
      img.width = img.height = 56;
      for (int p = 0; p < 56 * 56; ++p) img.pixels.insert(img.pixels.end(), {uint8_t(p % 251), uint8_t(p % 13 * 19), 90});
      engine::writePng(img, dir + "/image.png");
    }
    return {dir, dir + "/image.png"};
  }

  TEST(cliListsTheSchemes) {
    auto listed = check::runCli({"schemes", "--json"});
    VERIFY_MSG(listed.code == 0, check::describe({"schemes", "--json"}, listed));
    std::set<std::string> names;
    for (const auto& v : nlohmann::json::parse(listed.out)) {
      names.insert(v.at("name").get<std::string>());
      VERIFY(!v.at("default_spec").get<std::string>().empty());
    }
    for (const char* n : {"none", "vcc", "pool2d", "fastv", "pdrop", "tome", "visionzip", "kmeans", "random"})
      VERIFY_MSG(names.count(n), n);
    const auto [dir, image] = cliModel();
    const std::vector<std::string> bad{"chat", "--model", dir, "--image", image, "--question", "x", "--scheme", "kmeans:layer=1,clusters=99"};
    auto b = check::runCli(bad);
    COMPARE(b.code, 2);
    VERIFY_MSG(check::contains(b.err, "99 clusters are more than the 16 visual tokens"), b.err);
  }

  // One row per scheme: each its own watchdog period on a loaded machine.
  void everySchemeRunsFromTheCli_data() {
    check::addColumn<std::string>("spec");
    for (const char* spec : {"pool2d:layer=1,stride=2", "fastv:layer=2,keep=0.25", "pdrop:layers=1+3,keep=0.5",
                             "tome:layer=1,keep=0.25", "kmeans:layer=2,clusters=5", "visionzip:dominant=3,contextual=2",
                             "random:layer=1,keep=0.25,seed=3"})
      check::newRow(spec) << std::string(spec);
  }
  DATA_TEST(everySchemeRunsFromTheCli) {
    FETCH(std::string, spec);
    const auto [dir, image] = cliModel();
    const std::vector<std::string> chat{"chat", "--model", dir, "--image", image, "--question", "What is it?",
                           "--scheme", spec, "--max-new-tokens", "3", "--json"};
    auto r = check::runCli(chat);
    VERIFY_MSG(r.code == 0 && !r.crashed, check::describe(chat, r));
    VERIFY_MSG(check::contains(r.out, spec.substr(0, spec.find(':'))), r.out.substr(0, 400));
    const std::vector<std::string> flops{"flops", "--config", dir + "/config.json", "--scheme", spec, "--json"};
    auto f = check::runCli(flops);
    VERIFY_MSG(f.code == 0, check::describe(flops, f));
    const auto fj = nlohmann::json::parse(f.out);
    int64_t total = 0;
    for (auto c : engine::makeScheme(spec, 4, 16)->visualTokensPerLayer(4, 16)) total += c;
    COMPARE(fj.at("visual_tokens_total").get<int64_t>(), total);
  }

  TEST(visionzipWithoutTowerAttentionIsAnError) {
    torch::NoGradGuard g;
    auto feats = model_->encodeImages(testing::randomPixels(config_, 1));
    auto s = scheme("visionzip:dominant=3,contextual=2");
    VERIFY(check::contains(errorOf([&] { model_->prefill({promptA()}, feats, *s, nullptr); }), "[CLS] attention"));
  }
};

LLAVOLTA_TEST_MAIN(SchemesTest)
