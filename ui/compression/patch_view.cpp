#include "ui/compression/patch_view.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

namespace llavolta::ui {

namespace {

// Well-separated hues (golden-ratio steps) so neighbouring groups differ.
QColor groupColour(int index) {
  const double hue = std::fmod(0.13 + index * 0.618033988749895, 1.0);
  const int saturation = 170 + (index % 3) * 35;
  const int value = 230 - (index % 2) * 40;
  return QColor::fromHsvF(hue, saturation / 255.0, value / 255.0);
}

// Transparent -> red -> yellow -> white: readable over both light and dark pictures.
QColor heatColour(double t) {
  t = std::clamp(t, 0.0, 1.0);
  const int alpha = static_cast<int>(40 + 180 * t);
  if (t < 0.5) return QColor(static_cast<int>(120 + 270 * t), 0, 0, alpha);
  if (t < 0.85) return QColor(255, static_cast<int>((t - 0.5) / 0.35 * 220), 0, alpha);
  return QColor(255, 230, static_cast<int>((t - 0.85) / 0.15 * 200), alpha);
}

}  // namespace

QImage squareView(const QImage& image, int side) {
  QImage out(side, side, QImage::Format_RGB32);
  // LLaVA pads with the CLIP mean colour.
  out.fill(QColor(122, 116, 104));
  if (image.isNull()) return out;
  const QImage scaled = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  QPainter p(&out);
  p.drawImage((side - scaled.width()) / 2, (side - scaled.height()) / 2, scaled);
  return out;
}

PatchView::PatchView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 220);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PatchView::setImage(const QImage& image) {
  image_ = image;
  update();
}

void PatchView::setGridSide(int side) {
  side_ = side;
  update();
}

void PatchView::setMode(Mode mode) {
  mode_ = mode;
  update();
}

void PatchView::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

void PatchView::clearOverlay() {
  groups_.clear();
  attention_.clear();
  owners_.clear();
  update();
}

void PatchView::setOverlay(const std::vector<std::vector<int64_t>>& groups, const std::vector<float>& attention) {
  groups_ = groups;
  attention_ = attention.size() == groups.size() ? attention : std::vector<float>{};
  const int patches = side_ * side_;
  owners_.assign(static_cast<size_t>(std::max(patches, 0)), -1);
  for (size_t g = 0; g < groups_.size(); ++g)
    for (int64_t p : groups_[g])
      if (p >= 0 && p < patches) owners_[static_cast<size_t>(p)] = static_cast<int>(g);
  update();
}

int PatchView::droppedPatchCount() const {
  if (groups_.empty()) return 0;
  return static_cast<int>(std::count(owners_.begin(), owners_.end(), -1));
}

QImage PatchView::render(int side) const {
  QImage out(side, side, QImage::Format_ARGB32_Premultiplied);
  out.fill(Qt::transparent);
  QPainter painter(&out);
  paintAt(painter, QRect(0, 0, side, side));
  return out;
}

void PatchView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const int captionHeight = caption_.isEmpty() ? 0 : fontMetrics().height() + 6;
  const int side = std::max(10, std::min(width(), height() - captionHeight));
  const QRect square((width() - side) / 2, 0, side, side);
  paintAt(painter, square);
  if (!caption_.isEmpty()) {
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, side + 3, width(), captionHeight), Qt::AlignHCenter | Qt::AlignTop, caption_);
  }
}

void PatchView::paintAt(QPainter& painter, const QRect& square) const {
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.drawImage(square, squareView(image_, square.width()));
  if (side_ <= 0) return;
  const double cell = static_cast<double>(square.width()) / side_;
  auto cellRect = [&](int p) {
    const int r = p / side_, c = p % side_;
    return QRectF(square.x() + c * cell, square.y() + r * cell, cell, cell);
  };
  const bool haveGroups = !groups_.empty() && static_cast<int>(owners_.size()) == side_ * side_;
  if (haveGroups) {
    // Min-max scaling: what matters is where attention goes relative to the other tokens.
    float maxAttention = 0, minAttention = 0;
    if (!attention_.empty()) {
      maxAttention = *std::max_element(attention_.begin(), attention_.end());
      minAttention = *std::min_element(attention_.begin(), attention_.end());
    }
    const float span = maxAttention - minAttention;
    for (int p = 0; p < side_ * side_; ++p) {
      const int owner = owners_[static_cast<size_t>(p)];
      if (owner < 0) {
        painter.fillRect(cellRect(p), QColor(20, 20, 20, 190));  // dropped: dimmed
        continue;
      }
      if (mode_ == Mode::Groups) {
        QColor c = groupColour(owner);
        // A token that still stands for one patch keeps the picture clear; merged ones are tinted.
        if (groups_[static_cast<size_t>(owner)].size() > 1) {
          c.setAlpha(105);
          painter.fillRect(cellRect(p), c);
        }
      } else if (!attention_.empty()) {
        const float a = attention_[static_cast<size_t>(owner)];
        painter.fillRect(cellRect(p), QColor(0, 0, 0, 110));
        painter.fillRect(cellRect(p), heatColour(span > 0 ? (a - minAttention) / span : 1.0));
      }
    }
  }
  // Thin patch grid, then group outlines wherever neighbours belong to different tokens.
  painter.setPen(QPen(QColor(255, 255, 255, 45), 1));
  for (int i = 1; i < side_; ++i) {
    const double o = i * cell;
    painter.drawLine(QPointF(square.x() + o, square.y()), QPointF(square.x() + o, square.bottom()));
    painter.drawLine(QPointF(square.x(), square.y() + o), QPointF(square.right(), square.y() + o));
  }
  auto groupSize = [this](int owner) { return owner < 0 ? size_t{0} : groups_[static_cast<size_t>(owner)].size(); };
  if (haveGroups && mode_ == Mode::Groups) {
    painter.setPen(QPen(QColor(255, 255, 255, 200), std::max(1.0, cell / 10)));
    for (int p = 0; p < side_ * side_; ++p) {
      const QRectF r = cellRect(p);
      const int owner = owners_[static_cast<size_t>(p)];
      // Outline merged tokens only; between two single-patch tokens the thin grid says enough.
      auto border = [&](int q) {
        const int other = owners_[static_cast<size_t>(q)];
        return other != owner && (groupSize(owner) > 1 || groupSize(other) > 1);
      };
      if (p % side_ + 1 < side_ && border(p + 1)) painter.drawLine(r.topRight(), r.bottomRight());
      if (p + side_ < side_ * side_ && border(p + side_)) painter.drawLine(r.bottomLeft(), r.bottomRight());
    }
  }
}

}  // namespace llavolta::ui
