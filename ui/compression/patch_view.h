#pragma once
// The image as the vision tower sees it, cut into its patch grid, with what compression did
// at one layer painted over it: each surviving token's patches in that token's colour
// (arbitrary group shapes, outlined), dropped patches dimmed; or the last prompt token's
// attention mapped back from the surviving tokens onto their patches as a heat map.
#include <cstdint>
#include <vector>

#include <QImage>
#include <QWidget>

namespace llavolta::ui {

class PatchView : public QWidget {
  Q_OBJECT
 public:
  enum class Mode { Groups, Attention };
  explicit PatchView(QWidget* parent = nullptr);

  void setImage(const QImage& image);
  void setGridSide(int side);
  void setMode(Mode mode);
  // Surviving token -> patch indices, and (optionally) attention per surviving token.
  void setOverlay(const std::vector<std::vector<int64_t>>& groups, const std::vector<float>& attention);
  void setCaption(const QString& caption);
  void clearOverlay();

  int distinctGroupCount() const { return static_cast<int>(groups_.size()); }
  int droppedPatchCount() const;
  // Per patch: the index of the group that holds it, -1 when dropped.
  const std::vector<int>& owners() const { return owners_; }
  // What is painted, at the given side length (for export and tests).
  QImage render(int side) const;

  QSize sizeHint() const override { return {360, 380}; }
  bool hasHeightForWidth() const override { return false; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void paintAt(QPainter& painter, const QRect& square) const;

  QImage image_;
  int side_ = 0;
  Mode mode_ = Mode::Groups;
  std::vector<std::vector<int64_t>> groups_;
  std::vector<float> attention_;
  std::vector<int> owners_;
  QString caption_;
};

// A square, letterboxed copy of `image` (the "pad" the tower's preprocessing does).
QImage squareView(const QImage& image, int side);

}  // namespace llavolta::ui
