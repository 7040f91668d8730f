#include "engine/image_header.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace llavolta::engine {
namespace {

class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool has(size_t offset, size_t count) const {
    return offset <= size_ && count <= size_ - offset;
  }
  uint32_t be16(size_t o) const { return (uint32_t(data_[o]) << 8) | data_[o + 1]; }
  uint32_t le16(size_t o) const { return (uint32_t(data_[o + 1]) << 8) | data_[o]; }
  uint32_t be32(size_t o) const { return (be16(o) << 16) | be16(o + 2); }
  uint32_t le32(size_t o) const { return (le16(o + 2) << 16) | le16(o); }
  uint32_t le24(size_t o) const {
    return uint32_t(data_[o]) | (uint32_t(data_[o + 1]) << 8) | (uint32_t(data_[o + 2]) << 16);
  }
  bool matches(size_t o, const char* magic, size_t n) const {
    return has(o, n) && std::memcmp(data_ + o, magic, n) == 0;
  }
  uint8_t at(size_t o) const { return data_[o]; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_;
  size_t size_;
};

using Result = std::optional<DeclaredImageSize>;

Result make(const char* format, int64_t width, int64_t height) {
  return DeclaredImageSize{format, width, height};
}

Result png(const Reader& r) {
  if (!r.matches(0, "\x89PNG\r\n\x1a\n", 8) || !r.matches(12, "IHDR", 4) || !r.has(16, 8))
    return std::nullopt;
  return make("PNG", r.be32(16), r.be32(20));
}

Result jpeg(const Reader& r) {
  if (!r.matches(0, "\xff\xd8", 2)) return std::nullopt;
  size_t pos = 2;
  while (r.has(pos, 4)) {
    if (r.at(pos) != 0xff) return std::nullopt;  // lost sync; let the decoder judge
    const uint8_t marker = r.at(pos + 1);
    if (marker == 0xff) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {  // no length field
      pos += 2;
      continue;
    }
    const size_t length = r.be16(pos + 2);
    const bool startOfFrame =
        marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (startOfFrame) {
      if (!r.has(pos + 4, 5)) return std::nullopt;
      const int64_t height = r.be16(pos + 5);
      // A zero height is legal (defined later by a DNL marker): leave it to the decoder.
      if (height == 0) return std::nullopt;
      return make("JPEG", r.be16(pos + 7), height);
    }
    if (marker == 0xda || length < 2) return std::nullopt;  // scan data before any frame
    pos += 2 + length;
  }
  return std::nullopt;
}

Result bmp(const Reader& r) {
  if (!r.matches(0, "BM", 2) || !r.has(14, 4)) return std::nullopt;
  const uint32_t dibSize = r.le32(14);
  const bool knownHeader = dibSize == 12 || dibSize == 40 || dibSize == 52 || dibSize == 56 ||
                           dibSize == 64 || dibSize == 108 || dibSize == 124;
  if (!knownHeader) return std::nullopt;  // "BM" alone is too weak a signature
  if (dibSize == 12) {  // OS/2 BITMAPCOREHEADER
    if (!r.has(18, 4)) return std::nullopt;
    return make("BMP", r.le16(18), r.le16(20));
  }
  if (!r.has(18, 8)) return std::nullopt;
  const int64_t width = int32_t(r.le32(18));
  const int64_t height = int32_t(r.le32(22));  // negative = top-down rows
  return make("BMP", width < 0 ? -width : width, height < 0 ? -height : height);
}

Result webp(const Reader& r) {
  if (!r.matches(0, "RIFF", 4) || !r.matches(8, "WEBP", 4)) return std::nullopt;
  if (r.matches(12, "VP8 ", 4) && r.has(26, 4))
    return make("WebP", r.le16(26) & 0x3fff, r.le16(28) & 0x3fff);
  if (r.matches(12, "VP8L", 4) && r.has(21, 4)) {
    const uint32_t bits = r.le32(21);
    return make("WebP", int64_t(bits & 0x3fff) + 1, int64_t((bits >> 14) & 0x3fff) + 1);
  }
  if (r.matches(12, "VP8X", 4) && r.has(24, 6))
    return make("WebP", int64_t(r.le24(24)) + 1, int64_t(r.le24(27)) + 1);
  return std::nullopt;
}

Result tiff(const Reader& r) {
  const bool little = r.matches(0, "II*\0", 4);
  if (!little && !r.matches(0, "MM\0*", 4)) return std::nullopt;  // BigTIFF: decoder judges
  auto u16 = [&](size_t o) { return little ? r.le16(o) : r.be16(o); };
  auto u32 = [&](size_t o) { return little ? r.le32(o) : r.be32(o); };
  if (!r.has(4, 4)) return std::nullopt;
  const size_t ifd = u32(4);
  if (!r.has(ifd, 2)) return std::nullopt;
  const size_t entries = u16(ifd);
  int64_t width = -1, height = -1;
  for (size_t i = 0; i < entries; ++i) {
    const size_t e = ifd + 2 + 12 * i;
    if (!r.has(e, 12)) return std::nullopt;
    const uint32_t tag = u16(e), type = u16(e + 2);
    if (tag != 256 && tag != 257) continue;
    const int64_t value = type == 3 ? int64_t(u16(e + 8)) : int64_t(u32(e + 8));  // SHORT/LONG
    (tag == 256 ? width : height) = value;
  }
  if (width < 0 || height < 0) return std::nullopt;
  return make("TIFF", width, height);
}

// Netpbm P1..P6: magic, then width and height as ASCII with '#' comments between tokens.
Result pnm(const Reader& r) {
  if (!r.has(0, 2) || r.at(0) != 'P' || r.at(1) < '1' || r.at(1) > '6') return std::nullopt;
  size_t pos = 2;
  int64_t dims[2];
  for (int64_t& dim : dims) {
    while (pos < r.size()) {
      if (r.at(pos) == '#') {
        while (pos < r.size() && r.at(pos) != '\n') ++pos;
      } else if (std::isspace(r.at(pos))) {
        ++pos;
      } else {
        break;
      }
    }
    if (pos >= r.size() || !std::isdigit(r.at(pos))) return std::nullopt;
    dim = 0;
    while (pos < r.size() && std::isdigit(r.at(pos))) {
      dim = dim * 10 + (r.at(pos++) - '0');
      if (dim > (int64_t(1) << 40)) break;  // absurd already; no overflow
    }
  }
  return make("PNM", dims[0], dims[1]);
}

// Reads a decimal number at pos (after optional spaces); -1 when there is none.
int64_t decimalAt(const Reader& r, size_t& pos) {
  while (pos < r.size() && (r.at(pos) == ' ' || r.at(pos) == '\t')) ++pos;
  if (pos >= r.size() || !std::isdigit(r.at(pos))) return -1;
  int64_t v = 0;
  while (pos < r.size() && std::isdigit(r.at(pos)) && v <= (int64_t(1) << 40)) v = v * 10 + (r.at(pos++) - '0');
  return v;
}

// Radiance HDR: "#?RADIANCE" (or "#?RGBE"), header lines up to an empty line, then the
// resolution line "-Y <height> +X <width>" (other axis orders exist; all are read).
Result hdr(const Reader& r) {
  if (!r.matches(0, "#?", 2)) return std::nullopt;
  size_t pos = 0;
  const size_t limit = std::min<size_t>(r.size(), 64 * 1024);  // headers are a few lines
  bool blank = false;
  while (pos < limit && !blank) {
    const size_t lineStart = pos;
    while (pos < limit && r.at(pos) != '\n') ++pos;
    blank = pos == lineStart;
    ++pos;
  }
  if (!blank || pos >= limit) return std::nullopt;
  int64_t dims[2] = {-1, -1};  // [0] = first axis, [1] = second
  bool firstIsY = false;
  for (int axis = 0; axis < 2; ++axis) {
    while (pos < r.size() && r.at(pos) == ' ') ++pos;
    if (!r.has(pos, 2) || (r.at(pos) != '-' && r.at(pos) != '+') || (r.at(pos + 1) != 'X' && r.at(pos + 1) != 'Y'))
      return std::nullopt;
    if (axis == 0) firstIsY = r.at(pos + 1) == 'Y';
    pos += 2;
    dims[axis] = decimalAt(r, pos);
    if (dims[axis] < 0) return std::nullopt;
  }
  return firstIsY ? make("HDR", dims[1], dims[0]) : make("HDR", dims[0], dims[1]);
}

// Portable float map: "PF" or "Pf", whitespace, width, height.
Result pfm(const Reader& r) {
  if (!r.has(0, 3) || r.at(0) != 'P' || (r.at(1) != 'F' && r.at(1) != 'f') || !std::isspace(r.at(2)))
    return std::nullopt;
  size_t pos = 3;
  while (pos < r.size() && std::isspace(r.at(pos))) ++pos;
  const int64_t w = decimalAt(r, pos);
  while (pos < r.size() && std::isspace(r.at(pos))) ++pos;
  const int64_t h = decimalAt(r, pos);
  if (w < 0 || h < 0) return std::nullopt;
  return make("PFM", w, h);
}

// Netpbm PAM: "P7", then "WIDTH w" and "HEIGHT h" lines before "ENDHDR".
Result pam(const Reader& r) {
  if (!r.matches(0, "P7", 2)) return std::nullopt;
  int64_t w = -1, h = -1;
  const size_t limit = std::min<size_t>(r.size(), 64 * 1024);
  for (size_t pos = 2; pos < limit;) {
    while (pos < limit && std::isspace(r.at(pos))) ++pos;
    if (r.matches(pos, "WIDTH", 5)) {
      pos += 5;
      w = decimalAt(r, pos);
    } else if (r.matches(pos, "HEIGHT", 6)) {
      pos += 6;
      h = decimalAt(r, pos);
    } else if (r.matches(pos, "ENDHDR", 6)) {
      break;
    }
    while (pos < limit && r.at(pos) != '\n') ++pos;
  }
  if (w < 0 || h < 0) return std::nullopt;
  return make("PAM", w, h);
}

// Sun raster: magic 0x59a66a95, then big-endian width and height.
Result sunRaster(const Reader& r) {
  if (!r.matches(0, "\x59\xa6\x6a\x95", 4) || !r.has(4, 8)) return std::nullopt;
  return make("Sun raster", r.be32(4), r.be32(8));
}

}  // namespace

const char* const kHeaderCheckedFormats = "PNG, JPEG, BMP, WebP, TIFF, PNM (P1-P7), PFM, HDR, Sun raster";

std::optional<DeclaredImageSize> readDeclaredImageSize(const uint8_t* data, size_t size) {
  const Reader r(data, size);
  for (auto parse : {png, jpeg, bmp, webp, tiff, pnm, pam, pfm, hdr, sunRaster})
    if (auto found = parse(r)) return found;
  return std::nullopt;
}

}  // namespace llavolta::engine
