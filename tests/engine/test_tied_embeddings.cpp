// ctest-labels: model unit
// tie_word_embeddings as transformers means it: one tensor serves as the input embedding
// and the output projection, in inference, in training and on disk; a tied checkpoint
// loads from embed_tokens, and a stored lm_head that differs from it is reported.
#include <filesystem>
#include <set>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "engine/chat_template.h"
#include "engine/checkpoint.h"
#include "engine/json_file.h"
#include "engine/safetensors.h"
#include "support/tiny_model.h"
#include "support/check.h"

using namespace llavolta;
namespace fs = std::filesystem;

namespace {

const std::string kEmbed = "language_model.model.embed_tokens.weight";
const std::string kHead = "language_model.lm_head.weight";

engine::ModelConfig tiedConfig() {
  auto c = testing::tinyConfig();
  c.text.tieWordEmbeddings = true;
  return c;
}

torch::Tensor probeLogits(engine::LlavaModelImpl& model) {
  torch::NoGradGuard g;
  auto scheme = engine::makeScheme("none");
  std::vector<int64_t> ids{1, 20, 30, engine::kImageSentinel, 40, 50, 60};
  auto feats = model.encodeImages(testing::randomPixels(model.config(), 1));
  return model.prefill({ids}, feats, *scheme, nullptr).logits;
}

std::set<std::string> parameterNames(engine::LlavaModelImpl& model) {
  std::set<std::string> names;
  for (const auto& p : model.named_parameters(true)) names.insert(p.key());
  return names;
}

// Collects the warnings the engine logs while fn runs.
std::vector<std::string> warningsDuring(const std::function<void()>& fn) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  auto logger = spdlog::default_logger();
  logger->sinks().push_back(sink);
  fn();
  logger->sinks().pop_back();
  std::vector<std::string> out;
  for (const auto& line : sink->last_formatted())
    if (line.find("warn") != std::string::npos) out.push_back(line);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l;
  return s;
}

// A model directory with the given tensors, the given config and the shared tokenizer.
void writeDir(const std::string& dir, const engine::ModelConfig& config,
              const std::vector<std::pair<std::string, torch::Tensor>>& tensors) {
  fs::create_directories(dir);
  engine::saveSafetensors(dir + "/model.safetensors", tensors);
  engine::writeJsonFileAtomically(dir + "/config.json", config.toJson());
  fs::copy_file(testing::sharedTokenizerFile(), dir + "/tokenizer.model", fs::copy_options::overwrite_existing);
}

}  // namespace

class TiedEmbeddingsTest : public check::Suite {
 public:
  TEST(oneTensorServesBothRoles) {
    auto tied = testing::randomModel(tiedConfig(), 5);
    const auto names = parameterNames(*tied);
    VERIFY(names.count(kEmbed));
    VERIFY_MSG(!names.count(kHead), "a tied model must not hold a separate lm_head parameter");
    COMPARE(tied->language_model->outputWeight().data_ptr(),
            tied->language_model->model->embed_tokens->weight.data_ptr());

    // transformers' semantics: logits = norm(h) @ embed_tokens.weight^T, i.e. the same as an
    // untied model whose lm_head holds a copy of embed_tokens and every other weight equal.
    auto untied = testing::randomModel(testing::tinyConfig(), 6);
    {
      torch::NoGradGuard g;
      auto src = tied->named_parameters(true);
      for (auto& p : untied->named_parameters(true))
        p.value().copy_(p.key() == kHead ? src[kEmbed] : src[p.key()]);
    }
    VERIFY(torch::equal(probeLogits(*tied), probeLogits(*untied)));
  }

  TEST(trainingUpdatesTheSharedTensorFromBothRoles) {
    auto model = testing::randomModel(tiedConfig(), 5);
    model->train();
    const auto& embed = model->language_model->model->embed_tokens->weight;
    // Token 300 is neither in the prompt nor a target: only the output projection
    // reaches its row, so a gradient there proves the roles share one tensor.
    std::vector<int64_t> ids{1, 20, 30, engine::kImageSentinel, 40, 50, 60};
    auto scheme = engine::makeScheme("none");
    engine::PrefillOptions o;
    o.allLogits = true;
    auto out = model->forward({ids}, model->encodeImages(testing::randomPixels(model->config(), 1)), *scheme, o);
    auto logits = out.logits[0];
    auto target = torch::full({logits.size(0)}, 20, torch::kLong);
    torch::nn::functional::cross_entropy(logits, target).backward();
    VERIFY(embed.grad().defined());
    VERIFY(embed.grad()[300].abs().sum().item<double>() > 0);
    VERIFY(embed.grad()[20].abs().sum().item<double>() > 0);
    // An optimiser over parameters() sees the shared tensor once.
    int64_t count = 0;
    for (const auto& p : model->parameters())
      if (p.data_ptr() == embed.data_ptr()) ++count;
    COMPARE(count, int64_t(1));
  }

  void savedTiedModelStoresOneTensor_data() {
    check::addColumn<int>("layout");
    check::newRow("llava-hf") << int(engine::CheckpointLayout::LlavaHf);
    check::newRow("transformers") << int(engine::CheckpointLayout::Transformers);
    check::newRow("original") << int(engine::CheckpointLayout::OriginalLlava);
  }
  DATA_TEST(savedTiedModelStoresOneTensor) {
    FETCH(int, layout);
    auto model = testing::randomModel(tiedConfig(), 5);
    const auto dir = testing::tempDir() + "/tied";
    testing::writeModelDir(*model, tiedConfig(), dir, engine::CheckpointLayout(layout));
    engine::SafetensorsArchive archive(dir);
    for (const auto& n : archive.names()) VERIFY_MSG(n.find("lm_head") == std::string::npos, n.c_str());
    std::vector<std::string> warnings;
    engine::LoadedModel loaded;
    warnings = warningsDuring([&] { loaded = engine::loadModel(dir); });
    VERIFY_MSG(warnings.empty(), joined(warnings));
    VERIFY(loaded.config.text.tieWordEmbeddings);
    VERIFY(torch::equal(probeLogits(*loaded.model), probeLogits(*model)));
  }

  TEST(tiedCheckpointWithEqualLmHeadLoadsQuietly) {
    auto model = testing::randomModel(tiedConfig(), 5);
    auto tensors = engine::namedTensorsForLayout(*model, engine::CheckpointLayout::LlavaHf);
    tensors.emplace_back(kHead, model->language_model->model->embed_tokens->weight.detach().clone());
    const auto dir = testing::tempDir() + "/both-equal";
    writeDir(dir, tiedConfig(), tensors);
    engine::LoadedModel loaded;
    const auto warnings = warningsDuring([&] { loaded = engine::loadModel(dir); });
    VERIFY_MSG(warnings.empty(), joined(warnings));
    VERIFY(torch::equal(probeLogits(*loaded.model), probeLogits(*model)));
  }

  TEST(tiedCheckpointWithDifferingLmHeadWarnsAndUsesEmbedding) {
    auto model = testing::randomModel(tiedConfig(), 5);
    auto tensors = engine::namedTensorsForLayout(*model, engine::CheckpointLayout::LlavaHf);
    tensors.emplace_back(kHead, torch::randn({520, 64}));
    const auto dir = testing::tempDir() + "/both-differ";
    writeDir(dir, tiedConfig(), tensors);
    engine::LoadedModel loaded;
    const auto warnings = warningsDuring([&] { loaded = engine::loadModel(dir); });
    COMPARE(warnings.size(), size_t(1));
    const std::string w = joined(warnings);
    VERIFY_MSG(check::contains(w, "ties word embeddings") && check::contains(w, kHead) &&
                 check::contains(w, "tie_word_embeddings"),
             w);
    // transformers' tie_weights() makes lm_head the embedding: the stored lm_head is unused.
    VERIFY(torch::equal(probeLogits(*loaded.model), probeLogits(*model)));
  }

  TEST(untiedCheckpointUsesItsOwnLmHead) {
    // The other direction: an untied config keeps a separate, stored lm_head even when
    // it could have been tied.
    auto model = testing::randomModel(testing::tinyConfig(), 8);
    VERIFY(parameterNames(*model).count(kHead));
    const auto dir = testing::tempDir() + "/untied";
    testing::writeModelDir(*model, testing::tinyConfig(), dir);
    auto loaded = engine::loadModel(dir);
    VERIFY(!torch::equal(loaded.model->language_model->lm_head->weight,
                          loaded.model->language_model->model->embed_tokens->weight));
    VERIFY(torch::equal(probeLogits(*loaded.model), probeLogits(*model)));
  }

  TEST(untiedCheckpointWithoutLmHeadStartsFromEmbedding) {
    auto model = testing::randomModel(testing::tinyConfig(), 8);
    auto tensors = engine::namedTensorsForLayout(*model, engine::CheckpointLayout::LlavaHf);
    tensors.erase(std::remove_if(tensors.begin(), tensors.end(), [](const auto& p) { return p.first == kHead; }),
                  tensors.end());
    const auto dir = testing::tempDir() + "/untied-no-head";
    writeDir(dir, testing::tinyConfig(), tensors);
    engine::LoadedModel loaded;
    const auto warnings = warningsDuring([&] { loaded = engine::loadModel(dir); });
    VERIFY_MSG(check::contains(joined(warnings), "no lm_head"), joined(warnings));
    VERIFY(torch::equal(loaded.model->language_model->lm_head->weight,
                         model->language_model->model->embed_tokens->weight));
  }
};

LLAVOLTA_TEST_MAIN(TiedEmbeddingsTest)
