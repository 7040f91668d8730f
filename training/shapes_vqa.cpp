// Shapes-VQA scenes and questions. Every answer is computed from the scene description the
// renderer draws; a question that would be ambiguous for a scene (no unique way to name its
// subject, a shape too near the middle for left/right) is never asked: another is drawn.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>

#include "engine/errors.h"
#include "training/shapes_detail.h"
#include "training/shapes_vqa.h"

namespace llavolta::training {

const char* kindName(ShapeKind kind) {
  static const char* names[] = {"circle", "square", "triangle", "star", "cross", "diamond"};
  return names[static_cast<int>(kind)];
}
const char* kindPlural(ShapeKind kind) {
  static const char* names[] = {"circles", "squares", "triangles", "stars", "crosses", "diamonds"};
  return names[static_cast<int>(kind)];
}
const char* colourName(ShapeColour colour) {
  static const char* names[] = {"red", "green", "blue", "yellow", "purple", "orange", "white", "black"};
  return names[static_cast<int>(colour)];
}
const char* sizeName(ShapeSize size) { return size == ShapeSize::Small ? "small" : "large"; }
const char* categoryName(QuestionCategory category) {
  static const char* names[] = {"colour", "shape", "count", "position", "existence", "spatial", "size", "fine_detail"};
  return names[static_cast<int>(category)];
}

std::array<uint8_t, 3> colourRgb(ShapeColour colour) {
  // Saturated and far apart in hue or lightness, so a name is never a judgement call.
  static const std::array<uint8_t, 3> rgb[] = {
      {220, 30, 35},   {35, 165, 60},   {35, 80, 225},  {245, 210, 25},
      {140, 50, 185},  {250, 135, 20},  {248, 248, 248}, {15, 15, 15},
  };
  return rgb[static_cast<int>(colour)];
}

const std::string& shortAnswerHint() {
  static const std::string hint = "\nAnswer the question using a single word or phrase.";
  return hint;
}

namespace {

using shapes::Rng;

constexpr ShapeKind kKinds[] = {ShapeKind::Circle, ShapeKind::Square, ShapeKind::Triangle,
                                ShapeKind::Star,   ShapeKind::Cross,  ShapeKind::Diamond};
constexpr ShapeColour kColours[] = {ShapeColour::Red,    ShapeColour::Green,  ShapeColour::Blue,
                                    ShapeColour::Yellow, ShapeColour::Purple, ShapeColour::Orange,
                                    ShapeColour::White,  ShapeColour::Black};
const std::string& kLetters = shapes::kLabelLetters;

// Background tints: light ones far from white, dark ones far from black, so that every shape
// colour but white (light) or black (dark) stands out.
const std::vector<std::array<uint8_t, 3>> kLightTints = {
    {226, 226, 222}, {236, 226, 204}, {208, 222, 236}, {214, 234, 214}, {236, 214, 224}, {200, 200, 206}};
const std::vector<std::array<uint8_t, 3>> kDarkTints = {
    {44, 44, 50}, {26, 36, 66}, {30, 54, 38}, {60, 36, 52}, {66, 62, 58}, {52, 44, 30}};

std::string article(const std::string& word) {
  return std::string("aeiou").find(word[0]) != std::string::npos ? "an" : "a";
}

std::string numberWord(int n) {
  static const char* words[] = {"no", "one", "two", "three", "four", "five"};
  return n >= 0 && n <= 5 ? words[n] : std::to_string(n);
}

bool overlaps(const Box& a, const Box& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

Box grow(const Box& b, int m) { return {b.x - m, b.y - m, b.width + 2 * m, b.height + 2 * m}; }

bool inside(const Box& b, int lo, int hi) { return b.x >= lo && b.y >= lo && b.x + b.width <= hi && b.y + b.height <= hi; }

// ---------------------------------------------------------------- scenes

struct SceneRequest {
  bool label = false;
  int minShapes = 1;
  int maxShapes = 5;
  double darkProbability = 0.4;
};

// Whether a text box centred on the shape's centre stays within its filled area (the
// largest centred disc, or for the cross its central square).
bool fitsInside(ShapeKind kind, double r, const cv::Size& text) {
  const double halfW = text.width / 2.0 + 1, halfH = text.height / 2.0 + 1;
  if (kind == ShapeKind::Cross) return std::max(halfW, halfH) <= 0.34 * r;
  static const double inradius[] = {0.875, 0.775, 0.65, 0.5, 0.34, 0.75};  // by ShapeKind
  return std::hypot(halfW, halfH) <= inradius[static_cast<int>(kind)] * r;
}

std::array<uint8_t, 3> jitter(Rng& rng, std::array<uint8_t, 3> c) {
  for (auto& v : c) v = static_cast<uint8_t>(std::clamp(v + rng.uniformInt(-10, 10), 0, 255));
  return c;
}

std::optional<Scene> makeScene(Rng& rng, int size, const SceneRequest& req) {
  Scene scene;
  scene.imageSize = size;
  auto& bg = scene.background;
  bg.dark = rng.chance(req.darkProbability);
  bg.gradient = rng.chance(0.5);
  const auto& tints = bg.dark ? kDarkTints : kLightTints;
  bg.from = jitter(rng, rng.pick(tints));
  bg.to = bg.gradient ? jitter(rng, rng.pick(tints)) : bg.from;
  bg.angle = rng.uniform(0, 2 * 3.14159265358979323846);

  std::vector<ShapeColour> colours;
  for (auto c : kColours)
    if (c != (bg.dark ? ShapeColour::Black : ShapeColour::White)) colours.push_back(c);

  const int wanted = rng.uniformInt(std::max(1, req.minShapes), req.maxShapes);
  const int border = static_cast<int>(std::lround(0.03 * size));
  const int margin = std::max(2, static_cast<int>(std::lround(0.02 * size)));
  const int gap = std::max(2, static_cast<int>(std::lround(0.015 * size)));
  const auto style = shapes::textStyle(size);
  std::vector<Box> taken;  // footprints (shape and beside-label boxes, grown by margin)

  for (int i = 0; i < wanted; ++i) {
    SceneShape s;
    s.kind = kKinds[rng.uniformInt(0, kShapeKindCount - 1)];
    s.colour = rng.pick(colours);
    s.size = rng.chance(0.5) ? ShapeSize::Large : ShapeSize::Small;
    const bool labelled = req.label && i == 0;  // the first shape is placed on an empty canvas
    if (labelled) {
      s.text = rng.chance(0.5) ? std::string(1, static_cast<char>('0' + rng.uniformInt(0, 9)))
                               : std::string(1, kLetters[rng.uniformInt(0, static_cast<int>(kLetters.size()) - 1)]);
      // Text fits inside large shapes only (a large star's or cross's core holds a glyph).
      s.placement = rng.chance(0.5) ? LabelPlacement::Beside : LabelPlacement::Inside;
      if (s.placement == LabelPlacement::Inside) s.size = ShapeSize::Large;
    }
    // At least 1.69x apart in scale (2.8x in area): "small" and "large" are never a close call.
    s.radius = s.size == ShapeSize::Large ? rng.uniform(0.11, 0.14) * size : rng.uniform(0.05, 0.065) * size;
    const cv::Size text = labelled ? shapes::textSize(s.text, style) : cv::Size();
    // On small images the glyph outgrows a shape's core: the label goes beside it then.
    if (s.placement == LabelPlacement::Inside && !fitsInside(s.kind, s.radius, text))
      s.placement = LabelPlacement::Beside;
    const bool textRight = rng.chance(0.5);

    bool placed = false;
    for (int attempt = 0; attempt < 200 && !placed; ++attempt) {
      s.cx = rng.uniform(0, size);
      s.cy = rng.uniform(0, size);
      s.bbox = shapes::shapeBox(s.kind, s.cx, s.cy, s.radius);
      std::vector<Box> mine = {grow(s.bbox, margin)};
      if (!inside(s.bbox, border, size - border)) continue;
      if (s.placement == LabelPlacement::Inside) {
        s.textBox = {static_cast<int>(std::lround(s.cx - text.width / 2.0)),
                     static_cast<int>(std::lround(s.cy - text.height / 2.0)), text.width, text.height};
      } else if (s.placement == LabelPlacement::Beside) {
        const int x = textRight ? s.bbox.x + s.bbox.width + gap : s.bbox.x - gap - text.width;
        s.textBox = {x, static_cast<int>(std::lround(s.cy - text.height / 2.0)), text.width, text.height};
        if (!inside(s.textBox, border, size - border)) continue;
        mine.push_back(grow(s.textBox, margin));
      }
      placed = std::none_of(taken.begin(), taken.end(), [&](const Box& t) {
        return std::any_of(mine.begin(), mine.end(), [&](const Box& m) { return overlaps(t, m); });
      });
      if (placed) taken.insert(taken.end(), mine.begin(), mine.end());
    }
    if (!placed) {
      if (labelled) return std::nullopt;
      continue;  // a crowded canvas simply holds fewer shapes
    }
    scene.shapes.push_back(s);
  }
  if (static_cast<int>(scene.shapes.size()) < std::max(1, req.minShapes)) return std::nullopt;
  scene.noiseSeed = rng.next();
  return scene;
}

// ---------------------------------------------------------------- naming shapes

struct Attrs {
  bool size, colour, kind;
};

bool same(const SceneShape& a, const SceneShape& b, const Attrs& at) {
  return (!at.size || a.size == b.size) && (!at.colour || a.colour == b.colour) && (!at.kind || a.kind == b.kind);
}

// The simplest unique noun phrase for shape i ("the triangle", "the red object", "the small
// blue star") using only the allowed attributes; nullopt when none is unique.
std::optional<std::string> refer(const Scene& scene, int i, bool allowKind = true, bool allowColour = true,
                                 bool allowSize = true) {
  static const Attrs order[] = {{false, false, true}, {false, true, false}, {false, true, true},
                                {true, false, true},  {true, true, false},  {true, true, true}};
  const auto& target = scene.shapes[i];
  for (const auto& at : order) {
    if ((at.kind && !allowKind) || (at.colour && !allowColour) || (at.size && !allowSize)) continue;
    int matches = 0;
    for (const auto& s : scene.shapes) matches += same(s, target, at) ? 1 : 0;
    if (matches != 1) continue;
    std::string phrase = "the";
    if (at.size) phrase += std::string(" ") + sizeName(target.size);
    if (at.colour) phrase += std::string(" ") + colourName(target.colour);
    phrase += std::string(" ") + (at.kind ? kindName(target.kind) : "object");
    return phrase;
  }
  return std::nullopt;
}

// Indices of shapes that can be named under the given restrictions, shuffled.
std::vector<std::pair<int, std::string>> nameable(Rng& rng, const Scene& scene, bool allowKind = true,
                                                  bool allowColour = true, bool allowSize = true) {
  std::vector<std::pair<int, std::string>> out;
  for (int i = 0; i < static_cast<int>(scene.shapes.size()); ++i)
    if (auto ref = refer(scene, i, allowKind, allowColour, allowSize)) out.emplace_back(i, *ref);
  rng.shuffle(out);
  return out;
}

// "X or Y" in random order, so the first option is never a cue.
std::string either(Rng& rng, const std::string& a, const std::string& b) {
  return rng.chance(0.5) ? a + " or " + b : b + " or " + a;
}

// ---------------------------------------------------------------- questions

using Qa = std::optional<ShapesQa>;

Qa colourQuestion(Rng& rng, const Scene& scene) {
  auto refs = nameable(rng, scene, true, false, true);
  if (refs.empty()) return std::nullopt;
  const auto& [i, ref] = refs.front();
  return ShapesQa{QuestionCategory::Colour, "What colour is " + ref + "?", colourName(scene.shapes[i].colour), {i}};
}

Qa shapeQuestion(Rng& rng, const Scene& scene) {
  auto refs = nameable(rng, scene, false, true, true);
  if (refs.empty()) return std::nullopt;
  const auto& [i, ref] = refs.front();
  return ShapesQa{QuestionCategory::Shape, "What shape is " + ref + "?", kindName(scene.shapes[i].kind), {i}};
}

Qa countQuestion(Rng& rng, const Scene& scene) {
  const int n = static_cast<int>(scene.shapes.size());
  ShapesQa qa{QuestionCategory::Count, "", "", {}};
  const double variant = rng.uniform01();
  if (variant < 0.6) {
    // Mostly kinds that are present, sometimes one that is not (answer 0).
    ShapeKind kind = rng.chance(0.8) ? scene.shapes[rng.uniformInt(0, n - 1)].kind
                                     : kKinds[rng.uniformInt(0, kShapeKindCount - 1)];
    qa.question = std::string("How many ") + kindPlural(kind) + " are there?";
    for (int i = 0; i < n; ++i)
      if (scene.shapes[i].kind == kind) qa.subjects.push_back(i);
  } else if (variant < 0.8) {
    ShapeColour colour = rng.chance(0.8) ? scene.shapes[rng.uniformInt(0, n - 1)].colour
                                         : kColours[rng.uniformInt(0, kShapeColourCount - 1)];
    qa.question = std::string("How many ") + colourName(colour) + " objects are there?";
    for (int i = 0; i < n; ++i)
      if (scene.shapes[i].colour == colour) qa.subjects.push_back(i);
  } else {
    qa.question = "How many objects are there?";
    for (int i = 0; i < n; ++i) qa.subjects.push_back(i);
  }
  qa.answer = std::to_string(qa.subjects.size());
  return qa;
}

Qa positionQuestion(Rng& rng, const Scene& scene) {
  const double mid = scene.imageSize / 2.0;
  const bool horizontal = rng.chance(0.6);
  for (const auto& [i, ref] : nameable(rng, scene)) {
    const auto& s = scene.shapes[i];
    const double d = horizontal ? s.cx - mid : s.cy - mid;
    // A shape is only "on the left" when most of it is.
    if (std::abs(d) < 0.06 * scene.imageSize + 0.6 * s.radius) continue;
    if (horizontal)
      return ShapesQa{QuestionCategory::Position, "Is " + ref + " on the " + either(rng, "left", "right") + "?",
                      d < 0 ? "left" : "right", {i}};
    return ShapesQa{QuestionCategory::Position, "Is " + ref + " at the " + either(rng, "top", "bottom") + "?",
                    d < 0 ? "top" : "bottom", {i}};
  }
  return std::nullopt;
}

Qa existenceQuestion(Rng& rng, const Scene& scene) {
  const int n = static_cast<int>(scene.shapes.size());
  const bool yes = rng.chance(0.5);
  const double variant = rng.uniform01();
  const bool useKind = variant < 0.8, useColour = variant >= 0.5;  // kind+colour, kind, colour
  auto has = [&](ShapeKind k, ShapeColour c) {
    for (const auto& s : scene.shapes)
      if ((!useKind || s.kind == k) && (!useColour || s.colour == c)) return true;
    return false;
  };
  ShapeKind kind{};
  ShapeColour colour{};
  if (yes) {
    const auto& s = scene.shapes[rng.uniformInt(0, n - 1)];
    kind = s.kind, colour = s.colour;
  } else {
    std::vector<std::pair<ShapeKind, ShapeColour>> absent;
    for (auto k : kKinds)
      for (auto c : kColours)
        if (!has(k, c)) absent.emplace_back(k, c);
    if (absent.empty()) return std::nullopt;
    std::tie(kind, colour) = rng.pick(absent);
  }
  std::string what;
  if (useKind && useColour) what = std::string(colourName(colour)) + " " + kindName(kind);
  else if (useKind) what = kindName(kind);
  else what = std::string(colourName(colour)) + " object";
  ShapesQa qa{QuestionCategory::Existence, "Is there " + article(what) + " " + what + "?", yes ? "yes" : "no", {}};
  for (int i = 0; i < n; ++i)
    if ((!useKind || scene.shapes[i].kind == kind) && (!useColour || scene.shapes[i].colour == colour))
      qa.subjects.push_back(i);
  return qa;
}

struct Relation {
  const char* phrase;  // "to the left of"
  bool horizontal;
  bool before;  // subject has the smaller coordinate
};
constexpr Relation kRelations[] = {
    {"to the left of", true, true}, {"to the right of", true, false}, {"above", false, true}, {"below", false, false}};

// Centres this far apart along an axis make "left of" / "above" obvious at a glance.
double clearGap(const Scene& scene, int a, int b) {
  return 0.05 * scene.imageSize + 0.3 * (scene.shapes[a].radius + scene.shapes[b].radius);
}

Qa spatialQuestion(Rng& rng, const Scene& scene) {
  auto refs = nameable(rng, scene);
  if (refs.size() < 2) return std::nullopt;
  auto coord = [&](int i, bool horizontal) { return horizontal ? scene.shapes[i].cx : scene.shapes[i].cy; };

  if (rng.chance(0.7)) {  // "Is A to the left of B?" with balanced yes/no
    const auto& [a, refA] = refs[0];
    const auto& [b, refB] = refs[1];
    std::vector<bool> axes;
    for (bool h : {true, false})
      if (std::abs(coord(a, h) - coord(b, h)) >= clearGap(scene, a, b)) axes.push_back(h);
    if (axes.empty()) return std::nullopt;
    const bool horizontal = rng.pick(axes);
    const bool aBefore = coord(a, horizontal) < coord(b, horizontal);
    const bool yes = rng.chance(0.5);
    const bool askBefore = yes ? aBefore : !aBefore;
    const auto& rel = kRelations[(horizontal ? 0 : 2) + (askBefore ? 0 : 1)];
    return ShapesQa{QuestionCategory::Spatial, "Is " + refA + " " + rel.phrase + " " + refB + "?", yes ? "yes" : "no",
                    {a, b}};
  }
  // "What shape is to the left of B?": exactly one shape clearly on that side, none in between.
  const auto& rel = kRelations[rng.uniformInt(0, 3)];
  for (const auto& [b, refB] : refs) {
    int found = -1, count = 0;
    bool unclear = false;
    for (int i = 0; i < static_cast<int>(scene.shapes.size()); ++i) {
      if (i == b) continue;
      const double d = coord(i, rel.horizontal) - coord(b, rel.horizontal);
      if (std::abs(d) < clearGap(scene, i, b)) unclear = true;
      else if ((d < 0) == rel.before) found = i, ++count;
    }
    if (unclear || count != 1) continue;
    return ShapesQa{QuestionCategory::Spatial, std::string("What shape is ") + rel.phrase + " " + refB + "?",
                    kindName(scene.shapes[found].kind), {found, b}};
  }
  return std::nullopt;
}

Qa sizeQuestion(Rng& rng, const Scene& scene) {
  if (rng.chance(0.6)) {  // "Which is bigger, A or B?"
    auto refs = nameable(rng, scene);
    for (size_t x = 0; x < refs.size(); ++x)
      for (size_t y = x + 1; y < refs.size(); ++y) {
        const auto& [a, refA] = refs[x];
        const auto& [b, refB] = refs[y];
        const auto &sa = scene.shapes[a], &sb = scene.shapes[b];
        if (sa.size == sb.size) continue;
        if (sa.kind == sb.kind && sa.colour == sb.colour) continue;  // named by size alone: no question
        const bool bigger = rng.chance(0.5);
        const auto& winner = (sa.size == ShapeSize::Large) == bigger ? sa : sb;
        const std::string answer = sa.kind != sb.kind ? kindName(winner.kind) : colourName(winner.colour);
        return ShapesQa{QuestionCategory::Size,
                        std::string("Which is ") + (bigger ? "bigger" : "smaller") + ", " + either(rng, refA, refB) + "?",
                        answer, {a, b}};
      }
    return std::nullopt;
  }
  auto refs = nameable(rng, scene, true, true, false);  // "Is the star small or large?"
  if (refs.empty()) return std::nullopt;
  const auto& [i, ref] = refs.front();
  return ShapesQa{QuestionCategory::Size, "Is " + ref + " " + either(rng, "small", "large") + "?",
                  sizeName(scene.shapes[i].size), {i}};
}

Qa fineDetailQuestion(Rng& rng, const Scene& scene) {
  for (int i = 0; i < static_cast<int>(scene.shapes.size()); ++i) {
    const auto& s = scene.shapes[i];
    if (s.placement == LabelPlacement::None) continue;
    const std::string what = std::isdigit(static_cast<unsigned char>(s.text[0])) ? "number" : "letter";
    auto ref = refer(scene, i);
    if (!ref || rng.chance(0.1))
      return ShapesQa{QuestionCategory::FineDetail, "What " + what + " is written in the image?", s.text, {i}};
    const std::string where = s.placement == LabelPlacement::Inside ? " is written on " : " is next to ";
    return ShapesQa{QuestionCategory::FineDetail, "What " + what + where + *ref + "?", s.text, {i}};
  }
  return std::nullopt;
}

Qa askQuestion(QuestionCategory category, Rng& rng, const Scene& scene) {
  switch (category) {
    case QuestionCategory::Colour: return colourQuestion(rng, scene);
    case QuestionCategory::Shape: return shapeQuestion(rng, scene);
    case QuestionCategory::Count: return countQuestion(rng, scene);
    case QuestionCategory::Position: return positionQuestion(rng, scene);
    case QuestionCategory::Existence: return existenceQuestion(rng, scene);
    case QuestionCategory::Spatial: return spatialQuestion(rng, scene);
    case QuestionCategory::Size: return sizeQuestion(rng, scene);
    case QuestionCategory::FineDetail: return fineDetailQuestion(rng, scene);
  }
  return std::nullopt;
}

int minShapesFor(QuestionCategory category) {
  return category == QuestionCategory::Spatial || category == QuestionCategory::Size ? 2 : 1;
}

// ---------------------------------------------------------------- captions

std::string describe(const SceneShape& s) {
  return std::string(sizeName(s.size)) + " " + colourName(s.colour) + " " + kindName(s.kind);
}

std::string caption(const Scene& scene) {
  std::vector<int> order(scene.shapes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scene.shapes[a].cx < scene.shapes[b].cx; });
  const int n = static_cast<int>(order.size());
  std::string text = numberWord(n);
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  text += n == 1 ? " shape" : " shapes";
  text += std::string(" on a ") + (scene.background.dark ? "dark" : "light") +
          (scene.background.gradient ? " gradient" : "") + " background: ";
  for (int k = 0; k < n; ++k) {
    if (k > 0) text += k == n - 1 ? " and " : ", ";
    const auto d = describe(scene.shapes[order[k]]);
    text += article(d) + " " + d;
  }
  text += ".";
  for (int i = 0; i < n; ++i) {
    const auto& s = scene.shapes[i];
    if (s.placement == LabelPlacement::None) continue;
    const bool digit = std::isdigit(static_cast<unsigned char>(s.text[0]));
    const std::string ref = refer(scene, i).value_or("the " + describe(s));
    text += std::string(" The ") + (digit ? "number " : "letter ") + s.text +
            (s.placement == LabelPlacement::Inside ? " is written on " : " is next to ") + ref + ".";
  }
  return text;
}

std::string padded(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%06d", index);
  return buf;
}

}  // namespace

ShapesGenerator::ShapesGenerator(const ShapesOptions& options) : options_(options) {
  if (options.count <= 0)
    throw engine::EngineError("Shapes-VQA: count must be positive, got " + std::to_string(options.count));
  if (options.imageSize < 64 || options.imageSize > 4096)
    throw engine::EngineError("Shapes-VQA: image size must be between 64 and 4096 pixels, got " +
                              std::to_string(options.imageSize));
  if (!(options.darkProbability >= 0 && options.darkProbability <= 1))
    throw engine::EngineError("Shapes-VQA: dark-background probability must be in [0, 1]");
  if (!(options.labelProbability >= 0 && options.labelProbability <= 1))
    throw engine::EngineError("Shapes-VQA: label probability must be in [0, 1]");
  if (options.minTurns < 1 || options.maxTurns < options.minTurns || options.maxTurns > 16)
    throw engine::EngineError("Shapes-VQA: turns must satisfy 1 <= min <= max <= 16, got " +
                              std::to_string(options.minTurns) + "-" + std::to_string(options.maxTurns));
  if (!(options.hintShare >= 0 && options.hintShare <= 1) || !(options.paraphraseShare >= 0 && options.paraphraseShare <= 1))
    throw engine::EngineError("Shapes-VQA: hint and paraphrase shares must be in [0, 1]");
  if (options.maxShapes < 1 || options.maxShapes > 5)
    throw engine::EngineError("Shapes-VQA: at most 1 to 5 shapes per scene, got " + std::to_string(options.maxShapes));
  if (options.patchWordGrid < 0 || options.patchWordGrid > 64)
    throw engine::EngineError("Shapes-VQA: the patch-word grid must be 1 to 64 patches a side (0 = none), got " +
                              std::to_string(options.patchWordGrid));
}

ShapesSample ShapesGenerator::sample(int index) const {
  const bool train = options_.split == ShapesOptions::Train;
  Rng rng(shapes::mix64(shapes::mix64(options_.seed) ^ shapes::mix64((train ? 0x7261696EULL : 0x74657374ULL) +
                                                                     static_cast<uint64_t>(index))));
  ShapesSample out;
  out.index = index;
  out.id = std::string("shapes-") + (train ? "train" : "test") + "-" + std::to_string(options_.seed) + "-" + padded(index);
  out.image = "images/" + padded(index) + ".png";

  // Test split: categories in turn, every category holding an equal share (of the categories a
  // scene of at most maxShapes can be asked about).
  std::vector<QuestionCategory> askable;
  for (int c = 0; c < kQuestionCategoryCount; ++c)
    if (minShapesFor(static_cast<QuestionCategory>(c)) <= options_.maxShapes)
      askable.push_back(static_cast<QuestionCategory>(c));
  for (int attempt = 0; attempt < 1000; ++attempt) {
    if (!train) {
      const auto category = askable[static_cast<size_t>(index) % askable.size()];
      SceneRequest req{category == QuestionCategory::FineDetail || rng.chance(options_.labelProbability),
                       minShapesFor(category), options_.maxShapes, options_.darkProbability};
      auto scene = makeScene(rng, options_.imageSize, req);
      if (!scene) continue;
      auto qa = askQuestion(category, rng, *scene);
      if (!qa) continue;
      out.scene = std::move(*scene);
      out.qa = {std::move(*qa)};
      out.caption = caption(out.scene);
      return out;
    }
    auto scene = makeScene(rng, options_.imageSize,
                           {rng.chance(options_.labelProbability), 1, options_.maxShapes, options_.darkProbability});
    if (!scene) continue;
    const int turns = rng.uniformInt(options_.minTurns, options_.maxTurns);
    std::vector<ShapesQa> qa;
    // Reading the label is the rare skill; ask about it in most labelled scenes.
    if (scene->shapes.front().placement != LabelPlacement::None && rng.chance(0.8))
      if (auto q = fineDetailQuestion(rng, *scene)) qa.push_back(std::move(*q));
    for (int tries = 0; tries < 10 * turns + 20 && static_cast<int>(qa.size()) < turns; ++tries) {
      auto category = static_cast<QuestionCategory>(rng.uniformInt(0, kQuestionCategoryCount - 1));
      auto q = askQuestion(category, rng, *scene);
      if (!q) continue;
      const bool repeated =
          std::any_of(qa.begin(), qa.end(), [&](const ShapesQa& o) { return o.question == q->question; });
      if (!repeated) qa.push_back(std::move(*q));
    }
    if (static_cast<int>(qa.size()) < std::min(2, turns)) continue;
    rng.shuffle(qa);
    out.scene = std::move(*scene);
    out.qa = std::move(qa);
    out.caption = caption(out.scene);
    return out;
  }
  throw engine::EngineError("Shapes-VQA: could not generate sample " + std::to_string(index) + " at image size " +
                            std::to_string(options_.imageSize));
}

}  // namespace llavolta::training
