#pragma once
// The byte protocol between the engine and llavolta-spm-server, the tokenizer bridge run in a
// process of its own (for builds that cannot dlopen it with RTLD_DEEPBIND: ASan). One frame
// per request and per answer: a u32 length, then the fields, each an i64 or a length-prefixed
// byte string. Both ends are this build on this machine, so host byte order is fine.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace llavolta::spmwire {

enum Op : int64_t {
  kLoad = 1,       // path -> rc, err, handle
  kFree = 2,       // handle -> rc
  kEncode = 3,     // handle, text -> rc, err, ids (int32 bytes)
  kDecode = 4,     // handle, ids (int32 bytes) -> rc, err, text
  kSpecial = 5,    // handle, which (0 vocab size, 1 bos, 2 eos, 3 unk, 4 pad) -> value
  kIdToPiece = 6,  // handle, id -> rc, err, piece
  kPieceToId = 7,  // handle, piece -> id
  kTrain = 8,      // input file, output file, args -> rc, err
};

class Writer {
 public:
  Writer& i64(int64_t v) {
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
    return *this;
  }
  Writer& bytes(const void* data, size_t n) {
    i64(static_cast<int64_t>(n));
    if (n) bytes_.append(static_cast<const char*>(data), n);
    return *this;
  }
  Writer& str(const std::string& s) { return bytes(s.data(), s.size()); }
  // Sends the frame; false when the other end is gone (never raises SIGPIPE).
  bool send(int fd) const {
    const uint32_t n = static_cast<uint32_t>(bytes_.size());
    std::string frame(reinterpret_cast<const char*>(&n), sizeof n);
    frame += bytes_;
    size_t done = 0;
    while (done < frame.size()) {
      const ssize_t w = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      done += static_cast<size_t>(w);
    }
    return true;
  }

 private:
  std::string bytes_;
};

class Reader {
 public:
  // Reads one frame; false at end of stream or on a read error.
  bool receive(int fd) {
    uint32_t n = 0;
    if (!readAll(fd, &n, sizeof n)) return false;
    frame_.assign(n, '\0');
    at_ = 0;
    return n == 0 || readAll(fd, frame_.data(), n);
  }
  // A malformed frame reads as zeros and empty strings; ok() says whether all fitted.
  int64_t i64() {
    int64_t v = 0;
    if (at_ + sizeof v > frame_.size()) return ok_ = false, 0;
    std::memcpy(&v, frame_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string str() {
    const int64_t n = i64();
    if (n < 0 || at_ + static_cast<size_t>(n) > frame_.size()) return ok_ = false, std::string();
    std::string s = frame_.substr(at_, static_cast<size_t>(n));
    at_ += static_cast<size_t>(n);
    return s;
  }
  bool ok() const { return ok_; }

 private:
  static bool readAll(int fd, void* out, size_t n) {
    auto* p = static_cast<char*>(out);
    while (n > 0) {
      const ssize_t r = ::read(fd, p, n);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      p += r;
      n -= static_cast<size_t>(r);
    }
    return true;
  }
  std::string frame_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace llavolta::spmwire
