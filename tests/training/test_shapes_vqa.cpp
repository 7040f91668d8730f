// ctest-labels: unit cli
// Shapes-VQA: deterministic per seed (JSON bytes and pixels), every category present, answers
// that agree with the pixels and the scene (questions are parsed back here independently of the
// generator, so a wrong template or an ambiguous reference fails), the LLaVA file formats, and
// `llavolta data shapes` from the command line.
// Torch (through the engine and training headers) before Qt: Qt's `slots` macro breaks them.
#include "engine/errors.h"
#include "engine/image.h"
#include "training/shapes_vqa.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <cmath>
#include <sstream>
#include <string>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include "support/cli_runner.h"
#include <QtTest>

namespace fs = std::filesystem;
namespace engine = llavolta::engine;
namespace training = llavolta::training;
using training::LabelPlacement;
using training::QuestionCategory;
using training::Scene;
using training::SceneShape;
using training::ShapeColour;
using training::ShapeKind;
using training::ShapesOptions;
using training::ShapesQa;
using training::ShapeSize;

namespace {

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

QJsonDocument parse(const std::string& text, const char* what) {
  QJsonParseError error{};
  auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
  if (error.error != QJsonParseError::NoError)
    QTest::qFail(qPrintable(QString(what) + " is not JSON: " + error.errorString()), __FILE__, __LINE__);
  return doc;
}

std::optional<ShapeKind> kindFromWord(const std::string& w) {
  for (int k = 0; k < training::kShapeKindCount; ++k) {
    auto kind = static_cast<ShapeKind>(k);
    if (w == training::kindName(kind) || w == training::kindPlural(kind)) return kind;
  }
  return std::nullopt;
}
std::optional<ShapeColour> colourFromWord(const std::string& w) {
  for (int c = 0; c < training::kShapeColourCount; ++c)
    if (w == training::colourName(static_cast<ShapeColour>(c))) return static_cast<ShapeColour>(c);
  return std::nullopt;
}

// "the [small|large] [colour] (kind|object)" -> the scene shapes it can mean.
std::vector<int> resolve(const Scene& scene, const std::string& phrase) {
  std::stringstream ss(phrase);
  std::vector<std::string> words;
  for (std::string w; ss >> w;) words.push_back(w);
  std::vector<int> out;
  if (words.size() < 2 || words[0] != "the") return {-1};
  std::optional<ShapeSize> size;
  std::optional<ShapeColour> colour;
  std::optional<ShapeKind> kind;
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "small") size = ShapeSize::Small;
    else if (words[i] == "large") size = ShapeSize::Large;
    else if (auto c = colourFromWord(words[i])) colour = c;
    else if (auto k = kindFromWord(words[i])) kind = k;
    else if (words[i] != "object") return {-1};
  }
  for (int i = 0; i < static_cast<int>(scene.shapes.size()); ++i) {
    const auto& s = scene.shapes[i];
    if ((!size || s.size == *size) && (!colour || s.colour == *colour) && (!kind || s.kind == *kind)) out.push_back(i);
  }
  return out;
}

// The one shape a phrase names; fails the test when it names none or several.
int unique(const Scene& scene, const std::string& phrase, const std::string& question) {
  auto hits = resolve(scene, phrase);
  if (hits.size() != 1 || hits[0] < 0) {
    QTest::qFail(qPrintable(QString::fromStdString("\"" + phrase + "\" is ambiguous or unknown in: " + question)),
                 __FILE__, __LINE__);
    return -1;
  }
  return hits[0];
}

std::array<int, 3> medianAt(const engine::RgbImage& img, int cx, int cy) {
  std::array<int, 3> out{};
  for (int c = 0; c < 3; ++c) {
    std::vector<int> v;
    for (int y = cy - 2; y <= cy + 2; ++y)
      for (int x = cx - 2; x <= cx + 2; ++x) v.push_back(img.pixels[(static_cast<size_t>(y) * img.width + x) * 3 + c]);
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    out[c] = v[v.size() / 2];
  }
  return out;
}

double distance(const std::array<int, 3>& a, const std::array<uint8_t, 3>& b) {
  double d = 0;
  for (int c = 0; c < 3; ++c) d += (a[c] - b[c]) * (a[c] - b[c]);
  return std::sqrt(d);
}

ShapeColour nearestColour(const std::array<int, 3>& rgb) {
  ShapeColour best = ShapeColour::Red;
  for (int c = 0; c < training::kShapeColourCount; ++c)
    if (distance(rgb, training::colourRgb(static_cast<ShapeColour>(c))) < distance(rgb, training::colourRgb(best)))
      best = static_cast<ShapeColour>(c);
  return best;
}

std::string stripHint(const std::string& q) {
  const auto& hint = training::shortAnswerHint();
  if (q.size() >= hint.size() && q.compare(q.size() - hint.size(), hint.size(), hint) == 0)
    return q.substr(0, q.size() - hint.size());
  return q;
}

// Recomputes the answer to a question from the scene alone, parsing the question text.
// Returns "" and fails the test when the question is not understood.
std::string recompute(const Scene& scene, const ShapesQa& qa) {
  const std::string& q = qa.question;
  const int n = static_cast<int>(scene.shapes.size());
  const double mid = scene.imageSize / 2.0;
  std::smatch m;
  auto fail = [&](const char* why) {
    QTest::qFail(qPrintable(QString::fromStdString(std::string(why) + ": " + q)), __FILE__, __LINE__);
    return std::string();
  };
  const std::string ref = "(the(?: [a-z]+)+?)";
  if (std::regex_match(q, m, std::regex("What colour is " + ref + "\\?"))) {
    const int i = unique(scene, m[1], q);
    return i < 0 ? "" : training::colourName(scene.shapes[i].colour);
  }
  if (std::regex_match(q, m, std::regex("What shape is " + ref + "\\?"))) {
    const int i = unique(scene, m[1], q);
    return i < 0 ? "" : training::kindName(scene.shapes[i].kind);
  }
  if (std::regex_match(q, m, std::regex("How many (?:([a-z]+) )?([a-z]+) are there\\?"))) {
    int count = 0;
    for (const auto& s : scene.shapes) {
      if (m[2] == "objects") count += !m[1].matched || s.colour == colourFromWord(m[1]) ? 1 : 0;
      else count += s.kind == kindFromWord(m[2]) ? 1 : 0;
    }
    return std::to_string(count);
  }
  if (std::regex_match(q, m, std::regex("Is " + ref + " (on the|at the) ([a-z]+) or ([a-z]+)\\?"))) {
    const int i = unique(scene, m[1], q);
    if (i < 0) return "";
    const auto& s = scene.shapes[i];
    const bool horizontal = m[2] == "on the";
    // Most of the shape is on the answered side.
    const double d = horizontal ? s.cx - mid : s.cy - mid;
    if (std::abs(d) < 0.5 * s.radius) return fail("position too close to the middle");
    return horizontal ? (d < 0 ? "left" : "right") : (d < 0 ? "top" : "bottom");
  }
  if (std::regex_match(q, m, std::regex("Is there an? (?:([a-z]+) )?([a-z]+)\\?"))) {
    std::optional<ShapeColour> colour;
    std::optional<ShapeKind> kind;
    if (m[1].matched) colour = colourFromWord(m[1]);
    if (m[2] != "object") kind = kindFromWord(m[2]);
    if ((m[1].matched && !colour) || (m[2] != "object" && !kind)) return fail("unknown words");
    for (const auto& s : scene.shapes)
      if ((!colour || s.colour == *colour) && (!kind || s.kind == *kind)) return "yes";
    return "no";
  }
  const std::string rel = "(to the left of|to the right of|above|below)";
  auto holds = [&](int a, int b, const std::string& r) {
    const auto &sa = scene.shapes[a], &sb = scene.shapes[b];
    if (r == "to the left of") return sa.cx < sb.cx;
    if (r == "to the right of") return sa.cx > sb.cx;
    if (r == "above") return sa.cy < sb.cy;
    return sa.cy > sb.cy;
  };
  if (std::regex_match(q, m, std::regex("Is " + ref + " " + rel + " " + ref + "\\?"))) {
    const int a = unique(scene, m[1], q), b = unique(scene, m[3], q);
    if (a < 0 || b < 0) return "";
    const auto &sa = scene.shapes[a], &sb = scene.shapes[b];
    const bool horizontal = m[2].str().find("of") != std::string::npos;
    if (std::abs(horizontal ? sa.cx - sb.cx : sa.cy - sb.cy) < 0.05 * scene.imageSize)
      return fail("relation too close to call");
    return holds(a, b, m[2]) ? "yes" : "no";
  }
  if (std::regex_match(q, m, std::regex("What shape is " + rel + " " + ref + "\\?"))) {
    const int b = unique(scene, m[2], q);
    if (b < 0) return "";
    std::vector<int> hits;
    for (int i = 0; i < n; ++i)
      if (i != b && holds(i, b, m[1])) hits.push_back(i);
    if (hits.size() != 1) return fail("not exactly one shape on that side");
    return training::kindName(scene.shapes[hits[0]].kind);
  }
  if (std::regex_match(q, m, std::regex("Which is (bigger|smaller), " + ref + " or " + ref + "\\?"))) {
    const int a = unique(scene, m[2], q), b = unique(scene, m[3], q);
    if (a < 0 || b < 0) return "";
    const auto &sa = scene.shapes[a], &sb = scene.shapes[b];
    if (sa.radius < 1.5 * sb.radius && sb.radius < 1.5 * sa.radius) return fail("sizes too close");
    const auto& winner = (sa.radius > sb.radius) == (m[1] == "bigger") ? sa : sb;
    return sa.kind != sb.kind ? training::kindName(winner.kind) : training::colourName(winner.colour);
  }
  if (std::regex_match(q, m, std::regex("Is " + ref + " (small or large|large or small)\\?"))) {
    const int i = unique(scene, m[1], q);
    if (i < 0) return "";
    const double r = scene.shapes[i].radius / scene.imageSize;
    if (r > 0.07 && r < 0.105) return fail("size between the classes");
    return r < 0.09 ? "small" : "large";
  }
  if (std::regex_match(q, m, std::regex("What (number|letter) is (written on|next to) " + ref + "\\?")) ||
      std::regex_match(q, m, std::regex("What (number|letter) is (written in) (the image)\\?"))) {
    std::vector<int> labelled;
    for (int i = 0; i < n; ++i)
      if (scene.shapes[i].placement != LabelPlacement::None) labelled.push_back(i);
    if (labelled.size() != 1) return fail("expected one label");
    const auto& s = scene.shapes[labelled[0]];
    if (m[2] != "written in") {
      if (unique(scene, m[3], q) != labelled[0]) return fail("the label is on another shape");
      if ((m[2] == "written on") != (s.placement == LabelPlacement::Inside)) return fail("label placement");
    }
    if ((m[1] == "number") != (std::isdigit(static_cast<unsigned char>(s.text[0])) != 0)) return fail("label type");
    return s.text;
  }
  return fail("question not understood");
}

// The label is visibly drawn: strong contrast inside its box.
int contrastIn(const engine::RgbImage& img, const training::Box& b) {
  int lo = 255, hi = 0;
  for (int y = std::max(0, b.y); y < std::min(img.height, b.y + b.height); ++y)
    for (int x = std::max(0, b.x); x < std::min(img.width, b.x + b.width); ++x) {
      const uint8_t* p = &img.pixels[(static_cast<size_t>(y) * img.width + x) * 3];
      const int luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
      lo = std::min(lo, luma), hi = std::max(hi, luma);
    }
  return hi - lo;
}

using Result = llavolta::testing::CliResult;

Result runCli(const QStringList& args) { return llavolta::testing::runLlavolta(args); }

bool rejects(const ShapesOptions& o) {
  try {
    training::ShapesGenerator gen(o);
  } catch (const engine::EngineError&) {
    return true;
  }
  return false;
}

using llavolta::testing::describe;

}  // namespace

class TestShapesVqa : public QObject {
  Q_OBJECT

 private slots:
  void sameSeedSameBytes() {
    QTemporaryDir a, b;
    ShapesOptions o;
    o.count = 12;
    o.seed = 7;
    training::writeShapesDataset(o, a.path().toStdString());
    o.threads = 2;  // the thread count must not matter
    training::writeShapesDataset(o, b.path().toStdString());
    const fs::path pa = a.path().toStdString(), pb = b.path().toStdString();
    for (const char* f : {"train.json", "captions.json", "meta.json"}) {
      QVERIFY2(fs::exists(pa / f), f);
      QVERIFY2(readFile(pa / f) == readFile(pb / f), f);
    }
    for (int i = 0; i < o.count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "images/%06d.png", i);
      const auto ia = engine::readImage((pa / name).string()), ib = engine::readImage((pb / name).string());
      QCOMPARE(ia.width, 336);
      QCOMPARE(ia.height, 336);
      QVERIFY2(ia.pixels == ib.pixels, name);
      QVERIFY2(readFile(pa / name) == readFile(pb / name), name);
    }
    // In-memory generation agrees with the files.
    training::ShapesGenerator gen(o);
    const auto s3 = gen.sample(3);
    QVERIFY(training::renderScene(s3.scene).pixels == engine::readImage((pa / s3.image).string()).pixels);
    // A sample does not depend on how many are generated.
    o.count = 4;
    QCOMPARE(training::ShapesGenerator(o).sample(3).caption, s3.caption);
  }

  void differentSeedsDiffer() {
    QTemporaryDir a, b;
    ShapesOptions o;
    o.count = 4;
    o.imageSize = 128;
    o.seed = 1;
    training::writeShapesDataset(o, a.path().toStdString());
    o.seed = 2;
    training::writeShapesDataset(o, b.path().toStdString());
    const fs::path pa = a.path().toStdString(), pb = b.path().toStdString();
    QVERIFY(readFile(pa / "train.json") != readFile(pb / "train.json"));
    for (int i = 0; i < o.count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "images/%06d.png", i);
      QVERIFY2(engine::readImage((pa / name).string()).pixels != engine::readImage((pb / name).string()).pixels, name);
    }
    // Train and test of one seed are different data too.
    auto test = o;
    test.split = ShapesOptions::Test;
    QVERIFY(training::ShapesGenerator(o).sample(0).scene.shapes[0].cx !=
            training::ShapesGenerator(test).sample(0).scene.shapes[0].cx);
  }

  void testSplitFiles() {
    QTemporaryDir dir;
    ShapesOptions o;
    o.count = 200;
    o.seed = 11;
    o.split = ShapesOptions::Test;
    o.imageSize = 224;
    o.threads = 2;
    const auto summary = training::writeShapesDataset(o, dir.path().toStdString());
    QCOMPARE(summary.images, 200);
    QCOMPARE(summary.questions, 200);
    const fs::path root = dir.path().toStdString();
    QVERIFY(!fs::exists(root / "train.json"));
    const auto qs = lines(readFile(root / "questions.jsonl")), as = lines(readFile(root / "answers.jsonl"));
    QCOMPARE(qs.size(), size_t(200));
    QCOMPARE(as.size(), size_t(200));
    std::map<QString, int> perCategory;
    std::set<int> ids;
    for (size_t i = 0; i < qs.size(); ++i) {
      const auto q = parse(qs[i], "a questions.jsonl line").object(), a = parse(as[i], "an answers.jsonl line").object();
      QVERIFY(q.contains("question_id") && q["question_id"].isDouble());
      QCOMPARE(q["question_id"].toInt(), a["question_id"].toInt());
      QVERIFY(ids.insert(q["question_id"].toInt()).second);
      QCOMPARE(q["category"].toString(), a["category"].toString());
      QVERIFY(!q["text"].toString().contains("<image>"));
      QVERIFY(q["text"].toString().endsWith(QString::fromStdString(training::shortAnswerHint())));
      QVERIFY(!a["answer"].toString().isEmpty() && !a["answer"].toString().contains(' '));
      QVERIFY2(fs::exists(root / q["image"].toString().toStdString()), qPrintable(q["image"].toString()));
      ++perCategory[q["category"].toString()];
    }
    for (int c = 0; c < training::kQuestionCategoryCount; ++c) {
      const QString name = training::categoryName(static_cast<QuestionCategory>(c));
      QVERIFY2(perCategory[name] >= 20, qPrintable(name));
      QCOMPARE(summary.perCategory[c], perCategory[name]);
    }
    const auto meta = parse(readFile(root / "meta.json"), "meta.json").object();
    QCOMPARE(meta["seed"].toInt(), 11);
    QCOMPARE(meta["split"].toString(), QString("test"));
    QCOMPARE(meta["count"].toInt(), 200);
    QCOMPARE(meta["image_size"].toInt(), 224);
    QCOMPARE(meta["generator_version"].toInt(), training::kShapesGeneratorVersion);
    QCOMPARE(engine::readImage((root / "images/000199.png").string()).width, 224);
  }

  void trainSplitFiles() {
    QTemporaryDir dir;
    ShapesOptions o;
    o.count = 30;
    o.seed = 5;
    o.imageSize = 160;
    training::writeShapesDataset(o, dir.path().toStdString());
    const fs::path root = dir.path().toStdString();
    const auto train = parse(readFile(root / "train.json"), "train.json").array();
    const auto captions = parse(readFile(root / "captions.json"), "captions.json").array();
    QCOMPARE(train.size(), 30);
    QCOMPARE(captions.size(), 30);
    for (const auto& v : train) {
      const auto e = v.toObject();
      QVERIFY(!e["id"].toString().isEmpty());
      QVERIFY(fs::exists(root / e["image"].toString().toStdString()));
      const auto conv = e["conversations"].toArray();
      QVERIFY2(conv.size() >= 4 && conv.size() <= 8 && conv.size() % 2 == 0, qPrintable(e["id"].toString()));
      QCOMPARE(e["categories"].toArray().size(), conv.size() / 2);
      for (int t = 0; t < conv.size(); ++t) {
        const auto turn = conv[t].toObject();
        QCOMPARE(turn["from"].toString(), QString(t % 2 == 0 ? "human" : "gpt"));
        const QString value = turn["value"].toString();
        if (t == 0) QVERIFY2(value.startsWith("<image>\n"), qPrintable(value));
        else QVERIFY2(!value.contains("<image>"), qPrintable(value));
        if (t % 2 == 1) QVERIFY2(!value.isEmpty() && !value.contains(' '), qPrintable(value));
      }
    }
    for (const auto& v : captions) {
      const auto conv = v.toObject()["conversations"].toArray();
      QCOMPARE(conv.size(), 2);
      QVERIFY(conv[0].toObject()["value"].toString().startsWith("<image>\n"));
      QVERIFY(conv[1].toObject()["value"].toString().contains("background"));
    }
  }

  // Every answer recomputed from the question text and the scene; colours read back from pixels.
  void answersAgreeWithDrawing() {
    std::map<std::string, int> answers;
    int colourChecks = 0, labelChecks = 0;
    for (auto [split, size] : {std::pair{ShapesOptions::Test, 336}, {ShapesOptions::Train, 336}, {ShapesOptions::Train, 112}}) {
      ShapesOptions o;
      o.count = 160;
      o.seed = 23;
      o.split = split;
      o.imageSize = size;
      training::ShapesGenerator gen(o);
      for (int i = 0; i < o.count; ++i) {
        const auto sample = gen.sample(i);
        const auto& scene = sample.scene;
        const auto image = training::renderScene(scene);
        QVERIFY(!scene.shapes.empty() && scene.shapes.size() <= 5);
        for (const auto& qa : sample.qa) {
          const auto expected = recompute(scene, qa);
          QVERIFY2(qa.answer == expected,
                   qPrintable(QString::fromStdString(sample.id + ": " + qa.question + " -> " + qa.answer +
                                                     ", scene says " + expected)));
          ++answers[std::string(training::categoryName(qa.category)) + ":" + qa.answer];
          if (qa.category == QuestionCategory::Colour) {
            const auto& s = scene.shapes[qa.subjects.at(0)];
            if (s.placement == LabelPlacement::Inside) continue;
            const auto rgb = medianAt(image, static_cast<int>(s.cx), static_cast<int>(s.cy));
            QCOMPARE(QString(training::colourName(nearestColour(rgb))), QString::fromStdString(qa.answer));
          }
        }
        for (size_t k = 0; k < scene.shapes.size(); ++k) {
          const auto& s = scene.shapes[k];
          QVERIFY(s.bbox.x >= 0 && s.bbox.y >= 0 && s.bbox.x + s.bbox.width <= scene.imageSize &&
                  s.bbox.y + s.bbox.height <= scene.imageSize);
          for (size_t j = 0; j < k; ++j) {  // non-overlapping
            const auto& t = scene.shapes[j].bbox;
            QVERIFY(s.bbox.x >= t.x + t.width || t.x >= s.bbox.x + s.bbox.width || s.bbox.y >= t.y + t.height ||
                    t.y >= s.bbox.y + s.bbox.height);
          }
          if (s.placement != LabelPlacement::Inside) {
            const auto rgb = medianAt(image, static_cast<int>(s.cx), static_cast<int>(s.cy));
            QVERIFY2(distance(rgb, training::colourRgb(s.colour)) < 40,
                     qPrintable(QString::fromStdString(sample.id + " shape colour " + training::colourName(s.colour))));
            ++colourChecks;
          }
          if (s.placement != LabelPlacement::None) {
            QVERIFY2(contrastIn(image, s.textBox) > 100, qPrintable(QString::fromStdString(sample.id + " label")));
            ++labelChecks;
          }
          if (s.placement == LabelPlacement::Inside) {  // the text sits on the shape, not over its edge
            const auto& b = s.textBox;
            const int mx = b.x + b.width / 2, my = b.y + b.height / 2;
            for (auto [x, y] : {std::pair{mx, b.y - 3}, {mx, b.y + b.height + 3}, {b.x - 3, my}, {b.x + b.width + 3, my}}) {
              const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 3];
              QVERIFY2(distance({p[0], p[1], p[2]}, training::colourRgb(s.colour)) < 60,
                       qPrintable(QString::fromStdString(sample.id + " inside label overflows its shape")));
            }
          }
        }
      }
    }
    QVERIFY(colourChecks > 500);
    QVERIFY(labelChecks > 50);
    // Yes/no and two-way answers are not lopsided.
    for (const char* cat : {"existence", "spatial"}) {
      const int yes = answers[std::string(cat) + ":yes"], no = answers[std::string(cat) + ":no"];
      QVERIFY2(yes > 0.3 * (yes + no) && no > 0.3 * (yes + no), cat);
    }
    QVERIFY(answers["position:left"] > 0 && answers["position:right"] > 0 && answers["position:top"] > 0 &&
            answers["position:bottom"] > 0);
  }

  // --separate-questions: the same questions and answers, each its own one-turn conversation on
  // its image, so no answer is given away by an earlier turn.
  void separateQuestions() {
    QTemporaryDir joined, separate;
    ShapesOptions o;
    o.count = 12;
    o.seed = 21;
    o.imageSize = 64;
    o.minTurns = 4;
    o.maxTurns = 6;
    training::writeShapesDataset(o, joined.path().toStdString());
    o.separateQuestions = true;
    const auto summary = training::writeShapesDataset(o, separate.path().toStdString());
    const auto conv = parse(readFile(fs::path(joined.path().toStdString()) / "train.json"), "train.json").array();
    const auto single = parse(readFile(fs::path(separate.path().toStdString()) / "train.json"), "train.json").array();
    QCOMPARE(conv.size(), 12);
    QCOMPARE(single.size(), summary.questions);
    QVERIFY(single.size() >= 12 * 4);
    int k = 0;
    std::set<QString> ids;
    for (const auto& entryValue : conv) {
      const auto entry = entryValue.toObject();
      const auto turns = entry["conversations"].toArray();
      for (int t = 0; t < turns.size(); t += 2, ++k) {
        const auto one = single[k].toObject();
        QCOMPARE(one["image"].toString(), entry["image"].toString());
        QVERIFY(ids.insert(one["id"].toString()).second);
        const auto oneTurns = one["conversations"].toArray();
        QCOMPARE(oneTurns.size(), 2);
        QString question = turns[t].toObject()["value"].toString();
        if (!question.startsWith("<image>\n")) question = "<image>\n" + question;
        QCOMPARE(oneTurns[0].toObject()["value"].toString(), question);
        QCOMPARE(oneTurns[1].toObject()["value"].toString(), turns[t + 1].toObject()["value"].toString());
        QCOMPARE(one["categories"].toArray().size(), 1);
        QCOMPARE(one["categories"].toArray()[0].toString(), entry["categories"].toArray()[t / 2].toString());
      }
    }
    QCOMPARE(k, single.size());
    const auto meta = parse(readFile(fs::path(separate.path().toStdString()) / "meta.json"), "meta.json").object();
    QVERIFY(meta["separate_questions"].toBool());
  }

  // The single-object curriculum and longer conversations the demo recipe trains on.
  void curriculumAndTurns() {
    ShapesOptions o;
    o.count = 60;
    o.seed = 11;
    o.imageSize = 168;
    o.maxShapes = 1;
    o.minTurns = 6;
    o.maxTurns = 8;
    training::ShapesGenerator gen(o);
    size_t questions = 0;
    for (int i = 0; i < o.count; ++i) {
      const auto s = gen.sample(i);
      QCOMPARE(s.scene.shapes.size(), size_t(1));
      QVERIFY2(s.qa.size() >= 2 && s.qa.size() <= 8, qPrintable(QString::number(s.qa.size())));
      for (size_t a = 0; a < s.qa.size(); ++a)
        for (size_t b = a + 1; b < s.qa.size(); ++b) QVERIFY(s.qa[a].question != s.qa[b].question);
      questions += s.qa.size();
    }
    // A lone shape still has six or more distinct questions to ask in most scenes.
    QVERIFY2(questions >= size_t(o.count) * 5, qPrintable(QString::number(questions)));
    o.maxShapes = 5;
    o.minTurns = o.maxTurns = 3;
    training::ShapesGenerator three(o);
    int several = 0;
    for (int i = 0; i < o.count; ++i) {
      const auto s = three.sample(i);
      QVERIFY(s.qa.size() >= 2 && s.qa.size() <= 3);
      several += s.scene.shapes.size() > 1 ? 1 : 0;
    }
    QVERIFY(several > o.count / 2);

    // A single-object test split asks the six categories one shape allows, in turn.
    ShapesOptions t;
    t.count = 12;
    t.seed = 4;
    t.imageSize = 168;
    t.split = ShapesOptions::Test;
    t.maxShapes = 1;
    training::ShapesGenerator single(t);
    std::map<QuestionCategory, int> asked;
    for (int i = 0; i < t.count; ++i) {
      const auto s = single.sample(i);
      QCOMPARE(s.scene.shapes.size(), size_t(1));
      ++asked[s.qa.front().category];
    }
    QCOMPARE(asked.size(), size_t(6));
    QVERIFY(!asked.count(QuestionCategory::Spatial) && !asked.count(QuestionCategory::Size));
  }

  // A share of train questions carries LLaVA's short-answer hint and another share other
  // wordings; the scenes, questions and answers of the seed stay exactly those of the plain split.
  void hintAndParaphraseShares() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    ShapesOptions o;
    o.count = 200;
    o.seed = 21;
    o.imageSize = 64;
    o.shortAnswerHint = false;
    training::writeShapesDataset(o, (root / "plain").string());
    o.shortAnswerHint = true;
    o.hintShare = 0.5;
    o.paraphraseShare = 0.3;
    training::writeShapesDataset(o, (root / "mixed").string());
    const auto plain = parse(readFile(root / "plain" / "train.json"), "plain").array();
    const auto mixed = parse(readFile(root / "mixed" / "train.json"), "mixed").array();
    QCOMPARE(plain.size(), mixed.size());
    const QString hint = QString::fromStdString(training::shortAnswerHint());
    int questions = 0, hinted = 0, reworded = 0;
    for (int i = 0; i < plain.size(); ++i) {
      const auto a = plain[i].toObject()["conversations"].toArray();
      const auto b = mixed[i].toObject()["conversations"].toArray();
      QCOMPARE(a.size(), b.size());
      for (int t = 0; t < a.size(); ++t) {
        QString base = a[t].toObject()["value"].toString(), text = b[t].toObject()["value"].toString();
        if (t % 2 == 1) {
          QCOMPARE(text, base);  // answers unchanged
          continue;
        }
        ++questions;
        if (text.endsWith(hint)) ++hinted, text.chop(hint.size());
        base.remove("<image>\n"), text.remove("<image>\n");
        if (text != base) {
          ++reworded;
          QVERIFY2(text.contains(base), qPrintable(text + " | " + base));  // the question itself is kept
        }
      }
    }
    QVERIFY(questions > 500);
    QVERIFY2(std::abs(hinted - questions / 2) < questions / 10, qPrintable(QString::number(hinted)));
    QVERIFY2(std::abs(reworded - 3 * questions / 10) < questions / 10, qPrintable(QString::number(reworded)));
    // Test splits keep the benchmark's form: every question with the hint.
    o.split = ShapesOptions::Test;
    o.count = 16;
    training::writeShapesDataset(o, (root / "test").string());
    for (const auto& line : lines(readFile(root / "test" / "questions.jsonl")))
      QVERIFY(parse(line, "question").object()["text"].toString().endsWith(hint));
  }

  void darkProbabilityPicksBackgrounds() {
    ShapesOptions o;
    o.count = 100;
    o.darkProbability = 0.0;
    training::ShapesGenerator light(o);
    for (int i = 0; i < 50; ++i) QVERIFY(!light.sample(i).scene.background.dark);
    o.darkProbability = 1.0;
    training::ShapesGenerator dark(o);
    for (int i = 0; i < 50; ++i) QVERIFY(dark.sample(i).scene.background.dark);
  }

  void optionsAreValidated() {
    ShapesOptions o;
    o.count = 0;
    QVERIFY(rejects(o));
    o.count = 1;
    o.imageSize = 32;
    QVERIFY(rejects(o));
    o.imageSize = 96;
    o.minTurns = 5;
    o.maxTurns = 4;
    QVERIFY(rejects(o));
    o.minTurns = 2;
    o.maxShapes = 0;
    QVERIFY(rejects(o));
    o.maxShapes = 5;
    o.hintShare = 1.5;
    QVERIFY(rejects(o));
    o.hintShare = 1.0;
    o.paraphraseShare = -0.1;
    QVERIFY(rejects(o));
    o.paraphraseShare = 0.0;
    o.darkProbability = 2.0;
    QVERIFY(rejects(o));
    o.darkProbability = 0.4;
    o.imageSize = 64;  // the smallest size still places every kind of scene
    training::ShapesGenerator gen(o);
    for (int i = 0; i < 40; ++i) QVERIFY(!gen.sample(i).qa.empty());
  }

  void cliHappyPath() {
    QTemporaryDir dir;
    const QString out = dir.path() + "/shapes";
    const QStringList args = {"data", "shapes", "--out", out, "--count", "9", "--seed", "3", "--split", "test",
                              "--image-size", "96"};
    const auto r = runCli(args);
    QVERIFY2(!r.crashed && r.code == 0, qPrintable(describe(args, r)));
    QVERIFY2(r.err.contains("9/9"), qPrintable(describe(args, r)));
    QCOMPARE(lines(readFile(out.toStdString() + "/questions.jsonl")).size(), size_t(9));
    QCOMPARE(engine::readImage(out.toStdString() + "/images/000008.png").width, 96);
    // The CLI and the library make the same data.
    ShapesOptions o;
    o.count = 9;
    o.seed = 3;
    o.split = ShapesOptions::Test;
    o.imageSize = 96;
    training::writeShapesDataset(o, dir.path().toStdString() + "/lib");
    QVERIFY(readFile(out.toStdString() + "/answers.jsonl") == readFile(dir.path().toStdString() + "/lib/answers.jsonl"));

    const QStringList help = {"data", "shapes", "--help"};
    const auto h = runCli(help);
    QVERIFY2(h.code == 0 && h.out.contains("--count") && h.out.contains("--image-size"), qPrintable(describe(help, h)));
  }

  void cliBadInput_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("count 0") << QStringList{"--count", "0", "--seed", "1"} << "--count";
    QTest::newRow("count negative") << QStringList{"--count", "-3", "--seed", "1"} << "--count";
    QTest::newRow("small image") << QStringList{"--count", "2", "--seed", "1", "--image-size", "32"} << "--image-size";
    QTest::newRow("bad split") << QStringList{"--count", "2", "--seed", "1", "--split", "dev"} << "--split";
    QTest::newRow("turns inverted") << QStringList{"--count", "2", "--seed", "1", "--min-turns", "5", "--max-turns", "3"}
                                    << "turns";
    QTest::newRow("six shapes") << QStringList{"--count", "2", "--seed", "1", "--max-shapes", "6"} << "--max-shapes";
    QTest::newRow("no seed") << QStringList{"--count", "2"} << "--seed";
    QTest::newRow("hint share") << QStringList{"--count", "2", "--seed", "1", "--hint-share", "2"} << "--hint-share";
    QTest::newRow("unwritable") << QStringList{"--count", "2", "--seed", "1", "UNWRITABLE"} << "a-file";
  }
  void cliBadInput() {
    QFETCH(QStringList, extra);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    // A directory below a regular file cannot be created, not even by root.
    const QString file = dir.path() + "/a-file";
    std::ofstream(file.toStdString()) << "x";
    QString out = dir.path() + "/out";
    if (extra.removeAll("UNWRITABLE") > 0) out = file + "/sub";
    const QStringList args = QStringList{"data", "shapes", "--out", out} + extra;
    const auto r = runCli(args);
    QVERIFY2(!r.crashed && r.code == 2, qPrintable(describe(args, r)));
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY2(r.err.contains(mentions), qPrintable(describe(args, r)));
    QVERIFY(!fs::exists((dir.path() + "/out/images").toStdString()));
  }
};

QTEST_GUILESS_MAIN(TestShapesVqa)
#include "test_shapes_vqa.moc"
