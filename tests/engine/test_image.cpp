// Image loading and LLaVA/CLIP preprocessing: geometry and values must match the reference
// pipeline (LLaVA's expand2square + transformers' CLIPImageProcessor with PIL bicubic), and
// every bad file must end in an EngineError that names it, never a crash or a huge allocation.
#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <zlib.h>

#include "engine/errors.h"
#include "engine/image.h"

#include "support/check.h"

namespace fs = std::filesystem;
using llavolta::engine::EngineError;
using llavolta::check::expectError;
using llavolta::engine::ImageOptions;
using llavolta::engine::RgbImage;

namespace {

using Bytes = std::vector<uint8_t>;

void writeBytes(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

RgbImage solid(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  RgbImage image{w, h, {}};
  for (int i = 0; i < w * h; ++i) image.pixels.insert(image.pixels.end(), {r, g, b});
  return image;
}

// The same deterministic, high-frequency pattern the reference values were computed from.
RgbImage pattern(int w, int h) {
  RgbImage image{w, h, {}};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      image.pixels.insert(image.pixels.end(),
                          {uint8_t((x * 37 + y * 11) % 256), uint8_t((x * y + 3 * y) % 256),
                           uint8_t(((x / 3) * (y / 5) * 7 + 128) % 256)});
  return image;
}

uint64_t fnv1a(const Bytes& bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (uint8_t c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// ---- a minimal PNG writer, so the tests control bit depth and channels exactly ----
uint32_t crc32(const uint8_t* data, size_t n) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put32(Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(v >> s));
}

void chunk(Bytes& out, const char* type, const Bytes& data) {
  put32(out, uint32_t(data.size()));
  Bytes body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  put32(out, crc32(body.data(), body.size()));
}

Bytes pngHeader(uint32_t w, uint32_t h, uint8_t bitDepth, uint8_t colorType) {
  Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes ihdr;
  put32(ihdr, w);
  put32(ihdr, h);
  ihdr.insert(ihdr.end(), {bitDepth, colorType, 0, 0, 0});
  chunk(png, "IHDR", ihdr);
  return png;
}

// rows: raw samples of each row, without the filter byte.
Bytes png(uint32_t w, uint32_t h, uint8_t bitDepth, uint8_t colorType, const Bytes& samples) {
  Bytes png = pngHeader(w, h, bitDepth, colorType);
  const size_t rowBytes = samples.size() / h;
  Bytes raw;
  for (uint32_t y = 0; y < h; ++y) {
    raw.push_back(0);  // filter: none
    raw.insert(raw.end(), samples.begin() + y * rowBytes, samples.begin() + (y + 1) * rowBytes);
  }
  uLongf zlibSize = compressBound(raw.size());
  Bytes zlib(zlibSize);
  if (compress2(zlib.data(), &zlibSize, raw.data(), raw.size(), Z_DEFAULT_COMPRESSION) != Z_OK) FAIL("zlib failed");
  zlib.resize(zlibSize);
  chunk(png, "IDAT", zlib);
  chunk(png, "IEND", {});
  return png;
}

float normalised(uint8_t v, int c, const ImageOptions& o) {
  return (float(double(v) * (1.0 / 255.0)) - o.mean[c]) / o.std[c];
}

// max |t[c, rows, cols] - value|
float maxDeviation(const torch::Tensor& t, int c, int64_t r0, int64_t r1, int64_t c0, int64_t c1,
                   float value) {
  using torch::indexing::Slice;
  return (t.index({c, Slice(r0, r1), Slice(c0, c1)}) - value).abs().max().item<float>();
}

}  // namespace

class TestImage : public check::Suite {
 private:
  check::TempDir tmp_;
  std::string path(const std::string& name) const {
    return (fs::path(tmp_.path()) / name).string();
  }

 public:
  void initTestCase() override { VERIFY(std::filesystem::is_directory(tmp_.path())); }

  TEST(paddedWideImageHasMeanBands) {
    const ImageOptions o;
    const torch::Tensor t = llavolta::engine::preprocessImage(solid(200, 100, 255, 0, 0), o);
    COMPARE(t.scalar_type(), torch::kFloat32);
    COMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 336, 336}));
    // 200x100 -> 200x200 canvas, image rows 50..149 -> 84..251 after resizing to 336.
    // Bands: the canvas colour int(mean*255), i.e. ~0 within one grey level.
    for (int c = 0; c < 3; ++c) {
      const float band = normalised(uint8_t(int(o.mean[c] * 255.0)), c, o);
      VERIFY(std::fabs(band) <= 1.0f / 255.0f / o.std[c]);
      COMPARE(maxDeviation(t, c, 0, 78, 0, 336, band), 0.0f);
      COMPARE(maxDeviation(t, c, 258, 336, 0, 336, band), 0.0f);
    }
    const uint8_t red[3] = {255, 0, 0};
    for (int c = 0; c < 3; ++c)
      COMPARE(maxDeviation(t, c, 92, 244, 0, 336, normalised(red[c], c, o)), 0.0f);
  }

  TEST(tallImagePadsLeftAndRight) {
    ImageOptions o;
    o.size = 64;
    const RgbImage v = llavolta::engine::towerView(solid(30, 90, 0, 255, 0), o);
    // canvas 90x90, image columns 30..59 -> about 21..42 at 64.
    auto at = [&](int x, int y, int c) { return v.pixels[(size_t(y) * 64 + x) * 3 + c]; };
    COMPARE(int(at(5, 32, 0)), 122);  // int(0.48145466 * 255)
    COMPARE(int(at(5, 32, 1)), 116);
    COMPARE(int(at(5, 32, 2)), 104);
    COMPARE(int(at(60, 10, 1)), 116);
    COMPARE(int(at(32, 0, 0)), 0);
    COMPARE(int(at(32, 63, 1)), 255);
  }

  TEST(unpaddedImageIsCentreCropped) {
    // red | green (wide) | blue: the centre crop of the resized image sees only green.
    RgbImage image{400, 100, {}};
    for (int y = 0; y < 100; ++y)
      for (int x = 0; x < 400; ++x)
        image.pixels.insert(image.pixels.end(), {uint8_t(x < 100 ? 255 : 0),
                                                 uint8_t(x >= 100 && x < 300 ? 255 : 0),
                                                 uint8_t(x >= 300 ? 255 : 0)});
    ImageOptions o;
    o.size = 50;
    o.padToSquare = false;
    const torch::Tensor t = llavolta::engine::preprocessImage(image, o);
    COMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 50, 50}));
    const uint8_t green[3] = {0, 255, 0};
    for (int c = 0; c < 3; ++c)
      COMPARE(maxDeviation(t, c, 0, 50, 0, 50, normalised(green[c], c, o)), 0.0f);

    // The same image padded keeps all three colours and gains mean bands.
    o.padToSquare = true;
    const RgbImage padded = llavolta::engine::towerView(image, o);
    auto at = [&](int x, int y, int c) { return int(padded.pixels[(size_t(y) * 50 + x) * 3 + c]); };
    COMPARE(at(2, 25, 0), 255);
    COMPARE(at(25, 25, 1), 255);
    COMPARE(at(47, 25, 2), 255);
    COMPARE(at(25, 2, 0), 122);
  }

  TEST(normalisationIsExactForUniformImage) {
    ImageOptions o;
    o.size = 32;
    o.padToSquare = false;  // a padded non-square image would not stay uniform
    const uint8_t rgb[3] = {10, 200, 77};
    const torch::Tensor t = llavolta::engine::preprocessImage(solid(45, 70, 10, 200, 77), o);
    for (int c = 0; c < 3; ++c) {
      // CLIPImageProcessor: uint8 * (1/255) in double, cast to float32, (x - mean) / std.
      const float expected = (float(rgb[c] * (1.0 / 255.0)) - o.mean[c]) / o.std[c];
      COMPARE(maxDeviation(t, c, 0, 32, 0, 32, expected), 0.0f);
      VERIFY(std::fabs(expected - (rgb[c] / 255.0 - o.mean[c]) / o.std[c]) < 1e-6);
    }
    // Custom mean/std are honoured.
    o.mean = {0.5f, 0.5f, 0.5f};
    o.std = {0.5f, 0.25f, 2.0f};
    const torch::Tensor u = llavolta::engine::preprocessImage(solid(8, 8, 255, 255, 0), o);
    COMPARE(maxDeviation(u, 0, 0, 32, 0, 32, 1.0f), 0.0f);
    COMPARE(maxDeviation(u, 1, 0, 32, 0, 32, 2.0f), 0.0f);
    COMPARE(maxDeviation(u, 2, 0, 32, 0, 32, -0.25f), 0.0f);
  }

  // Reference values: PIL 9.4 Image.resize(BICUBIC, reducing_gap=None) inside LLaVA's
  // expand2square + transformers' shortest-edge resize and center_crop, on pattern().
  void towerViewMatchesPilReference_data() {
    check::addColumn<int>("w");
    check::addColumn<int>("h");
    check::addColumn<bool>("pad");
    check::addColumn<int>("size");
    check::addColumn<uint64_t>("sum");
    check::addColumn<uint64_t>("hash");
    check::newRow("wide pad down") << 64 << 40 << true << 24 << 211938ULL << 0xb7b76d576bdd0e47ULL;
    check::newRow("tall crop down") << 40 << 64 << false << 24 << 225822ULL << 0xa11c384028ef2933ULL;
    check::newRow("pad up") << 30 << 20 << true << 336 << 41629855ULL << 0x33d746f343e81284ULL;
    check::newRow("crop up") << 333 << 200 << false << 336 << 42770667ULL << 0x7d2b81999fefae7cULL;
    check::newRow("thin pad") << 1000 << 37 << true << 336 << 38760167ULL << 0x16b21c39520051c2ULL;
    check::newRow("thin crop") << 17 << 500 << false << 50 << 1034984ULL << 0x178e415a1616b879ULL;
  }
  DATA_TEST(towerViewMatchesPilReference) {
    FETCH(int, w);
    FETCH(int, h);
    FETCH(bool, pad);
    FETCH(int, size);
    FETCH(uint64_t, sum);
    FETCH(uint64_t, hash);
    ImageOptions o;
    o.size = size;
    o.padToSquare = pad;
    const RgbImage v = llavolta::engine::towerView(pattern(w, h), o);
    COMPARE(v.width, size);
    COMPARE(v.height, size);
    COMPARE(v.pixels.size(), size_t(size) * size * 3);
    uint64_t total = 0;
    for (uint8_t p : v.pixels) total += p;
    COMPARE(total, sum);
    COMPARE(uint64_t(fnv1a(v.pixels)), hash);
  }

  TEST(towerViewSizeAndConsistency) {
    const ImageOptions o;
    const RgbImage image = pattern(640, 480);
    const RgbImage v = llavolta::engine::towerView(image, o);
    COMPARE(v.width, 336);
    COMPARE(v.height, 336);
    COMPARE(v.pixels.size(), size_t(336 * 336 * 3));
    // preprocessImage is exactly the normalised tower view.
    const torch::Tensor t = llavolta::engine::preprocessImage(image, o);
    for (int c = 0; c < 3; ++c)
      for (int i : {0, 1000, 56447, 112895})
        COMPARE(t[c].flatten()[i].item<float>(), normalised(v.pixels[size_t(i) * 3 + c], c, o));
  }

  TEST(greyscaleAlphaAnd16BitPngLoadAsRgb) {
    const std::string grey = path("grey.png");
    writeBytes(grey, png(3, 2, 8, 0, {0, 77, 255, 1, 2, 3}));
    RgbImage g = llavolta::engine::readImage(grey);
    COMPARE(g.width, 3);
    COMPARE(g.height, 2);
    COMPARE(g.pixels, (Bytes{0, 0, 0, 77, 77, 77, 255, 255, 255, 1, 1, 1, 2, 2, 2, 3, 3, 3}));

    // Alpha is dropped, not composited (PIL convert("RGB") behaviour).
    const std::string rgba = path("rgba.png");
    writeBytes(rgba, png(2, 1, 8, 6, {30, 20, 10, 0, 200, 100, 50, 255}));
    RgbImage a = llavolta::engine::readImage(rgba);
    COMPARE(a.width, 2);
    COMPARE(a.height, 1);
    COMPARE(a.pixels, (Bytes{30, 20, 10, 200, 100, 50}));

    const std::string deep = path("rgb16.png");
    writeBytes(deep, png(1, 1, 16, 2, {0xff, 0xff, 0x80, 0x00, 0x00, 0x00}));
    RgbImage d = llavolta::engine::readImage(deep);
    COMPARE(d.pixels.size(), size_t(3));
    COMPARE(int(d.pixels[0]), 255);
    COMPARE(int(d.pixels[1]), 128);
    COMPARE(int(d.pixels[2]), 0);
  }

  TEST(writePngRoundTrips) {
    const RgbImage image = pattern(37, 23);
    const std::string p = path("round.png");
    llavolta::engine::writePng(image, p);
    const RgbImage back = llavolta::engine::readImage(p);
    COMPARE(back.width, 37);
    COMPARE(back.height, 23);
    COMPARE(back.pixels, image.pixels);

    std::ifstream in(p, std::ios::binary);
    const Bytes bytes((std::istreambuf_iterator<char>(in)), {});
    const RgbImage decoded = llavolta::engine::decodeImage(bytes, "memory");
    COMPARE(decoded.pixels, image.pixels);

    const std::string bad = path("no/such/dir/out.png");
    expectError([&] { llavolta::engine::writePng(image, bad); }, {bad});
    expectError([&] { llavolta::engine::writePng(RgbImage{4, 4, {1, 2, 3}}, p); }, {"4x4"});
  }

  TEST(unreadableFilesNameTheFile) {
    const std::string text = path("notes.png");
    {
      std::ofstream out(text);
      out << "this is a text file, not a picture\n";
    }
    expectError([&] { llavolta::engine::readImage(text); }, {text, "decode"});

    const std::string empty = path("empty.jpg");
    writeBytes(empty, {});
    expectError([&] { llavolta::engine::readImage(empty); }, {empty, "empty"});

    const std::string missing = path("missing.png");
    expectError([&] { llavolta::engine::readImage(missing); }, {missing, "not found"});

    expectError([&] { llavolta::engine::readImage(tmp_.path()); },
                {tmp_.path(), "directory"});

    // A valid header followed by a cut-off stream.
    const std::string truncated = path("truncated.png");
    Bytes full = png(16, 16, 8, 2, Bytes(16 * 16 * 3, 9));
    full.resize(full.size() - 30);
    writeBytes(truncated, full);
    expectError([&] { llavolta::engine::readImage(truncated); }, {truncated});

    expectError([&] { llavolta::engine::decodeImage({}, "upload #3"); }, {"upload #3", "empty"});
    expectError([&] { llavolta::engine::decodeImage({'G', 'I', 'F'}, "blob"); }, {"blob"});
  }

  TEST(oversizedHeadersAreRefusedBeforeDecoding) {
    // A PNG whose IHDR claims 100000 x 100000 (10^10 pixels, 30 GB decoded).
    const std::string huge = path("huge.png");
    Bytes bytes = pngHeader(100000, 100000, 8, 2);
    chunk(bytes, "IEND", {});
    writeBytes(huge, bytes);
    expectError([&] { llavolta::engine::readImage(huge); }, {huge, "too large", "100000x100000"});

    // Under OpenCV's own limits but over maxPixels.
    const std::string big = path("big.png");
    Bytes bigBytes = pngHeader(10000, 10000, 8, 2);
    chunk(bigBytes, "IEND", {});
    writeBytes(big, bigBytes);
    expectError([&] { llavolta::engine::readImage(big); }, {big, "too large", "maxPixels"});

    // A caller's smaller limit applies too.
    const Bytes small = png(20, 20, 8, 0, Bytes(400, 5));
    expectError([&] { llavolta::engine::decodeImage(small, "thumb", 100); }, {"thumb", "too large"});
    COMPARE(llavolta::engine::decodeImage(small, "thumb", 400).width, 20);

    // Zero dimensions are corruption, not an empty picture.
    Bytes zero = pngHeader(0, 10, 8, 2);
    chunk(zero, "IEND", {});
    expectError([&] { llavolta::engine::decodeImage(zero, "zero.png"); }, {"zero.png", "corrupt"});

    // Sun raster is not pre-parsed here: OpenCV's own pixel limit must still end in a clean
    // EngineError rather than an abort or a giant allocation.
    Bytes ras;
    for (uint32_t v : {0x59a66a95u, 100000u, 100000u, 24u, 0u, 1u, 0u, 0u}) put32(ras, v);
    ras.resize(ras.size() + 64, 0);
    const std::string rasPath = path("huge.ras");
    writeBytes(rasPath, ras);
    expectError([&] { llavolta::engine::readImage(rasPath); }, {rasPath, "too large"});
  }

  // Issue 18: a 337-byte PNG of 1x65500 took 30 s (padding to a 65500-pixel square). Strips
  // beyond 32:1 are refused from the header; within the limit a narrow image is cheap and its
  // padded view equals that of the same image padded by hand.
  TEST(elongatedImagesAreRefusedFromTheHeader) {
    for (const auto& [w, h] : std::vector<std::pair<uint32_t, uint32_t>>{{1, 65500}, {1000000, 1}, {33, 1}}) {
      Bytes bytes = pngHeader(w, h, 8, 2);
      chunk(bytes, "IEND", {});
      const std::string name = std::to_string(w) + "x" + std::to_string(h) + ".png";
      expectError([&] { llavolta::engine::decodeImage(bytes, name); }, {name, "too elongated", "32:1"});
    }
    RgbImage narrow = solid(3, 96, 200, 10, 10);  // 32:1, the limit
    for (size_t i = 0; i < narrow.pixels.size(); ++i) narrow.pixels[i] = uint8_t((i * 37) % 256);
    const Bytes encoded = png(3, 96, 8, 2, narrow.pixels);
    COMPARE(llavolta::engine::decodeImage(encoded, "narrow.png").height, 96);
    ImageOptions o;
    o.size = 48;
    RgbImage square = solid(96, 96, 122, 116, 104);  // int(mean * 255), LLaVA's fill
    for (int y = 0; y < 96; ++y)
      for (int x = 0; x < 3; ++x)
        for (int c = 0; c < 3; ++c) square.pixels[(size_t(y) * 96 + 46 + x) * 3 + c] = narrow.pixels[(size_t(y) * 3 + x) * 3 + c];
    COMPARE(llavolta::engine::towerView(narrow, o).pixels, llavolta::engine::towerView(square, o).pixels);
  }

  // Every format's header is read before its decoder runs; unknown data is refused unread.
  TEST(everyDecoderIsCheckedFirst) {
    const std::string hdr = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 200000 +X 200000\n";
    expectError([&] { llavolta::engine::decodeImage(Bytes(hdr.begin(), hdr.end()), "bomb.hdr"); },
                {"bomb.hdr", "HDR", "200000x200000", "too large"});
    const std::string pfm = "PF\n70000 70000\n-1.0\n";
    expectError([&] { llavolta::engine::decodeImage(Bytes(pfm.begin(), pfm.end()), "bomb.pfm"); },
                {"bomb.pfm", "PFM", "too large"});
    const std::string pam = "P7\nWIDTH 90000\nHEIGHT 90000\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n";
    expectError([&] { llavolta::engine::decodeImage(Bytes(pam.begin(), pam.end()), "bomb.pam"); },
                {"bomb.pam", "PAM", "too large"});
    const Bytes unknown = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', 0x0d, 0x0a, 0x87, 0x0a, 0, 0};  // JPEG 2000: not accepted
    expectError([&] { llavolta::engine::decodeImage(unknown, "x.jp2"); },
                {"x.jp2", "not an image in a supported format", "PNG, JPEG"});
  }

  TEST(invalidInputsAreRejected) {
    ImageOptions o;
    o.size = 0;
    expectError([&] { llavolta::engine::preprocessImage(solid(4, 4, 1, 2, 3), o); },
                {"ImageOptions.size"});
    o = ImageOptions{};
    o.std = {0.2f, 0.0f, 0.2f};
    expectError([&] { llavolta::engine::towerView(solid(4, 4, 1, 2, 3), o); }, {"std"});
    expectError([&] { llavolta::engine::preprocessImage(RgbImage{}, ImageOptions{}); }, {"empty"});
  }
};

LLAVOLTA_TEST_MAIN(TestImage)
