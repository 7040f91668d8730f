#pragma once
// Sentencepiece tokenizer (LLaMA / Vicuna tokenizer.model) behind the libllavolta_spm
// bridge. The engine never links sentencepiece: its bundled protobuf crashes next to
// libtorch's (docs/architecture.md), so the bridge is dlopen'ed with RTLD_DEEPBIND on first use.
//
// Bridge lookup order: $LLAVOLTA_SPM_LIBRARY; libllavolta_spm.so next to the running
// executable, in ../lib/ and ../lib/llavolta/ relative to it; then the system search path.
#include <memory>
#include <string>
#include <vector>

namespace llavolta::engine {

struct SpmBridge;

class Tokenizer {
 public:
  // Loads a sentencepiece model file; EngineError if it is missing or not a valid model.
  static std::shared_ptr<Tokenizer> load(const std::string& modelFile);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Sentencepiece encoding (with the dummy prefix if the model asks for one); BOS
  // prepended when `addBos` and the model has a BOS id. Thread-safe.
  std::vector<int> encode(const std::string& text, bool addBos) const;
  // Skips BOS, EOS, pad, negative ids and ids outside the vocabulary (e.g. image
  // placeholders or a model's padded output rows), so model output can be fed directly.
  std::string decode(const std::vector<int>& ids) const;

  int vocabSize() const { return vocabSize_; }
  int bosId() const { return bosId_; }
  int eosId() const { return eosId_; }
  int unkId() const { return unkId_; }
  int padId() const { return padId_; }  // -1 for LLaMA-style models
  // EngineError when `id` is outside [0, vocabSize()).
  std::string idToPiece(int id) const;
  // The unk id when `piece` is not in the vocabulary.
  int pieceToId(const std::string& piece) const;

  const std::string& modelFile() const { return modelFile_; }

 private:
  Tokenizer() = default;

  const SpmBridge* bridge_ = nullptr;
  void* model_ = nullptr;  // llavolta_spm_model*, owned
  std::string modelFile_;
  int vocabSize_ = 0;
  int bosId_ = -1;
  int eosId_ = -1;
  int unkId_ = -1;
  int padId_ = -1;
};

// Trains a LLaMA-style sentencepiece BPE model (byte_fallback, unk=0, bos=1, eos=2,
// pad=-1, split_digits, add_dummy_prefix, identity normalization) from `lines` and writes
// it to `outModelFile` (usually <dir>/tokenizer.model; parent directories are created).
// `vocabSize` must exceed 259 (3 specials + 256 byte pieces) plus the distinct characters
// of the text; EngineError otherwise or when training fails.
void trainTokenizer(const std::vector<std::string>& lines, const std::string& outModelFile,
                    int vocabSize);

// A few hundred short English sentences (common words, digits, colours, shapes,
// positions, yes/no answers, "What colour is the ..." questions, chat phrases) from
// which `llavolta init-model` trains a real tokenizer for tiny random models.
const std::vector<std::string>& builtinCorpus();

// Incremental detokenization for streaming generation. push() returns only text that is
// final: it decodes the whole sequence so leading spaces come out right, and holds back
// while the decode ends in an incomplete UTF-8 sequence or in U+FFFD from a partial
// byte-fallback character. The concatenation of all push() results and flush() equals
// tokenizer.decode(all ids). Not thread-safe; one per generation.
class StreamDecoder {
 public:
  explicit StreamDecoder(std::shared_ptr<const Tokenizer> tok);
  std::string push(int id);
  // Everything not yet returned (including held-back bytes); the decoder can go on after.
  std::string flush();

 private:
  std::shared_ptr<const Tokenizer> tok_;
  std::vector<int> ids_;
  std::string emitted_;
};

}  // namespace llavolta::engine
