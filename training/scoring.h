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

// Binomial standard error of a proportion p over n trials, sqrt(p (1 - p) / n); 0 when n <= 0.
double binomialStandardError(double p, int64_t n);

struct CategoryScore {
  int64_t total = 0;
  int64_t correct = 0;
  double accuracy() const { return total > 0 ? static_cast<double>(correct) / static_cast<double>(total) : 0.0; }
  // Binomial standard error of accuracy(), sqrt(p (1 - p) / n); 0 without questions.
  double standardError() const;
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

// {"overall", "standard_error", "correct", "total", "missing", "unmatched",
//  "per_category": {name: {"accuracy", "standard_error", "correct", "total"}}}
void to_json(nlohmann::json& j, const Accuracy& accuracy);

// Two models' answers to the same questions, question by question: McNemar's exact test on
// the discordant pairs (two-sided binomial test of onlyA against onlyA + onlyB at 1/2), the
// paired test for "do these two rows of a table differ". A question without a prediction
// counts as wrong, as in computeAccuracy.
struct PairedComparison {
  Accuracy a, b;
  int64_t bothCorrect = 0, onlyA = 0, onlyB = 0, bothWrong = 0;
  double pValue = 1.0;  // McNemar's exact two-sided p-value (1 when no pair is discordant)
  // Significant at `alpha` (two-sided).
  bool significant(double alpha = 0.05) const { return pValue < alpha; }
};
// Two-sided exact McNemar p-value for b and c discordant pairs: min(1, 2 P[X <= min(b, c)])
// with X ~ Binomial(b + c, 1/2).
double mcnemarExactPValue(int64_t onlyA, int64_t onlyB);
PairedComparison compareAnswers(const std::vector<Answer>& a, const std::vector<Answer>& b,
                                const std::vector<GroundTruth>& truth);
// {"a": Accuracy, "b": Accuracy, "both_correct", "only_a", "only_b", "both_wrong",
//  "difference" (a - b overall), "test": "McNemar exact (two-sided)", "p_value"}
void to_json(nlohmann::json& j, const PairedComparison& comparison);

}  // namespace llavolta::training
