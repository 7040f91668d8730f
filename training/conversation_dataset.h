#pragma once
// LLaVA conversation datasets: `[{"id", "image", "conversations": [{"from": "human",
// "value": "<image>\n..."}, {"from": "gpt", "value": "..."}, ...]}]`, image paths relative
// to an image folder, entries without "image" are text-only. Everything is validated and
// tokenised at load, so a training epoch never meets a bad entry.
//
// Tokenisation and label masking follow LLaVA's preprocess_v1 (conv vicuna_v1, the
// LLaVA-1.5 instruction-tuning recipe) and preprocess_plain (the alignment recipe): the
// prompt is rendered with engine::renderVicunaV1 with every answer closed by "</s>", then
// tokenised with engine::tokenizePrompt(Sentinel), so the image is one kImageSentinel.
// Only the assistant answers and their closing EOS are targets; the system prompt, the
// user turns, the role tags, BOS and the image sentinel are kIgnoreIndex.
//
// The sentinel is a single entry in both `ids` and `labels`. The model expands it into the
// L visual tokens of the image; the trainer must expand `labels` the same way (L copies of
// kIgnoreIndex where the sentinel stands), so text labels keep their positions relative to
// the text tokens and the visual span is never a target.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace llavolta::engine {
class Tokenizer;
}

namespace llavolta::training {

// LLaVA's IGNORE_INDEX: a label the loss skips.
constexpr int64_t kIgnoreIndex = -100;

enum class PromptTemplate {
  VicunaV1,  // instruction tuning: system + "USER: ... ASSISTANT: answer</s>" per turn
  Plain,     // alignment (LLaVA's "plain"): "<image>" + caption + "\n", caption is the target
};

enum class MissingImages {
  Fail,  // load() throws, listing the first few missing files and how many there are
  Skip,  // entries whose image is missing are left out and counted in DatasetStats
};

enum class MalformedEntries {
  Fail,  // load() throws, listing the first few bad entries (index, id, reason)
  Skip,  // bad entries are left out and counted in DatasetStats
};

struct ConversationDatasetOptions {
  // Folder the "image" paths are relative to. Empty: the folder of the JSON file
  // (fromJson(): the current directory).
  std::string imageFolder;
  // "image" paths that are absolute or leave imageFolder ("../") are malformed entries unless
  // this is set (engine::resolveInsideFolder).
  bool allowImagesOutsideFolder = false;
  MissingImages missingImages = MissingImages::Fail;
  MalformedEntries malformedEntries = MalformedEntries::Fail;
  PromptTemplate promptTemplate = PromptTemplate::VicunaV1;
  // vicuna_v1's system message; empty = engine::ChatPrompt's default (LLaVA-1.5's).
  std::string system;
};

// One validated conversation, with LLaVA's <image> normalisation applied: the placeholder
// is moved to the start of the first human message as "<image>\n" (preprocess_multimodal).
// An image entry whose conversation has no <image> gets one there too.
struct ConversationTurn {
  std::string human;
  std::string gpt;
};

struct ConversationEntry {
  std::string id;         // the entry's "id" (numbers as text); "#<index>" when absent
  std::string image;      // "image" as written in the JSON; empty for text-only entries
  std::string imagePath;  // resolved against the image folder; empty for text-only entries
  std::vector<ConversationTurn> turns;
  // Optional extra key "subjects" (`llavolta data shapes --patch-words`): per turn, the indices
  // of the objects its question is about, into the image's patch_words.json "objects". Empty
  // when the entry has none; otherwise one list per turn.
  std::vector<std::vector<int>> subjects;
};

struct TokenizedSample {
  std::vector<int64_t> ids;     // token ids, at most one engine::kImageSentinel
  std::vector<int64_t> labels;  // same length as ids; kIgnoreIndex where not a target
  std::string image;            // resolved image path; empty for text-only samples
  std::string id;               // the entry's id
  std::vector<std::vector<int>> subjects;  // ConversationEntry::subjects
};

struct EntryProblem {
  size_t index = 0;  // position in the JSON array
  std::string id;    // the entry's id when it has one
  std::string reason;
};

struct DatasetStats {
  size_t entries = 0;  // entries in the file
  size_t loaded = 0;   // usable samples
  size_t withImage = 0;
  size_t textOnly = 0;
  size_t skippedMissingImage = 0;
  size_t skippedMalformed = 0;
  size_t imagePlaceholderAdded = 0;  // image entries whose conversation had no <image>
  size_t tokens = 0;                 // over loaded samples, the sentinel counted once
  size_t targetTokens = 0;           // labels that are not kIgnoreIndex
  // The first few problems (kMaxReported), whatever the options; the counts above are exact.
  std::vector<std::string> missingImages;  // resolved paths
  std::vector<EntryProblem> malformed;
  static constexpr size_t kMaxReported = 10;
};

// Validates one JSON array element; EngineError with the reason (without the index, which
// the caller adds) when it is malformed. Checks: an object; "conversations" a non-empty
// array of {"from", "value"} objects; roles alternate human/gpt starting with human and end
// with a gpt answer; no empty values; no "</s>" in a value (it is the turn separator);
// at most one <image>, only in the first human message, and none in a text-only entry;
// "image", when present, a non-empty string; "id" a string or a number. For the Plain
// template: exactly one human/gpt pair and an image.
ConversationEntry parseConversationEntry(const nlohmann::json& entry, size_t index,
                                         PromptTemplate promptTemplate = PromptTemplate::VicunaV1);

// Renders, tokenises and masks one entry (see the file comment). The target spans are
// found by tokenising the rendered prefix up to each "ASSISTANT:" and up to each closing
// "</s>" and checking that both are prefixes of the full encoding; should a tokenizer ever
// merge across the boundary, the span starts at the first token that differs. EngineError
// if the prefixes are inconsistent in a way that cannot be resolved.
TokenizedSample tokenizeConversation(const ConversationEntry& entry, const engine::Tokenizer& tok,
                                     PromptTemplate promptTemplate = PromptTemplate::VicunaV1,
                                     const std::string& system = {});

class ConversationDataset {
 public:
  // Reads, validates and tokenises a LLaVA conversation JSON file. EngineError when the file
  // is missing or not a JSON array, and (per the options) for malformed entries or missing
  // images; the message names the file, the first few offenders and the count.
  static ConversationDataset load(const std::string& jsonFile, const engine::Tokenizer& tok,
                                  const ConversationDatasetOptions& options = {});
  // The same from an already parsed document; `sourceName` names it in messages.
  static ConversationDataset fromJson(const nlohmann::json& root, const std::string& sourceName,
                                      const engine::Tokenizer& tok,
                                      const ConversationDatasetOptions& options = {});

  size_t size() const { return samples_->size(); }
  bool empty() const { return samples_->empty(); }
  const TokenizedSample& operator[](size_t i) const { return (*samples_)[i]; }
  const std::vector<TokenizedSample>& samples() const { return *samples_; }
  // Shared, immutable: data loaders keep the samples alive without copying them.
  std::shared_ptr<const std::vector<TokenizedSample>> sharedSamples() const { return samples_; }
  const DatasetStats& stats() const { return stats_; }

 private:
  ConversationDataset() = default;
  std::shared_ptr<const std::vector<TokenizedSample>> samples_;
  DatasetStats stats_;
};

}  // namespace llavolta::training
