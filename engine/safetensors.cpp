#include "engine/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <torch/torch.h>

#include "engine/errors.h"
#include "engine/input_limits.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace llavolta::engine {
namespace {

// The reference implementation refuses headers above 100 MB; a real checkpoint's header is a
// few hundred KB, so anything larger is a corrupt length field, not a big model.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
constexpr const char* kIndexName = "model.safetensors.index.json";
constexpr const char* kSingleName = "model.safetensors";

struct DtypeSpec {
  const char* name;
  uint64_t itemSize;
  bool loadable;
  torch::ScalarType scalar;  // meaningful only when loadable
};

// Every byte-sized dtype of the safetensors spec is accepted in a header, so a file carrying
// an exotic tensor still opens; load() says which ones LibTorch cannot represent.
const std::vector<DtypeSpec>& dtypeTable() {
  static const std::vector<DtypeSpec> table = {
      {"F32", 4, true, torch::kFloat},     {"F16", 2, true, torch::kHalf},
      {"BF16", 2, true, torch::kBFloat16}, {"F64", 8, true, torch::kDouble},
      {"I64", 8, true, torch::kLong},      {"I32", 4, true, torch::kInt},
      {"I16", 2, true, torch::kShort},     {"I8", 1, true, torch::kChar},
      {"U8", 1, true, torch::kByte},       {"BOOL", 1, true, torch::kBool},
      {"U16", 2, false, torch::kByte},     {"U32", 4, false, torch::kByte},
      {"U64", 8, false, torch::kByte},     {"F8_E4M3", 1, false, torch::kByte},
      {"F8_E5M2", 1, false, torch::kByte}, {"F8_E8M0", 1, false, torch::kByte},
      {"C64", 8, false, torch::kByte},
  };
  return table;
}

const DtypeSpec* findDtype(const std::string& name) {
  for (const auto& d : dtypeTable())
    if (name == d.name) return &d;
  return nullptr;
}

std::string dtypeList(bool loadableOnly) {
  std::string out;
  for (const auto& d : dtypeTable()) {
    if (loadableOnly && !d.loadable) continue;
    if (!out.empty()) out += ", ";
    out += d.name;
  }
  return out;
}

const char* dtypeNameOf(torch::ScalarType t) {
  for (const auto& d : dtypeTable())
    if (d.loadable && d.scalar == t) return d.name;
  return nullptr;
}

std::string shapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string errnoText() { return std::strerror(errno); }

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw EngineError("safetensors file '" + path + "': " + what);
}

// Owns a descriptor so every early throw closes it.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string joinNames(const std::vector<std::string>& names, size_t limit) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > limit) out += ", ...";
  return out;
}

// Names sharing the longest suffix with the one asked for: a wrong prefix
// ("model." vs "language_model.model.") is the usual reason a lookup misses.
std::vector<std::string> similarNames(const std::vector<std::string>& names, const std::string& want) {
  auto common = [&](const std::string& s) {
    size_t n = 0;
    while (n < s.size() && n < want.size() && s[s.size() - 1 - n] == want[want.size() - 1 - n]) ++n;
    return n;
  };
  size_t best = 0;
  for (const auto& n : names) best = std::max(best, common(n));
  std::vector<std::string> out;
  if (best == 0) return out;
  for (const auto& n : names) {
    // Either a real shared tail, or one name is the other with a prefix added or dropped.
    if (common(n) == best && (best >= 3 || best == n.size() || best == want.size())) out.push_back(n);
  }
  return out;
}

std::string notFoundMessage(const std::string& where, const std::vector<std::string>& names,
                            const std::string& want) {
  std::string msg = "tensor '" + want + "' not found in " + where + " (" +
                    std::to_string(names.size()) + " tensors)";
  auto similar = similarNames(names, want);
  if (!similar.empty()) msg += "; similar names: " + joinNames(similar, 3);
  return msg;
}

// Writes "<path>.tmp" and renames it over path only once everything reached the disk, so a
// crash or a full disk never leaves a half-written checkpoint under the real name.
class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path) : path_(path), tmp_(path + ".tmp") {
    std::error_code ec;
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) {
      fs::create_directories(parent, ec);
      if (ec) fail(path, "cannot create directory '" + parent.string() + "': " + ec.message());
    }
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(path, "cannot create '" + tmp_ + "' for writing: " + errnoText());
  }
  ~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(tmp_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, uint64_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      size_t chunk = static_cast<size_t>(std::min<uint64_t>(size, 1u << 30));
      ssize_t n = ::write(fd_, p, chunk);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(path_, "write to '" + tmp_ + "' failed: " + errnoText());
      }
      if (n == 0) fail(path_, "write to '" + tmp_ + "' made no progress (disk full?)");
      p += n;
      size -= static_cast<uint64_t>(n);
    }
  }

  void commit() {
    if (::fsync(fd_) != 0) fail(path_, "fsync of '" + tmp_ + "' failed: " + errnoText());
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(path_, "closing '" + tmp_ + "' failed: " + errnoText());
    if (::rename(tmp_.c_str(), path_.c_str()) != 0)
      fail(path_, "cannot rename '" + tmp_ + "' over it: " + errnoText());
    committed_ = true;
    // The rename itself lives in the directory; without this a power loss can undo it.
    fs::path parent = fs::path(path_).parent_path();
    if (parent.empty()) parent = ".";
    Fd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd >= 0) ::fsync(dir.fd);
  }

 private:
  std::string path_, tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

struct PreparedTensor {
  std::string name;
  std::string dtype;
  std::vector<int64_t> shape;
  torch::Tensor data;  // contiguous, CPU; undefined while `produce` is set
  std::function<torch::Tensor()> produce;  // streamed: made only when its bytes are written
  torch::ScalarType scalarType = torch::kFloat32;
  uint64_t nbytes = 0;
};

uint64_t checkedBytes(const std::string& path, const std::string& name, const std::vector<int64_t>& shape,
                      size_t elementSize) {
  uint64_t n = elementSize;
  for (int64_t d : shape) {
    if (d < 0) fail(path, "tensor '" + name + "' has a negative dimension");
    if (d != 0 && n > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d))
      fail(path, "tensor '" + name + "' is too large to store");
    n *= static_cast<uint64_t>(d);
  }
  return n;
}

std::vector<PreparedTensor> prepare(const std::string& path, const NamedTensors& tensors) {
  std::vector<PreparedTensor> out;
  out.reserve(tensors.size());
  std::set<std::string> seen;
  for (const auto& [name, tensor] : tensors) {
    if (name.empty()) fail(path, "a tensor has an empty name");
    if (name == "__metadata__") fail(path, "'__metadata__' is reserved and cannot name a tensor");
    if (!seen.insert(name).second) fail(path, "tensor '" + name + "' is given twice");
    if (!tensor.defined()) fail(path, "tensor '" + name + "' is undefined");
    if (tensor.layout() != torch::kStrided)
      fail(path, "tensor '" + name + "' is not dense (sparse tensors cannot be saved)");
    const char* dtype = dtypeNameOf(tensor.scalar_type());
    if (!dtype)
      fail(path, "tensor '" + name + "' has dtype " + std::string(c10::toString(tensor.scalar_type())) +
                     ", which safetensors cannot store here (supported: " + dtypeList(true) + ")");
    PreparedTensor p;
    p.name = name;
    p.dtype = dtype;
    p.data = tensor.detach().to(torch::kCPU).contiguous();
    p.shape = p.data.sizes().vec();
    p.nbytes = static_cast<uint64_t>(p.data.numel()) * p.data.element_size();
    out.push_back(std::move(p));
  }
  return out;
}

// Data in the order given (the header's keys are sorted either way; safetensors readers find
// tensors by their offsets). Streamed tensors are made, checked and released one at a time.
void writeFile(const std::string& path, const std::vector<const PreparedTensor*>& tensors,
               const std::map<std::string, std::string>& metadata) {
  json header = json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto* t : tensors) {
    header[t->name] = {{"dtype", t->dtype}, {"shape", t->shape}, {"data_offsets", {offset, offset + t->nbytes}}};
    offset += t->nbytes;
  }
  std::string text = header.dump();
  // 8 + header length is a multiple of 8, so the data section starts aligned.
  text.append((8 - text.size() % 8) % 8, ' ');
  unsigned char lenBytes[8];
  uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) lenBytes[i] = static_cast<unsigned char>(n >> (8 * i));

  AtomicFile file(path);
  file.write(lenBytes, 8);
  file.write(text.data(), text.size());
  for (const auto* t : tensors) {
    if (t->nbytes == 0) continue;
    if (!t->produce) {
      file.write(t->data.data_ptr(), t->nbytes);
      continue;
    }
    const torch::Tensor made = t->produce().detach().to(torch::kCPU).contiguous();
    if (made.scalar_type() != t->scalarType || made.sizes().vec() != t->shape)
      fail(path, "tensor '" + t->name + "' was announced as " + t->dtype + " " + shapeString(t->shape) +
                     " but produced as " + std::string(c10::toString(made.scalar_type())) + " " +
                     shapeString(made.sizes().vec()));
    file.write(made.data_ptr(), t->nbytes);
  }
  file.commit();
}

std::vector<PreparedTensor> prepareStreamed(const std::string& path, const std::vector<StreamedTensor>& tensors) {
  std::vector<PreparedTensor> out;
  out.reserve(tensors.size());
  std::set<std::string> seen;
  for (const auto& t : tensors) {
    if (t.name.empty()) fail(path, "a tensor has an empty name");
    if (t.name == "__metadata__") fail(path, "'__metadata__' is reserved and cannot name a tensor");
    if (!seen.insert(t.name).second) fail(path, "tensor '" + t.name + "' is given twice");
    if (!t.produce) fail(path, "tensor '" + t.name + "' has nothing to produce its values");
    const char* dtype = dtypeNameOf(t.dtype);
    if (!dtype)
      fail(path, "tensor '" + t.name + "' has dtype " + std::string(c10::toString(t.dtype)) +
                     ", which safetensors cannot store here (supported: " + dtypeList(true) + ")");
    PreparedTensor p;
    p.name = t.name;
    p.dtype = dtype;
    p.shape = t.shape;
    p.scalarType = t.dtype;
    p.produce = t.produce;
    p.nbytes = checkedBytes(path, t.name, t.shape, c10::elementSize(t.dtype));
    out.push_back(std::move(p));
  }
  return out;
}

void writeText(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.write(text.data(), text.size());
  file.commit();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SafetensorsFile

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) fail(path, "does not exist");
  if (fs::is_directory(path, ec)) fail(path, "is a directory, expected a .safetensors file");

  // O_NONBLOCK so a FIFO handed in by mistake is rejected below instead of hanging open().
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.fd < 0) fail(path, "cannot open for reading: " + errnoText());
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) fail(path, "cannot stat: " + errnoText());
  if (!S_ISREG(st.st_mode)) fail(path, "is not a regular file");
  mapSize_ = static_cast<uint64_t>(st.st_size);
  if (mapSize_ < 8)
    fail(path, "truncated: " + std::to_string(mapSize_) +
                   " bytes, shorter than the 8-byte header length that starts every safetensors file");

  void* m = ::mmap(nullptr, static_cast<size_t>(mapSize_), PROT_READ, MAP_PRIVATE, fd.fd, 0);
  if (m == MAP_FAILED) fail(path, "cannot memory-map " + std::to_string(mapSize_) + " bytes: " + errnoText());
  map_ = m;
  try {
    parseHeader();
  } catch (...) {
    close();
    throw;
  }
}

SafetensorsFile::~SafetensorsFile() { close(); }

void SafetensorsFile::close() noexcept {
  if (map_) ::munmap(map_, static_cast<size_t>(mapSize_));
  map_ = nullptr;
}

void SafetensorsFile::parseHeader() {
  const auto* bytes = static_cast<const unsigned char*>(map_);
  uint64_t headerLen = 0;
  for (int i = 0; i < 8; ++i) headerLen |= static_cast<uint64_t>(bytes[i]) << (8 * i);
  const uint64_t available = mapSize_ - 8;
  if (headerLen > available)
    fail(path_, "truncated or not a safetensors file: header length field says " + std::to_string(headerLen) +
                    " bytes but only " + std::to_string(available) + " bytes follow it");
  if (headerLen > kMaxHeaderBytes)
    fail(path_, "header length " + std::to_string(headerLen) + " exceeds the " +
                    std::to_string(kMaxHeaderBytes) + "-byte limit; the file is corrupt");
  if (headerLen < 2) fail(path_, "header is empty (length " + std::to_string(headerLen) + "), expected a JSON object");
  dataOffset_ = 8 + headerLen;
  const uint64_t dataSize = mapSize_ - dataOffset_;

  const char* begin = reinterpret_cast<const char*>(bytes + 8);
  // The spec: the header is a JSON object starting with '{' (it may end in space padding).
  // A length field that is off by some bytes shows up here or in the offset checks below.
  if (begin[0] != '{')
    fail(path_, "corrupt header: expected a JSON object starting with '{', found byte " + std::to_string(int(bytes[8])) +
                    "; the header length field (" + std::to_string(headerLen) + ") is wrong or this is not a safetensors file");
  json header;
  try {
    header = parseJson(std::string_view(begin, headerLen), "header");
  } catch (const EngineError& e) {
    fail(path_, std::string("corrupt header: ") + e.what());
  }
  if (!header.is_object()) fail(path_, "corrupt header: expected a JSON object, found " + std::string(header.type_name()));

  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) fail(path_, "corrupt header: \"__metadata__\" must be an object of strings");
      for (const auto& [key, value] : entry.items()) {
        if (!value.is_string())
          fail(path_, "corrupt header: metadata entry '" + shortText(key) + "' must be a string, found " +
                          std::string(value.type_name()));
        metadata_[key] = value.get<std::string>();
      }
      continue;
    }
    const std::string where = "tensor '" + shortText(name) + "'";
    if (!entry.is_object()) fail(path_, where + ": header entry must be an object, found " + std::string(entry.type_name()));
    auto dtypeIt = entry.find("dtype");
    auto shapeIt = entry.find("shape");
    auto offsetsIt = entry.find("data_offsets");
    if (dtypeIt == entry.end() || !dtypeIt->is_string()) fail(path_, where + ": missing string field \"dtype\"");
    if (shapeIt == entry.end() || !shapeIt->is_array()) fail(path_, where + ": missing array field \"shape\"");
    if (offsetsIt == entry.end() || !offsetsIt->is_array() || offsetsIt->size() != 2)
      fail(path_, where + ": missing field \"data_offsets\" (expected [begin, end])");

    TensorInfo info;
    info.name = name;
    info.dtype = dtypeIt->get<std::string>();
    const DtypeSpec* spec = findDtype(info.dtype);
    if (!spec) fail(path_, where + ": unknown dtype '" + info.dtype + "' (known: " + dtypeList(false) + ")");

    uint64_t numel = 1;
    for (const auto& dim : *shapeIt) {
      if (!dim.is_number_unsigned() || dim.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        fail(path_, where + ": shape " + jsonExcerpt(*shapeIt) + " must hold non-negative integers");
      uint64_t d = dim.get<uint64_t>();
      if (__builtin_mul_overflow(numel, d, &numel))
        fail(path_, where + ": shape " + jsonExcerpt(*shapeIt) + " is too large");
      info.shape.push_back(static_cast<int64_t>(d));
    }
    uint64_t expectedBytes = 0;
    if (__builtin_mul_overflow(numel, spec->itemSize, &expectedBytes))
      fail(path_, where + ": shape " + jsonExcerpt(*shapeIt) + " is too large");

    const auto& b = (*offsetsIt)[0];
    const auto& e = (*offsetsIt)[1];
    if (!b.is_number_unsigned() || !e.is_number_unsigned())
      fail(path_, where + ": data_offsets " + jsonExcerpt(*offsetsIt) + " must be non-negative integers");
    info.begin = b.get<uint64_t>();
    info.end = e.get<uint64_t>();
    if (info.begin > info.end)
      fail(path_, where + ": data_offsets " + jsonExcerpt(*offsetsIt) + " end before they begin");
    if (info.end > dataSize)
      fail(path_, where + ": data_offsets " + jsonExcerpt(*offsetsIt) + " run past the end of the data section (" +
                      std::to_string(dataSize) + " bytes); the file is truncated or its header is corrupt");
    if (info.end - info.begin != expectedBytes)
      fail(path_, where + ": shape " + shapeString(info.shape) + " of " + info.dtype + " needs " +
                      std::to_string(expectedBytes) + " bytes but data_offsets " + jsonExcerpt(*offsetsIt) + " span " +
                      std::to_string(info.end - info.begin));
    tensors_.emplace(name, std::move(info));
  }

  // The spec: the data section is fully indexed, tensors laid end to end without gaps or
  // overlap. Overlapping or aliased offsets would load as garbage, trailing bytes hide a
  // wrong header length; both are refused.
  std::vector<const TensorInfo*> byOffset;
  byOffset.reserve(tensors_.size());
  for (const auto& kv : tensors_) byOffset.push_back(&kv.second);
  std::sort(byOffset.begin(), byOffset.end(), [](const TensorInfo* a, const TensorInfo* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  uint64_t cursor = 0;
  const TensorInfo* previous = nullptr;
  for (const TensorInfo* t : byOffset) {
    const std::string offsets = "[" + std::to_string(t->begin) + ", " + std::to_string(t->end) + "]";
    if (t->begin < cursor)
      fail(path_, "tensor '" + shortText(t->name) + "': data_offsets " + offsets + " overlap those of tensor '" + shortText(previous->name) +
                      "' (which end at " + std::to_string(cursor) + "); the header is corrupt");
    if (t->begin > cursor)
      fail(path_, "tensor '" + shortText(t->name) + "': data_offsets " + offsets + " leave a gap of " +
                      std::to_string(t->begin - cursor) + " bytes after " +
                      (previous ? "tensor '" + shortText(previous->name) + "'" : std::string("the start of the data section")) +
                      "; the header is corrupt");
    cursor = t->end;
    previous = t;
  }
  if (cursor != dataSize)
    fail(path_, std::to_string(dataSize - cursor) + " bytes follow the last tensor's data (the data section has " +
                    std::to_string(dataSize) + " bytes, the header indexes " + std::to_string(cursor) +
                    "); the header length field is wrong or the file has trailing garbage");
}

const std::string& SafetensorsFile::path() const { return path_; }

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(tensors_.size());
  for (const auto& kv : tensors_) out.push_back(kv.first);
  return out;
}

bool SafetensorsFile::contains(const std::string& name) const { return tensors_.count(name) > 0; }

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) fail(path_, notFoundMessage("this file", names(), name));
  return it->second;
}

torch::Tensor SafetensorsFile::load(const std::string& name) const {
  const TensorInfo& ti = info(name);
  const DtypeSpec* spec = findDtype(ti.dtype);
  if (!spec->loadable)
    fail(path_, "tensor '" + name + "' has dtype " + ti.dtype + ", which cannot be loaded (supported: " +
                    dtypeList(true) + ")");
  // Bools go through bytes: a byte other than 0/1 must not become an invalid torch bool.
  auto scalar = spec->scalar == torch::kBool ? torch::kByte : spec->scalar;
  torch::Tensor out = torch::empty(ti.shape, torch::TensorOptions().dtype(scalar));
  const uint64_t n = ti.end - ti.begin;
  // memcpy, not from_blob: the mapped data need not be aligned for the dtype.
  if (n > 0) std::memcpy(out.data_ptr(), static_cast<const char*>(map_) + dataOffset_ + ti.begin, n);
  if (spec->scalar == torch::kBool) out = out.ne(0);
  releasePages(ti);
  return out;
}

namespace {
// Asks for 2 MiB pages for the untouched destination of a large tensor (transparent huge pages
// in "madvise" mode, Debian's default): a 7B load otherwise takes 3.5 million 4 KiB page faults.
void adviseHugePages(void* data, uint64_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr uint64_t huge = 2u << 20;
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t from = (begin + huge - 1) / huge * huge, to = (begin + bytes) / huge * huge;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), static_cast<size_t>(to - from), MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}
}  // namespace

void SafetensorsFile::loadInto(const std::string& name, torch::Tensor& dest) const {
  const TensorInfo& ti = info(name);
  const DtypeSpec* spec = findDtype(ti.dtype);
  if (spec->loadable && spec->scalar == dest.scalar_type() && dest.device().is_cpu() && dest.is_contiguous() &&
      static_cast<uint64_t>(dest.numel()) * dest.element_size() == ti.end - ti.begin &&
      std::equal(ti.shape.begin(), ti.shape.end(), dest.sizes().begin(), dest.sizes().end())) {
    const uint64_t n = ti.end - ti.begin;
    adviseHugePages(dest.data_ptr(), n);
    if (n > 0) std::memcpy(dest.data_ptr(), static_cast<const char*>(map_) + dataOffset_ + ti.begin, n);
    releasePages(ti);
    return;
  }
  dest.copy_(load(name));
}

void SafetensorsFile::releasePages(const TensorInfo& ti) const {
  static const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  const uint64_t from = (dataOffset_ + ti.begin) / page * page;
  const uint64_t to = std::min<uint64_t>((dataOffset_ + ti.end + page - 1) / page * page, mapSize_);
  if (to > from) ::madvise(static_cast<char*>(map_) + from, static_cast<size_t>(to - from), MADV_DONTNEED);
}

const std::map<std::string, std::string>& SafetensorsFile::metadata() const { return metadata_; }

// ---------------------------------------------------------------------------------------------
// SafetensorsArchive

SafetensorsArchive::SafetensorsArchive(const std::string& pathOrDir) : root_(pathOrDir) {
  std::error_code ec;
  const fs::path root(pathOrDir);
  if (!fs::exists(root, ec)) throw EngineError("checkpoint '" + pathOrDir + "' does not exist");
  if (!fs::is_directory(root, ec)) {
    const std::string fname = root.filename().string();
    if (fname.size() > 11 && fname.compare(fname.size() - 11, 11, ".index.json") == 0)
      loadIndex(pathOrDir);
    else
      addFile(pathOrDir);
    return;
  }

  if (fs::is_regular_file(root / kSingleName, ec)) {
    addFile((root / kSingleName).string());
    return;
  }

  const fs::path indexPath = root / kIndexName;
  if (fs::exists(indexPath, ec)) {
    loadIndex(indexPath.string());
    return;
  }

  std::vector<std::string> found;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
  {
    std::error_code fileEc;
    if (it->path().extension() == ".safetensors" && it->is_regular_file(fileEc)) found.push_back(it->path().string());
  }
  if (ec) throw EngineError("checkpoint directory '" + pathOrDir + "' cannot be listed: " + ec.message());
  if (found.empty())
    throw EngineError("checkpoint directory '" + pathOrDir + "' holds no safetensors weights (expected " +
                      kSingleName + ", " + kIndexName + " or *.safetensors files)");
  std::sort(found.begin(), found.end());
  for (const auto& f : found) addFile(f);
}

void SafetensorsArchive::loadIndex(const std::string& ip) {
  std::error_code ec;
  const fs::path indexPath(ip);
  const fs::path root = indexPath.parent_path();
  auto bad = [&](const std::string& what) -> EngineError {
    return EngineError("checkpoint index '" + ip + "': " + what);
  };
  if (!fs::is_regular_file(indexPath, ec)) throw bad("is not a regular file");
  json index;
  {
    std::ifstream in(indexPath);
    if (!in) throw bad("cannot open for reading");
    index = parseJson(in, "checkpoint index '" + ip + "'");
  }
  if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
    throw bad("expected an object with a \"weight_map\" object (tensor name -> shard file)");
  std::vector<std::pair<std::string, std::string>> entries;  // tensor -> shard
  std::vector<std::string> shards;
  for (const auto& [tensor, shard] : index["weight_map"].items()) {
    if (!shard.is_string() || shard.get<std::string>().empty())
      throw bad("weight_map entry for tensor '" + shortText(tensor) + "' must be a shard file name");
    // Shards live next to the index (transformers writes bare file names); a path that
    // leaves the folder ("../", "/etc/...") is refused so an index cannot open other files.
    const std::string name = shard.get<std::string>();
    if (fs::path(name).filename().string() != name || name == "." || name == "..")
      throw bad("weight_map entry for tensor '" + shortText(tensor) + "' names '" + shortText(name) +
                "', which is not a file name inside the checkpoint folder; shards must sit next to the index");
    entries.emplace_back(tensor, shard.get<std::string>());
    if (std::find(shards.begin(), shards.end(), entries.back().second) == shards.end())
      shards.push_back(entries.back().second);
  }
  if (shards.empty()) throw bad("weight_map is empty");
  std::sort(shards.begin(), shards.end());
  std::map<std::string, size_t> shardIndex;
  for (const auto& shard : shards) {
    const fs::path sp = root / shard;
    if (!fs::is_regular_file(sp, ec)) {
      std::string firstTensor;
      for (const auto& [t, s] : entries)
        if (s == shard) {
          firstTensor = t;
          break;
        }
      throw bad("shard '" + shortText(shard) + "' (holding tensor '" + shortText(firstTensor) + "') is missing: '" +
                shortText(sp.string(), 200) + "' does not exist");
    }
    shardIndex[shard] = files_.size();
    addFile(sp.string());
  }
  for (const auto& [tensor, shard] : entries)
    if (!files_[shardIndex[shard]]->contains(tensor))
      throw bad("says tensor '" + shortText(tensor) + "' is in shard '" + shortText(shard) +
                "', but that shard does not contain it");
}

void SafetensorsArchive::addFile(const std::string& path) {
  auto file = std::make_unique<SafetensorsFile>(path);
  const size_t idx = files_.size();
  for (const auto& name : file->names()) {
    auto [it, inserted] = index_.emplace(name, idx);
    if (!inserted)
      throw EngineError("checkpoint '" + root_ + "': tensor '" + name + "' appears in both '" +
                        files_[it->second]->path() + "' and '" + path + "'");
  }
  files_.push_back(std::move(file));
}

const SafetensorsFile& SafetensorsArchive::fileFor(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end())
    throw EngineError("checkpoint '" + root_ + "': " +
                      notFoundMessage(std::to_string(files_.size()) + " file(s)", names(), name));
  return *files_[it->second];
}

std::vector<std::string> SafetensorsArchive::names() const {
  std::vector<std::string> out;
  out.reserve(index_.size());
  for (const auto& kv : index_) out.push_back(kv.first);
  return out;
}

bool SafetensorsArchive::contains(const std::string& name) const { return index_.count(name) > 0; }

const TensorInfo& SafetensorsArchive::info(const std::string& name) const { return fileFor(name).info(name); }

torch::Tensor SafetensorsArchive::load(const std::string& name) const { return fileFor(name).load(name); }

void SafetensorsArchive::loadInto(const std::string& name, torch::Tensor& dest) const {
  fileFor(name).loadInto(name, dest);
}

std::vector<std::string> SafetensorsArchive::files() const {
  std::vector<std::string> out;
  out.reserve(files_.size());
  for (const auto& f : files_) out.push_back(f->path());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

static void writeShards(const std::string& dir, const std::vector<PreparedTensor>& prepared, uint64_t maxShardBytes) {
  const fs::path root(dir);
  const std::string indexPath = (root / kIndexName).string();
  // Greedy in the caller's order, like transformers: neighbouring layers share a shard.
  std::vector<std::vector<const PreparedTensor*>> shards;
  uint64_t current = 0;
  for (const auto& p : prepared) {
    if (shards.empty() || (!shards.back().empty() && current + p.nbytes > maxShardBytes)) {
      shards.emplace_back();
      current = 0;
    }
    shards.back().push_back(&p);
    current += p.nbytes;
  }
  if (shards.empty()) shards.emplace_back();

  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw EngineError("cannot create checkpoint directory '" + dir + "': " + ec.message());

  const size_t count = shards.size();
  json weightMap = json::object();
  uint64_t total = 0;
  std::set<std::string> written;
  for (size_t i = 0; i < count; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, count);
    // transformers refuses shards whose metadata lacks a known "format".
    writeFile((root / name).string(), shards[i], {{"format", "pt"}});
    written.insert(name);
    for (const auto* t : shards[i]) {
      weightMap[t->name] = name;
      total += t->nbytes;
    }
  }
  json index = {{"metadata", {{"total_size", total}}}, {"weight_map", weightMap}};
  writeText(indexPath, index.dump(2) + "\n");

  // Leftovers of an earlier save would shadow this one (model.safetensors wins over the
  // index) or clutter it; transformers' save_pretrained cleans up the same way.
  static const std::regex shardName(R"(model-\d{5}-of-\d{5}\.safetensors)");
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string fname = it->path().filename().string();
    if (fname == kSingleName || (std::regex_match(fname, shardName) && !written.count(fname)))
      stale.push_back(it->path());
  }
  for (const auto& p : stale) fs::remove(p, ec);
}

void saveSafetensors(const std::string& path, const NamedTensors& tensors,
                     const std::map<std::string, std::string>& metadata) {
  auto prepared = prepare(path, tensors);
  std::vector<const PreparedTensor*> ptrs;
  for (const auto& p : prepared) ptrs.push_back(&p);
  // Data laid out in name order, so offsets grow with the (sorted) header keys.
  std::sort(ptrs.begin(), ptrs.end(), [](const PreparedTensor* a, const PreparedTensor* b) { return a->name < b->name; });
  writeFile(path, ptrs, metadata);
}

void saveShardedSafetensors(const std::string& dir, const NamedTensors& tensors, uint64_t maxShardBytes) {
  writeShards(dir, prepare((fs::path(dir) / kIndexName).string(), tensors), maxShardBytes);
}

void saveSafetensorsStreamed(const std::string& path, const std::vector<StreamedTensor>& tensors,
                             const std::map<std::string, std::string>& metadata) {
  auto prepared = prepareStreamed(path, tensors);
  std::vector<const PreparedTensor*> ptrs;
  for (const auto& p : prepared) ptrs.push_back(&p);
  writeFile(path, ptrs, metadata);
}

void saveShardedSafetensorsStreamed(const std::string& dir, const std::vector<StreamedTensor>& tensors,
                                    uint64_t maxShardBytes) {
  writeShards(dir, prepareStreamed((fs::path(dir) / kIndexName).string(), tensors), maxShardBytes);
}

}  // namespace llavolta::engine
