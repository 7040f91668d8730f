// ctest-labels: unit cli
// Shapes-VQA: deterministic per seed (JSON bytes and pixels), every category present, answers
// that agree with the pixels and the scene (questions are parsed back here independently of the
// generator, so a wrong template or an ambiguous reference fails), the LLaVA file formats, and
// `llavolta data shapes` from the command line.
#include "engine/errors.h"
#include "engine/image.h"
#include "engine/tokenizer.h"
#include "support/tiny_model.h"
#include "training/conversation_dataset.h"
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

#include <nlohmann/json.hpp>

#include "support/check.h"
#include "support/cli_process.h"

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

using json = nlohmann::json;

json parse(const std::string& text, const char* what) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) FAIL(std::string(what) + " is not JSON");
  return j;
}

bool startsWith(const std::string& text, const std::string& head) { return text.rfind(head, 0) == 0; }
bool endsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
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
    FAIL("\"" + phrase + "\" is ambiguous or unknown in: " + question);
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
    FAIL(std::string(why) + ": " + q);
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

using Result = llavolta::check::CliRun;
using llavolta::check::Args;
using llavolta::check::runCli;

bool rejects(const ShapesOptions& o) {
  try {
    training::ShapesGenerator gen(o);
  } catch (const engine::EngineError&) {
    return true;
  }
  return false;
}

using llavolta::check::describe;

}  // namespace

class TestShapesVqa : public check::Suite {

 public:
  TEST(sameSeedSameBytes) {
    check::TempDir a, b;
    ShapesOptions o;
    o.count = 12;
    o.seed = 7;
    training::writeShapesDataset(o, a.path());
    o.threads = 2;  // the thread count must not matter
    training::writeShapesDataset(o, b.path());
    const fs::path pa = a.path(), pb = b.path();
    for (const char* f : {"train.json", "captions.json", "meta.json"}) {
      VERIFY_MSG(fs::exists(pa / f), f);
      VERIFY_MSG(readFile(pa / f) == readFile(pb / f), f);
    }
    for (int i = 0; i < o.count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "images/%06d.png", i);
      const auto ia = engine::readImage((pa / name).string()), ib = engine::readImage((pb / name).string());
      COMPARE(ia.width, 336);
      COMPARE(ia.height, 336);
      VERIFY_MSG(ia.pixels == ib.pixels, name);
      VERIFY_MSG(readFile(pa / name) == readFile(pb / name), name);
    }
    // In-memory generation agrees with the files.
    training::ShapesGenerator gen(o);
    const auto s3 = gen.sample(3);
    VERIFY(training::renderScene(s3.scene).pixels == engine::readImage((pa / s3.image).string()).pixels);
    // A sample does not depend on how many are generated.
    o.count = 4;
    COMPARE(training::ShapesGenerator(o).sample(3).caption, s3.caption);
  }

  TEST(differentSeedsDiffer) {
    check::TempDir a, b;
    ShapesOptions o;
    o.count = 4;
    o.imageSize = 128;
    o.seed = 1;
    training::writeShapesDataset(o, a.path());
    o.seed = 2;
    training::writeShapesDataset(o, b.path());
    const fs::path pa = a.path(), pb = b.path();
    VERIFY(readFile(pa / "train.json") != readFile(pb / "train.json"));
    for (int i = 0; i < o.count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "images/%06d.png", i);
      VERIFY_MSG(engine::readImage((pa / name).string()).pixels != engine::readImage((pb / name).string()).pixels, name);
    }
    // Train and test of one seed are different data too.
    auto test = o;
    test.split = ShapesOptions::Test;
    VERIFY(training::ShapesGenerator(o).sample(0).scene.shapes[0].cx !=
           training::ShapesGenerator(test).sample(0).scene.shapes[0].cx);
  }

  TEST(testSplitFiles) {
    check::TempDir dir;
    ShapesOptions o;
    o.count = 200;
    o.seed = 11;
    o.split = ShapesOptions::Test;
    o.imageSize = 224;
    o.threads = 2;
    const auto summary = training::writeShapesDataset(o, dir.path());
    COMPARE(summary.images, 200);
    COMPARE(summary.questions, 200);
    const fs::path root = dir.path();
    VERIFY(!fs::exists(root / "train.json"));
    const auto qs = lines(readFile(root / "questions.jsonl")), as = lines(readFile(root / "answers.jsonl"));
    COMPARE(qs.size(), size_t(200));
    COMPARE(as.size(), size_t(200));
    std::map<std::string, int> perCategory;
    std::set<int> ids;
    for (size_t i = 0; i < qs.size(); ++i) {
      const auto q = parse(qs[i], "a questions.jsonl line"), a = parse(as[i], "an answers.jsonl line");
      VERIFY(q.contains("question_id") && q["question_id"].is_number());
      COMPARE(q["question_id"].get<int64_t>(), a["question_id"].get<int64_t>());
      VERIFY(ids.insert(q["question_id"].get<int64_t>()).second);
      COMPARE(q["category"].get<std::string>(), a["category"].get<std::string>());
      VERIFY(!check::contains(q["text"].get<std::string>(), "<image>"));
      VERIFY(endsWith(q["text"].get<std::string>(), training::shortAnswerHint()));
      VERIFY(!a["answer"].get<std::string>().empty() && !check::contains(a["answer"].get<std::string>(), " "));
      VERIFY_MSG(fs::exists(root / q["image"].get<std::string>()), (q["image"].get<std::string>()));
      ++perCategory[q["category"].get<std::string>()];
    }
    for (int c = 0; c < training::kQuestionCategoryCount; ++c) {
      const std::string name = training::categoryName(static_cast<QuestionCategory>(c));
      VERIFY_MSG(perCategory[name] >= 20, name);
      COMPARE(summary.perCategory[c], perCategory[name]);
    }
    const auto meta = parse(readFile(root / "meta.json"), "meta.json");
    COMPARE(meta["seed"].get<int64_t>(), 11);
    COMPARE(meta["split"].get<std::string>(), std::string("test"));
    COMPARE(meta["count"].get<int64_t>(), 200);
    COMPARE(meta["image_size"].get<int64_t>(), 224);
    COMPARE(meta["generator_version"].get<int64_t>(), training::kShapesGeneratorVersion);
    COMPARE(engine::readImage((root / "images/000199.png").string()).width, 224);
  }

  TEST(trainSplitFiles) {
    check::TempDir dir;
    ShapesOptions o;
    o.count = 30;
    o.seed = 5;
    o.imageSize = 160;
    training::writeShapesDataset(o, dir.path());
    const fs::path root = dir.path();
    const auto train = parse(readFile(root / "train.json"), "train.json");
    const auto captions = parse(readFile(root / "captions.json"), "captions.json");
    COMPARE(train.size(), 30);
    COMPARE(captions.size(), 30);
    for (const auto& v : train) {
      const auto e = v;
      VERIFY(!e["id"].get<std::string>().empty());
      VERIFY(fs::exists(root / e["image"].get<std::string>()));
      const auto conv = e["conversations"];
      VERIFY_MSG(conv.size() >= 4 && conv.size() <= 8 && conv.size() % 2 == 0, (e["id"].get<std::string>()));
      COMPARE(e["categories"].size(), conv.size() / 2);
      for (int t = 0; t < conv.size(); ++t) {
        const auto turn = conv[t];
        COMPARE(turn["from"].get<std::string>(), std::string(t % 2 == 0 ? "human" : "gpt"));
        const std::string value = turn["value"].get<std::string>();
        if (t == 0) VERIFY_MSG(startsWith(value, "<image>\n"), value);
        else VERIFY_MSG(!check::contains(value, "<image>"), value);
        if (t % 2 == 1) VERIFY_MSG(!value.empty() && !check::contains(value, " "), value);
      }
    }
    for (const auto& v : captions) {
      const auto conv = v["conversations"];
      COMPARE(conv.size(), 2);
      VERIFY(startsWith(conv[0]["value"].get<std::string>(), "<image>\n"));
      VERIFY(check::contains(conv[1]["value"].get<std::string>(), "background"));
    }
  }

  // Every answer recomputed from the question text and the scene; colours read back from pixels.
  TEST(answersAgreeWithDrawing) {
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
        VERIFY(!scene.shapes.empty() && scene.shapes.size() <= 5);
        for (const auto& qa : sample.qa) {
          const auto expected = recompute(scene, qa);
          VERIFY_MSG(qa.answer == expected,
                     (sample.id + ": " + qa.question + " -> " + qa.answer +
                                                     ", scene says " + expected));
          ++answers[std::string(training::categoryName(qa.category)) + ":" + qa.answer];
          if (qa.category == QuestionCategory::Colour) {
            const auto& s = scene.shapes[qa.subjects.at(0)];
            if (s.placement == LabelPlacement::Inside) continue;
            const auto rgb = medianAt(image, static_cast<int>(s.cx), static_cast<int>(s.cy));
            COMPARE(std::string(training::colourName(nearestColour(rgb))), qa.answer);
          }
        }
        for (size_t k = 0; k < scene.shapes.size(); ++k) {
          const auto& s = scene.shapes[k];
          VERIFY(s.bbox.x >= 0 && s.bbox.y >= 0 && s.bbox.x + s.bbox.width <= scene.imageSize &&
                 s.bbox.y + s.bbox.height <= scene.imageSize);
          for (size_t j = 0; j < k; ++j) {  // non-overlapping
            const auto& t = scene.shapes[j].bbox;
            VERIFY(s.bbox.x >= t.x + t.width || t.x >= s.bbox.x + s.bbox.width || s.bbox.y >= t.y + t.height ||
                   t.y >= s.bbox.y + s.bbox.height);
          }
          if (s.placement != LabelPlacement::Inside) {
            const auto rgb = medianAt(image, static_cast<int>(s.cx), static_cast<int>(s.cy));
            VERIFY_MSG(distance(rgb, training::colourRgb(s.colour)) < 40,
                       (sample.id + " shape colour " + training::colourName(s.colour)));
            ++colourChecks;
          }
          if (s.placement != LabelPlacement::None) {
            VERIFY_MSG(contrastIn(image, s.textBox) > 100, (sample.id + " label"));
            ++labelChecks;
          }
          if (s.placement == LabelPlacement::Inside) {  // the text sits on the shape, not over its edge
            const auto& b = s.textBox;
            const int mx = b.x + b.width / 2, my = b.y + b.height / 2;
            for (auto [x, y] : {std::pair{mx, b.y - 3}, {mx, b.y + b.height + 3}, {b.x - 3, my}, {b.x + b.width + 3, my}}) {
              const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 3];
              VERIFY_MSG(distance({p[0], p[1], p[2]}, training::colourRgb(s.colour)) < 60,
                         (sample.id + " inside label overflows its shape"));
            }
          }
        }
      }
    }
    VERIFY(colourChecks > 500);
    VERIFY(labelChecks > 50);
    // Yes/no and two-way answers are not lopsided.
    for (const char* cat : {"existence", "spatial"}) {
      const int yes = answers[std::string(cat) + ":yes"], no = answers[std::string(cat) + ":no"];
      VERIFY_MSG(yes > 0.3 * (yes + no) && no > 0.3 * (yes + no), cat);
    }
    VERIFY(answers["position:left"] > 0 && answers["position:right"] > 0 && answers["position:top"] > 0 &&
           answers["position:bottom"] > 0);
  }

  // --separate-questions: the same questions and answers, each its own one-turn conversation on
  // its image, so no answer is given away by an earlier turn.
  TEST(separateQuestions) {
    check::TempDir joined, separate;
    ShapesOptions o;
    o.count = 12;
    o.seed = 21;
    o.imageSize = 64;
    o.minTurns = 4;
    o.maxTurns = 6;
    training::writeShapesDataset(o, joined.path());
    o.separateQuestions = true;
    const auto summary = training::writeShapesDataset(o, separate.path());
    const auto conv = parse(readFile(fs::path(joined.path()) / "train.json"), "train.json");
    const auto single = parse(readFile(fs::path(separate.path()) / "train.json"), "train.json");
    COMPARE(conv.size(), 12);
    COMPARE(single.size(), summary.questions);
    VERIFY(single.size() >= 12 * 4);
    int k = 0;
    std::set<std::string> ids;
    for (const auto& entryValue : conv) {
      const auto entry = entryValue;
      const auto turns = entry["conversations"];
      for (int t = 0; t < turns.size(); t += 2, ++k) {
        const auto one = single[k];
        COMPARE(one["image"].get<std::string>(), entry["image"].get<std::string>());
        VERIFY(ids.insert(one["id"].get<std::string>()).second);
        const auto oneTurns = one["conversations"];
        COMPARE(oneTurns.size(), 2);
        std::string question = turns[t]["value"].get<std::string>();
        if (!startsWith(question, "<image>\n")) question = "<image>\n" + question;
        COMPARE(oneTurns[0]["value"].get<std::string>(), question);
        COMPARE(oneTurns[1]["value"].get<std::string>(), turns[t + 1]["value"].get<std::string>());
        COMPARE(one["categories"].size(), 1);
        COMPARE(one["categories"][0].get<std::string>(), entry["categories"][t / 2].get<std::string>());
      }
    }
    COMPARE(k, single.size());
    const auto meta = parse(readFile(fs::path(separate.path()) / "meta.json"), "meta.json");
    VERIFY(meta["separate_questions"].get<bool>());
  }

  // patch_words.json names, for each patch of each image, the object drawn there: every cell
  // it gives an object lies inside that object's box, every object large enough to cover a
  // whole patch owns at least one cell, and the words are the scene's.
  TEST(patchWordsDescribeEachPatch) {
    check::TempDir dir;
    ShapesOptions o;
    o.count = 24;
    o.seed = 33;
    o.patchWordGrid = 12;  // 28-px patches at 336 px
    o.separateQuestions = true;
    training::writeShapesDataset(o, dir.path());
    const auto words = parse(readFile(fs::path(dir.path()) / "patch_words.json"), "patch_words.json");
    COMPARE(words["grid"].get<int>(), 12);
    COMPARE(words["images"].size(), 24);
    const auto meta = parse(readFile(fs::path(dir.path()) / "meta.json"), "meta.json");
    COMPARE(meta["patch_word_grid"].get<int>(), 12);
    training::ShapesGenerator gen(o);
    const double cell = o.imageSize / 12.0;
    int bigObjects = 0;
    for (int i = 0; i < o.count; ++i) {
      const auto sample = gen.sample(i);
      const auto entry = words["images"][sample.image];
      const auto& shapesDrawn = sample.scene.shapes;
      COMPARE(entry["objects"].size(), shapesDrawn.size());
      for (size_t k = 0; k < shapesDrawn.size(); ++k)
        COMPARE(entry["objects"][k].get<std::string>(), std::string(training::sizeName(shapesDrawn[k].size)) + " " +
                                                          training::colourName(shapesDrawn[k].colour) + " " +
                                                          training::kindName(shapesDrawn[k].kind));
      const auto cells = entry["cells"].get<std::string>();
      COMPARE(cells.size(), size_t(144));
      std::vector<int> count(shapesDrawn.size(), 0);
      for (int p = 0; p < 144; ++p) {
        if (cells[p] == '.') continue;
        const int k = cells[p] - '0';
        VERIFY(k >= 0 && k < static_cast<int>(shapesDrawn.size()));
        ++count[k];
        const auto& b = shapesDrawn[k].bbox;
        const double x0 = (p % 12) * cell, y0 = (p / 12) * cell;  // row-major, like the tower's patches
        VERIFY_MSG(x0 < b.x + b.width && x0 + cell > b.x && y0 < b.y + b.height && y0 + cell > b.y,
                   check::text("image ", i, " cell ", p, " is given to object ", k, " but lies outside its box"));
      }
      for (size_t k = 0; k < shapesDrawn.size(); ++k) {
        const auto& b = shapesDrawn[k].bbox;
        if (std::min(b.width, b.height) < 3 * cell) continue;  // surely covers a whole patch
        ++bigObjects;
        VERIFY_MSG(count[k] > 0, check::text("image ", i, ": object ", k, " owns no cell"));
      }
    }
    VERIFY(bigObjects >= 10);
    // Each question names its objects ("subjects", per turn): a colour or shape question's
    // object carries the answer in its words.
    const auto train = parse(readFile(fs::path(dir.path()) / "train.json"), "train.json");
    int named = 0;
    for (const auto& entry : train) {
      COMPARE(entry["subjects"].size(), size_t(1));
      const auto objects = words["images"][entry["image"].get<std::string>()]["objects"];
      for (const auto& k : entry["subjects"][0]) VERIFY(k.get<size_t>() < objects.size());
      const auto category = entry["categories"][0].get<std::string>();
      if ((category == "colour" || category == "shape") && entry["subjects"][0].size() == 1) {
        const auto object = objects[entry["subjects"][0][0].get<size_t>()].get<std::string>();
        const auto answer = entry["conversations"][1]["value"].get<std::string>();
        VERIFY_MSG(object.find(answer) != std::string::npos, check::text(object, " / ", answer));
        ++named;
      }
    }
    VERIFY(named >= 5);
    // Off by default, and a grid the file format cannot hold is refused.
    check::TempDir plain;
    o.patchWordGrid = 0;
    o.count = 2;
    training::writeShapesDataset(o, plain.path());
    VERIFY(!fs::exists(fs::path(plain.path()) / "patch_words.json"));
    VERIFY(!parse(readFile(fs::path(plain.path()) / "train.json"), "train.json")[0].contains("subjects"));
    o.patchWordGrid = 65;
    VERIFY(rejects(o));
  }

  // scene_text.json gives each scene in words (its caption) before one of its questions, as a
  // text-only conversation: the same question and answer as train.json, the answer readable
  // from the caption, and no position or spatial questions (the caption does not say where).
  TEST(sceneTextTellsTheSceneInWords) {
    check::TempDir dir;
    ShapesOptions o;
    o.count = 30;
    o.seed = 34;
    o.separateQuestions = true;
    o.sceneText = true;
    training::writeShapesDataset(o, dir.path());
    const auto text = parse(readFile(fs::path(dir.path()) / "scene_text.json"), "scene_text.json");
    const auto train = parse(readFile(fs::path(dir.path()) / "train.json"), "train.json");
    std::map<std::string, json> byId;
    for (const auto& e : train) byId[e["id"].get<std::string>()] = e;
    training::ShapesGenerator gen(o);
    size_t expected = 0, readable = 0;
    for (int i = 0; i < o.count; ++i)
      for (const auto& qa : gen.sample(i).qa)
        expected += qa.category != training::QuestionCategory::Position && qa.category != training::QuestionCategory::Spatial;
    COMPARE(text.size(), expected);
    for (const auto& e : text) {
      VERIFY(!e.contains("image"));
      const auto category = e["categories"][0].get<std::string>();
      VERIFY(category != "position" && category != "spatial");
      std::string id = e["id"].get<std::string>();
      const auto sample = gen.sample(std::stoi(id.substr(id.rfind('-', id.rfind('-') - 1) + 1)));
      const auto& twin = byId.at(id.replace(id.rfind("-t"), 2, "-q"));
      const auto prompt = e["conversations"][0]["value"].get<std::string>();
      const auto answer = e["conversations"][1]["value"].get<std::string>();
      COMPARE(prompt, sample.caption + "\n" + twin["conversations"][0]["value"].get<std::string>().substr(8));
      COMPARE(answer, twin["conversations"][1]["value"].get<std::string>());
      if (category == "colour" || category == "shape") {
        VERIFY_MSG(sample.caption.find(answer) != std::string::npos, check::text(sample.caption, " / ", answer));
        ++readable;
      }
    }
    VERIFY(readable >= 10);
    // The trainer reads it as text-only conversations.
    const auto tokenizer = engine::Tokenizer::load(llavolta::testing::sharedTokenizerFile());
    const auto dataset =
        training::ConversationDataset::load((fs::path(dir.path()) / "scene_text.json").string(), *tokenizer);
    COMPARE(dataset.stats().textOnly, text.size());
    const auto meta = parse(readFile(fs::path(dir.path()) / "meta.json"), "meta.json");
    VERIFY(meta["scene_text"].get<bool>());
    VERIFY(std::find(meta["files"].begin(), meta["files"].end(), "scene_text.json") != meta["files"].end());
    // Off by default.
    check::TempDir plain;
    o.sceneText = false;
    o.count = 2;
    training::writeShapesDataset(o, plain.path());
    VERIFY(!fs::exists(fs::path(plain.path()) / "scene_text.json"));
  }

  // The single-object curriculum and longer conversations the demo recipe trains on.
  TEST(curriculumAndTurns) {
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
      COMPARE(s.scene.shapes.size(), size_t(1));
      VERIFY_MSG(s.qa.size() >= 2 && s.qa.size() <= 8, std::to_string(s.qa.size()));
      for (size_t a = 0; a < s.qa.size(); ++a)
        for (size_t b = a + 1; b < s.qa.size(); ++b) VERIFY(s.qa[a].question != s.qa[b].question);
      questions += s.qa.size();
    }
    // A lone shape still has six or more distinct questions to ask in most scenes.
    VERIFY_MSG(questions >= size_t(o.count) * 5, std::to_string(questions));
    o.maxShapes = 5;
    o.minTurns = o.maxTurns = 3;
    training::ShapesGenerator three(o);
    int several = 0;
    for (int i = 0; i < o.count; ++i) {
      const auto s = three.sample(i);
      VERIFY(s.qa.size() >= 2 && s.qa.size() <= 3);
      several += s.scene.shapes.size() > 1 ? 1 : 0;
    }
    VERIFY(several > o.count / 2);

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
      COMPARE(s.scene.shapes.size(), size_t(1));
      ++asked[s.qa.front().category];
    }
    COMPARE(asked.size(), size_t(6));
    VERIFY(!asked.count(QuestionCategory::Spatial) && !asked.count(QuestionCategory::Size));
  }

  // A share of train questions carries LLaVA's short-answer hint and another share other
  // wordings; the scenes, questions and answers of the seed stay exactly those of the plain split.
  TEST(hintAndParaphraseShares) {
    check::TempDir dir;
    const fs::path root = dir.path();
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
    const auto plain = parse(readFile(root / "plain" / "train.json"), "plain");
    const auto mixed = parse(readFile(root / "mixed" / "train.json"), "mixed");
    COMPARE(plain.size(), mixed.size());
    const std::string hint = training::shortAnswerHint();
    int questions = 0, hinted = 0, reworded = 0;
    for (int i = 0; i < plain.size(); ++i) {
      const auto a = plain[i]["conversations"];
      const auto b = mixed[i]["conversations"];
      COMPARE(a.size(), b.size());
      for (int t = 0; t < a.size(); ++t) {
        std::string base = a[t]["value"].get<std::string>(), text = b[t]["value"].get<std::string>();
        if (t % 2 == 1) {
          COMPARE(text, base);  // answers unchanged
          continue;
        }
        ++questions;
        if (endsWith(text, hint)) ++hinted, text.resize(text.size() - hint.size());
        for (std::string* t : {&base, &text})
          for (auto at = t->find("<image>\n"); at != std::string::npos; at = t->find("<image>\n")) t->erase(at, 8);
        if (text != base) {
          ++reworded;
          VERIFY_MSG(check::contains(text, base), (text + " | " + base));  // the question itself is kept
        }
      }
    }
    VERIFY(questions > 500);
    VERIFY_MSG(std::abs(hinted - questions / 2) < questions / 10, std::to_string(hinted));
    VERIFY_MSG(std::abs(reworded - 3 * questions / 10) < questions / 10, std::to_string(reworded));
    // Test splits keep the benchmark's form: every question with the hint.
    o.split = ShapesOptions::Test;
    o.count = 16;
    training::writeShapesDataset(o, (root / "test").string());
    for (const auto& line : lines(readFile(root / "test" / "questions.jsonl")))
      VERIFY(endsWith(parse(line, "question")["text"].get<std::string>(), hint));
  }

  TEST(darkProbabilityPicksBackgrounds) {
    ShapesOptions o;
    o.count = 100;
    o.darkProbability = 0.0;
    training::ShapesGenerator light(o);
    for (int i = 0; i < 50; ++i) VERIFY(!light.sample(i).scene.background.dark);
    o.darkProbability = 1.0;
    training::ShapesGenerator dark(o);
    for (int i = 0; i < 50; ++i) VERIFY(dark.sample(i).scene.background.dark);
  }

  TEST(optionsAreValidated) {
    ShapesOptions o;
    o.count = 0;
    VERIFY(rejects(o));
    o.count = 1;
    o.imageSize = 32;
    VERIFY(rejects(o));
    o.imageSize = 96;
    o.minTurns = 5;
    o.maxTurns = 4;
    VERIFY(rejects(o));
    o.minTurns = 2;
    o.maxShapes = 0;
    VERIFY(rejects(o));
    o.maxShapes = 5;
    o.hintShare = 1.5;
    VERIFY(rejects(o));
    o.hintShare = 1.0;
    o.paraphraseShare = -0.1;
    VERIFY(rejects(o));
    o.paraphraseShare = 0.0;
    o.darkProbability = 2.0;
    VERIFY(rejects(o));
    o.darkProbability = 0.4;
    o.imageSize = 64;  // the smallest size still places every kind of scene
    training::ShapesGenerator gen(o);
    for (int i = 0; i < 40; ++i) VERIFY(!gen.sample(i).qa.empty());
  }

  TEST(cliHappyPath) {
    check::TempDir dir;
    const std::string out = dir.path() + "/shapes";
    const Args args = {"data", "shapes", "--out", out, "--count", "9", "--seed", "3", "--split", "test",
                              "--image-size", "96"};
    const auto r = runCli(args);
    VERIFY_MSG(!r.crashed && r.code == 0, describe(args, r));
    VERIFY_MSG(check::contains(r.err, "9/9"), describe(args, r));
    COMPARE(lines(readFile(out + "/questions.jsonl")).size(), size_t(9));
    COMPARE(engine::readImage(out + "/images/000008.png").width, 96);
    // The CLI and the library make the same data.
    ShapesOptions o;
    o.count = 9;
    o.seed = 3;
    o.split = ShapesOptions::Test;
    o.imageSize = 96;
    training::writeShapesDataset(o, dir.path() + "/lib");
    VERIFY(readFile(out + "/answers.jsonl") == readFile(dir.path() + "/lib/answers.jsonl"));

    const Args help = {"data", "shapes", "--help"};
    const auto h = runCli(help);
    VERIFY_MSG(h.code == 0 && check::contains(h.out, "--count") && check::contains(h.out, "--image-size"), describe(help, h));
  }

  void cliBadInput_data() {
    check::addColumn<Args>("extra");
    check::addColumn<std::string>("mentions");
    check::newRow("count 0") << Args{"--count", "0", "--seed", "1"} << "--count";
    check::newRow("count negative") << Args{"--count", "-3", "--seed", "1"} << "--count";
    check::newRow("small image") << Args{"--count", "2", "--seed", "1", "--image-size", "32"} << "--image-size";
    check::newRow("bad split") << Args{"--count", "2", "--seed", "1", "--split", "dev"} << "--split";
    check::newRow("turns inverted") << Args{"--count", "2", "--seed", "1", "--min-turns", "5", "--max-turns", "3"}
                                    << "turns";
    check::newRow("six shapes") << Args{"--count", "2", "--seed", "1", "--max-shapes", "6"} << "--max-shapes";
    check::newRow("no seed") << Args{"--count", "2"} << "--seed";
    check::newRow("hint share") << Args{"--count", "2", "--seed", "1", "--hint-share", "2"} << "--hint-share";
    check::newRow("unwritable") << Args{"--count", "2", "--seed", "1", "UNWRITABLE"} << "a-file";
  }
  DATA_TEST(cliBadInput) {
    FETCH(Args, extra);
    FETCH(std::string, mentions);
    check::TempDir dir;
    // A directory below a regular file cannot be created, not even by root.
    const std::string file = dir.path() + "/a-file";
    std::ofstream(file) << "x";
    std::string out = dir.path() + "/out";
    const auto unwritable = std::remove(extra.begin(), extra.end(), "UNWRITABLE");
    if (unwritable != extra.end()) extra.erase(unwritable, extra.end()), out = file + "/sub";
    const Args args = Args{"data", "shapes", "--out", out} + extra;
    const auto r = runCli(args);
    VERIFY_MSG(!r.crashed && r.code == 2, describe(args, r));
    COMPARE(std::count(r.err.begin(), r.err.begin() + r.err.find_last_not_of('\n') + 1, '\n'), 0);
    VERIFY_MSG(check::contains(r.err, mentions), describe(args, r));
    VERIFY(!fs::exists((dir.path() + "/out/images")));
  }
};

LLAVOLTA_TEST_MAIN(TestShapesVqa)
