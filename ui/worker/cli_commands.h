#pragma once
// Argument lists of the `llavolta` commands the studio runs as child processes, built in one
// place so the Training and Benchmarks workspaces spell them the same way.
#include <QString>
#include <QStringList>

namespace llavolta::ui {

struct ShapesDataRequest {
  QString outDir;
  int count = 0;
  int seed = 0;
  bool testSplit = false;  // --split test (questions.jsonl + answers.jsonl) instead of train
  int imageSize = 336;
  bool hint = false;       // LLaVA's short-answer hint on the questions
  int threads = 0;         // 0 = leave to the generator
};

// `data shapes --out DIR --count N --seed S --split train|test --image-size PX [--no-hint] [--threads T]`
QStringList shapesDataArgs(const ShapesDataRequest& request);

}  // namespace llavolta::ui
