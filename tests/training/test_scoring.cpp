// Shapes-VQA answer normalisation and accuracy per category.
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "training/question_file.h"
#include "training/scoring.h"

#include <QtTest>

using namespace llavolta::training;

class ScoringTest : public QObject {
  Q_OBJECT

 private slots:
  void normalisation_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("case and period") << "Red." << "red";
    QTest::newRow("article and spaces") << "  The   Circle " << "circle";
    QTest::newRow("an") << "An ellipse!" << "ellipse";
    QTest::newRow("number word") << "three" << "3";
    QTest::newRow("twenty") << "Twenty" << "20";
    QTest::newRow("zero") << "zero" << "0";
    QTest::newRow("digits stay") << "12" << "12";
    QTest::newRow("decimal") << "3.5" << "3.5";
    QTest::newRow("thousands") << "1,000" << "1000";
    QTest::newRow("apostrophe") << "It's blue" << "its blue";
    QTest::newRow("curly apostrophe") << "It\u2019s blue" << "its blue";
    QTest::newRow("hyphen") << "top-left" << "top left";
    QTest::newRow("grey") << "Grey" << "gray";
    QTest::newRow("comma list") << "red, green" << "red green";
    QTest::newRow("empty") << "?!" << "";
    QTest::newRow("letter answer") << "A" << "a";  // an article only when a word follows
    QTest::newRow("article before word") << "a red circle" << "red circle";
  }
  void normalisation() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(normalizeAnswer(input.toStdString())), expected);
  }

  void matching_data() {
    QTest::addColumn<QString>("prediction");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<bool>("correct");
    QTest::newRow("exact") << "red" << "red" << true;
    QTest::newRow("sentence") << "It is red." << "red" << true;
    QTest::newRow("contraction") << "It's red" << "red" << true;
    QTest::newRow("colour sentence") << "The colour is blue." << "blue" << true;
    QTest::newRow("count words") << "There are three circles." << "3" << true;
    QTest::newRow("count digit") << "3 circles" << "three" << true;
    QTest::newRow("count wrong") << "There are four." << "3" << false;
    QTest::newRow("none is zero") << "None." << "0" << true;
    QTest::newRow("yes variant") << "Yes, there is." << "yes" << true;
    QTest::newRow("yeah") << "Yeah" << "Yes" << true;
    QTest::newRow("nope") << "Nope." << "no" << true;
    QTest::newRow("there is no") << "There is no red circle." << "no" << true;
    QTest::newRow("yes vs no") << "Yes" << "no" << false;
    QTest::newRow("other colour") << "blue" << "red" << false;
    QTest::newRow("two words") << "Top left." << "top left" << true;
    QTest::newRow("two words hyphen") << "top-left corner" << "top left" << true;
    QTest::newRow("two words wrong") << "top right" << "top left" << false;
    QTest::newRow("gray/grey") << "grey" << "gray" << true;
    QTest::newRow("answer is") << "The answer is 7" << "7" << true;
    QTest::newRow("shape sentence") << "The shape is a triangle." << "triangle" << true;
    QTest::newRow("filler equals truth") << "shape" << "shape" << true;
    QTest::newRow("empty prediction") << "" << "red" << false;
    QTest::newRow("digit letter") << "The digit is 4." << "4" << true;
  }
  void matching() {
    QFETCH(QString, prediction);
    QFETCH(QString, truth);
    QFETCH(bool, correct);
    QCOMPARE(isCorrect(prediction.toStdString(), truth.toStdString()), correct);
  }

  void extractionReadsTheAnswer() {
    QCOMPARE(extractAnswer("It is red.", "red"), std::string("red"));
    QCOMPARE(extractAnswer("There are three circles.", "3"), std::string("3"));
    QCOMPARE(extractAnswer("Yep!", "no"), std::string("yes"));
    QCOMPARE(extractAnswer("Bottom right of the image", "bottom right"), std::string("bottom right"));
  }

  void fineDetailLetters() {
    // Letters and digits of the fine-detail category: the letter "A" is not an article.
    QVERIFY(isCorrect("A", "A"));
    QVERIFY(isCorrect("The letter is A.", "A"));
    QVERIFY(isCorrect("a", "A"));
    QVERIFY(isCorrect("The letter is K.", "K"));
    QVERIFY(!isCorrect("B", "A"));
    QVERIFY(isCorrect("A circle.", "circle"));
  }

  void accuracyPerCategory() {
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
    QCOMPARE(acc.total, int64_t(7));
    QCOMPARE(acc.correct, int64_t(5));
    QCOMPARE(acc.missing, int64_t(1));  // question 6
    QCOMPARE(acc.unmatched, int64_t(1));
    QVERIFY(std::abs(acc.overall - 5.0 / 7.0) < 1e-12);
    QCOMPARE(acc.perCategory.size(), size_t(5));
    QCOMPARE(acc.perCategory.at("colour").total, int64_t(2));
    QCOMPARE(acc.perCategory.at("colour").correct, int64_t(1));
    QCOMPARE(acc.perCategory.at("colour").accuracy(), 0.5);
    QCOMPARE(acc.perCategory.at("count").correct, int64_t(1));
    QCOMPARE(acc.perCategory.at("existence").correct, int64_t(2));
    QCOMPARE(acc.perCategory.at("position").correct, int64_t(0));
    QCOMPARE(acc.perCategory.at("").correct, int64_t(1));

    const nlohmann::json j = acc;
    QCOMPARE(j.at("total").get<int64_t>(), int64_t(7));
    QCOMPARE(j.at("per_category").at("existence").at("accuracy").get<double>(), 1.0);

    std::vector<Answer> dup = preds;
    dup.push_back(preds[0]);
    bool threw = false;
    try {
      computeAccuracy(dup, truth);
    } catch (const llavolta::engine::EngineError& e) {
      threw = std::string(e.what()).find("question_id 1") != std::string::npos;
    }
    QVERIFY(threw);
    QCOMPARE(computeAccuracy({}, {}).overall, 0.0);
  }

  void standardErrorIsTheBinomialOne() {
    QVERIFY(std::abs(CategoryScore{100, 25}.standardError() - std::sqrt(0.25 * 0.75 / 100)) < 1e-12);
    QCOMPARE(CategoryScore{}.standardError(), 0.0);
    QCOMPARE((CategoryScore{10, 10}.standardError()), 0.0);
    std::vector<GroundTruth> truth{{{"1", true}, "red", "colour"}, {{"2", true}, "3", "count"}};
    const nlohmann::json j = computeAccuracy({{{"1", true}, "", "red", "", ""}}, truth);
    QVERIFY(std::abs(j.at("standard_error").get<double>() - 0.5 / std::sqrt(2.0)) < 1e-12);
    QCOMPARE(j.at("per_category").at("colour").at("standard_error").get<double>(), 0.0);
  }

  // Exact values from the binomial sums (Python: 2 * sum(comb(n, i) for i <= k) / 2**n).
  void mcnemarExactPValues() {
    QCOMPARE(mcnemarExactPValue(0, 0), 1.0);
    QCOMPARE(mcnemarExactPValue(5, 5), 1.0);
    QCOMPARE(mcnemarExactPValue(1, 0), 1.0);
    QVERIFY(std::abs(mcnemarExactPValue(3, 0) - 0.25) < 1e-12);
    QVERIFY(std::abs(mcnemarExactPValue(10, 0) - 2.0 / 1024.0) < 1e-12);
    QVERIFY(std::abs(mcnemarExactPValue(25, 15) - 0.1538599441628321) < 1e-9);
    QVERIFY(std::abs(mcnemarExactPValue(15, 25) - 0.1538599441628321) < 1e-9);
    QVERIFY(std::abs(mcnemarExactPValue(600, 540) - 0.08051743870793851) < 1e-9);
    QVERIFY(mcnemarExactPValue(900, 700) < 1e-5);
    QVERIFY_THROWS_EXCEPTION(llavolta::engine::EngineError, mcnemarExactPValue(-1, 2));
  }

  void pairedComparisonCountsDiscordantQuestions() {
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
    QCOMPARE(c.bothCorrect, int64_t(10));
    QCOMPARE(c.onlyA, int64_t(12));
    QCOMPARE(c.onlyB, int64_t(2));
    QCOMPARE(c.bothWrong, int64_t(6));
    QCOMPARE(c.a.correct, int64_t(22));
    QCOMPARE(c.b.correct, int64_t(12));
    QCOMPARE(c.b.missing, int64_t(3));
    QVERIFY(std::abs(c.pValue - mcnemarExactPValue(12, 2)) < 1e-15);
    QVERIFY(c.significant());
    const nlohmann::json j = c;
    QCOMPARE(j.at("only_a").get<int64_t>(), int64_t(12));
    QCOMPARE(j.at("test").get<std::string>(), std::string("McNemar exact (two-sided)"));
    QVERIFY(std::abs(j.at("difference").get<double>() - 10.0 / 30.0) < 1e-12);
    // The same answers on both sides: nothing discordant, p = 1.
    QCOMPARE(compareAnswers(a, a, truth).pValue, 1.0);
  }
};

QTEST_GUILESS_MAIN(ScoringTest)
#include "test_scoring.moc"
