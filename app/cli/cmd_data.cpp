// `llavolta data ...`: dataset generation. `data shapes` writes a Shapes-VQA split.
#include <chrono>
#include <iostream>
#include <thread>

#include "common.h"
#include "engine/errors.h"
#include "engine/input_limits.h"
#include "training/shapes_vqa.h"

namespace llavolta::cli {

namespace {
struct ShapesArgs {
  std::string out;
  int count = 0;
  uint64_t seed = 0;
  std::string split = "train";
  int imageSize = 336;
  double labelProbability = 0.5;
  bool noHint = false;
  double hintShare = 1.0;
  double paraphraseShare = 0.0;
  int threads = 1;
  int minTurns = 2;
  int maxTurns = 4;
  int maxShapes = 5;
  bool separateQuestions = false;
  int patchWordGrid = 0;
  bool sceneText = false;
};

void runShapes(const ShapesArgs& a) {
  training::ShapesOptions o;
  if (a.split == "train") o.split = training::ShapesOptions::Train;
  else if (a.split == "test") o.split = training::ShapesOptions::Test;
  else throw engine::EngineError("--split " + a.split + " is not known (train or test)");
  if (a.count <= 0) throw engine::EngineError("--count must be at least 1, got " + std::to_string(a.count));
  if (a.imageSize < 64 || a.imageSize > 4096)
    throw engine::EngineError("--image-size must be between 64 and 4096 pixels, got " + std::to_string(a.imageSize));
  engine::checkThreadCount(a.threads, "--threads");
  o.count = a.count;
  o.seed = a.seed;
  o.imageSize = a.imageSize;
  o.labelProbability = a.labelProbability;
  o.shortAnswerHint = !a.noHint;
  o.hintShare = a.hintShare;
  o.paraphraseShare = a.paraphraseShare;
  o.minTurns = a.minTurns;
  o.maxTurns = a.maxTurns;
  o.maxShapes = a.maxShapes;
  o.separateQuestions = a.separateQuestions;
  o.patchWordGrid = a.patchWordGrid;
  o.sceneText = a.sceneText;
  o.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  const auto start = std::chrono::steady_clock::now();
  int lastPercent = -1;
  auto progress = [&](int done, int total) {
    const int percent = static_cast<int>(100LL * done / total);
    if (percent != lastPercent) {
      lastPercent = percent;
      std::cerr << "\rshapes " << a.split << ": " << done << "/" << total << " images (" << percent << "%)" << std::flush;
    }
    return true;
  };
  const auto summary = training::writeShapesDataset(o, a.out, progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "\n";
  std::cout << "wrote Shapes-VQA " << a.split << " split to " << a.out << ": " << summary.images << " images, "
            << summary.questions << " questions (seed " << a.seed << ", " << a.imageSize << " px, " << seconds
            << " s)\n";
  for (int c = 0; c < training::kQuestionCategoryCount; ++c)
    std::cout << "  " << training::categoryName(static_cast<training::QuestionCategory>(c)) << ": "
              << summary.perCategory[c] << "\n";
}
}  // namespace

void registerData(CLI::App& app) {
  auto* data = app.add_subcommand("data", "Generate datasets");
  data->require_subcommand(1);
  auto args = std::make_shared<ShapesArgs>();
  auto* cmd = data->add_subcommand(
      "shapes",
      "Write a Shapes-VQA split: rendered shapes with colour, shape, count, position, existence, spatial, size and "
      "fine-detail (small text) questions. train: images/, train.json (LLaVA conversations, --min-turns to --max-turns questions), captions.json; "
      "test: images/, questions.jsonl, answers.jsonl (one question per image, categories in turn); both: meta.json");
  cmd->add_option("--out", args->out, "Output directory (created if missing)")->required();
  cmd->add_option("--count", args->count, "Number of images")->required();
  cmd->add_option("--seed", args->seed, "Random seed: the same seed gives the same files")->required();
  cmd->add_option("--split", args->split, "train or test")->capture_default_str();
  cmd->add_option("--image-size", args->imageSize, "Image side in pixels (at least 64)")->capture_default_str();
  cmd->add_option("--label-probability", args->labelProbability,
                  "Share of scenes with a digit or letter (fine-detail questions always get one)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--no-hint", args->noHint,
                "Leave out LLaVA's \"Answer the question using a single word or phrase.\" after each question");
  cmd->add_option("--hint-share", args->hintShare,
                  "train: share of questions that carry the hint (the rest go without), so a model handles both forms")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--paraphrase-share", args->paraphraseShare,
                  "train: share of questions put in other words (\"Look at the image. ...\", \"... Answer briefly.\")")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-turns", args->minTurns, "train: fewest questions per conversation")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  cmd->add_option("--max-turns", args->maxTurns, "train: most questions per conversation (fewer when a scene has no more)")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  cmd->add_flag("--separate-questions", args->separateQuestions,
                "train: each question its own one-turn conversation on the image, so no answer is given away by an "
                "earlier turn (test questions come one per image)");
  cmd->add_option("--max-shapes", args->maxShapes, "most shapes per scene (1: single-object scenes; a test split then leaves out spatial and size questions)")
      ->capture_default_str()
      ->check(CLI::Range(1, 5));
  cmd->add_option("--patch-words", args->patchWordGrid,
                  "train: also write patch_words.json, what each patch of a GRID x GRID tiling shows (\"large red "
                  "circle\"), for the trainer's per-patch word loss; GRID = the model's image_size / patch_size")
      ->type_name("GRID")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--scene-text", args->sceneText,
                "train: also write scene_text.json, text-only conversations that give the scene in words (its caption) "
                "before each question (position and spatial ones left out), for training the LLM to read a scene first");
  cmd->add_option("--threads", args->threads, "Rendering threads (0 = all cores); the output does not depend on it")
      ->capture_default_str();
  cmd->callback([args] { runShapes(*args); });
}

}  // namespace llavolta::cli
