#pragma once
// The picture the chat opens with: one Shapes-VQA test scene (fixed seed) rendered at the
// model's image size, with one of its questions, so a first question is one click away.
#include <QImage>
#include <QString>

namespace llavolta::ui {

struct SampleScene {
  QImage image;
  QString question;
  QString answer;  // what the generator says the answer is
};

SampleScene renderSampleScene(int imageSize, quint64 seed = 4242);

}  // namespace llavolta::ui
