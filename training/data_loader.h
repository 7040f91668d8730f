#pragma once
// Batches of tokenized samples in a seeded, reproducible order, with a position that a
// checkpoint saves so a resumed run sees exactly the batches an uninterrupted one would.
//
// The order of epoch e is a Fisher-Yates shuffle driven by std::mt19937_64 (whose output
// the C++ standard fixes) seeded from (seed, e), with our own unbiased range reduction, so
// it is the same with every standard library and does not depend on earlier epochs.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <torch/types.h>

#include "training/conversation_dataset.h"

namespace llavolta::training {

struct Batch {
  std::vector<std::vector<int64_t>> ids;     // per sample, truncated; sentinel kept as one entry
  std::vector<std::vector<int64_t>> labels;  // same shapes as ids
  std::vector<std::string> images;           // per sample; empty string = text-only
  std::vector<std::string> sampleIds;        // the entries' ids, for logs
  std::vector<std::vector<std::vector<int>>> subjects;  // per sample, TokenizedSample::subjects
  uint64_t epoch = 0;                        // the epoch the batch belongs to
  size_t size() const { return ids.size(); }
};

// Where the loader stands: the next batch starts at `index` (samples already served) in
// the order of `epoch`. `seed` and `datasetSize` are saved alongside so a checkpoint
// cannot silently resume into different data.
struct DataPosition {
  uint64_t epoch = 0;
  uint64_t index = 0;
  uint64_t seed = 0;
  uint64_t datasetSize = 0;
  bool operator==(const DataPosition& o) const {
    return epoch == o.epoch && index == o.index && seed == o.seed && datasetSize == o.datasetSize;
  }
};
// {"epoch", "index", "seed", "dataset_size"}; from_json throws EngineError on missing or
// mistyped fields.
void to_json(nlohmann::json& j, const DataPosition& p);
void from_json(const nlohmann::json& j, DataPosition& p);

struct DataLoaderOptions {
  int64_t batchSize = 1;
  uint64_t seed = 0;
  bool shuffle = true;   // false: dataset order every epoch
  bool dropLast = false;  // drop the short last batch of an epoch
  // Longest sequence the model may see, counted after the image sentinel is expanded into
  // `imageTokens` visual tokens (as LLaVA's model_max_length is); longer samples lose
  // tokens on the right. 0 = no limit.
  int64_t maxSeqLen = 0;
  // Visual tokens one image expands to (the model's L) for the maxSeqLen accounting.
  int64_t imageTokens = 1;
  // Data parallelism: each call serves worldSize consecutive batches of the one global order
  // and this process keeps the rank-th (as DistributedSampler shards, by batch). The position
  // stays global, so a checkpoint resumes with any world size; worldSize processes with
  // gradient accumulation A see exactly the batches one process with A x worldSize sees.
  int64_t worldSize = 1;
  int64_t rank = 0;
};

class DataLoader {
 public:
  // EngineError for an empty dataset, batchSize < 1, imageTokens < 1, maxSeqLen < 0, and
  // when maxSeqLen would cut into some sample's image span (the message names the sample
  // and the length needed) - found here rather than mid-epoch.
  DataLoader(std::shared_ptr<const std::vector<TokenizedSample>> samples, const DataLoaderOptions& options);
  explicit DataLoader(const ConversationDataset& dataset, const DataLoaderOptions& options = {})
      : DataLoader(dataset.sharedSamples(), options) {}

  // The next batch; after the last batch of an epoch the next call starts the next epoch
  // (a batch never spans two epochs). A batch is all samples with an image or all text-only
  // ones; a dataset with both kinds is ordered so that batches stay full (epochOrder).
  Batch next();

  DataPosition position() const;
  // EngineError when the position was saved with another seed or dataset size, or its
  // index lies past the end of the epoch.
  void setPosition(const DataPosition& position);

  size_t datasetSize() const { return samples_->size(); }

  size_t batchesPerEpoch() const;
  const DataLoaderOptions& options() const { return options_; }
  // Sample indices in the order epoch `epoch` serves them.
  std::vector<size_t> epochOrder(uint64_t epoch) const;
  // A sample after right truncation to options().maxSeqLen (a copy).
  TokenizedSample truncated(const TokenizedSample& sample) const;

 private:
  Batch nextOne();
  void ensureOrder();
  // Where the batch starting at `start` of the current order ends: batchSize samples later, or
  // earlier at the end of the epoch or where the kind of sample (with or without image) changes.
  size_t batchEnd(uint64_t start) const;

  std::shared_ptr<const std::vector<TokenizedSample>> samples_;
  DataLoaderOptions options_;
  uint64_t epoch_ = 0;
  uint64_t index_ = 0;
  std::vector<size_t> order_;  // for orderEpoch_
  uint64_t orderEpoch_ = UINT64_MAX;
};

// A batch right-padded into tensors [B, T], T = the longest sample: ids (int64, padded
// with padId), labels (int64, padded with kIgnoreIndex) and attentionMask (bool, true on
// real tokens). Sentinels stay in `ids` as engine::kImageSentinel; T counts them as one.
struct PaddedBatch {
  torch::Tensor ids;
  torch::Tensor labels;
  torch::Tensor attentionMask;
};
PaddedBatch padBatch(const Batch& batch, int64_t padId = 0);

}  // namespace llavolta::training
