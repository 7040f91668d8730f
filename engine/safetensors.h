#pragma once
// Hugging Face safetensors: reading (memory-mapped, validated up front) and atomic writing,
// single files and sharded checkpoints with model.safetensors.index.json.
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llavolta::engine {

struct TensorInfo {
  std::string name;
  std::string dtype;  // as spelled in the file: "F32", "F16", "BF16", "I64", ...
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;  // byte offsets relative to the data section
};

// One .safetensors file, mapped read-only. The whole header is validated on open so that a
// bad file fails at once with a message naming the file and tensor, not later mid-load.
class SafetensorsFile {
 public:
  explicit SafetensorsFile(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const;
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const;
  const TensorInfo& info(const std::string& name) const;  // throws EngineError if absent
  // A tensor owning its memory (copied out of the mapping), in the file's dtype.
  // Supports F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL.
  torch::Tensor load(const std::string& name) const;
  // Writes the tensor into `dest` (same shape; any floating dtype): straight from the mapping when
  // `dest` is a contiguous CPU tensor of the file's dtype (one copy), else through load() and a
  // conversion. Either way the tensor's file pages are then released from this process (they
  // stay in the page cache), so loading a checkpoint holds the weights once, not twice.
  void loadInto(const std::string& name, torch::Tensor& dest) const;
  const std::map<std::string, std::string>& metadata() const;

 private:
  std::string path_;
  void releasePages(const TensorInfo& info) const;
  void* map_ = nullptr;  // whole file, PROT_READ; the descriptor is closed once mapped
  uint64_t mapSize_ = 0;
  uint64_t dataOffset_ = 0;  // 8 + header length
  std::map<std::string, TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;

  void close() noexcept;
  void parseHeader();
};

// A checkpoint's tensors spread over one or more files: a directory holding
// model.safetensors, or model.safetensors.index.json, or failing both every *.safetensors
// file in it; also a path to a single .safetensors file.
class SafetensorsArchive {
 public:
  explicit SafetensorsArchive(const std::string& pathOrDir);

  std::vector<std::string> names() const;  // sorted, all files
  bool contains(const std::string& name) const;
  const TensorInfo& info(const std::string& name) const;  // throws EngineError if absent
  torch::Tensor load(const std::string& name) const;
  void loadInto(const std::string& name, torch::Tensor& dest) const;
  std::vector<std::string> files() const;

 private:
  std::string root_;
  std::vector<std::unique_ptr<SafetensorsFile>> files_;
  std::map<std::string, size_t> index_;  // tensor name -> files_ index

  void addFile(const std::string& path);
  void loadIndex(const std::string& indexPath);
  const SafetensorsFile& fileFor(const std::string& name) const;
};

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Writes one file atomically ("<path>.tmp", fsync, rename, fsync dir). Tensors are made
// contiguous and moved to CPU; header keys sorted; header padded with spaces to 8 bytes.
void saveSafetensors(const std::string& path, const NamedTensors& tensors,
                     const std::map<std::string, std::string>& metadata = {});

// Writes "model-0000i-of-0000N.safetensors" shards of at most maxShardBytes each (a larger
// single tensor gets its own shard) plus "model.safetensors.index.json" into dir.
void saveShardedSafetensors(const std::string& dir, const NamedTensors& tensors,
                            uint64_t maxShardBytes);

// A tensor announced by name, dtype and shape, whose values are made only when its bytes are
// written: a file of any size is written holding one tensor in memory at a time.
struct StreamedTensor {
  std::string name;
  torch::Dtype dtype = torch::kFloat32;
  std::vector<int64_t> shape;
  std::function<torch::Tensor()> produce;  // must return exactly that dtype and shape
};

// As saveSafetensors / saveShardedSafetensors, streaming: each `produce` is called once, in the
// order given (which is also the order of the data in the file), and its result is released
// before the next is made. A result of another dtype or shape is an EngineError.
void saveSafetensorsStreamed(const std::string& path, const std::vector<StreamedTensor>& tensors,
                             const std::map<std::string, std::string>& metadata = {});
void saveShardedSafetensorsStreamed(const std::string& dir, const std::vector<StreamedTensor>& tensors,
                                    uint64_t maxShardBytes);

}  // namespace llavolta::engine
