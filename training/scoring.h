#pragma once
// Shapes-VQA scoring: short free-form answers compared after normalisation, accuracy
// overall and per question category.
//
// normalizeAnswer: ASCII lowercase; apostrophes dropped ("it's" -> "its"); other
// punctuation becomes a space, except a '.' or ',' between digits ("3.5" stays); the
// articles a/an/the removed when a word follows them (so the letter answer "A" stays "a");
// number words zero..twenty -> digits; "grey" -> "gray"; whitespace collapsed and trimmed.
//
// extractAnswer (a prediction read against its ground truth): after normalising both, leading
// filler words of a sentence ("it is", "there are", "the answer is", "i think", "the colour
// is", ...) are skipped, then
// - a yes/no ground truth takes the first word, with its variants (yeah, yep, true, correct
//   / nope, false, not, ...) mapped to yes/no;
// - a one-word ground truth takes the first word ("It is red." -> "red", "There are three
//   circles." -> "3"); "none" counts as "0" when the ground truth is a number;
// - a k-word ground truth takes the first k words.
// This is a reader for short answers, so it can be fooled ("red or blue" reads as "red");
// the models it scores are prompted for a single word or number.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "training/question_file.h"

namespace llavolta::training {

std::string normalizeAnswer(const std::string& text);
// The normalised answer `prediction` gives, read against `groundTruth` (see above).
std::string extractAnswer(const std::string& prediction, const std::string& groundTruth);
// extractAnswer(prediction, groundTruth) == normalizeAnswer(groundTruth).
bool isCorrect(const std::string& prediction, const std::string& groundTruth);

struct CategoryScore {
  int64_t total = 0;
  int64_t correct = 0;
  double accuracy() const { return total > 0 ? static_cast<double>(correct) / static_cast<double>(total) : 0.0; }
};

struct Accuracy {
  int64_t total = 0;      // ground-truth questions
  int64_t correct = 0;
  double overall = 0.0;   // correct / total (0 when there are no questions)
  int64_t missing = 0;    // questions without a prediction, scored as wrong
  int64_t unmatched = 0;  // predictions for questions not in the ground truth, ignored
  std::map<std::string, CategoryScore> perCategory;  // "" for questions without a category
};

// Scores predictions (matched by question_id) against the ground truth. EngineError when
// two predictions answer the same question.
Accuracy computeAccuracy(const std::vector<Answer>& predictions, const std::vector<GroundTruth>& truth);

// {"overall", "correct", "total", "missing", "unmatched",
//  "per_category": {name: {"accuracy", "correct", "total"}}}
void to_json(nlohmann::json& j, const Accuracy& accuracy);

}  // namespace llavolta::training
