#include "training/shapes_vqa.h"

#include "ui/shell/sample_scene.h"

namespace llavolta::ui {

SampleScene renderSampleScene(int imageSize, quint64 seed) {
  training::ShapesOptions options;
  options.count = 1;
  options.seed = seed;
  options.split = training::ShapesOptions::Test;
  options.imageSize = imageSize > 0 ? imageSize : 336;
  options.shortAnswerHint = false;
  SampleScene out;
  try {
    const training::ShapesGenerator generator(options);
    const training::ShapesSample sample = generator.sample(0);
    const engine::RgbImage rgb = training::renderScene(sample.scene);
    QImage image(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888);
    out.image = image.copy();  // detach from the vector
    if (!sample.qa.empty()) {
      out.question = QString::fromStdString(sample.qa.front().question);
      out.answer = QString::fromStdString(sample.qa.front().answer);
    }
  } catch (const std::exception&) {
    // An odd image size the generator refuses: the chat just starts without a picture.
  }
  return out;
}

}  // namespace llavolta::ui
