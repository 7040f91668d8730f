#include "training/data_loader.h"

#include <algorithm>
#include <random>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "engine/chat_template.h"
#include "engine/errors.h"

namespace llavolta::training {

using engine::EngineError;

namespace {

uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Uniform in [0, bound) by rejection: the same numbers everywhere, unlike
// std::uniform_int_distribution, whose algorithm each standard library chooses.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  for (;;) {
    const uint64_t r = rng();
    if (r >= threshold) return r % bound;
  }
}

ptrdiff_t sentinelPos(const std::vector<int64_t>& ids) {
  const auto it = std::find(ids.begin(), ids.end(), engine::kImageSentinel);
  return it == ids.end() ? -1 : it - ids.begin();
}

uint64_t getField(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) {
    if (it != j.end() && it->is_number_integer() && it->get<int64_t>() >= 0) return it->get<uint64_t>();
    throw EngineError(std::string("data position: \"") + key + "\" is missing or not a non-negative integer");
  }
  return it->get<uint64_t>();
}

}  // namespace

void to_json(nlohmann::json& j, const DataPosition& p) {
  j = nlohmann::json{{"epoch", p.epoch}, {"index", p.index}, {"seed", p.seed}, {"dataset_size", p.datasetSize}};
}

void from_json(const nlohmann::json& j, DataPosition& p) {
  if (!j.is_object()) throw EngineError(std::string("data position must be a JSON object, found ") + j.type_name());
  p.epoch = getField(j, "epoch");
  p.index = getField(j, "index");
  p.seed = getField(j, "seed");
  p.datasetSize = getField(j, "dataset_size");
}

DataLoader::DataLoader(std::shared_ptr<const std::vector<TokenizedSample>> samples, const DataLoaderOptions& options)
    : samples_(std::move(samples)), options_(options) {
  if (!samples_ || samples_->empty()) throw EngineError("data loader: the dataset has no samples");
  if (options_.batchSize < 1) {
    throw EngineError("data loader: batch size must be at least 1, got " + std::to_string(options_.batchSize));
  }
  if (options_.imageTokens < 1) {
    throw EngineError("data loader: image tokens must be at least 1, got " + std::to_string(options_.imageTokens));
  }
  if (options_.worldSize < 1 || options_.rank < 0 || options_.rank >= options_.worldSize) {
    throw EngineError("data loader: rank " + std::to_string(options_.rank) + " is outside a world of " +
                      std::to_string(options_.worldSize));
  }
  if (options_.maxSeqLen < 0) {
    throw EngineError("data loader: max sequence length must be 0 (no limit) or positive, got " +
                      std::to_string(options_.maxSeqLen));
  }
  if (options_.dropLast && samples_->size() < static_cast<size_t>(options_.batchSize)) {
    throw EngineError("data loader: " + std::to_string(samples_->size()) + " samples are fewer than one batch of " +
                      std::to_string(options_.batchSize) + " and the last short batch is dropped: no batches at all");
  }
  if (options_.maxSeqLen > 0) {
    for (const TokenizedSample& s : *samples_) {
      const ptrdiff_t pos = sentinelPos(s.ids);
      if (pos < 0) continue;
      const int64_t needed = pos + options_.imageTokens;
      if (needed > options_.maxSeqLen) {
        throw EngineError("data loader: max sequence length " + std::to_string(options_.maxSeqLen) +
                          " cuts into the image of sample \"" + s.id + "\" (its " +
                          std::to_string(options_.imageTokens) + " visual tokens end at position " +
                          std::to_string(needed) + "); use a max sequence length of at least " +
                          std::to_string(needed));
      }
    }
  }
}

size_t DataLoader::batchesPerEpoch() const {
  const size_t bs = static_cast<size_t>(options_.batchSize);
  size_t withImage = 0;
  for (const auto& sample : *samples_) withImage += sample.image.empty() ? 0 : 1;
  // Batches hold one kind of sample (see epochOrder), so each kind rounds on its own.
  size_t total = 0;
  for (const size_t n : {withImage, samples_->size() - withImage})
    total += options_.dropLast ? n / bs : (n + bs - 1) / bs;
  return total;
}

std::vector<size_t> DataLoader::epochOrder(uint64_t epoch) const {
  std::vector<size_t> order(samples_->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(splitmix64(options_.seed ^ splitmix64(epoch + 0x5EEDULL)));
  auto shuffle = [&rng](auto& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(uniformBelow(rng, i))]);
  };
  if (options_.shuffle) shuffle(order);
  // A dataset that mixes samples with and without images is served in batches of one kind (the
  // model takes a batch all with or all without images), as LLaVA's group_by_modality_length
  // does: the order is cut into batches per kind, the full batches are shuffled again (or, without
  // shuffling, kept in dataset order), and the two short remainders come last. A dataset of one
  // kind keeps the plain order.
  std::vector<size_t> byKind[2];
  for (const size_t i : order) byKind[(*samples_)[i].image.empty() ? 1 : 0].push_back(i);
  if (byKind[0].empty() || byKind[1].empty()) return order;
  const size_t bs = static_cast<size_t>(options_.batchSize);
  std::vector<std::vector<size_t>> full, remainders;
  for (const auto& kind : byKind)
    for (size_t k = 0; k < kind.size(); k += bs)
      (k + bs <= kind.size() ? full : remainders).emplace_back(kind.begin() + k, kind.begin() + std::min(kind.size(), k + bs));
  if (options_.shuffle)
    shuffle(full);
  else
    std::sort(full.begin(), full.end());
  order.clear();
  for (const auto* part : {&full, &remainders})
    for (const auto& batch : *part) order.insert(order.end(), batch.begin(), batch.end());
  return order;
}

void DataLoader::ensureOrder() {
  if (orderEpoch_ != epoch_) {
    order_ = epochOrder(epoch_);
    orderEpoch_ = epoch_;
  }
}

TokenizedSample DataLoader::truncated(const TokenizedSample& sample) const {
  TokenizedSample out = sample;
  if (options_.maxSeqLen <= 0) return out;
  const bool hasImage = sentinelPos(sample.ids) >= 0;
  const int64_t extra = hasImage ? options_.imageTokens - 1 : 0;
  const int64_t expanded = static_cast<int64_t>(sample.ids.size()) + extra;
  if (expanded > options_.maxSeqLen) {
    // The constructor made sure the image span fits, so the cut lies after it.
    const size_t keep = static_cast<size_t>(options_.maxSeqLen - extra);
    out.ids.resize(keep);
    out.labels.resize(keep);
  }
  return out;
}

Batch DataLoader::next() {
  if (options_.worldSize <= 1) return nextOne();
  Batch mine;
  for (int64_t r = 0; r < options_.worldSize; ++r) {
    Batch b = nextOne();
    if (r == options_.rank) mine = std::move(b);
  }
  return mine;
}

size_t DataLoader::batchEnd(uint64_t start) const {
  const uint64_t end = std::min<uint64_t>(samples_->size(), start + static_cast<uint64_t>(options_.batchSize));
  if (start >= end) return start;
  // A batch stops where the kind of sample changes (with or without an image).
  const bool textOnly = (*samples_)[order_[start]].image.empty();
  uint64_t k = start + 1;
  while (k < end && (*samples_)[order_[k]].image.empty() == textOnly) ++k;
  return k;
}

Batch DataLoader::nextOne() {
  const uint64_t n = samples_->size(), bs = static_cast<uint64_t>(options_.batchSize);
  ensureOrder();
  const uint64_t remaining = index_ < n ? n - index_ : 0;
  if (remaining == 0 || (options_.dropLast && batchEnd(index_) - index_ < bs)) {
    ++epoch_;
    index_ = 0;
    ensureOrder();
  }
  Batch batch;
  batch.epoch = epoch_;
  const uint64_t end = batchEnd(index_);
  for (uint64_t k = index_; k < end; ++k) {
    TokenizedSample s = truncated((*samples_)[order_[k]]);
    batch.ids.push_back(std::move(s.ids));
    batch.labels.push_back(std::move(s.labels));
    batch.images.push_back(std::move(s.image));
    batch.sampleIds.push_back(std::move(s.id));
    batch.subjects.push_back(std::move(s.subjects));
  }
  index_ = end;
  return batch;
}

DataPosition DataLoader::position() const { return {epoch_, index_, options_.seed, samples_->size()}; }

void DataLoader::setPosition(const DataPosition& p) {
  if (p.seed != options_.seed || p.datasetSize != samples_->size()) {
    throw EngineError("data loader: the saved data position belongs to a dataset of " + std::to_string(p.datasetSize) +
                      " samples shuffled with seed " + std::to_string(p.seed) + ", but this run has " +
                      std::to_string(samples_->size()) + " samples and seed " + std::to_string(options_.seed) +
                      "; resume with the same dataset and seed");
  }
  if (p.index > samples_->size()) {
    throw EngineError("data loader: the saved data position's index " + std::to_string(p.index) +
                      " lies past the end of the dataset (" + std::to_string(samples_->size()) + " samples)");
  }
  epoch_ = p.epoch;
  index_ = p.index;
}

PaddedBatch padBatch(const Batch& batch, int64_t padId) {
  if (batch.ids.empty()) throw EngineError("padBatch: the batch is empty");
  if (batch.labels.size() != batch.ids.size()) throw EngineError("padBatch: ids and labels hold different sample counts");
  const int64_t b = static_cast<int64_t>(batch.ids.size());
  int64_t t = 0;
  for (size_t i = 0; i < batch.ids.size(); ++i) {
    if (batch.labels[i].size() != batch.ids[i].size()) {
      throw EngineError("padBatch: sample " + std::to_string(i) + " has " + std::to_string(batch.ids[i].size()) +
                        " ids but " + std::to_string(batch.labels[i].size()) + " labels");
    }
    t = std::max<int64_t>(t, static_cast<int64_t>(batch.ids[i].size()));
  }
  PaddedBatch out;
  out.ids = torch::full({b, t}, padId, torch::kInt64);
  out.labels = torch::full({b, t}, kIgnoreIndex, torch::kInt64);
  out.attentionMask = torch::zeros({b, t}, torch::kBool);
  auto ids = out.ids.accessor<int64_t, 2>();
  auto labels = out.labels.accessor<int64_t, 2>();
  auto mask = out.attentionMask.accessor<bool, 2>();
  for (int64_t i = 0; i < b; ++i) {
    const auto& row = batch.ids[static_cast<size_t>(i)];
    const auto& lab = batch.labels[static_cast<size_t>(i)];
    for (size_t j = 0; j < row.size(); ++j) {
      ids[i][static_cast<int64_t>(j)] = row[j];
      labels[i][static_cast<int64_t>(j)] = lab[j];
      mask[i][static_cast<int64_t>(j)] = true;
    }
  }
  return out;
}

}  // namespace llavolta::training
