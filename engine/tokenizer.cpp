#include "engine/tokenizer.h"

#include <dlfcn.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>

#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/spm_bridge/spm_bridge.h"
#include "engine/spm_bridge/spm_wire.h"

extern char** environ;

namespace llavolta::engine {

namespace fs = std::filesystem;

namespace {
constexpr const char* kBridgeName = "libllavolta_spm.so";
constexpr size_t kErrLen = 1024;
}  // namespace

// Function table of the dlopen'ed bridge. Loaded once and never unloaded: tokenizers may
// outlive any owner we could tie the handle to.
struct SpmBridge {
  std::string path;
  decltype(&llavolta_spm_load) load = nullptr;
  decltype(&llavolta_spm_free) freeModel = nullptr;
  decltype(&llavolta_spm_free_buffer) freeBuffer = nullptr;
  decltype(&llavolta_spm_encode) encode = nullptr;
  decltype(&llavolta_spm_decode) decode = nullptr;
  decltype(&llavolta_spm_vocab_size) vocabSize = nullptr;
  decltype(&llavolta_spm_bos_id) bosId = nullptr;
  decltype(&llavolta_spm_eos_id) eosId = nullptr;
  decltype(&llavolta_spm_unk_id) unkId = nullptr;
  decltype(&llavolta_spm_pad_id) padId = nullptr;
  decltype(&llavolta_spm_id_to_piece) idToPiece = nullptr;
  decltype(&llavolta_spm_piece_to_id) pieceToId = nullptr;
  decltype(&llavolta_spm_train) train = nullptr;
};

namespace {

std::string executableDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

template <typename Fn>
void bind(void* handle, const std::string& path, const char* name, Fn* slot) {
  dlerror();
  void* sym = dlsym(handle, name);
  if (sym == nullptr) {
    throw EngineError("the sentencepiece bridge '" + path + "' lacks symbol " + name +
                      ": it is from another LLaVolta build; rebuild or reinstall it");
  }
  *slot = reinterpret_cast<Fn>(sym);
}

SpmBridge loadBridge() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("LLAVOLTA_SPM_LIBRARY"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else {
    const std::string dir = executableDir();
    if (!dir.empty()) {
      candidates.push_back((fs::path(dir) / kBridgeName).string());
      candidates.push_back((fs::path(dir) / ".." / "lib" / kBridgeName).lexically_normal().string());
      candidates.push_back(
          (fs::path(dir) / ".." / "lib" / "llavolta" / kBridgeName).lexically_normal().string());
    }
    candidates.emplace_back(kBridgeName);  // the dynamic linker's own search path
  }

  std::string tried;
  for (const std::string& path : candidates) {
    const bool bare = path.find('/') == std::string::npos;
    const std::string label =
        candidates.size() == 1 && !bare ? path + " (from LLAVOLTA_SPM_LIBRARY)" : path;
    if (!bare && !fs::exists(path)) {
      tried += "\n  " + label + " (not found)";
      continue;
    }
    // RTLD_DEEPBIND: the bridge's sentencepiece must resolve to its own protobuf, never
    // to the copy libtorch already loaded into this process.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
    if (handle == nullptr) {
      const char* why = dlerror();
      tried += "\n  " + (bare ? std::string("system library path: ") + path : label) + " (" +
               (why != nullptr ? why : "dlopen failed") + ")";
      continue;
    }
    SpmBridge b;
    b.path = path;
    int (*version)() = nullptr;
    bind(handle, path, "llavolta_spm_api_version", &version);
    if (version() != LLAVOLTA_SPM_API_VERSION) {
      throw EngineError("the sentencepiece bridge '" + path + "' has API version " +
                        std::to_string(version()) + ", this program needs " +
                        std::to_string(LLAVOLTA_SPM_API_VERSION) + "; rebuild or reinstall it");
    }
    bind(handle, path, "llavolta_spm_load", &b.load);
    bind(handle, path, "llavolta_spm_free", &b.freeModel);
    bind(handle, path, "llavolta_spm_free_buffer", &b.freeBuffer);
    bind(handle, path, "llavolta_spm_encode", &b.encode);
    bind(handle, path, "llavolta_spm_decode", &b.decode);
    bind(handle, path, "llavolta_spm_vocab_size", &b.vocabSize);
    bind(handle, path, "llavolta_spm_bos_id", &b.bosId);
    bind(handle, path, "llavolta_spm_eos_id", &b.eosId);
    bind(handle, path, "llavolta_spm_unk_id", &b.unkId);
    bind(handle, path, "llavolta_spm_pad_id", &b.padId);
    bind(handle, path, "llavolta_spm_id_to_piece", &b.idToPiece);
    bind(handle, path, "llavolta_spm_piece_to_id", &b.pieceToId);
    bind(handle, path, "llavolta_spm_train", &b.train);
    return b;
  }
  throw EngineError(std::string("cannot load the sentencepiece bridge ") + kBridgeName +
                    "; tried:" + tried +
                    "\nInstall it next to the executable or set LLAVOLTA_SPM_LIBRARY to its path.");
}

// ---- the bridge in a process of its own ----------------------------------------------------
// Where the bridge cannot be dlopen'ed with RTLD_DEEPBIND (ASan aborts on that flag), it runs
// as llavolta-spm-server, found next to the executable (or at LLAVOLTA_SPM_SERVER), behind the
// same function table: the stubs below send each call over a socket and wait for the answer.
// ASan builds use it always; LLAVOLTA_SPM_OUT_OF_PROCESS=1 selects it in any build (the test
// suite runs the tokenizer suite both ways).

bool bridgeOutOfProcess() {
#ifdef LLAVOLTA_SPM_OUT_OF_PROCESS_DEFAULT
  return true;
#else
  const char* env = std::getenv("LLAVOLTA_SPM_OUT_OF_PROCESS");
  return env != nullptr && *env != '\0' && std::string(env) != "0";
#endif
}

// The server of this process (a forked child starts its own on first use).
class SpmServer {
 public:
  static SpmServer& instance() {
    static SpmServer server;
    return server;
  }
  // The server's path, checked before the first call so that a missing one is a clear error.
  static std::string program() {
    if (const char* env = std::getenv("LLAVOLTA_SPM_SERVER"); env != nullptr && *env != '\0') return env;
    return (fs::path(executableDir()) / "llavolta-spm-server").string();
  }

  // One request and its answer; false (with why) when the server cannot be reached.
  bool call(const spmwire::Writer& request, spmwire::Reader& answer, std::string& why) {
    if (!connected(why)) return false;
    if (request.send(fd_) && answer.receive(fd_)) return true;
    why = "the tokenizer server " + program() + " stopped answering";
    close(fd_);
    fd_ = -1;
    return false;
  }
  std::mutex mutex;  // one request at a time

 private:
  bool connected(std::string& why) {
    if (fd_ >= 0 && pid_ == getpid()) return true;
    if (fd_ >= 0) fd_ = -1;  // inherited from the parent across fork(): the parent's, not ours
    const std::string path = program();
    if (access(path.c_str(), X_OK) != 0) {
      why = "the tokenizer server " + path + " is missing (build the llavolta-spm-server target or set LLAVOLTA_SPM_SERVER)";
      return false;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
      why = std::string("cannot create a socket for the tokenizer server: ") + std::strerror(errno);
      return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, sv[1], 0);
    posix_spawn_file_actions_adddup2(&actions, sv[1], 1);
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    pid_t child = 0;
    const int rc = posix_spawn(&child, path.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(sv[1]);
    if (rc != 0) {
      close(sv[0]);
      why = "cannot start the tokenizer server " + path + ": " + std::strerror(rc);
      return false;
    }
    fd_ = sv[0];
    pid_ = getpid();
    return true;
  }
  int fd_ = -1;
  pid_t pid_ = 0;
};

// A model behind the server: the handle of the process that loaded it, and the file, so that a
// forked child's server can load it again.
struct RemoteModel {
  std::string path;
  int64_t handle = 0;
  pid_t pid = 0;
};

RemoteModel* remote(const llavolta_spm_model* m) {
  return reinterpret_cast<RemoteModel*>(const_cast<llavolta_spm_model*>(m));
}

void copyError(char* err, size_t errLen, const std::string& message) {
  if (err == nullptr || errLen == 0) return;
  const size_t n = std::min(message.size(), errLen - 1);
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}

// Sends a request about model m (which is loaded on this process's server first if needed).
// The request's op and arguments are written by fill; false with why when unreachable.
template <typename Fill>
bool ask(const llavolta_spm_model* m, spmwire::Reader& answer, std::string& why, Fill fill) {
  SpmServer& server = SpmServer::instance();
  std::lock_guard<std::mutex> hold(server.mutex);
  if (m != nullptr && remote(m)->pid != getpid()) {
    spmwire::Writer load;
    load.i64(spmwire::kLoad).str(remote(m)->path);
    spmwire::Reader loaded;
    if (!server.call(load, loaded, why)) return false;
    if (loaded.i64() != LLAVOLTA_SPM_OK) return why = loaded.str(), false;
    loaded.str();
    remote(m)->handle = loaded.i64();
    remote(m)->pid = getpid();
  }
  spmwire::Writer request;
  fill(request);
  return server.call(request, answer, why);
}

template <typename T>
T* bridgeCopy(const std::string& bytes, size_t* count) {
  *count = bytes.size() / sizeof(T);
  if (bytes.empty()) return nullptr;
  auto* out = static_cast<T*>(std::malloc(bytes.size() + sizeof(T)));  // room for a NUL
  std::memcpy(out, bytes.data(), bytes.size());
  out[*count] = T();
  return out;
}

int remoteLoad(const char* path, llavolta_spm_model** out, char* err, size_t errLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(nullptr, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kLoad).str(path); }))
    return copyError(err, errLen, why), LLAVOLTA_SPM_INTERNAL_ERROR;
  const int rc = static_cast<int>(a.i64());
  copyError(err, errLen, a.str());
  const int64_t handle = a.i64();
  if (rc != LLAVOLTA_SPM_OK) return rc;
  *out = reinterpret_cast<llavolta_spm_model*>(new RemoteModel{path, handle, getpid()});
  return rc;
}

void remoteFree(llavolta_spm_model* m) {
  if (m == nullptr) return;
  if (remote(m)->pid == getpid()) {
    spmwire::Reader a;
    std::string why;
    ask(m, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kFree).i64(remote(m)->handle); });
  }
  delete remote(m);
}

void remoteFreeBuffer(void* buffer) { std::free(buffer); }

int remoteEncode(const llavolta_spm_model* m, const char* text, size_t textLen, int** outIds, size_t* outCount,
                 char* err, size_t errLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(m, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kEncode).i64(remote(m)->handle).bytes(text, textLen); }))
    return copyError(err, errLen, why), LLAVOLTA_SPM_INTERNAL_ERROR;
  const int rc = static_cast<int>(a.i64());
  copyError(err, errLen, a.str());
  *outIds = bridgeCopy<int>(a.str(), outCount);
  return rc;
}

int remoteDecode(const llavolta_spm_model* m, const int* ids, size_t count, char** outText, size_t* outLen, char* err,
                 size_t errLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(m, a, why,
           [&](spmwire::Writer& w) { w.i64(spmwire::kDecode).i64(remote(m)->handle).bytes(ids, count * sizeof(int)); }))
    return copyError(err, errLen, why), LLAVOLTA_SPM_INTERNAL_ERROR;
  const int rc = static_cast<int>(a.i64());
  copyError(err, errLen, a.str());
  *outText = bridgeCopy<char>(a.str(), outLen);
  return rc;
}

int remoteSpecial(const llavolta_spm_model* m, int which) {
  spmwire::Reader a;
  std::string why;
  if (!ask(m, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kSpecial).i64(remote(m)->handle).i64(which); }))
    return -1;
  return static_cast<int>(a.i64());
}
int remoteVocabSize(const llavolta_spm_model* m) { return remoteSpecial(m, 0); }
int remoteBosId(const llavolta_spm_model* m) { return remoteSpecial(m, 1); }
int remoteEosId(const llavolta_spm_model* m) { return remoteSpecial(m, 2); }
int remoteUnkId(const llavolta_spm_model* m) { return remoteSpecial(m, 3); }
int remotePadId(const llavolta_spm_model* m) { return remoteSpecial(m, 4); }

int remoteIdToPiece(const llavolta_spm_model* m, int id, char** outPiece, size_t* outLen, char* err, size_t errLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(m, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kIdToPiece).i64(remote(m)->handle).i64(id); }))
    return copyError(err, errLen, why), LLAVOLTA_SPM_INTERNAL_ERROR;
  const int rc = static_cast<int>(a.i64());
  copyError(err, errLen, a.str());
  *outPiece = bridgeCopy<char>(a.str(), outLen);
  return rc;
}

int remotePieceToId(const llavolta_spm_model* m, const char* piece, size_t pieceLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(m, a, why,
           [&](spmwire::Writer& w) { w.i64(spmwire::kPieceToId).i64(remote(m)->handle).bytes(piece, pieceLen); }))
    return -1;
  return static_cast<int>(a.i64());
}

int remoteTrain(const char* input, const char* output, const char* args, char* err, size_t errLen) {
  spmwire::Reader a;
  std::string why;
  if (!ask(nullptr, a, why, [&](spmwire::Writer& w) { w.i64(spmwire::kTrain).str(input).str(output).str(args); }))
    return copyError(err, errLen, why), LLAVOLTA_SPM_INTERNAL_ERROR;
  const int rc = static_cast<int>(a.i64());
  copyError(err, errLen, a.str());
  return rc;
}

SpmBridge remoteBridge() {
  const std::string path = SpmServer::program();
  if (access(path.c_str(), X_OK) != 0)
    throw EngineError("the tokenizer runs out of process in this build, but its server " + path +
                      " is missing; build the llavolta-spm-server target or set LLAVOLTA_SPM_SERVER to it");
  SpmBridge b;
  b.path = path;
  b.load = remoteLoad;
  b.freeModel = remoteFree;
  b.freeBuffer = remoteFreeBuffer;
  b.encode = remoteEncode;
  b.decode = remoteDecode;
  b.vocabSize = remoteVocabSize;
  b.bosId = remoteBosId;
  b.eosId = remoteEosId;
  b.unkId = remoteUnkId;
  b.padId = remotePadId;
  b.idToPiece = remoteIdToPiece;
  b.pieceToId = remotePieceToId;
  b.train = remoteTrain;
  return b;
}

// Thread-safe one-time load; a failed load throws and is retried on the next call.
const SpmBridge& bridge() {
  static const SpmBridge instance = bridgeOutOfProcess() ? remoteBridge() : loadBridge();
  return instance;
}

using ModelHandle = llavolta_spm_model*;

ModelHandle handleOf(void* p) { return static_cast<ModelHandle>(p); }

// Owns a buffer allocated by the bridge.
template <typename T>
struct BridgeBuffer {
  const SpmBridge& b;
  T* data = nullptr;
  ~BridgeBuffer() { b.freeBuffer(data); }
};

}  // namespace

std::shared_ptr<Tokenizer> Tokenizer::load(const std::string& modelFile) {
  std::error_code ec;
  if (fs::is_directory(modelFile, ec)) {
    throw EngineError("tokenizer path '" + modelFile +
                      "' is a directory; expected the sentencepiece file itself, e.g. '" +
                      (fs::path(modelFile) / "tokenizer.model").string() + "'");
  }
  if (!fs::exists(modelFile, ec)) {
    throw EngineError("tokenizer model not found: '" + modelFile +
                      "' (expected a sentencepiece tokenizer.model, as shipped with LLaVA / "
                      "Vicuna / llava-hf checkpoints)");
  }
  requireRegularFile(modelFile, "tokenizer model");  // a FIFO would block the reader forever
  const SpmBridge& b = bridge();
  char err[kErrLen] = {0};
  ModelHandle handle = nullptr;
  if (b.load(modelFile.c_str(), &handle, err, sizeof err) != LLAVOLTA_SPM_OK || handle == nullptr) {
    throw EngineError("cannot load tokenizer '" + modelFile +
                      "': not a valid sentencepiece model (" + err +
                      "); use the tokenizer.model that came with the checkpoint");
  }
  std::shared_ptr<Tokenizer> tok(new Tokenizer());
  tok->bridge_ = &b;
  tok->model_ = handle;
  tok->modelFile_ = modelFile;
  tok->vocabSize_ = b.vocabSize(handle);
  tok->bosId_ = b.bosId(handle);
  tok->eosId_ = b.eosId(handle);
  tok->unkId_ = b.unkId(handle);
  tok->padId_ = b.padId(handle);
  return tok;
}

Tokenizer::~Tokenizer() {
  if (model_ != nullptr) bridge_->freeModel(handleOf(model_));
}

std::vector<int> Tokenizer::encode(const std::string& text, bool addBos) const {
  char err[kErrLen] = {0};
  BridgeBuffer<int> ids{*bridge_};
  size_t count = 0;
  if (bridge_->encode(handleOf(model_), text.data(), text.size(), &ids.data, &count, err,
                      sizeof err) != LLAVOLTA_SPM_OK) {
    throw EngineError("tokenizer '" + modelFile_ + "' failed to encode text: " + err);
  }
  std::vector<int> out;
  out.reserve(count + 1);
  if (addBos && bosId_ >= 0) out.push_back(bosId_);
  out.insert(out.end(), ids.data, ids.data + count);
  return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
  std::vector<int> kept;
  kept.reserve(ids.size());
  for (const int id : ids) {
    if (id < 0 || id >= vocabSize_ || id == bosId_ || id == eosId_ || id == padId_) continue;
    kept.push_back(id);
  }
  if (kept.empty()) return {};
  char err[kErrLen] = {0};
  BridgeBuffer<char> text{*bridge_};
  size_t len = 0;
  if (bridge_->decode(handleOf(model_), kept.data(), kept.size(), &text.data, &len, err,
                      sizeof err) != LLAVOLTA_SPM_OK) {
    throw EngineError("tokenizer '" + modelFile_ + "' failed to decode ids: " + err);
  }
  return std::string(text.data, len);
}

std::string Tokenizer::idToPiece(int id) const {
  char err[kErrLen] = {0};
  BridgeBuffer<char> piece{*bridge_};
  size_t len = 0;
  if (bridge_->idToPiece(handleOf(model_), id, &piece.data, &len, err, sizeof err) !=
      LLAVOLTA_SPM_OK) {
    throw EngineError("tokenizer '" + modelFile_ + "': " + err);
  }
  return std::string(piece.data, len);
}

int Tokenizer::pieceToId(const std::string& piece) const {
  return bridge_->pieceToId(handleOf(model_), piece.data(), piece.size());
}

void trainTokenizer(const std::vector<std::string>& lines, const std::string& outModelFile,
                    int vocabSize) {
  // 3 specials + 256 byte-fallback pieces are always in the vocabulary.
  constexpr int kReserved = 3 + 256;
  if (vocabSize <= kReserved) {
    throw EngineError("tokenizer vocab size " + std::to_string(vocabSize) +
                      " is too small: byte fallback alone needs " + std::to_string(kReserved) +
                      " pieces, plus one per distinct character of the training text");
  }
  if (outModelFile.empty()) throw EngineError("trainTokenizer: empty output path");

  const fs::path out(outModelFile);
  std::error_code ec;
  if (out.has_parent_path()) {
    fs::create_directories(out.parent_path(), ec);
    if (ec) {
      throw EngineError("cannot create directory '" + out.parent_path().string() +
                        "' for the tokenizer: " + ec.message());
    }
  }

  const std::string corpusFile = outModelFile + ".corpus.tmp";
  size_t written = 0;
  {
    std::ofstream corpus(corpusFile, std::ios::binary | std::ios::trunc);
    if (!corpus) throw EngineError("cannot write tokenizer training text '" + corpusFile + "'");
    for (std::string line : lines) {
      // One sentence per line for the trainer.
      for (char& c : line) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      if (line.find_first_not_of(' ') == std::string::npos) continue;
      corpus << line << '\n';
      ++written;
    }
    corpus.close();
    if (!corpus) {
      fs::remove(corpusFile, ec);
      throw EngineError("cannot write tokenizer training text '" + corpusFile + "'");
    }
  }
  if (written == 0) {
    fs::remove(corpusFile, ec);
    throw EngineError("cannot train a tokenizer from an empty text");
  }

  // LLaMA's tokenizer.model trainer spec, with full character coverage because the
  // corpora used here are small (everything else falls back to bytes anyway).
  const std::string args =
      "--model_type=bpe --vocab_size=" + std::to_string(vocabSize) +
      " --character_coverage=1.0 --byte_fallback=true --split_digits=true"
      " --split_by_unicode_script=true --split_by_number=true --split_by_whitespace=true"
      " --allow_whitespace_only_pieces=true --max_sentencepiece_length=16"
      " --add_dummy_prefix=true --remove_extra_whitespaces=false"
      " --normalization_rule_name=identity"
      " --unk_id=0 --bos_id=1 --eos_id=2 --pad_id=-1"
      " --input_sentence_size=0 --shuffle_input_sentence=false --num_threads=2"
      " --minloglevel=2";

  int rc = LLAVOLTA_SPM_ERROR;
  char err[kErrLen] = {0};
  try {
    const SpmBridge& b = bridge();
    rc = b.train(corpusFile.c_str(), outModelFile.c_str(), args.c_str(), err, sizeof err);
  } catch (...) {
    fs::remove(corpusFile, ec);
    throw;
  }
  fs::remove(corpusFile, ec);
  if (rc != LLAVOLTA_SPM_OK) {
    throw EngineError("training the tokenizer '" + outModelFile + "' (vocab size " +
                      std::to_string(vocabSize) + ") failed: " + err);
  }
}

// ---------------------------------------------------------------------------------------
// StreamDecoder

namespace {

// Length of the prefix of `text` that later tokens can no longer change: drops a
// trailing incomplete UTF-8 sequence and trailing U+FFFD (what sentencepiece emits for
// byte-fallback pieces that do not yet form a whole character).
size_t stableLength(const std::string& text) {
  static const std::string kReplacement = "\xEF\xBF\xBD";
  size_t end = text.size();
  for (;;) {
    // Incomplete multi-byte sequence at the end?
    size_t lead = end;
    int continuation = 0;
    while (lead > 0 && continuation < 4 &&
           (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) {
      --lead;
      ++continuation;
    }
    if (lead > 0 && continuation < 4) {
      const auto c = static_cast<unsigned char>(text[lead - 1]);
      const int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
      if (c >= 0xC0 && continuation < need) {
        end = lead - 1;
        continue;
      }
    }
    if (end >= kReplacement.size() &&
        text.compare(end - kReplacement.size(), kReplacement.size(), kReplacement) == 0) {
      end -= kReplacement.size();
      continue;
    }
    return end;
  }
}

}  // namespace

StreamDecoder::StreamDecoder(std::shared_ptr<const Tokenizer> tok) : tok_(std::move(tok)) {
  if (!tok_) throw EngineError("StreamDecoder needs a tokenizer");
}

std::string StreamDecoder::push(int id) {
  ids_.push_back(id);
  // Decoding the whole sequence (not just the new id) keeps sentencepiece's leading-space
  // rule and byte-fallback merging exactly as decode() applies them; the cost is tiny
  // next to a decoder step.
  const std::string text = tok_->decode(ids_);
  const size_t end = stableLength(text);
  if (end <= emitted_.size() || text.compare(0, emitted_.size(), emitted_) != 0) return {};
  std::string fresh = text.substr(emitted_.size(), end - emitted_.size());
  emitted_.append(fresh);
  return fresh;
}

std::string StreamDecoder::flush() {
  const std::string text = tok_->decode(ids_);
  if (text.size() <= emitted_.size()) return {};
  std::string rest = text.substr(emitted_.size());
  emitted_ = text;
  return rest;
}

}  // namespace llavolta::engine
