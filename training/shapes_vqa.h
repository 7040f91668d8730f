#pragma once
// Shapes-VQA: a procedurally generated visual-QA benchmark. Scenes of 1-5 anti-aliased shapes
// (OpenCV, kept out of this header) on tinted or gradient backgrounds with mild noise, some
// with a small digit or letter drawn in or next to a shape; questions in eight tagged
// categories whose answers are computed from the scene description that was drawn.
//
// Deterministic per (seed, split, index): sample i does not depend on the count, the thread
// count or the standard library (mt19937_64 output is specified; the distributions are our
// own, std::uniform_*_distribution differ between libstdc++ and libc++).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/image.h"

namespace llavolta::training {

// Bump when the same seed would produce different images or questions.
inline constexpr int kShapesGeneratorVersion = 1;

struct ShapesOptions {
  int count = 1000;  // images (train: minTurns-maxTurns QA turns each; test: one question each)
  uint64_t seed = 0;
  enum Split { Train, Test } split = Train;
  int imageSize = 336;
  // Probability that a train scene carries a digit or letter (test scenes get one exactly when
  // their question is a fine-detail one).
  double labelProbability = 0.5;
  // Probability of a dark background (light otherwise). Shapes are darker than a light
  // background and lighter than a dark one, so 0 gives edges of one polarity (a curriculum for
  // a vision tower learning outlines from scratch). The default keeps version 1's scenes.
  double darkProbability = 0.4;
  // Appends LLaVA-1.5's short-answer prompt to every question, as its VQA training data and
  // evaluation question files do; real LLaVA checkpoints then answer in one word.
  bool shortAnswerHint = true;
  // Train split only, so that a model does not hang on one surface form: the share of questions
  // that carry the hint (when shortAnswerHint is on), and the share put in other words ("Look at
  // the image. ...", "... Reply with one word."). Drawn per question from its own stream: the
  // scenes, questions and answers of a seed do not change.
  double hintShare = 1.0;
  double paraphraseShare = 0.0;
  // Train split: distinct questions per conversation (fewer when a scene has fewer distinct
  // questions to ask). Both splits: the most shapes in a scene (1-5; 1 gives a single-object
  // curriculum, or a test of what a model sees without having to tell objects apart; spatial
  // and size questions need two shapes and are left out then). The defaults reproduce
  // generator version 1 exactly.
  int minTurns = 2;
  int maxTurns = 4;
  int maxShapes = 5;
  // Train split: write each question as its own one-turn conversation on the same image instead
  // of one conversation per image. In a conversation, earlier turns give later answers away
  // ("What shape is the blue object?" "cross" ... "What colour is the cross?"), so a small model
  // learns to copy from the text rather than look; test questions come one per image.
  bool separateQuestions = false;
  // Train split: when > 0, also writes patch_words.json, which names what each patch of a
  // grid x grid tiling of every image shows ("large red circle", or nothing for background),
  // for the trainer's per-patch word loss (RunConfig phase "patch_words"). The grid must be the
  // model's patch grid (image_size / patch_size, 24 for LLaVA-1.5 at 336 px).
  int patchWordGrid = 0;
  // Train split: also writes scene_text.json, text-only conversations that give the scene in
  // words (its caption) followed by one of its questions, for training the LLM to read a scene
  // from its context before it learns to see one. Position and spatial questions are left out:
  // the caption does not say where objects are.
  bool sceneText = false;
  int threads = 1;  // rendering and PNG encoding workers
};

enum class ShapeKind { Circle, Square, Triangle, Star, Cross, Diamond };
enum class ShapeColour { Red, Green, Blue, Yellow, Purple, Orange, White, Black };
enum class ShapeSize { Small, Large };
enum class LabelPlacement { None, Inside, Beside };
enum class QuestionCategory { Colour, Shape, Count, Position, Existence, Spatial, Size, FineDetail };

inline constexpr int kShapeKindCount = 6;
inline constexpr int kShapeColourCount = 8;
inline constexpr int kQuestionCategoryCount = 8;

const char* kindName(ShapeKind kind);        // "circle"
const char* kindPlural(ShapeKind kind);      // "circles"
const char* colourName(ShapeColour colour);  // "red"
const char* sizeName(ShapeSize size);        // "small" / "large"
const char* categoryName(QuestionCategory category);  // "colour", ..., "fine_detail"
// The fill colour as drawn, before noise.
std::array<uint8_t, 3> colourRgb(ShapeColour colour);

struct Box {
  int x = 0, y = 0, width = 0, height = 0;  // pixels, inclusive-exclusive
};

struct SceneShape {
  ShapeKind kind{};
  ShapeColour colour{};
  ShapeSize size{};
  double cx = 0, cy = 0;  // centre in pixels; always inside the filled area
  double radius = 0;      // scale: every kind covers about 2.4 radius^2 pixels
  Box bbox;
  // Optional text: inside the shape (centred on cx, cy) or next to it.
  std::string text;  // "" or one digit or one upper-case letter
  LabelPlacement placement = LabelPlacement::None;
  Box textBox;
};

struct SceneBackground {
  bool dark = false;
  bool gradient = false;
  std::array<uint8_t, 3> from{}, to{};  // RGB at the two ends of the gradient (equal when solid)
  double angle = 0;                     // gradient direction, radians
};

struct Scene {
  int imageSize = 336;
  SceneBackground background;
  std::vector<SceneShape> shapes;
  uint64_t noiseSeed = 0;
};

struct ShapesQa {
  QuestionCategory category{};
  std::string question;  // without the short-answer hint
  std::string answer;    // one lower-case word or a number; a letter label stays upper case
  // The scene shapes the question is about (by index), for checks; may be empty (counts,
  // existence of something absent).
  std::vector<int> subjects;
};

struct ShapesSample {
  int index = 0;
  std::string id;     // "shapes-train-<seed>-000012"
  std::string image;  // relative to the output directory: "images/000012.png"
  Scene scene;
  std::vector<ShapesQa> qa;  // train: minTurns-maxTurns distinct questions; test: exactly one
  std::string caption;
};

// Scenes and questions without pixels; cheap.
class ShapesGenerator {
 public:
  explicit ShapesGenerator(const ShapesOptions& options);  // validates; throws EngineError
  ShapesSample sample(int index) const;
  const ShapesOptions& options() const { return options_; }

 private:
  ShapesOptions options_;
};

// Draws a scene (anti-aliased shapes, text, noise). Pure function of the scene.
engine::RgbImage renderScene(const Scene& scene);

// The short-answer suffix LLaVA-1.5 uses ("\nAnswer the question using a single word or phrase.").
const std::string& shortAnswerHint();

struct ShapesDatasetSummary {
  int images = 0;
  int questions = 0;
  std::array<int, kQuestionCategoryCount> perCategory{};
};

// Writes the split into outDir (created if needed):
//   train: images/, train.json (LLaVA conversations, 2-4 turns), captions.json (one turn),
//          patch_words.json when options.patchWordGrid > 0:
//          {"grid": G, "images": {"images/000012.png": {"objects": ["large red circle", ...],
//           "cells": "..0..1.."}}}, cells row-major, one character per patch: '.' background,
//          '0'-'9' the index into objects of the shape covering most of the patch (at least a
//          quarter of it); train.json entries then also carry "subjects", per turn the indices
//          of the objects its question is about (for the trainer's attention grounding);
//          scene_text.json when options.sceneText: text-only one-turn conversations
//          "CAPTION\nQUESTION" -> answer, one per question except position and spatial ones
//   test:  images/, questions.jsonl, answers.jsonl
//   both:  meta.json
// onProgress(done, total) is called from the calling thread; returning false cancels (throws
// EngineError). Throws EngineError naming the path when something cannot be written.
ShapesDatasetSummary writeShapesDataset(const ShapesOptions& options, const std::string& outDir,
                                        const std::function<bool(int done, int total)>& onProgress = {});

}  // namespace llavolta::training
