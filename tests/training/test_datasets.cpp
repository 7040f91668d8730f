// LLaVA conversation datasets (validation, LLaVA's label masking), the data loader
// (seeded order, resume, truncation, padding) and LLaVA question/answer files.
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "engine/chat_template.h"
#include "engine/errors.h"
#include "engine/tokenizer.h"
#include "support/tiny_model.h"
#include "training/conversation_dataset.h"
#include "training/data_loader.h"
#include "training/question_file.h"
#include "support/check.h"

using namespace llavolta;
using namespace llavolta::training;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using check::errorOf;

const engine::Tokenizer& tok() {
  static const std::shared_ptr<engine::Tokenizer> t = engine::Tokenizer::load(testing::sharedTokenizerFile());
  return *t;
}

void touch(const std::string& path) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << "not decoded at load";
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

json message(const std::string& from, const std::string& value) { return json{{"from", from}, {"value", value}}; }

// The runs of target labels, in order.
std::vector<std::vector<int64_t>> targetRuns(const TokenizedSample& s) {
  std::vector<std::vector<int64_t>> runs;
  bool inRun = false;
  for (size_t i = 0; i < s.labels.size(); ++i) {
    if (s.labels[i] == kIgnoreIndex) {
      inRun = false;
      continue;
    }
    if (!inRun) runs.emplace_back();
    inRun = true;
    runs.back().push_back(s.labels[i]);
  }
  return runs;
}

std::string decode(const std::vector<int64_t>& ids) { return tok().decode(std::vector<int>(ids.begin(), ids.end())); }

// Checks LLaVA's masking invariants and that the targets decode to the answers.
void checkMasking(const TokenizedSample& s, const std::vector<std::string>& answers) {
  COMPARE(s.labels.size(), s.ids.size());
  for (size_t i = 0; i < s.ids.size(); ++i) {
    if (s.labels[i] != kIgnoreIndex) COMPARE(s.labels[i], s.ids[i]);
    if (s.ids[i] == engine::kImageSentinel) COMPARE(s.labels[i], kIgnoreIndex);
  }
  COMPARE(s.ids.front(), int64_t(tok().bosId()));
  COMPARE(s.labels.front(), kIgnoreIndex);
  const auto runs = targetRuns(s);
  COMPARE(runs.size(), answers.size());
  for (size_t k = 0; k < runs.size(); ++k) {
    COMPARE(runs[k].back(), int64_t(tok().eosId()));  // the closing "</s>" is a target
    COMPARE(std::count(runs[k].begin(), runs[k].end(), int64_t(tok().eosId())), std::ptrdiff_t(1));
    COMPARE(decode(runs[k]), answers[k]);
  }
  COMPARE(s.ids.back(), int64_t(tok().eosId()));  // nothing after the last answer
}

json entry(const std::string& id, const std::string& image, std::vector<json> conversations) {
  json e{{"id", id}, {"conversations", conversations}};
  if (!image.empty()) e["image"] = image;
  return e;
}

json textEntries(int n) {
  json root = json::array();
  for (int i = 0; i < n; ++i) {
    root.push_back(entry("t" + std::to_string(i), "",
                         {message("human", "How many circles are there in picture " + std::to_string(i) + "?"),
                          message("gpt", std::string(static_cast<size_t>(i % 4 + 1), 'x') + " " + std::to_string(i))}));
  }
  return root;
}

std::shared_ptr<const std::vector<TokenizedSample>> textSamples(int n) {
  return ConversationDataset::fromJson(textEntries(n), "mem", tok()).sharedSamples();
}

void compareBatches(const Batch& a, const Batch& b) {
  COMPARE(a.sampleIds, b.sampleIds);
  COMPARE(a.ids, b.ids);
  COMPARE(a.labels, b.labels);
  COMPARE(a.images, b.images);
  COMPARE(a.epoch, b.epoch);
}

}  // namespace

class DatasetsTest : public check::Suite {
 public:
  TEST(singleTurnMaskingFollowsPreprocessV1) {
    const std::string dir = testing::tempDir();
    touch(dir + "/imgs/a.png");
    const json root = json::array({entry("s1", "a.png",
                                         {message("human", "What colour is the circle?\n<image>"),
                                          message("gpt", "The circle is red.")})});
    ConversationDatasetOptions o;
    o.imageFolder = dir + "/imgs";
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), o);
    COMPARE(ds.size(), size_t(1));
    const TokenizedSample& s = ds[0];
    COMPARE(s.id, std::string("s1"));
    COMPARE(s.image, (fs::path(dir) / "imgs/a.png").lexically_normal().string());

    // The whole sequence is exactly the engine's rendering and tokenisation, with <image>
    // moved to the front as LLaVA's preprocess_multimodal does.
    engine::ChatPrompt p;
    p.turns = {{"<image>\nWhat colour is the circle?", "The circle is red."}};
    const auto expected = engine::tokenizePrompt(tok(), engine::renderVicunaV1(p), engine::ImageTokenMode::Sentinel);
    COMPARE(s.ids, expected);
    COMPARE(std::count(s.ids.begin(), s.ids.end(), engine::kImageSentinel), std::ptrdiff_t(1));
    checkMasking(s, {"The circle is red."});
    COMPARE(ds.stats().withImage, size_t(1));
    COMPARE(ds.stats().targetTokens, targetRuns(s)[0].size());
  }

  TEST(multiTurnMaskingCoversEveryAnswer) {
    const std::string dir = testing::tempDir();
    touch(dir + "/b.jpg");
    const std::vector<std::string> answers = {"Yes.", "3", "It's blue, and the square is on the left!",
                                              "two circles and one triangle"};
    const json root = json::array({entry(
        "m1", "b.jpg",
        {message("human", "<image>\nIs there a circle?"), message("gpt", answers[0]),
         message("human", "How many shapes are there?"), message("gpt", answers[1]),
         message("human", "What colour is the triangle? Where is the square?"), message("gpt", answers[2]),
         message("human", "List the shapes."), message("gpt", answers[3])})});
    ConversationDatasetOptions o;
    o.imageFolder = dir;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), o);
    checkMasking(ds[0], answers);
    // The same masks when the tokens are built from a custom system prompt.
    o.system = "You answer with one word.";
    const ConversationDataset custom = ConversationDataset::fromJson(root, "mem", tok(), o);
    checkMasking(custom[0], answers);
    VERIFY(custom[0].ids.size() < ds[0].ids.size());
  }

  // Issue 18: a 10,000-turn conversation took 108 s (every prefix was encoded). Each later turn
  // is now encoded on its own; the masks are the same as for short conversations.
  TEST(longConversationKeepsEveryAnswerMasked) {
    std::vector<json> messages;
    std::vector<std::string> answers;
    for (int k = 0; k < 3000; ++k) {
      messages.push_back(message("human", k == 0 ? "<image>\nWhat is shape " + std::to_string(k) + "?"
                                                  : "And shape " + std::to_string(k) + "?"));
      answers.push_back(k % 3 == 0 ? "a circle" : k % 3 == 1 ? "2" : "the blue one, on the left");
      messages.push_back(message("gpt", answers.back()));
    }
    const std::string dir = testing::tempDir();
    touch(dir + "/long.png");
    ConversationDatasetOptions o;
    o.imageFolder = dir;
    const ConversationDataset ds = ConversationDataset::fromJson(json::array({entry("long", "long.png", messages)}), "mem", tok(), o);
    COMPARE(ds.size(), size_t(1));
    checkMasking(ds[0], answers);
  }

  // Image paths stay inside the image folder unless the caller allows others.
  TEST(imagePathsMustStayInTheImageFolder) {
    const std::string root = testing::tempDir();
    touch(root + "/outside.png");
    touch(root + "/images/inside.png");
    json data = json::array();
    data.push_back(entry("in", "inside.png", {message("human", "<image>\nq"), message("gpt", "a")}));
    data.push_back(entry("up", "../outside.png", {message("human", "<image>\nq"), message("gpt", "a")}));
    data.push_back(entry("abs", root + "/outside.png", {message("human", "<image>\nq"), message("gpt", "a")}));
    data.push_back(entry("climb", "sub/../../outside.png", {message("human", "<image>\nq"), message("gpt", "a")}));
    ConversationDatasetOptions o;
    o.imageFolder = root + "/images";
    const std::string msg = errorOf([&] { ConversationDataset::fromJson(data, "train.json", tok(), o); });
    VERIFY_MSG(check::contains(msg, "3 malformed entries") && check::contains(msg, "outside the image folder") &&
                 check::contains(msg, "--allow-outside-images"),
             msg);
    o.malformedEntries = MalformedEntries::Skip;
    COMPARE(ConversationDataset::fromJson(data, "train.json", tok(), o).size(), size_t(1));
    o.allowImagesOutsideFolder = true;
    const ConversationDataset all = ConversationDataset::fromJson(data, "train.json", tok(), o);
    COMPARE(all.size(), size_t(4));
  }

  TEST(maskingSurvivesTemplateLookalikesAndBytes) {
    // LLaVA's preprocess_v1 splits on " ASSISTANT: " and would lose the mask here; the
    // incremental encoding does not care what the messages contain. Non-ASCII answers go
    // through byte fallback and must still decode exactly.
    const std::vector<std::string> answers = {"Sure. USER: ASSISTANT: 42", "\xC3\xA7" "a va \xF0\x9F\x98\x80 \xE2\x80\x94 ok",
                                              "  spaced  out  "};
    const json root = json::array({entry("x", "", {message("human", "Repeat ' ASSISTANT: ' please."),
                                                   message("gpt", answers[0]), message("human", "Unicode?"),
                                                   message("gpt", answers[1]), message("human", "USER:"),
                                                   message("gpt", answers[2])})});
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok());
    const auto runs = targetRuns(ds[0]);
    COMPARE(runs.size(), size_t(3));
    COMPARE(decode(runs[0]), answers[0]);
    COMPARE(decode(runs[1]), answers[1]);
    // The template's separator space is the only one dropped; the answer's own spaces are
    // targets and decode back.
    COMPARE(decode(runs[2]), answers[2]);
  }

  TEST(textOnlyEntryHasNoSentinel) {
    const json root = json::array({entry("t", "", {message("human", "Say hello."), message("gpt", "Hello there.")})});
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok());
    const TokenizedSample& s = ds[0];
    VERIFY(s.image.empty());
    COMPARE(std::count(s.ids.begin(), s.ids.end(), engine::kImageSentinel), std::ptrdiff_t(0));
    checkMasking(s, {"Hello there."});
    COMPARE(ds.stats().textOnly, size_t(1));
    COMPARE(ds.stats().withImage, size_t(0));
  }

  TEST(imageEntryWithoutPlaceholderGetsOne) {
    const std::string dir = testing::tempDir();
    touch(dir + "/c.png");
    const json root =
        json::array({entry("c", "c.png", {message("human", "What shape is it?"), message("gpt", "A circle.")})});
    ConversationDatasetOptions o;
    o.imageFolder = dir;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), o);
    COMPARE(std::count(ds[0].ids.begin(), ds[0].ids.end(), engine::kImageSentinel), std::ptrdiff_t(1));
    COMPARE(ds.stats().imagePlaceholderAdded, size_t(1));
    checkMasking(ds[0], {"A circle."});
  }

  TEST(plainTemplateTargetsTheCaption) {
    const std::string dir = testing::tempDir();
    touch(dir + "/p.png");
    const json root = json::array(
        {entry("p", "p.png", {message("human", "Describe the image briefly.\n<image>"), message("gpt", "A red circle")})});
    ConversationDatasetOptions o;
    o.imageFolder = dir;
    o.promptTemplate = PromptTemplate::Plain;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), o);
    const TokenizedSample& s = ds[0];
    // LLaVA's preprocess_plain: BOS, the image, then the caption and "\n" as the only targets.
    COMPARE(s.ids[0], int64_t(tok().bosId()));
    COMPARE(s.ids[1], engine::kImageSentinel);
    COMPARE(s.labels[0], kIgnoreIndex);
    COMPARE(s.labels[1], kIgnoreIndex);
    for (size_t i = 2; i < s.ids.size(); ++i) COMPARE(s.labels[i], s.ids[i]);
    COMPARE(decode({s.ids.begin() + 2, s.ids.end()}), std::string("A red circle\n"));
    // Multi-turn or text-only entries do not fit the plain template.
    const json multi = json::array({entry("q", "p.png", {message("human", "<image>"), message("gpt", "x"),
                                                        message("human", "y"), message("gpt", "z")})});
    VERIFY(check::contains(errorOf([&] { ConversationDataset::fromJson(multi, "mem", tok(), o); }), "plain"));
  }

  TEST(malformedEntriesNameIndexAndReason) {
    const auto reason = [](const json& e) {
      return errorOf([&] { parseConversationEntry(e, 0); });
    };
    const json ok1 = message("human", "<image>\nq");
    const json ok2 = message("gpt", "a");
    VERIFY(check::contains(reason(json::array()), "expected an object"));
    VERIFY(check::contains(reason(json{{"id", "x"}}), "missing \"conversations\""));
    VERIFY(check::contains(reason(json{{"conversations", "text"}}), "must be an array"));
    VERIFY(check::contains(reason(json{{"conversations", json::array()}}), "is empty"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok2, ok1})), "starting with human"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, ok2, message("gpt", "b")})), "alternate"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, message("assistant", "a")})), "unknown role \"assistant\""));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, message("gpt", "  ")})), "empty value"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, ok2, message("human", "more?")})), "no gpt answer"));
    VERIFY(check::contains(reason(entry("x", "i.png", {message("human", "<image> and <image>"), ok2})), "2 <image>"));
    VERIFY(check::contains(reason(entry("x", "i.png", {message("human", "q"), ok2, message("human", "<image>\nq2"), ok2})),
                           "message 2 (human)"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, message("gpt", "<image>")})), "only appear in the first human"));
    VERIFY(check::contains(reason(entry("x", "", {ok1, ok2})), "no \"image\" field"));
    VERIFY(check::contains(reason(entry("x", "i.png", {ok1, message("gpt", "a</s>b")})), "</s>"));
    VERIFY(check::contains(reason(json{{"image", 3}, {"conversations", {ok1, ok2}}}), "\"image\" must be a string"));
    VERIFY(check::contains(reason(json{{"conversations", {json{{"from", "human"}}, ok2}}}), "no \"value\""));
    VERIFY(reason(entry("x", "i.png", {ok1, ok2})).empty());
    VERIFY(reason(json{{"id", 17}, {"conversations", {message("human", "q"), ok2}}}).empty());

    const std::string dir = testing::tempDir();
    touch(dir + "/i.png");
    json root = json::array({entry("good", "i.png", {ok1, ok2}), entry("bad1", "i.png", {ok2, ok1}),
                             entry("good2", "", {message("human", "q"), ok2}), json("not an entry"),
                             entry("bad4", "i.png", {ok1, message("gpt", "")})});
    ConversationDatasetOptions o;
    o.imageFolder = dir;
    const std::string msg = errorOf([&] { ConversationDataset::fromJson(root, "train.json", tok(), o); });
    VERIFY_MSG(check::contains(msg, "train.json") && check::contains(msg, "3 malformed entries (of 5)"), msg);
    VERIFY_MSG(check::contains(msg, "entry 1 (id \"bad1\"): message 0 is from \"gpt\""), msg);
    VERIFY_MSG(check::contains(msg, "entry 3: expected an object"), msg);
    VERIFY_MSG(check::contains(msg, "entry 4 (id \"bad4\"): message 1 (gpt) has an empty value"), msg);

    o.malformedEntries = MalformedEntries::Skip;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "train.json", tok(), o);
    COMPARE(ds.size(), size_t(2));
    COMPARE(ds.stats().skippedMalformed, size_t(3));
    COMPARE(ds.stats().malformed.size(), size_t(3));
    COMPARE(ds.stats().malformed[0].index, size_t(1));
    COMPARE(ds.stats().malformed[2].index, size_t(4));
    COMPARE(ds[0].id, std::string("good"));
    COMPARE(ds[1].id, std::string("good2"));
  }

  TEST(missingImagesFailOrSkip) {
    const std::string dir = testing::tempDir();
    touch(dir + "/images/present.png");
    json root = json::array();
    root.push_back(entry("ok", "present.png", {message("human", "<image>\nq"), message("gpt", "a")}));
    for (int i = 0; i < 5; ++i) {
      root.push_back(entry("m" + std::to_string(i), "gone" + std::to_string(i) + ".png",
                           {message("human", "<image>\nq"), message("gpt", "a")}));
    }
    const std::string file = dir + "/train.json";
    writeText(file, root.dump());
    // The image folder defaults to the JSON file's folder.
    VERIFY(check::contains(errorOf([&] { ConversationDataset::load(file, tok()); }), "6 images are missing"));

    ConversationDatasetOptions o;
    o.imageFolder = dir + "/images";
    const std::string msg = errorOf([&] { ConversationDataset::load(file, tok(), o); });
    VERIFY_MSG(check::contains(msg, "5 images are missing (of 6)"), msg);
    VERIFY_MSG(check::contains(msg, "gone0.png") && check::contains(msg, "gone2.png") && check::contains(msg, "and 2 more"), msg);
    VERIFY_MSG(!check::contains(msg, "gone3.png"), msg);

    o.missingImages = MissingImages::Skip;
    const ConversationDataset ds = ConversationDataset::load(file, tok(), o);
    COMPARE(ds.size(), size_t(1));
    COMPARE(ds.stats().skippedMissingImage, size_t(5));
    COMPARE(ds.stats().missingImages.size(), size_t(5));
    COMPARE(ds.stats().entries, size_t(6));
    COMPARE(ds.stats().loaded, size_t(1));
  }

  TEST(badFilesGiveClearErrors) {
    const std::string dir = testing::tempDir();
    VERIFY(check::contains(errorOf([&] { ConversationDataset::load(dir + "/nope.json", tok()); }), "does not exist"));
    writeText(dir + "/bad.json", "[{\"id\": 1,");
    VERIFY(check::contains(errorOf([&] { ConversationDataset::load(dir + "/bad.json", tok()); }), "not valid JSON"));
    writeText(dir + "/obj.json", "{\"id\": 1}");
    VERIFY(check::contains(errorOf([&] { ConversationDataset::load(dir + "/obj.json", tok()); }), "expected a JSON array"));
    writeText(dir + "/empty.json", "[]");
    VERIFY(check::contains(errorOf([&] { ConversationDataset::load(dir + "/empty.json", tok()); }), "no usable"));
  }

  TEST(shufflingIsSeededAndDeterministic) {
    const auto samples = textSamples(10);
    DataLoaderOptions o;
    o.seed = 42;
    const DataLoader a(samples, o), b(samples, o);
    // Pinned so a change of algorithm (which would break resuming old runs) is noticed.
    COMPARE(a.epochOrder(0), (std::vector<size_t>{8, 0, 1, 2, 6, 4, 3, 9, 7, 5}));
    for (uint64_t e = 0; e < 4; ++e) {
      const auto order = a.epochOrder(e);
      COMPARE(order, b.epochOrder(e));
      std::vector<size_t> sorted = order;
      std::sort(sorted.begin(), sorted.end());
      for (size_t i = 0; i < sorted.size(); ++i) COMPARE(sorted[i], i);
    }
    VERIFY(a.epochOrder(0) != a.epochOrder(1));
    o.seed = 43;
    VERIFY(DataLoader(samples, o).epochOrder(0) != a.epochOrder(0));
    o.shuffle = false;
    COMPARE(DataLoader(samples, o).epochOrder(3), (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  }

  TEST(batchesFollowTheOrderAcrossEpochs) {
    const auto samples = textSamples(10);
    DataLoaderOptions o;
    o.seed = 7;
    o.batchSize = 4;
    DataLoader loader(samples, o);
    COMPARE(loader.batchesPerEpoch(), size_t(3));
    for (uint64_t e = 0; e < 2; ++e) {
      const auto order = loader.epochOrder(e);
      std::vector<std::string> seen;
      for (int b = 0; b < 3; ++b) {
        const Batch batch = loader.next();
        COMPARE(batch.epoch, e);
        COMPARE(batch.size(), size_t(b < 2 ? 4 : 2));
        seen.insert(seen.end(), batch.sampleIds.begin(), batch.sampleIds.end());
      }
      for (size_t i = 0; i < order.size(); ++i) COMPARE(seen[i], (*samples)[order[i]].id);
    }
    o.dropLast = true;
    DataLoader dropping(samples, o);
    COMPARE(dropping.batchesPerEpoch(), size_t(2));
    dropping.next();
    dropping.next();
    COMPARE(dropping.next().epoch, uint64_t(1));
    o.batchSize = 11;
    VERIFY(check::contains(errorOf([&] { (void)DataLoader(samples, o); }), "fewer than one batch"));
    o.batchSize = 0;
    VERIFY(check::contains(errorOf([&] { (void)DataLoader(samples, o); }), "batch size"));
  }

  // LLaVA's data mixes image conversations with text-only ones (mix665k's ShareGPT part); the
  // model takes a batch all with or all without images, so the loader groups them per batch
  // (group_by_modality_length), keeps the batches full and still serves every sample once.
  TEST(mixedDatasetsGiveBatchesOfOneKind) {
    const std::string dir = testing::tempDir();
    touch(dir + "/m.png");
    json root = json::array();
    for (int i = 0; i < 23; ++i)
      root.push_back(i % 3 == 0 ? entry("t" + std::to_string(i), "", {message("human", "Hi"), message("gpt", "Hello.")})
                                : entry("i" + std::to_string(i), "m.png",
                                        {message("human", "<image>\nWhat is it?"), message("gpt", "A shape.")}));
    ConversationDatasetOptions dso;
    dso.imageFolder = dir;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), dso);
    COMPARE(ds.stats().textOnly, size_t(8));
    DataLoaderOptions o;
    o.seed = 5;
    o.batchSize = 4;
    for (const bool shuffle : {true, false}) {
      o.shuffle = shuffle;
      DataLoader loader(ds, o);
      // 15 with images: 3 full batches and 3; 8 text-only: 2 full batches.
      COMPARE(loader.batchesPerEpoch(), size_t(6));
      std::multiset<std::string> seen;
      for (size_t batch = 0; batch < 6; ++batch) {
        const Batch b = loader.next();
        COMPARE(b.epoch, uint64_t(0));
        COMPARE(b.size(), size_t(batch < 5 ? 4 : 3));  // the remainder comes last
        const bool text = b.images.front().empty();
        for (size_t k = 0; k < b.size(); ++k) {
          COMPARE(b.images[k].empty(), text);
          COMPARE(b.sampleIds[k][0], text ? 't' : 'i');
          seen.insert(b.sampleIds[k]);
        }
      }
      COMPARE(seen.size(), ds.size());
      COMPARE(std::set<std::string>(seen.begin(), seen.end()).size(), ds.size());
      COMPARE(loader.next().epoch, uint64_t(1));
    }
    // With dropLast the remainder is skipped: the next epoch starts after the full batches.
    o.shuffle = true;
    o.dropLast = true;
    DataLoader dropping(ds, o);
    COMPARE(dropping.batchesPerEpoch(), size_t(5));
    for (int b = 0; b < 5; ++b) {
      const Batch batch = dropping.next();
      COMPARE(batch.size(), size_t(4));
      COMPARE(batch.epoch, uint64_t(0));
    }
    COMPARE(dropping.next().epoch, uint64_t(1));
  }

  TEST(resumedLoaderSeesTheSameBatches) {
    const auto samples = textSamples(9);
    DataLoaderOptions o;
    o.seed = 1234;
    o.batchSize = 2;
    DataLoader uninterrupted(samples, o);
    std::vector<Batch> reference;
    for (int i = 0; i < 20; ++i) reference.push_back(uninterrupted.next());

    for (const int cut : {0, 3, 5, 7, 13}) {  // mid-epoch, at the short last batch, epoch 2
      DataLoader first(samples, o);
      for (int i = 0; i < cut; ++i) compareBatches(first.next(), reference[static_cast<size_t>(i)]);
      const std::string saved = json(first.position()).dump();
      DataLoader resumed(samples, o);
      resumed.setPosition(json::parse(saved).get<DataPosition>());
      COMPARE(resumed.position(), first.position());
      for (int i = cut; i < 20; ++i) compareBatches(resumed.next(), reference[static_cast<size_t>(i)]);
    }

    DataPosition p = uninterrupted.position();
    const json j = p;
    COMPARE(j.at("dataset_size").get<uint64_t>(), uint64_t(9));
    COMPARE(j.at("seed").get<uint64_t>(), uint64_t(1234));
    DataLoader other(samples, o);
    p.seed = 99;
    VERIFY(check::contains(errorOf([&] { other.setPosition(p); }), "seed 99"));
    p.seed = 1234;
    p.datasetSize = 8;
    VERIFY(check::contains(errorOf([&] { other.setPosition(p); }), "8 samples"));
    p.datasetSize = 9;
    p.index = 10;
    VERIFY(check::contains(errorOf([&] { other.setPosition(p); }), "past the end"));
    VERIFY(check::contains(errorOf([&] { json{{"epoch", 1}}.get<DataPosition>(); }), "\"index\""));
    VERIFY(check::contains(
        errorOf([&] { json{{"epoch", -1}, {"index", 0}, {"seed", 0}, {"dataset_size", 1}}.get<DataPosition>(); }),
        "\"epoch\""));
  }

  TEST(truncationCountsTheVisualTokens) {
    const std::string dir = testing::tempDir();
    touch(dir + "/t.png");
    const json root = json::array(
        {entry("long", "t.png",
               {message("human", "<image>\nDescribe the picture."),
                message("gpt", "There is a red circle, a blue square and a green triangle on a white background.")}),
         entry("short", "", {message("human", "Hi"), message("gpt", "Hello.")})});
    ConversationDatasetOptions dso;
    dso.imageFolder = dir;
    const ConversationDataset ds = ConversationDataset::fromJson(root, "mem", tok(), dso);
    const TokenizedSample& full = ds[0];
    const auto sentinel = std::find(full.ids.begin(), full.ids.end(), engine::kImageSentinel) - full.ids.begin();

    DataLoaderOptions o;
    o.shuffle = false;
    o.batchSize = 2;
    o.imageTokens = 16;
    o.maxSeqLen = static_cast<int64_t>(sentinel) + 16 + 5;  // the image plus five more tokens
    DataLoader loader(ds, o);
    const Batch b = loader.next();
    COMPARE(b.ids[0].size(), size_t(sentinel) + 1 + 5);
    COMPARE(int64_t(b.ids[0].size()) + o.imageTokens - 1, o.maxSeqLen);
    COMPARE(b.labels[0].size(), b.ids[0].size());
    VERIFY(std::equal(b.ids[0].begin(), b.ids[0].end(), full.ids.begin()));
    VERIFY(std::equal(b.labels[0].begin(), b.labels[0].end(), full.labels.begin()));
    COMPARE(b.size(), size_t(1));  // a batch holds one kind of sample
    COMPARE(loader.next().ids[0], ds[1].ids);  // short text-only sample untouched

    o.maxSeqLen = static_cast<int64_t>(sentinel) + 15;
    const std::string msg = errorOf([&] { (void)DataLoader(ds, o); });
    VERIFY_MSG(check::contains(msg, "\"long\"") && check::contains(msg, "at least " + std::to_string(sentinel + 16)), msg);
  }

  TEST(paddingIsRightSided) {
    Batch b;
    b.ids = {{1, 5, engine::kImageSentinel, 7}, {1, 9}};
    b.labels = {{kIgnoreIndex, kIgnoreIndex, kIgnoreIndex, 7}, {kIgnoreIndex, 9}};
    b.images = {"x.png", ""};
    const PaddedBatch p = padBatch(b);
    COMPARE(p.ids.sizes().vec(), (std::vector<int64_t>{2, 4}));
    COMPARE(p.ids.scalar_type(), torch::kInt64);
    COMPARE(p.attentionMask.scalar_type(), torch::kBool);
    VERIFY(torch::equal(p.ids, torch::tensor({1, 5, -200, 7, 1, 9, 0, 0}, torch::kInt64).view({2, 4})));
    VERIFY(torch::equal(p.labels, torch::tensor({-100, -100, -100, 7, -100, 9, -100, -100}, torch::kInt64).view({2, 4})));
    VERIFY(torch::equal(p.attentionMask, torch::tensor({1, 1, 1, 1, 1, 1, 0, 0}).to(torch::kBool).view({2, 4})));
    COMPARE(padBatch(b, 3).ids[1][3].item<int64_t>(), int64_t(3));
    b.labels[1].pop_back();
    VERIFY(check::contains(errorOf([&] { padBatch(b); }), "sample 1"));
    VERIFY(check::contains(errorOf([&] { padBatch(Batch{}); }), "empty"));
  }

  TEST(questionAndAnswerFilesRoundTrip) {
    const std::string dir = testing::tempDir();
    std::vector<Question> qs = {{{"7", true}, "img/0.png", "What colour is the circle?", "colour"},
                                {{"q-8", false}, "img/1.png", "How many shapes?\nAnswer with a number.", ""}};
    writeQuestionFile(dir + "/sub/q.jsonl", qs);
    const auto back = readQuestionFile(dir + "/sub/q.jsonl");
    COMPARE(back.size(), size_t(2));
    COMPARE(back[0].questionId, (QuestionId{"7", true}));
    COMPARE(back[0].category, std::string("colour"));
    COMPARE(back[1].questionId, (QuestionId{"q-8", false}));
    COMPARE(back[1].text, qs[1].text);
    COMPARE(back[1].image, qs[1].image);

    {
      AnswerWriter w(dir + "/a.jsonl");
      w.write({qs[0].questionId, qs[0].text, "Red", "", "llavolta-demo"});
      w.write({qs[1].questionId, qs[1].text, "bad utf8 \xC3", "fixed-id", "llavolta-demo"});
    }
    // LLaVA's answer format, keys in LLaVA's order, numeric ids stay numbers.
    std::ifstream in(dir + "/a.jsonl");
    std::string line;
    std::getline(in, line);
    const json first = json::parse(line);
    VERIFY_MSG(line.rfind("{\"question_id\":7,\"prompt\":", 0) == 0, line.c_str());
    COMPARE(first.at("text").get<std::string>(), std::string("Red"));
    COMPARE(first.at("answer_id").get<std::string>().size(), size_t(22));
    COMPARE(first.at("answer_id").get<std::string>(),
            makeAnswerId({qs[0].questionId, qs[0].text, "Red", "", "llavolta-demo"}));
    COMPARE(first.at("model_id").get<std::string>(), std::string("llavolta-demo"));
    VERIFY(first.at("metadata").is_object() && first.at("metadata").empty());
    const auto answers = readAnswerFile(dir + "/a.jsonl");
    COMPARE(answers.size(), size_t(2));
    COMPARE(answers[1].questionId, (QuestionId{"q-8", false}));
    COMPARE(answers[1].answerId, std::string("fixed-id"));
    COMPARE(answers[1].text, std::string("bad utf8 \xEF\xBF\xBD"));  // replaced, not a failure
    { AnswerWriter(dir + "/a.jsonl", true).write({{"9", true}, "p", "t", "", "m"}); }
    COMPARE(readAnswerFile(dir + "/a.jsonl").size(), size_t(3));

    writeGroundTruthFile(dir + "/gt.jsonl", {{{"7", true}, "red", "colour"}, {{"q-8", false}, "3", "count"}});
    const auto gt = readGroundTruthFile(dir + "/gt.jsonl");
    COMPARE(gt.size(), size_t(2));
    COMPARE(gt[1].answer, std::string("3"));
    COMPARE(gt[1].category, std::string("count"));
  }

  TEST(badLinesNameTheLine) {
    const std::string dir = testing::tempDir();
    const std::string file = dir + "/q.jsonl";
    writeText(file,
              "{\"question_id\": 1, \"image\": \"a.png\", \"text\": \"q1\"}\n"
              "\n"
              "{\"question_id\": 2, \"image\": \"b.png\"\n"
              "[1, 2]\n"
              "{\"question_id\": 1.5, \"image\": \"c.png\", \"text\": \"q\"}\n"
              "{\"question_id\": 3, \"text\": \"q3\"}\n"
              "{\"question_id\": 1, \"image\": \"d.png\", \"text\": \"again\"}\r\n"
              "{\"question_id\": \"4\", \"image\": \"e.png\", \"text\": \"q4\", \"category\": \"shape\"}\n");
    const std::string msg = errorOf([&] { readQuestionFile(file); });
    VERIFY_MSG(check::contains(msg, file) && check::contains(msg, "5 bad lines"), msg);
    VERIFY_MSG(check::contains(msg, "line 3: the line is not valid JSON"), msg);
    VERIFY_MSG(check::contains(msg, "line 4: expected a JSON object"), msg);
    VERIFY_MSG(check::contains(msg, "line 5: \"question_id\" must be a string or an integer"), msg);
    VERIFY_MSG(check::contains(msg, "and 2 more"), msg);

    std::vector<LineError> errors;
    const auto qs = readQuestionFile(file, &errors);
    COMPARE(qs.size(), size_t(2));
    COMPARE(qs[1].category, std::string("shape"));
    COMPARE(errors.size(), size_t(5));
    COMPARE(errors[3].line, size_t(6));
    VERIFY(errors[3].reason.find("missing \"image\"") != std::string::npos);
    COMPARE(errors[4].line, size_t(7));
    VERIFY(errors[4].reason.find("duplicate question_id 1 (first on line 1)") != std::string::npos);

    VERIFY(check::contains(errorOf([&] { readQuestionFile(dir + "/none.jsonl"); }), "does not exist"));
    writeText(dir + "/gt.jsonl", "{\"question_id\": 1, \"category\": \"count\"}\n");
    VERIFY(check::contains(errorOf([&] { readGroundTruthFile(dir + "/gt.jsonl"); }), "line 1: missing \"answer\""));
    writeText(dir + "/gt.jsonl", "{\"question_id\": 1, \"answer\": 3}\n");
    COMPARE(readGroundTruthFile(dir + "/gt.jsonl")[0].answer, std::string("3"));
  }
};

LLAVOLTA_TEST_MAIN(DatasetsTest)
