// Shapes-VQA on disk: PNGs plus LLaVA conversation JSON (train) or question/answer JSONL (test).
#include <atomic>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "engine/errors.h"
#include "training/shapes_detail.h"
#include "training/shapes_vqa.h"

namespace llavolta::training {

namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keys in LLaVA's order, byte-identical output

void writePng(const engine::RgbImage& image, const fs::path& path) {
  cv::Mat bgr(image.height, image.width, CV_8UC3);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* src = image.pixels.data() + static_cast<size_t>(y) * image.width * 3;
    auto* dst = bgr.ptr<uint8_t>(y);
    for (int x = 0; x < image.width; ++x)
      dst[3 * x] = src[3 * x + 2], dst[3 * x + 1] = src[3 * x + 1], dst[3 * x + 2] = src[3 * x];
  }
  bool ok = false;
  std::string reason;
  try {
    ok = cv::imwrite(path.string(), bgr, {cv::IMWRITE_PNG_COMPRESSION, 3});
  } catch (const cv::Exception& e) {
    reason = std::string(": ") + e.what();
  }
  if (!ok) throw engine::EngineError("cannot write image " + path.string() + reason);
}

void writeText(const fs::path& path, const std::string& text) {
  // Written beside the target and renamed: readers never see half a file.
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw engine::EngineError("cannot write " + tmp.string() + " (is the directory writable?)");
    out << text;
    out.flush();
    if (!out) throw engine::EngineError("cannot write " + tmp.string() + " (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw engine::EngineError("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
}

// Other phrasings of a question: a lead-in, or an instruction on the answer's form.
std::string paraphrase(const std::string& question, shapes::Rng& rng) {
  static const char* leads[] = {"Look at the image. ", "Question: ", "Please answer: ", "Based on the image: "};
  static const char* tails[] = {" Reply with one word.", " Answer briefly.", " Give a one-word answer."};
  const int pick = rng.uniformInt(0, 6);
  if (pick < 4) return leads[pick] + question;
  return question + tails[pick - 4];
}

// Test questions carry the hint exactly when the options say so (the benchmark's form); train
// questions carry it, or another phrasing, on the configured shares, drawn from a stream of
// their own keyed by (seed, sample, turn).
std::string questionText(const ShapesOptions& o, const ShapesQa& qa, int sample, int turn) {
  if (o.split == ShapesOptions::Test) return o.shortAnswerHint ? qa.question + shortAnswerHint() : qa.question;
  shapes::Rng rng(shapes::mix64(shapes::mix64(o.seed ^ 0x70687261736573ULL) ^ shapes::mix64(static_cast<uint64_t>(sample) * 64 + turn)));
  const bool hint = o.shortAnswerHint && rng.chance(o.hintShare);
  const bool reworded = rng.chance(o.paraphraseShare);
  const std::string text = reworded ? paraphrase(qa.question, rng) : qa.question;
  return hint ? text + shortAnswerHint() : text;
}

const std::vector<std::string>& captionPrompts() {
  static const std::vector<std::string> prompts = {
      "Describe the image briefly.", "Give a short description of the image.", "What is shown in this image?",
      "Summarize the picture in one sentence.", "Briefly describe the shapes in the image."};
  return prompts;
}

Json conversation(const ShapesSample& s, const std::vector<std::pair<std::string, std::string>>& turns) {
  Json conv = Json::array();
  for (size_t t = 0; t < turns.size(); ++t) {
    conv.push_back(Json{{"from", "human"}, {"value", (t == 0 ? "<image>\n" : "") + turns[t].first}});
    conv.push_back(Json{{"from", "gpt"}, {"value", turns[t].second}});
  }
  return Json{{"id", s.id}, {"image", s.image}, {"conversations", std::move(conv)}};
}

// What each patch of each image shows (the format is in shapes_vqa.h).
Json patchWords(const std::vector<ShapesSample>& samples, int grid) {
  Json images = Json::object();
  for (const auto& s : samples) {
    Json objects = Json::array();
    for (const auto& shape : s.scene.shapes)
      objects.push_back(std::string(sizeName(shape.size)) + " " + colourName(shape.colour) + " " + kindName(shape.kind));
    std::string cells;
    for (int owner : shapes::patchOwners(s.scene, grid)) cells += owner < 0 ? '.' : static_cast<char>('0' + owner);
    images[s.image] = Json{{"objects", std::move(objects)}, {"cells", std::move(cells)}};
  }
  return Json{{"grid", grid}, {"images", std::move(images)}};
}

void ensureDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw engine::EngineError("cannot create output directory " + dir.string() + (ec ? ": " + ec.message() : ""));
  // create_directories succeeds on an existing read-only directory; find out now, not after
  // minutes of rendering.
  const fs::path probe = dir / ".llavolta-write-test";
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    if (!out) throw engine::EngineError("output directory " + dir.string() + " is not writable");
  }
  fs::remove(probe, ec);
}

// Renders and writes every image, on options.threads threads (the caller's one included).
void writeImages(const ShapesOptions& o, const std::vector<ShapesSample>& samples, const fs::path& dir,
                 const std::function<bool(int, int)>& onProgress) {
  const int total = static_cast<int>(samples.size());
  std::atomic<int> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto work = [&](bool reports) {
    for (;;) {
      if (stop) return;
      const int i = next++;
      if (i >= total) return;
      try {
        writePng(renderScene(samples[i].scene), dir / samples[i].image);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failureMutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
      const int d = ++done;
      if (reports && onProgress && !onProgress(d, total)) stop = true;
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < o.threads; ++t) workers.emplace_back(work, false);
  work(true);
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
  if (stop) throw engine::EngineError("Shapes-VQA generation cancelled after " + std::to_string(done.load()) + " images");
  if (onProgress) onProgress(total, total);
}

}  // namespace

ShapesDatasetSummary writeShapesDataset(const ShapesOptions& options, const std::string& outDir,
                                        const std::function<bool(int, int)>& onProgress) {
  ShapesGenerator generator(options);
  if (options.threads < 1)
    throw engine::EngineError("Shapes-VQA: threads must be at least 1, got " + std::to_string(options.threads));
  const fs::path dir(outDir);
  ensureDirectory(dir);
  ensureDirectory(dir / "images");

  std::vector<ShapesSample> samples;
  samples.reserve(options.count);
  for (int i = 0; i < options.count; ++i) samples.push_back(generator.sample(i));
  writeImages(options, samples, dir, onProgress);

  ShapesDatasetSummary summary;
  summary.images = options.count;
  const bool train = options.split == ShapesOptions::Train;
  if (train) {
    Json conversations = Json::array(), captions = Json::array(), sceneText = Json::array();
    for (const auto& s : samples) {
      std::vector<std::pair<std::string, std::string>> turns;
      Json categories = Json::array(), subjects = Json::array();
      for (const auto& qa : s.qa) {
        turns.emplace_back(questionText(options, qa, s.index, static_cast<int>(turns.size())), qa.answer);
        if (options.sceneText && qa.category != QuestionCategory::Position && qa.category != QuestionCategory::Spatial)
          sceneText.push_back(
              Json{{"id", s.id + "-t" + std::to_string(turns.size() - 1)},
                   {"conversations", {{{"from", "human"}, {"value", s.caption + "\n" + turns.back().first}},
                                      {{"from", "gpt"}, {"value", qa.answer}}}},
                   {"categories", Json::array({categoryName(qa.category)})}});
        categories.push_back(categoryName(qa.category));
        subjects.push_back(qa.subjects);
        ++summary.perCategory[static_cast<int>(qa.category)];
        ++summary.questions;
      }
      if (options.separateQuestions) {
        for (size_t t = 0; t < turns.size(); ++t) {
          Json entry = conversation(s, {turns[t]});
          entry["id"] = s.id + "-q" + std::to_string(t);
          entry["categories"] = Json::array({categories[t]});
          if (options.patchWordGrid > 0) entry["subjects"] = Json::array({subjects[t]});
          conversations.push_back(std::move(entry));
        }
      } else {
        Json entry = conversation(s, turns);
        entry["categories"] = std::move(categories);  // extra key: LLaVA loaders ignore it
        if (options.patchWordGrid > 0) entry["subjects"] = std::move(subjects);
        conversations.push_back(std::move(entry));
      }
      const auto& prompt = captionPrompts()[static_cast<size_t>(s.index) % captionPrompts().size()];
      captions.push_back(conversation(s, {{prompt, s.caption}}));
    }
    writeText(dir / "train.json", conversations.dump(1) + "\n");
    writeText(dir / "captions.json", captions.dump(1) + "\n");
    if (options.patchWordGrid > 0) writeText(dir / "patch_words.json", patchWords(samples, options.patchWordGrid).dump() + "\n");
    if (options.sceneText) writeText(dir / "scene_text.json", sceneText.dump(1) + "\n");
  } else {
    std::string questions, answers;
    for (const auto& s : samples) {
      for (const auto& qa : s.qa) {
        const int id = summary.questions++;
        ++summary.perCategory[static_cast<int>(qa.category)];
        questions += Json{{"question_id", id}, {"image", s.image}, {"text", questionText(options, qa, s.index, 0)},
                          {"category", categoryName(qa.category)}}
                         .dump() +
                     "\n";
        answers += Json{{"question_id", id}, {"answer", qa.answer}, {"category", categoryName(qa.category)}}.dump() +
                   "\n";
      }
    }
    writeText(dir / "questions.jsonl", questions);
    writeText(dir / "answers.jsonl", answers);
  }

  Json files = train ? Json{"train.json", "captions.json"} : Json{"questions.jsonl", "answers.jsonl"};
  if (train && options.patchWordGrid > 0) files.push_back("patch_words.json");
  if (train && options.sceneText) files.push_back("scene_text.json");
  files.push_back("images/");
  Json perCategory = Json::object();
  for (int c = 0; c < kQuestionCategoryCount; ++c)
    perCategory[categoryName(static_cast<QuestionCategory>(c))] = summary.perCategory[c];
  Json meta{{"generator", "shapes-vqa"},
            {"generator_version", kShapesGeneratorVersion},
            {"seed", options.seed},
            {"split", train ? "train" : "test"},
            {"count", options.count},
            {"image_size", options.imageSize},
            {"image_folder", "."},
            {"questions", summary.questions},
            {"label_probability", options.labelProbability},
            {"short_answer_hint", options.shortAnswerHint},
            {"hint_share", train && options.shortAnswerHint ? options.hintShare : (options.shortAnswerHint ? 1.0 : 0.0)},
            {"paraphrase_share", train ? options.paraphraseShare : 0.0},
            {"separate_questions", train && options.separateQuestions},
            {"patch_word_grid", train ? options.patchWordGrid : 0},
            {"scene_text", train && options.sceneText},
            {"categories", std::move(perCategory)},
            {"files", files}};
  writeText(dir / "meta.json", meta.dump(2) + "\n");
  return summary;
}

}  // namespace llavolta::training
