// The only translation unit in the project that includes sentencepiece headers. It is
// linked into its own shared library so that sentencepiece's private protobuf never
// shares a link map with libtorch's (see spm_bridge.h).
#include "spm_bridge.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

struct llavolta_spm_model {
  sentencepiece::SentencePieceProcessor processor;
};

namespace {

void setError(char* err, size_t errLen, const std::string& message) {
  if (err == nullptr || errLen == 0) return;
  const size_t n = message.size() < errLen - 1 ? message.size() : errLen - 1;
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}

void clearError(char* err, size_t errLen) {
  if (err != nullptr && errLen > 0) err[0] = '\0';
}

// Runs `body` and turns any escaping exception into a status code and message: nothing
// may unwind through the C boundary.
template <typename Body>
int guarded(char* err, size_t errLen, Body&& body) {
  try {
    clearError(err, errLen);
    return body();
  } catch (const std::bad_alloc&) {
    setError(err, errLen, "out of memory in the sentencepiece bridge");
  } catch (const std::exception& e) {
    setError(err, errLen, std::string("sentencepiece bridge: ") + e.what());
  } catch (...) {
    setError(err, errLen, "sentencepiece bridge: unknown exception");
  }
  return LLAVOLTA_SPM_INTERNAL_ERROR;
}

int fromStatus(const sentencepiece::util::Status& status, char* err, size_t errLen) {
  if (status.ok()) return LLAVOLTA_SPM_OK;
  setError(err, errLen, status.ToString());
  return LLAVOLTA_SPM_ERROR;
}

template <typename T>
T* copyToMalloc(const T* data, size_t count, size_t extra = 0) {
  auto* out = static_cast<T*>(std::malloc((count + extra) * sizeof(T) + 1));
  if (out == nullptr) throw std::bad_alloc();
  if (count > 0) std::memcpy(out, data, count * sizeof(T));
  return out;
}

char* copyString(const std::string& s) {
  char* out = copyToMalloc(s.data(), s.size(), 1);
  out[s.size()] = '\0';
  return out;
}

// Reads training sentences line by line so the input path is never handed to the
// trainer's own flag parser (which splits --input on commas).
class FileSentenceIterator : public sentencepiece::SentenceIterator {
 public:
  explicit FileSentenceIterator(const std::string& path) : in_(path, std::ios::binary) {
    if (in_) Next();
  }
  bool done() const override { return done_; }
  void Next() override {
    done_ = !std::getline(in_, value_);
    if (!done_ && !value_.empty() && value_.back() == '\r') value_.pop_back();
  }
  const std::string& value() const override { return value_; }
  sentencepiece::util::Status status() const override { return {}; }
  bool opened() const { return in_.is_open(); }

 private:
  std::ifstream in_;
  std::string value_;
  bool done_ = true;
};

// Same tokenization of the argument string as sentencepiece's own Train(string): split
// on whitespace, strip leading dashes, split key=value (a bare key means "true").
bool parseTrainerArgs(const std::string& args, std::unordered_map<std::string, std::string>* out,
                      std::string* error) {
  std::istringstream words(args);
  std::string word;
  while (words >> word) {
    size_t start = 0;
    while (start < word.size() && word[start] == '-') ++start;
    const std::string kv = word.substr(start);
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    const std::string key = kv.substr(0, eq);
    const std::string value = eq == std::string::npos ? "true" : kv.substr(eq + 1);
    if (key == "input" || key == "model_prefix") {
      *error = "--" + key + " must not be given in the trainer arguments: the bridge sets it";
      return false;
    }
    (*out)[key] = value;
  }
  return true;
}

}  // namespace

extern "C" {

int llavolta_spm_api_version(void) { return LLAVOLTA_SPM_API_VERSION; }

int llavolta_spm_load(const char* path, llavolta_spm_model** out, char* err, size_t errLen) {
  return guarded(err, errLen, [&]() -> int {
    if (path == nullptr || out == nullptr) {
      setError(err, errLen, "llavolta_spm_load: null argument");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    *out = nullptr;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      setError(err, errLen, std::string("cannot open '") + path + "' for reading");
      return LLAVOLTA_SPM_IO_ERROR;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) {
      setError(err, errLen, std::string("error while reading '") + path + "'");
      return LLAVOLTA_SPM_IO_ERROR;
    }
    const std::string serialized = bytes.str();
    if (serialized.empty()) {
      setError(err, errLen, "the file is empty");
      return LLAVOLTA_SPM_ERROR;
    }
    auto model = std::make_unique<llavolta_spm_model>();
    const auto status = model->processor.LoadFromSerializedProto(serialized);
    if (!status.ok()) {
      const std::string raw = status.ToString();
      // The parse failure text is sentencepiece's internal CHECK expression; say what it means.
      setError(err, errLen,
               raw.find("ParseFromArray") != std::string::npos
                   ? "the file is not a serialized sentencepiece ModelProto"
                   : raw);
      return LLAVOLTA_SPM_ERROR;
    }
    // A parse that "succeeds" on arbitrary bytes can still leave an unusable model.
    if (model->processor.GetPieceSize() <= 0) {
      setError(err, errLen, "the model has an empty vocabulary");
      return LLAVOLTA_SPM_ERROR;
    }
    *out = model.release();
    return LLAVOLTA_SPM_OK;
  });
}

void llavolta_spm_free(llavolta_spm_model* model) { delete model; }

void llavolta_spm_free_buffer(void* buffer) { std::free(buffer); }

int llavolta_spm_encode(const llavolta_spm_model* model, const char* text, size_t textLen,
                        int** outIds, size_t* outCount, char* err, size_t errLen) {
  return guarded(err, errLen, [&]() -> int {
    if (model == nullptr || outIds == nullptr || outCount == nullptr ||
        (text == nullptr && textLen > 0)) {
      setError(err, errLen, "llavolta_spm_encode: null argument");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    *outIds = nullptr;
    *outCount = 0;
    std::vector<int> ids;
    const int rc = fromStatus(
        model->processor.Encode(absl::string_view(text == nullptr ? "" : text, textLen), &ids),
        err, errLen);
    if (rc != LLAVOLTA_SPM_OK) return rc;
    if (!ids.empty()) *outIds = copyToMalloc(ids.data(), ids.size());
    *outCount = ids.size();
    return LLAVOLTA_SPM_OK;
  });
}

int llavolta_spm_decode(const llavolta_spm_model* model, const int* ids, size_t count,
                        char** outText, size_t* outLen, char* err, size_t errLen) {
  return guarded(err, errLen, [&]() -> int {
    if (model == nullptr || outText == nullptr || outLen == nullptr ||
        (ids == nullptr && count > 0)) {
      setError(err, errLen, "llavolta_spm_decode: null argument");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    *outText = nullptr;
    *outLen = 0;
    const int vocab = model->processor.GetPieceSize();
    std::vector<int> v(ids, ids + count);
    for (const int id : v) {
      if (id < 0 || id >= vocab) {
        setError(err, errLen,
                 "token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                     std::to_string(vocab) + ")");
        return LLAVOLTA_SPM_INVALID_ARGUMENT;
      }
    }
    std::string text;
    const int rc = fromStatus(model->processor.Decode(v, &text), err, errLen);
    if (rc != LLAVOLTA_SPM_OK) return rc;
    *outText = copyString(text);
    *outLen = text.size();
    return LLAVOLTA_SPM_OK;
  });
}

int llavolta_spm_vocab_size(const llavolta_spm_model* model) {
  return model == nullptr ? 0 : model->processor.GetPieceSize();
}
int llavolta_spm_bos_id(const llavolta_spm_model* model) {
  return model == nullptr ? -1 : model->processor.bos_id();
}
int llavolta_spm_eos_id(const llavolta_spm_model* model) {
  return model == nullptr ? -1 : model->processor.eos_id();
}
int llavolta_spm_unk_id(const llavolta_spm_model* model) {
  return model == nullptr ? -1 : model->processor.unk_id();
}
int llavolta_spm_pad_id(const llavolta_spm_model* model) {
  return model == nullptr ? -1 : model->processor.pad_id();
}

int llavolta_spm_id_to_piece(const llavolta_spm_model* model, int id, char** outPiece,
                             size_t* outLen, char* err, size_t errLen) {
  return guarded(err, errLen, [&]() -> int {
    if (model == nullptr || outPiece == nullptr || outLen == nullptr) {
      setError(err, errLen, "llavolta_spm_id_to_piece: null argument");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    *outPiece = nullptr;
    *outLen = 0;
    const int vocab = model->processor.GetPieceSize();
    // sentencepiece does not range-check here; an out-of-range id would read past the
    // piece table.
    if (id < 0 || id >= vocab) {
      setError(err, errLen,
               "token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                   std::to_string(vocab) + ")");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    const std::string& piece = model->processor.IdToPiece(id);
    *outPiece = copyString(piece);
    *outLen = piece.size();
    return LLAVOLTA_SPM_OK;
  });
}

int llavolta_spm_piece_to_id(const llavolta_spm_model* model, const char* piece,
                             size_t pieceLen) {
  if (model == nullptr || (piece == nullptr && pieceLen > 0)) return -1;
  try {
    return model->processor.PieceToId(absl::string_view(piece == nullptr ? "" : piece, pieceLen));
  } catch (...) {
    return -1;
  }
}

int llavolta_spm_train(const char* inputTextFile, const char* outModelFile, const char* args,
                       char* err, size_t errLen) {
  return guarded(err, errLen, [&]() -> int {
    if (inputTextFile == nullptr || outModelFile == nullptr) {
      setError(err, errLen, "llavolta_spm_train: null argument");
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    std::unordered_map<std::string, std::string> kwargs;
    std::string parseError;
    if (!parseTrainerArgs(args == nullptr ? "" : args, &kwargs, &parseError)) {
      setError(err, errLen, parseError);
      return LLAVOLTA_SPM_INVALID_ARGUMENT;
    }
    // No model_prefix: the trainer hands the model back in memory (it refuses both), and
    // the bridge writes the file itself, so no stray .vocab file appears.

    FileSentenceIterator sentences(inputTextFile);
    if (!sentences.opened()) {
      setError(err, errLen, std::string("cannot open training text '") + inputTextFile + "'");
      return LLAVOLTA_SPM_IO_ERROR;
    }
    std::string serialized;
    const int rc = fromStatus(
        sentencepiece::SentencePieceTrainer::Train(kwargs, &sentences, &serialized), err, errLen);
    if (rc != LLAVOLTA_SPM_OK) return rc;
    if (serialized.empty()) {
      setError(err, errLen, "the sentencepiece trainer produced no model");
      return LLAVOLTA_SPM_ERROR;
    }

    const std::string target(outModelFile);
    const std::string tmp = target + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(serialized.data(), static_cast<std::streamsize>(serialized.size()));
      out.close();
      if (!out) {
        std::remove(tmp.c_str());
        setError(err, errLen, "cannot write '" + tmp + "'");
        return LLAVOLTA_SPM_IO_ERROR;
      }
    }
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
      std::remove(tmp.c_str());
      setError(err, errLen, "cannot rename '" + tmp + "' to '" + target + "'");
      return LLAVOLTA_SPM_IO_ERROR;
    }
    return LLAVOLTA_SPM_OK;
  });
}

}  // extern "C"
