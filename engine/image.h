#pragma once
// Images in, the CLIP tower's input out. Decoding goes through OpenCV (kept out of this
// header); preprocessing reproduces LLaVA-1.5's "pad" path bit for bit: expand2square with
// the mean colour, then Hugging Face's CLIPImageProcessor (PIL bicubic resize of the
// shortest edge, centre crop, rescale, normalise).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <torch/types.h>

namespace llavolta::engine {

// Images more elongated than this (longer side / shorter side) are refused from their
// header: padding or resizing a 1x65500 strip costs minutes of compute for one input.
constexpr int64_t kMaxImageAspectRatio = 32;

struct ImageOptions {
  int size = 336;  // tower input (square)
  std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f};  // CLIP
  std::array<float, 3> std{0.26862954f, 0.26130258f, 0.27577711f};
  // LLaVA "pad": expand to a square canvas of the mean colour, image centred. The canvas
  // colour is int(mean * 255) per channel, truncated as LLaVA's process_images does.
  bool padToSquare = true;
  int64_t maxPixels = 64LL * 1024 * 1024;  // refuse larger images before decoding (64 Mpx)
};

// Interleaved 8-bit RGB, row-major, pixels.size() == width * height * 3.
struct RgbImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

// Any format OpenCV decodes (PNG, JPEG, BMP, TIFF, WebP, PNM, ...). Greyscale, palette,
// alpha (dropped, not composited, as PIL's convert("RGB")) and 16-bit images come back as
// 8-bit RGB. EXIF orientation is not applied: LLaVA's PIL loader does not apply it either.
// The size declared in the header is checked against maxPixels and kMaxImageAspectRatio
// before anything is decoded; data without a recognised header is refused.
// sourceName names the data in error messages (a path, a dataset entry).
RgbImage decodeImage(const std::vector<uint8_t>& bytes, const std::string& sourceName,
                     int64_t maxPixels = ImageOptions{}.maxPixels);
RgbImage readImage(const std::string& path, int64_t maxPixels = ImageOptions{}.maxPixels);

// LLaVA/CLIP preprocessing; float32 [3, size, size], CHW, RGB order.
torch::Tensor preprocessImage(const RgbImage& image, const ImageOptions& options);

// The padded, resized, cropped image the tower sees (size x size, 8-bit), for display.
RgbImage towerView(const RgbImage& image, const ImageOptions& options);

void writePng(const RgbImage& image, const std::string& path);

}  // namespace llavolta::engine
