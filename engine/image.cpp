#include "engine/image.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/errors.h"
#include "engine/image_header.h"

namespace llavolta::engine {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// No image within the pixel limit needs more bytes than this (16-bit RGBA, uncompressed,
// plus room for metadata); anything bigger is refused before it is read or decoded.
int64_t maxEncodedBytes(int64_t maxPixels) {
  constexpr int64_t kSlack = 1 << 20;
  if (maxPixels > (int64_t(INT_MAX) - kSlack) / 8) return INT_MAX;  // cv::Mat columns are int
  return maxPixels * 8 + kSlack;
}

[[noreturn]] void throwTooLarge(const std::string& name, const std::string& what,
                                int64_t maxPixels) {
  throw EngineError("Image " + quoted(name) + " is too large: " + what + ", over the limit of " +
                    std::to_string(maxPixels) +
                    " pixels (ImageOptions.maxPixels); downscale the image first");
}

void checkShape(int64_t w, int64_t h, const std::string& name, const std::string& what) {
  if (std::max(w, h) > kMaxImageAspectRatio * std::min(w, h))
    throw EngineError("Image " + quoted(name) + " is too elongated: " + what + " " + std::to_string(w) + "x" +
                      std::to_string(h) + " pixels, more than " + std::to_string(kMaxImageAspectRatio) +
                      ":1; crop it to the region of interest first");
}

// Every image is judged by the size its header declares before any decoder runs: a file of a
// few hundred bytes can declare gigapixels. Data whose header is not recognised is refused.
void checkDeclaredSize(const std::vector<uint8_t>& bytes, const std::string& name,
                       int64_t maxPixels) {
  const auto declared = readDeclaredImageSize(bytes.data(), bytes.size());
  if (!declared)
    throw EngineError("Cannot decode image " + quoted(name) +
                      ": not an image in a supported format (" + kHeaderCheckedFormats +
                      "), or its header is truncated");
  const int64_t w = declared->width, h = declared->height;
  const std::string dims = std::to_string(w) + "x" + std::to_string(h);
  if (w <= 0 || h <= 0)
    throw EngineError("Image " + quoted(name) + " is corrupt: its " + declared->format +
                      " header declares a size of " + dims);
  if (w > maxPixels / h)
    throwTooLarge(name, "its " + declared->format + " header declares " + dims + " pixels",
                  maxPixels);
  checkShape(w, h, name, "its " + declared->format + " header declares");
}

void checkImage(const RgbImage& image, const char* function) {
  if (image.width <= 0 || image.height <= 0)
    throw EngineError(std::string(function) + ": the image is empty (" +
                      std::to_string(image.width) + "x" + std::to_string(image.height) + ")");
  const size_t expected = size_t(image.width) * size_t(image.height) * 3;
  if (image.pixels.size() != expected)
    throw EngineError(std::string(function) + ": RgbImage of " + std::to_string(image.width) +
                      "x" + std::to_string(image.height) + " holds " +
                      std::to_string(image.pixels.size()) + " bytes, expected " +
                      std::to_string(expected) + " (interleaved RGB)");
}

void checkOptions(const ImageOptions& options) {
  if (options.size <= 0 || options.size > 8192)
    throw EngineError("ImageOptions.size must be between 1 and 8192, got " +
                      std::to_string(options.size));
  for (int c = 0; c < 3; ++c)
    if (!(std::isfinite(options.std[c]) && options.std[c] != 0.0f) ||
        !std::isfinite(options.mean[c]))
      throw EngineError("ImageOptions.mean/std must be finite with a non-zero std; channel " +
                        std::to_string(c) + " has mean " + std::to_string(options.mean[c]) +
                        ", std " + std::to_string(options.std[c]));
}

// ---- PIL-compatible bicubic resampling ----------------------------------------------------
// CLIPImageProcessor resizes with PIL's BICUBIC filter, which is a convolution (a = -0.5)
// whose support widens when downscaling (antialiasing) and which runs in 8-bit fixed point,
// horizontal pass first. OpenCV's INTER_CUBIC (a = -0.75, no antialiasing) gives visibly
// different inputs to the tower, so PIL's ImagingResample is reproduced here exactly.

constexpr int kPrecisionBits = 32 - 8 - 2;

double bicubicFilter(double x) {
  constexpr double a = -0.5;
  x = std::fabs(x);
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
  if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
  return 0.0;
}

uint8_t clip8(int32_t value) {
  if (value >= (1 << kPrecisionBits << 8)) return 255;
  if (value <= 0) return 0;
  return uint8_t(value >> kPrecisionBits);
}

// Filter taps for the output indices [first, first + count) of an inSize -> outSize resize.
struct Taps {
  int ksize = 0;
  std::vector<int> start, length;  // source span of each output index
  std::vector<int32_t> weights;    // ksize fixed-point weights per output index
  const int32_t* weightsOf(int i) const { return weights.data() + size_t(i) * ksize; }
};

Taps computeTaps(int inSize, int outSize, int first, int count) {
  const double scale = double(inSize) / outSize;
  const double filterScale = std::max(scale, 1.0);
  const double support = 2.0 * filterScale;
  const double invFilterScale = 1.0 / filterScale;
  Taps taps;
  taps.ksize = int(std::ceil(support)) * 2 + 1;
  taps.start.resize(count);
  taps.length.resize(count);
  taps.weights.assign(size_t(count) * taps.ksize, 0);
  std::vector<double> w(taps.ksize);
  for (int i = 0; i < count; ++i) {
    const double center = (first + i + 0.5) * scale;
    const int xmin = std::max(int(center - support + 0.5), 0);
    const int xmax = std::min(int(center + support + 0.5), inSize) - xmin;
    double sum = 0.0;
    for (int x = 0; x < xmax; ++x) {
      w[x] = bicubicFilter((x + xmin - center + 0.5) * invFilterScale);
      sum += w[x];
    }
    int32_t* k = taps.weights.data() + size_t(i) * taps.ksize;
    for (int x = 0; x < xmax; ++x) {
      const double normalised = sum != 0.0 ? w[x] / sum : w[x];
      const double scaled = normalised * (1 << kPrecisionBits);
      k[x] = int32_t(normalised < 0 ? -0.5 + scaled : 0.5 + scaled);
    }
    taps.start[i] = xmin;
    taps.length[i] = xmax;
  }
  return taps;
}

// Outputs whose taps lie wholly outside source columns [first, end) are copied from
// `outside` (the resampled padding row): a narrow image on a wide canvas costs only the
// outputs that touch it.
void resampleRow(const uint8_t* src, const Taps& taps, uint8_t* dst, int first = 0,
                 int end = INT_MAX, const uint8_t* outside = nullptr) {
  for (size_t i = 0; i < taps.start.size(); ++i) {
    if (outside && (taps.start[i] >= end || taps.start[i] + taps.length[i] <= first)) {
      std::copy(outside + i * 3, outside + i * 3 + 3, dst + i * 3);
      continue;
    }
    const uint8_t* p = src + size_t(taps.start[i]) * 3;
    const int32_t* k = taps.weightsOf(int(i));
    int32_t r = 1 << (kPrecisionBits - 1), g = r, b = r;
    for (int x = 0; x < taps.length[i]; ++x, p += 3) {
      r += p[0] * k[x];
      g += p[1] * k[x];
      b += p[2] * k[x];
    }
    dst[i * 3 + 0] = clip8(r);
    dst[i * 3 + 1] = clip8(g);
    dst[i * 3 + 2] = clip8(b);
  }
}

// expand2square (optional) + shortest-edge resize + centre crop, computing only the pixels
// the crop keeps. The square canvas is never materialised: its all-background rows share
// one resampled row, so a long thin image does not cost a huge canvas.
RgbImage padResizeCrop(const RgbImage& image, bool pad, const std::array<uint8_t, 3>& fill,
                       int size) {
  int srcW = image.width, srcH = image.height, padLeft = 0, padTop = 0;
  if (pad && srcW != srcH) {
    const int side = std::max(srcW, srcH);
    padLeft = (side - srcW) / 2;  // PIL paste offsets of LLaVA's expand2square
    padTop = (side - srcH) / 2;
    srcW = srcH = side;
  }

  // transformers' get_resize_output_image_size(default_to_square=False): the short side
  // becomes `size`, the long side int(size * long / short) (true division, truncated).
  const int shortSide = std::min(srcW, srcH), longSide = std::max(srcW, srcH);
  const double longScaled = double(int64_t(size) * longSide) / double(shortSide);
  if (longScaled > double(INT_MAX))
    throw EngineError("Image of " + std::to_string(image.width) + "x" +
                      std::to_string(image.height) +
                      " is too elongated to resize; crop it or enable padding");
  const int newLong = int(longScaled);
  const int newW = srcW <= srcH ? size : newLong;
  const int newH = srcW <= srcH ? newLong : size;
  const int left = (newW - size) / 2, top = (newH - size) / 2;  // transformers center_crop

  const Taps horizontal = computeTaps(srcW, newW, left, size);
  const Taps vertical = computeTaps(srcH, newH, top, size);
  const int rowFirst = vertical.start.front();
  int rowEnd = rowFirst;
  for (int i = 0; i < size; ++i) rowEnd = std::max(rowEnd, vertical.start[i] + vertical.length[i]);

  // Horizontal pass over the source rows the vertical taps touch.
  const size_t outRowBytes = size_t(size) * 3;
  std::vector<uint8_t> srcRow(size_t(srcW) * 3);
  for (int x = 0; x < srcW; ++x) std::copy(fill.begin(), fill.end(), srcRow.begin() + x * 3);
  std::vector<uint8_t> fillRow(outRowBytes);
  resampleRow(srcRow.data(), horizontal, fillRow.data());

  const int imageRowFirst = std::max(rowFirst, padTop);
  const int imageRowEnd = std::min(rowEnd, padTop + image.height);
  const int imageRows = std::max(imageRowEnd - imageRowFirst, 0);
  std::vector<uint8_t> resampled(size_t(imageRows) * outRowBytes);
  std::vector<const uint8_t*> rows(size_t(rowEnd - rowFirst), fillRow.data());
  const size_t imageRowBytes = size_t(image.width) * 3;
  for (int y = imageRowFirst; y < imageRowEnd; ++y) {
    const uint8_t* imageRow = image.pixels.data() + size_t(y - padTop) * imageRowBytes;
    std::copy(imageRow, imageRow + imageRowBytes, srcRow.begin() + size_t(padLeft) * 3);
    uint8_t* out = resampled.data() + size_t(y - imageRowFirst) * outRowBytes;
    resampleRow(srcRow.data(), horizontal, out, padLeft, padLeft + image.width, fillRow.data());
    rows[size_t(y - rowFirst)] = out;
  }

  // Vertical pass, accumulated row by row so the inner loop runs along memory.
  RgbImage view;
  view.width = view.height = size;
  view.pixels.resize(outRowBytes * size);
  std::vector<int32_t> acc(outRowBytes);
  for (int i = 0; i < size; ++i) {
    std::fill(acc.begin(), acc.end(), 1 << (kPrecisionBits - 1));
    const int32_t* k = vertical.weightsOf(i);
    for (int y = 0; y < vertical.length[i]; ++y) {
      const uint8_t* row = rows[size_t(vertical.start[i] + y - rowFirst)];
      const int32_t weight = k[y];
      for (size_t j = 0; j < outRowBytes; ++j) acc[j] += row[j] * weight;
    }
    uint8_t* out = view.pixels.data() + size_t(i) * outRowBytes;
    for (size_t j = 0; j < outRowBytes; ++j) out[j] = clip8(acc[j]);
  }
  return view;
}

}  // namespace

RgbImage decodeImage(const std::vector<uint8_t>& bytes, const std::string& sourceName,
                     int64_t maxPixels) {
  if (maxPixels <= 0)
    throw EngineError("ImageOptions.maxPixels must be positive, got " + std::to_string(maxPixels));
  if (bytes.empty()) throw EngineError("Image " + quoted(sourceName) + " is empty (0 bytes)");
  if (int64_t(bytes.size()) > maxEncodedBytes(maxPixels))
    throwTooLarge(sourceName, "the file has " + std::to_string(bytes.size()) + " bytes", maxPixels);
  checkDeclaredSize(bytes, sourceName, maxPixels);

  // IMREAD_COLOR gives 8-bit BGR whatever the file holds (grey replicated, alpha dropped,
  // 16-bit scaled down). Orientation is ignored to match LLaVA's PIL loading.
  cv::Mat decoded;
  try {
    const cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<uint8_t*>(bytes.data()));
    decoded = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    // OpenCV's own limits (OPENCV_IO_MAX_IMAGE_*) cover formats whose header is not read above.
    if (e.err.find("CV_IO_MAX_IMAGE") != std::string::npos)
      throwTooLarge(sourceName, "its header declares more pixels than OpenCV's decoder allows",
                    maxPixels);
    throw EngineError("Cannot decode image " + quoted(sourceName) +
                      ": the file is corrupt or truncated (" + e.err + ")");
  } catch (const std::bad_alloc&) {
    throwTooLarge(sourceName, "decoding it ran out of memory", maxPixels);
  }
  if (decoded.empty())
    throw EngineError("Cannot decode image " + quoted(sourceName) +
                      ": not an image in a format OpenCV reads (PNG, JPEG, BMP, TIFF, WebP, PNM, "
                      "...), or the file is corrupt or truncated");
  if (decoded.type() != CV_8UC3)
    throw EngineError("Cannot decode image " + quoted(sourceName) +
                      ": the decoder returned an unexpected pixel format");
  if (int64_t(decoded.cols) > maxPixels / decoded.rows)
    throwTooLarge(sourceName,
                  "it decodes to " + std::to_string(decoded.cols) + "x" +
                      std::to_string(decoded.rows) + " pixels",
                  maxPixels);
  checkShape(decoded.cols, decoded.rows, sourceName, "it decodes to");

  RgbImage image;
  image.width = decoded.cols;
  image.height = decoded.rows;
  image.pixels.resize(size_t(image.width) * size_t(image.height) * 3);
  cv::Mat rgb(image.height, image.width, CV_8UC3, image.pixels.data());
  cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
  return image;
}

RgbImage readImage(const std::string& path, int64_t maxPixels) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found)
    throw EngineError("Image file not found: " + quoted(path));
  if (ec) throw EngineError("Cannot access image file " + quoted(path) + ": " + ec.message());
  if (fs::is_directory(status))
    throw EngineError("Image path " + quoted(path) + " is a directory, not an image file");
  if (!fs::is_regular_file(status))
    throw EngineError("Image path " + quoted(path) + " is not a regular file");
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) throw EngineError("Cannot access image file " + quoted(path) + ": " + ec.message());
  if (size == 0) throw EngineError("Image file " + quoted(path) + " is empty (0 bytes)");
  if (maxPixels > 0 && size > uintmax_t(maxEncodedBytes(maxPixels)))
    throwTooLarge(path, "the file has " + std::to_string(size) + " bytes", maxPixels);

  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw EngineError("Cannot open image file " + quoted(path) + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
  if (in.gcount() != std::streamsize(bytes.size()))
    throw EngineError("Cannot read image file " + quoted(path) + ": read " +
                      std::to_string(in.gcount()) + " of " + std::to_string(size) + " bytes");
  return decodeImage(bytes, path, maxPixels);
}

RgbImage towerView(const RgbImage& image, const ImageOptions& options) {
  checkImage(image, "towerView");
  checkOptions(options);
  std::array<uint8_t, 3> fill{};
  for (int c = 0; c < 3; ++c)  // LLaVA: tuple(int(x * 255) for x in image_mean)
    fill[c] = uint8_t(std::clamp(int(double(options.mean[c]) * 255.0), 0, 255));
  return padResizeCrop(image, options.padToSquare, fill, options.size);
}

torch::Tensor preprocessImage(const RgbImage& image, const ImageOptions& options) {
  const RgbImage view = towerView(image, options);
  const int64_t size = options.size, plane = size * size;
  torch::Tensor out = torch::empty({3, size, size}, torch::kFloat32);
  float* data = out.data_ptr<float>();
  // Same arithmetic as CLIPImageProcessor: rescale in double, cast to float32, then
  // (x - mean) / std in float32.
  for (int c = 0; c < 3; ++c) {
    const float mean = options.mean[c], std = options.std[c];
    float* dst = data + c * plane;
    for (int64_t p = 0; p < plane; ++p) {
      const float scaled = float(double(view.pixels[size_t(p) * 3 + c]) * (1.0 / 255.0));
      dst[p] = (scaled - mean) / std;
    }
  }
  return out;
}

void writePng(const RgbImage& image, const std::string& path) {
  checkImage(image, "writePng");
  std::vector<uchar> encoded;
  try {
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imencode(".png", bgr, encoded))
      throw EngineError("Cannot encode PNG for " + quoted(path));
  } catch (const cv::Exception& e) {
    throw EngineError("Cannot encode PNG for " + quoted(path) + ": " + e.err);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw EngineError("Cannot write PNG " + quoted(path) + ": " + std::strerror(errno));
  out.write(reinterpret_cast<const char*>(encoded.data()), std::streamsize(encoded.size()));
  out.close();
  if (!out) throw EngineError("Cannot write PNG " + quoted(path) + ": " + std::strerror(errno));
}

}  // namespace llavolta::engine
