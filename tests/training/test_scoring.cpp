// Shapes-VQA answer normalisation and accuracy per category.
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "training/question_file.h"
#include "training/scoring.h"
#include "support/check.h"

using namespace llavolta::training;

class ScoringTest : public check::Suite {
 public:
  void normalisation_data() {
    check::addColumn<std::string>("input");
    check::addColumn<std::string>("expected");
    check::newRow("case and period") << "Red." << "red";
    check::newRow("article and spaces") << "  The   Circle " << "circle";
    check::newRow("an") << "An ellipse!" << "ellipse";
    check::newRow("number word") << "three" << "3";
    check::newRow("twenty") << "Twenty" << "20";
    check::newRow("zero") << "zero" << "0";
    check::newRow("digits stay") << "12" << "12";
    check::newRow("decimal") << "3.5" << "3.5";
    check::newRow("thousands") << "1,000" << "1000";
    check::newRow("apostrophe") << "It's blue" << "its blue";
    check::newRow("curly apostrophe") << "It\u2019s blue" << "its blue";
    check::newRow("hyphen") << "top-left" << "top left";
    check::newRow("grey") << "Grey" << "gray";
    check::newRow("comma list") << "red, green" << "red green";
    check::newRow("empty") << "?!" << "";
    check::newRow("letter answer") << "A" << "a";  // an article only when a word follows
    check::newRow("article before word") << "a red circle" << "red circle";
  }
  DATA_TEST(normalisation) {
    FETCH(std::string, input);
    FETCH(std::string, expected);
    COMPARE(normalizeAnswer(input), expected);
  }

  void matching_data() {
    check::addColumn<std::string>("prediction");
    check::addColumn<std::string>("truth");
    check::addColumn<bool>("correct");
    check::newRow("exact") << "red" << "red" << true;
    check::newRow("sentence") << "It is red." << "red" << true;
    check::newRow("contraction") << "It's red" << "red" << true;
    check::newRow("colour sentence") << "The colour is blue." << "blue" << true;
    check::newRow("count words") << "There are three circles." << "3" << true;
    check::newRow("count digit") << "3 circles" << "three" << true;
    check::newRow("count wrong") << "There are four." << "3" << false;
    check::newRow("none is zero") << "None." << "0" << true;
    check::newRow("yes variant") << "Yes, there is." << "yes" << true;
    check::newRow("yeah") << "Yeah" << "Yes" << true;
    check::newRow("nope") << "Nope." << "no" << true;
    check::newRow("there is no") << "There is no red circle." << "no" << true;
    check::newRow("yes vs no") << "Yes" << "no" << false;
    check::newRow("other colour") << "blue" << "red" << false;
    check::newRow("two words") << "Top left." << "top left" << true;
    check::newRow("two words hyphen") << "top-left corner" << "top left" << true;
    check::newRow("two words wrong") << "top right" << "top left" << false;
    check::newRow("gray/grey") << "grey" << "gray" << true;
    check::newRow("answer is") << "The answer is 7" << "7" << true;
    check::newRow("shape sentence") << "The shape is a triangle." << "triangle" << true;
    check::newRow("filler equals truth") << "shape" << "shape" << true;
    check::newRow("empty prediction") << "" << "red" << false;
    check::newRow("digit letter") << "The digit is 4." << "4" << true;
  }
  DATA_TEST(matching) {
    FETCH(std::string, prediction);
    FETCH(std::string, truth);
    FETCH(bool, correct);
    COMPARE(isCorrect(prediction, truth), correct);
  }

  TEST(extractionReadsTheAnswer) {
    COMPARE(extractAnswer("It is red.", "red"), std::string("red"));
    COMPARE(extractAnswer("There are three circles.", "3"), std::string("3"));
    COMPARE(extractAnswer("Yep!", "no"), std::string("yes"));
    COMPARE(extractAnswer("Bottom right of the image", "bottom right"), std::string("bottom right"));
  }

  TEST(fineDetailLetters) {
    // Letters and digits of the fine-detail category: the letter "A" is not an article.
    VERIFY(isCorrect("A", "A"));
    VERIFY(isCorrect("The letter is A.", "A"));
    VERIFY(isCorrect("a", "A"));
    VERIFY(isCorrect("The letter is K.", "K"));
    VERIFY(!isCorrect("B", "A"));
    VERIFY(isCorrect("A circle.", "circle"));
  }

  TEST(accuracyPerCategory) {
    const std::vector<GroundTruth> truth = {
        {{"1", true}, "red", "colour"},      {{"2", true}, "blue", "colour"},  {{"3", true}, "3", "count"},
        {{"4", true}, "yes", "existence"},   {{"5", true}, "no", "existence"}, {{"6", true}, "left", "position"},
        {{"7", false}, "circle", ""},
    };
    const std::vector<Answer> preds = {
        {{"1", true}, "q", "It is red.", "", "m"},  {{"2", true}, "q", "green", "", "m"},
        {{"3", true}, "q", "three", "", "m"},       {{"4", true}, "q", "Yes", "", "m"},
        {{"5", true}, "q", "No.", "", "m"},         {{"7", false}, "q", "A circle", "", "m"},
        {{"99", true}, "q", "extra", "", "m"},  // not in the ground truth
    };
    const Accuracy acc = computeAccuracy(preds, truth);
    COMPARE(acc.total, int64_t(7));
    COMPARE(acc.correct, int64_t(5));
    COMPARE(acc.missing, int64_t(1));  // question 6
    COMPARE(acc.unmatched, int64_t(1));
    VERIFY(std::abs(acc.overall - 5.0 / 7.0) < 1e-12);
    COMPARE(acc.perCategory.size(), size_t(5));
    COMPARE(acc.perCategory.at("colour").total, int64_t(2));
    COMPARE(acc.perCategory.at("colour").correct, int64_t(1));
    COMPARE(acc.perCategory.at("colour").accuracy(), 0.5);
    COMPARE(acc.perCategory.at("count").correct, int64_t(1));
    COMPARE(acc.perCategory.at("existence").correct, int64_t(2));
    COMPARE(acc.perCategory.at("position").correct, int64_t(0));
    COMPARE(acc.perCategory.at("").correct, int64_t(1));

    const nlohmann::json j = acc;
    COMPARE(j.at("total").get<int64_t>(), int64_t(7));
    COMPARE(j.at("per_category").at("existence").at("accuracy").get<double>(), 1.0);

    std::vector<Answer> dup = preds;
    dup.push_back(preds[0]);
    bool threw = false;
    try {
      computeAccuracy(dup, truth);
    } catch (const llavolta::engine::EngineError& e) {
      threw = std::string(e.what()).find("question_id 1") != std::string::npos;
    }
    VERIFY(threw);
    COMPARE(computeAccuracy({}, {}).overall, 0.0);
  }

  TEST(standardErrorIsTheBinomialOne) {
    VERIFY(std::abs(CategoryScore{100, 25}.standardError() - std::sqrt(0.25 * 0.75 / 100)) < 1e-12);
    COMPARE(CategoryScore{}.standardError(), 0.0);
    COMPARE((CategoryScore{10, 10}.standardError()), 0.0);
    std::vector<GroundTruth> truth{{{"1", true}, "red", "colour"}, {{"2", true}, "3", "count"}};
    const nlohmann::json j = computeAccuracy({{{"1", true}, "", "red", "", ""}}, truth);
    VERIFY(std::abs(j.at("standard_error").get<double>() - 0.5 / std::sqrt(2.0)) < 1e-12);
    COMPARE(j.at("per_category").at("colour").at("standard_error").get<double>(), 0.0);
  }

  // Exact values from the binomial sums (Python: 2 * sum(comb(n, i) for i <= k) / 2**n).
  TEST(mcnemarExactPValues) {
    COMPARE(mcnemarExactPValue(0, 0), 1.0);
    COMPARE(mcnemarExactPValue(5, 5), 1.0);
    COMPARE(mcnemarExactPValue(1, 0), 1.0);
    VERIFY(std::abs(mcnemarExactPValue(3, 0) - 0.25) < 1e-12);
    VERIFY(std::abs(mcnemarExactPValue(10, 0) - 2.0 / 1024.0) < 1e-12);
    VERIFY(std::abs(mcnemarExactPValue(25, 15) - 0.1538599441628321) < 1e-9);
    VERIFY(std::abs(mcnemarExactPValue(15, 25) - 0.1538599441628321) < 1e-9);
    VERIFY(std::abs(mcnemarExactPValue(600, 540) - 0.08051743870793851) < 1e-9);
    VERIFY(mcnemarExactPValue(900, 700) < 1e-5);
    VERIFY_THROWS(llavolta::engine::EngineError, mcnemarExactPValue(-1, 2));
  }

  TEST(pairedComparisonCountsDiscordantQuestions) {
    std::vector<GroundTruth> truth;
    std::vector<Answer> a, b;
    // 30 questions: both right on 10, only A on 12, only B on 2, both wrong on 6 (B misses 3 of
    // its wrong ones entirely: a missing answer counts as wrong).
    for (int i = 0; i < 30; ++i) {
      const std::string id = std::to_string(i);
      truth.push_back({{id, true}, "red", i % 2 ? "colour" : "shape"});
      const bool aRight = i < 22, bRight = i < 10 || (i >= 22 && i < 24);
      a.push_back({{id, true}, "", aRight ? "Red." : "blue", "", ""});
      if (i >= 27) continue;
      b.push_back({{id, true}, "", bRight ? "red" : "green", "", ""});
    }
    const auto c = compareAnswers(a, b, truth);
    COMPARE(c.bothCorrect, int64_t(10));
    COMPARE(c.onlyA, int64_t(12));
    COMPARE(c.onlyB, int64_t(2));
    COMPARE(c.bothWrong, int64_t(6));
    COMPARE(c.a.correct, int64_t(22));
    COMPARE(c.b.correct, int64_t(12));
    COMPARE(c.b.missing, int64_t(3));
    VERIFY(std::abs(c.pValue - mcnemarExactPValue(12, 2)) < 1e-15);
    VERIFY(c.significant());
    const nlohmann::json j = c;
    COMPARE(j.at("only_a").get<int64_t>(), int64_t(12));
    COMPARE(j.at("test").get<std::string>(), std::string("McNemar exact (two-sided)"));
    VERIFY(std::abs(j.at("difference").get<double>() - 10.0 / 30.0) < 1e-12);
    // The same answers on both sides: nothing discordant, p = 1.
    COMPARE(compareAnswers(a, a, truth).pValue, 1.0);
  }
};

LLAVOLTA_TEST_MAIN(ScoringTest)
