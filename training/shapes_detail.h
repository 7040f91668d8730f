#pragma once
// Internals shared by the Shapes-VQA generator and renderer: a portable random source and the
// geometry both must agree on (outlines, text metrics). Not part of the library's interface.
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "training/shapes_vqa.h"

namespace llavolta::training::shapes {

// splitmix64: decorrelates (seed, split, index) into independent mt19937_64 seeds.
inline uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// mt19937_64's output sequence is fixed by the standard; everything on top of it is ours so a
// seed means the same data with libstdc++, libc++ and MSVC.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t next() { return engine_(); }
  // Uniform in [lo, hi] without modulo bias.
  int uniformInt(int lo, int hi) {
    const uint64_t range = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
    const uint64_t threshold = (0 - range) % range;  // 2^64 mod range
    for (;;) {
      const uint64_t x = next();
      if (x >= threshold) return static_cast<int>(lo + static_cast<int64_t>(x % range));
    }
  }
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  bool chance(double p) { return uniform01() < p; }
  template <class T>
  T pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(uniformInt(0, static_cast<int>(items.size()) - 1))];
  }
  template <class T>
  void shuffle(std::vector<T>& items) {  // Fisher-Yates; std::shuffle is implementation-defined
    for (int i = static_cast<int>(items.size()) - 1; i > 0; --i) std::swap(items[i], items[uniformInt(0, i)]);
  }

 private:
  std::mt19937_64 engine_;
};

// The letters a label may carry: no I/O/Q/S/Z, too close to 1/0/5/2. Labels are one digit or
// one of these.
inline const std::string kLabelLetters = "ABCDEFGHJKLMNPRTUVWXY";

// Polygon outline in pixels for a shape of scale r (empty for a circle).
std::vector<cv::Point2d> outline(ShapeKind kind, double cx, double cy, double r);
double circleRadius(double r);
Box shapeBox(ShapeKind kind, double cx, double cy, double r);

// Label text: a Hershey font scaled so a glyph is about 3.6% of the image tall (12 px at 336),
// i.e. one or two 14-px ViT patches: readable at full resolution, easily lost to pooling.
struct TextStyle {
  int font = cv::FONT_HERSHEY_DUPLEX;
  double scale = 0.5;
  int thickness = 1;
};
TextStyle textStyle(int imageSize);
// Width and height (cap height, no descender: labels are digits and capitals) in pixels.
cv::Size textSize(const std::string& text, const TextStyle& style);

// The filled area of a shape as a binary mask (255 inside) at the scene's size.
cv::Mat objectMask(const SceneShape& shape, int imageSize);
// Share of each patch of a grid x grid tiling (row-major) that a binary mask covers, in [0, 1].
std::vector<float> patchCoverage(const cv::Mat& mask, int grid);
// Which object each patch of a grid x grid tiling shows: the index into scene.shapes of the
// shape covering the largest share of the patch, if that share is at least minShare (shapes
// never overlap); -1 for background.
std::vector<int> patchOwners(const Scene& scene, int grid, double minShare = 0.25);

}  // namespace llavolta::training::shapes
