// Shapes-VQA rendering: the geometry shared with the generator and the OpenCV drawing.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "engine/errors.h"
#include "training/shapes_detail.h"
#include "training/shapes_vqa.h"

namespace llavolta::training {
namespace shapes {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr int kShift = 4;  // sub-pixel bits for OpenCV's anti-aliased drawing
constexpr double kSub = 1 << kShift;

cv::Point subPixel(const cv::Point2d& p) {
  return {static_cast<int>(std::lround(p.x * kSub)), static_cast<int>(std::lround(p.y * kSub))};
}

cv::Scalar bgr(const std::array<uint8_t, 3>& rgb) { return cv::Scalar(rgb[2], rgb[1], rgb[0]); }

// Rec. 601 luma; picks black or white text for legibility.
double luma(const std::array<uint8_t, 3>& rgb) { return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]; }
}  // namespace

// Every kind is scaled so that shapes of one scale r cover about the same area (~2.4 r^2, a
// circle of radius 0.875 r): "bigger" then means the same to the generator and to the eye.
std::vector<cv::Point2d> outline(ShapeKind kind, double cx, double cy, double r) {
  std::vector<cv::Point2d> p;
  switch (kind) {
    case ShapeKind::Circle:
      break;
    case ShapeKind::Square: {
      const double h = 0.775 * r;
      p = {{cx - h, cy - h}, {cx + h, cy - h}, {cx + h, cy + h}, {cx - h, cy + h}};
      break;
    }
    case ShapeKind::Diamond: {
      const double a = 1.2 * r, w = 0.96 * r;  // taller than wide: never mistaken for a tilted square
      p = {{cx, cy - a}, {cx + w, cy}, {cx, cy + a}, {cx - w, cy}};
      break;
    }
    case ShapeKind::Triangle: {  // equilateral, pointing up, centroid at (cx, cy)
      const double a = 1.3 * r;
      p = {{cx, cy - a}, {cx + a * 0.8660254037844386, cy + 0.5 * a}, {cx - a * 0.8660254037844386, cy + 0.5 * a}};
      break;
    }
    case ShapeKind::Star:
      for (int i = 0; i < 10; ++i) {
        const double a = -kPi / 2 + i * kPi / 5;
        const double rr = (i % 2 == 0) ? 1.25 * r : 0.625 * r;
        p.emplace_back(cx + rr * std::cos(a), cy + rr * std::sin(a));
      }
      break;
    case ShapeKind::Cross: {
      const double a = 1.06 * r, w = 0.34 * r;
      p = {{cx - w, cy - a}, {cx + w, cy - a}, {cx + w, cy - w}, {cx + a, cy - w}, {cx + a, cy + w}, {cx + w, cy + w},
           {cx + w, cy + a}, {cx - w, cy + a}, {cx - w, cy + w}, {cx - a, cy + w}, {cx - a, cy - w}, {cx - w, cy - w}};
      break;
    }
  }
  return p;
}

double circleRadius(double r) { return 0.875 * r; }

Box shapeBox(ShapeKind kind, double cx, double cy, double r) {
  const double cr = circleRadius(r);
  double x0 = cx - cr, x1 = cx + cr, y0 = cy - cr, y1 = cy + cr;
  if (kind != ShapeKind::Circle) {
    const auto pts = outline(kind, cx, cy, r);
    x0 = y0 = 1e9;
    x1 = y1 = -1e9;
    for (const auto& q : pts) {
      x0 = std::min(x0, q.x), x1 = std::max(x1, q.x);
      y0 = std::min(y0, q.y), y1 = std::max(y1, q.y);
    }
  }
  // Anti-aliasing touches the pixel around the edge.
  const int bx0 = static_cast<int>(std::floor(x0)) - 1, by0 = static_cast<int>(std::floor(y0)) - 1;
  const int bx1 = static_cast<int>(std::ceil(x1)) + 1, by1 = static_cast<int>(std::ceil(y1)) + 1;
  return {bx0, by0, bx1 - bx0, by1 - by0};
}

TextStyle textStyle(int imageSize) {
  TextStyle style;
  const double glyph = std::max(8.0, 0.036 * imageSize);
  const int thickness = glyph >= 20 ? 2 : 1;
  int baseline = 0;
  const double unit = cv::getTextSize("0", style.font, 1.0, thickness, &baseline).height;
  style.scale = glyph / unit;
  style.thickness = thickness;
  return style;
}

cv::Size textSize(const std::string& text, const TextStyle& style) {
  int baseline = 0;
  return cv::getTextSize(text, style.font, style.scale, style.thickness, &baseline);
}

cv::Mat objectMask(const SceneShape& s, int imageSize) {
  cv::Mat m = cv::Mat::zeros(imageSize, imageSize, CV_8U);
  if (s.kind == ShapeKind::Circle) {
    cv::circle(m, cv::Point(static_cast<int>(std::lround(s.cx)), static_cast<int>(std::lround(s.cy))),
               static_cast<int>(std::lround(circleRadius(s.radius))), cv::Scalar(255), cv::FILLED);
  } else {
    std::vector<cv::Point> pts;
    for (const auto& p : outline(s.kind, s.cx, s.cy, s.radius))
      pts.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    cv::fillPoly(m, std::vector<std::vector<cv::Point>>{pts}, cv::Scalar(255));
  }
  return m;
}

std::vector<float> patchCoverage(const cv::Mat& mask, int grid) {
  cv::Mat small;
  cv::resize(mask, small, cv::Size(grid, grid), 0, 0, cv::INTER_AREA);
  cv::Mat f;
  small.convertTo(f, CV_32F, 1.0 / 255.0);
  return std::vector<float>(f.ptr<float>(0), f.ptr<float>(0) + static_cast<size_t>(grid) * grid);
}

std::vector<int> patchOwners(const Scene& scene, int grid, double minShare) {
  const size_t P = static_cast<size_t>(grid) * grid;
  std::vector<int> owner(P, -1);
  std::vector<float> best(P, 0.0f);
  for (size_t o = 0; o < scene.shapes.size(); ++o) {
    const auto cov = patchCoverage(objectMask(scene.shapes[o], scene.imageSize), grid);
    for (size_t p = 0; p < P; ++p)
      if (cov[p] >= minShare && cov[p] > best[p]) owner[p] = static_cast<int>(o), best[p] = cov[p];
  }
  return owner;
}

}  // namespace shapes

engine::RgbImage renderScene(const Scene& scene) {
  const int n = scene.imageSize;
  if (n <= 0) throw engine::EngineError("renderScene: image size must be positive, got " + std::to_string(n));
  cv::Mat img(n, n, CV_8UC3);

  // Background: a linear blend along the scene's direction (solid when from == to).
  const auto& bg = scene.background;
  const double dx = std::cos(bg.angle), dy = std::sin(bg.angle);
  const double half = (n - 1) / 2.0, span = n * 0.7071067811865476;
  for (int y = 0; y < n; ++y) {
    auto* row = img.ptr<uint8_t>(y);
    for (int x = 0; x < n; ++x) {
      const double t = std::clamp(0.5 + ((x - half) * dx + (y - half) * dy) / (2 * span), 0.0, 1.0);
      for (int c = 0; c < 3; ++c) {
        const double v = bg.from[2 - c] + t * (bg.to[2 - c] - bg.from[2 - c]);
        row[3 * x + c] = static_cast<uint8_t>(std::lround(v));
      }
    }
  }

  const auto style = shapes::textStyle(n);
  const std::array<uint8_t, 3> ink{20, 20, 20}, paper{245, 245, 245};
  for (const auto& s : scene.shapes) {
    const auto colour = shapes::bgr(colourRgb(s.colour));
    if (s.kind == ShapeKind::Circle) {
      cv::circle(img, shapes::subPixel({s.cx, s.cy}), static_cast<int>(std::lround(shapes::circleRadius(s.radius) * shapes::kSub)), colour,
                 cv::FILLED, cv::LINE_AA, shapes::kShift);
    } else {
      std::vector<cv::Point> pts;
      for (const auto& p : shapes::outline(s.kind, s.cx, s.cy, s.radius)) pts.push_back(shapes::subPixel(p));
      const cv::Point* data = pts.data();
      const int count = static_cast<int>(pts.size());
      cv::fillPoly(img, &data, &count, 1, colour, cv::LINE_AA, shapes::kShift);
    }
  }
  // Text last, so a neighbour never covers a label.
  for (const auto& s : scene.shapes) {
    if (s.placement == LabelPlacement::None) continue;
    const bool onShape = s.placement == LabelPlacement::Inside;
    const double under = onShape ? shapes::luma(colourRgb(s.colour)) : (bg.dark ? 0.0 : 255.0);
    const auto& colour = under > 140 ? ink : paper;
    cv::putText(img, s.text, {s.textBox.x, s.textBox.y + s.textBox.height}, style.font, style.scale,
                shapes::bgr(colour), style.thickness, cv::LINE_AA);
  }

  // Mild triangular noise in [-7, 7] per channel.
  shapes::Rng rng(scene.noiseSeed);
  uint64_t bits = 0;
  int left = 0;
  for (int y = 0; y < n; ++y) {
    auto* row = img.ptr<uint8_t>(y);
    for (int i = 0; i < 3 * n; ++i) {
      if (left == 0) bits = rng.next(), left = 8;
      const int b = static_cast<int>(bits & 0xFF);
      bits >>= 8, --left;
      const int noise = (b & 7) + (b >> 5) - 7;
      row[i] = static_cast<uint8_t>(std::clamp(row[i] + noise, 0, 255));
    }
  }

  engine::RgbImage out;
  out.width = out.height = n;
  out.pixels.resize(static_cast<size_t>(n) * n * 3);
  for (int y = 0; y < n; ++y) {
    const auto* row = img.ptr<uint8_t>(y);
    auto* dst = out.pixels.data() + static_cast<size_t>(y) * n * 3;
    for (int x = 0; x < n; ++x) {
      dst[3 * x] = row[3 * x + 2], dst[3 * x + 1] = row[3 * x + 1], dst[3 * x + 2] = row[3 * x];
    }
  }
  return out;
}

}  // namespace llavolta::training
