// ctest-labels: unit cli
// LLaVA-1.5's benchmarks: tiny fixture sets written here in each benchmark's real layout, scored
// with answers whose right score is worked out by hand from the metric's published definition
// (the comment at each check says how); the answer post-processing on the tricky cases; and the
// CLI end to end on a tiny random model (answers written, resumed, errors that name the file).
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "support/cli_process.h"
#include "support/check.h"
#include "training/evaluator.h"
#include "training/llava_benchmarks.h"
#include "training/run_records.h"

namespace fs = std::filesystem;
using namespace llavolta::training;
using nlohmann::json;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string jsonl(const std::vector<json>& lines) {
  std::string out;
  for (const auto& l : lines) out += l.dump() + "\n";
  return out;
}

// A 24x24 binary PPM; any OpenCV build reads it.
int occurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

bool endsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::string ppm(int shade) {
  std::string px;
  for (int i = 0; i < 24 * 24; ++i) px += {static_cast<char>(shade), static_cast<char>(255 - shade), static_cast<char>(90)};
  return "P6\n24 24\n255\n" + px;
}

std::string base64(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], a[v & 63]};
  }
  if (bytes.size() - i == 1) {
    const uint32_t v = uint8_t(bytes[i]) << 16;
    out += {a[v >> 18], a[(v >> 12) & 63], '=', '='};
  } else if (bytes.size() - i == 2) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], '='};
  }
  return out;
}

Answer answer(const BenchmarkItem& item, const std::string& text) {
  Answer a;
  a.questionId = item.questionId;
  a.round = item.round;
  a.prompt = item.answerPrompt();
  a.text = text;
  return a;
}

// Answers for a benchmark's items in order.
std::vector<Answer> answers(const Benchmark& b, const std::vector<std::string>& texts) {
  std::vector<Answer> out;
  for (size_t k = 0; k < texts.size() && k < b.items().size(); ++k) out.push_back(answer(b.items()[k], texts[k]));
  return out;
}

double metricOf(const BenchmarkScore& s, std::initializer_list<const char*> path) {
  const nlohmann::ordered_json* j = &s.details;
  for (const char* p : path) j = &j->at(p);
  return j->is_object() ? j->at("value").get<double>() : j->get<double>();
}

#define VERIFY_NEAR(actual, expected) \
  VERIFY_MSG(std::abs((actual) - (expected)) < 1e-6, check::text((actual), " != ", (expected)))

}  // namespace

class LlavaBenchmarksTest : public check::Suite {
  check::TempDir tmp_;
  fs::path root() const { return fs::path(tmp_.path()); }

 public:
  // ---- the answer post-processing ---------------------------------------------------------

  void vqaNormaliser_data() {
    check::addColumn<std::string>("input");
    check::addColumn<std::string>("expected");
    check::newRow("number word") << "Two" << "2";
    check::newRow("article") << "a dog" << "dog";
    check::newRow("the, case, mark") << "The Dog!" << "dog";
    check::newRow("contraction restored") << "dont" << "don't";
    check::newRow("contraction kept") << "isn't" << "isn't";
    check::newRow("period dropped") << "yes." << "yes";
    check::newRow("decimal kept") << "3.5" << "3.5";
    check::newRow("thousands comma") << "1,000" << "1000";
    check::newRow("possessive split") << "man's hat" << "man 's hat";
    check::newRow("hyphen inside a word") << "t-shirt" << "t shirt";
    check::newRow("hyphen beside a space") << "no - way" << "no way";
    check::newRow("none") << "none" << "0";
    check::newRow("question mark") << "what?" << "what";
    check::newRow("capital key never matches") << "Ive" << "ive";
  }
  DATA_TEST(vqaNormaliser) {
    FETCH(std::string, input);
    FETCH(std::string, expected);
    COMPARE(vqaNormalizeAnswer(input), expected);
  }

  TEST(vqaSoftAccuracyAveragesOverLeaveOneOut) {
    // 3 of 10 annotators said "2": each of those 3 leaves 2 matches (2/3), the 7 others leave 3
    // (capped at 1): (3 * 2/3 + 7) / 10 = 0.9. "two" normalises to "2".
    std::vector<std::string> gt(3, "2");
    gt.insert(gt.end(), 7, "3");
    VERIFY_NEAR(vqaSoftAccuracy("two", gt), 0.9);
    VERIFY_NEAR(vqaSoftAccuracy("3", gt), 1.0);
    VERIFY_NEAR(vqaSoftAccuracy("4", gt), 0.0);
    // 2 of 10 said "a dog": (2 * 1/3 + 8 * 2/3) / 10 = 0.6.
    std::vector<std::string> dog(2, "a dog");
    dog.insert(dog.end(), 8, "cat");
    VERIFY_NEAR(vqaSoftAccuracy("dog", dog), 0.6);
  }

  TEST(answerExtraction) {
    // POPE: the first sentence; "No", "no" or "not" as a word means no, anything else yes.
    VERIFY(popeSaysYes("Yes, there is a dog in the image."));
    VERIFY(!popeSaysYes("No, there is no dog."));
    VERIFY(!popeSaysYes("There is not a cat"));
    VERIFY(popeSaysYes("Yes. There is no cat"));  // only the first sentence counts
    VERIFY(popeSaysYes("NO"));                     // LLaVA's rule: "NO" is not one of the words
    // ScienceQA: "B", "B. text", exactly one "The answer is X."; letters beyond the choices fail.
    COMPARE(scienceQaChoice("B", 3), 1);
    COMPARE(scienceQaChoice("B. a cat", 3), 1);
    COMPARE(scienceQaChoice("Because of heat. The answer is C.", 3), 2);
    COMPARE(scienceQaChoice("The answer is B. The answer is C.", 3), -1);
    COMPARE(scienceQaChoice("D", 3), -1);
    COMPARE(scienceQaChoice("cat", 3), -1);
    // MME: yes/no, or found in the first four characters.
    COMPARE(mmeAnswer("Yes"), std::string("yes"));
    COMPARE(mmeAnswer("No, it is not."), std::string("no"));
    COMPARE(mmeAnswer("I think yes"), std::string("other"));
    // MMBench: one option letter standing alone, else the one option text contained.
    const std::vector<std::string> opts = {"cat", "dog", "bird"};
    COMPARE(mmbenchChoice("B", opts), 1);
    COMPARE(mmbenchChoice("The answer is (C).", opts), 2);
    COMPARE(mmbenchChoice("It is a dog", opts), 1);
    COMPARE(mmbenchChoice("A or B", opts), -1);
    COMPARE(mmbenchChoice("a fish", opts), -1);
  }

  // ---- each benchmark on a fixture in its real layout -------------------------------------

  TEST(gqa) {
    const fs::path d = root() / "gqa";
    write(d / "llava_gqa_testdev_balanced.jsonl",
          jsonl({{{"question_id", "201"}, {"image", "n1.jpg"}, {"text", "Is it overcast?\nAnswer the question using a single word or phrase."}},
                 {{"question_id", "202"}, {"image", "n1.jpg"}, {"text", "What colour is the car?\nAnswer the question using a single word or phrase."}},
                 {{"question_id", "203"}, {"image", "n2.jpg"}, {"text", "How many cats are there?\nAnswer the question using a single word or phrase."}}}));
    write(d / "data/testdev_balanced_questions.json",
          json{{"201", {{"answer", "yes"}, {"types", {{"structural", "verify"}, {"semantic", "global"}}}}},
               {"202", {{"answer", "red"}, {"types", {{"structural", "query"}, {"semantic", "attr"}}}}},
               {"203", {{"answer", "2"}, {"types", {{"structural", "query"}, {"semantic", "obj"}}}}}}
              .dump());
    fs::create_directories(d / "data/images");
    const auto b = Benchmark::open("gqa", d.string());
    COMPARE(b->items().size(), size_t(3));
    // The instruction is in LLaVA's text already and is not added twice.
    COMPARE(occurrences(b->items()[0].prompt, "single word"), 1);
    // "Yes." -> "yes" right; "red" right; "two" is not "2" (GQA does no number mapping): 2/3.
    const auto s = b->score(answers(*b, {"Yes.", "red", "two"}));
    VERIFY_NEAR(s.value, 200.0 / 3);
    COMPARE(s.scored, int64_t(2 + 1));
    VERIFY_NEAR(metricOf(s, {"structural", "query"}), 50.0);
    VERIFY_NEAR(metricOf(s, {"structural", "verify"}), 100.0);
    VERIFY_NEAR(s.standardError, 100 * std::sqrt((2.0 / 3) * (1.0 / 3) / 3));
    // An answer to a question the benchmark does not have is counted, not scored.
    auto extra = answers(*b, {"yes"});
    extra.push_back(extra[0]);
    extra.back().questionId = {"999", false};
    COMPARE(b->score(extra).unmatched, int64_t(1));
  }

  TEST(missingFilesNameTheFileAndItsSource) {
    const fs::path d = root() / "gqa-missing";
    write(d / "llava_gqa_testdev_balanced.jsonl", jsonl({{{"question_id", "1"}, {"image", "a.jpg"}, {"text", "q"}}}));
    llavolta::check::expectError([&] { Benchmark::open("gqa", d.string()); },
                                   {"testdev_balanced_questions.json", "is missing", "cs.stanford.edu"});
    llavolta::check::expectError([&] { Benchmark::open("pope", d.string()); }, {"llava_pope_test.jsonl", "eval.zip"});
    llavolta::check::expectError([&] { Benchmark::open("mm-vet", d.string()); }, {"not supported", "GPT-4"});
    llavolta::check::expectError([&] { Benchmark::open("imagenet", d.string()); }, {"unknown benchmark", "gqa"});
    llavolta::check::expectError([&] { Benchmark::open("gqa", (d / "nope").string()); }, {"does not exist"});
  }

  TEST(pope) {
    const fs::path d = root() / "pope";
    const char* suffix = "\nAnswer the question using a single word or phrase.";
    std::vector<json> q, random, adversarial;
    const std::vector<std::pair<std::string, std::string>> r = {{"dog", "yes"}, {"cat", "no"}, {"car", "yes"}, {"cup", "no"}};
    for (size_t k = 0; k < r.size(); ++k) {
      const std::string text = "Is there a " + r[k].first + " in the image?";
      q.push_back({{"question_id", 10000001 + int(k)}, {"image", "im" + std::to_string(k) + ".jpg"}, {"text", text + suffix}, {"category", "random"}});
      random.push_back({{"question_id", int(k) + 1}, {"image", "im" + std::to_string(k) + ".jpg"}, {"text", text}, {"label", r[k].second}});
    }
    for (int k = 0; k < 2; ++k) {
      q.push_back({{"question_id", k + 1}, {"image", "ad" + std::to_string(k) + ".jpg"}, {"text", std::string("Is there a bus in the imange?") + suffix}, {"category", "adversarial"}});
      adversarial.push_back({{"question_id", k + 1}, {"image", "ad" + std::to_string(k) + ".jpg"}, {"text", "Is there a bus in the image?"}, {"label", "yes"}});
    }
    adversarial.push_back({{"question_id", 3}, {"image", "ad9.jpg"}, {"text", "Is there a man?"}, {"label", "no"}});
    write(d / "llava_pope_test.jsonl", jsonl(q));
    write(d / "coco/coco_pope_random.json", jsonl(random));
    write(d / "coco/coco_pope_adversarial.json", jsonl(adversarial));
    fs::create_directories(d / "val2014");
    const auto b = Benchmark::open("pope", d.string());
    COMPARE(b->items().size(), size_t(6));
    COMPARE(b->loadNotes().size(), size_t(1));  // adversarial: 2 questions but 3 labels
    // random: said yes, no, no, yes against labels yes, no, yes, no: TP 1, TN 1, FN 1, FP 1, so
    // accuracy, precision, recall, F1 and yes-ratio are all 50. adversarial: yes, yes against
    // yes, yes: everything 100 except nothing to reject. Mean F1 of the splits = 75.
    const auto s = b->score(answers(*b, {"Yes, there is a dog in the image.", "No.", "There is not.", "Yes", "yes", "Yes"}));
    COMPARE(s.metric, std::string("f1"));
    VERIFY_NEAR(s.value, 75.0);
    for (const char* m : {"accuracy", "precision", "recall", "f1", "yes_ratio"}) VERIFY_NEAR(metricOf(s, {"random", m}), 50.0);
    VERIFY_NEAR(metricOf(s, {"adversarial", "f1"}), 100.0);
    VERIFY_NEAR(metricOf(s, {"adversarial", "yes_ratio"}), 100.0);
    // The "imange" typo of LLaVA's file against a fixed label file is noted and still scored.
    COMPARE(s.scored, int64_t(6));
    VERIFY(!s.notes.empty());
  }

  TEST(scienceQa) {
    const fs::path d = root() / "scienceqa";
    const auto entry = [](const std::string& id, bool image, const std::string& text) {
      json e{{"id", id}, {"conversations", {{{"from", "human"}, {"value", (image ? "<image>\n" : "") + text}}, {{"from", "gpt"}, {"value", "A"}}}}};
      if (image) e["image"] = id + "/image.png";
      return e;
    };
    write(d / "llava_test_CQM-A.json",
          json::array({entry("1", true, "Which is a mammal?\nA. a frog\nB. a cat\nC. a fish"),
                       entry("2", true, "Which is hot?\nA. fire\nB. ice"), entry("3", true, "Pick C\nA. x\nB. y\nC. z"),
                       entry("4", false, "Text only\nA. x\nB. y"), entry("5", true, "A validation question\nA. x\nB. y")})
              .dump());
    const auto problem = [](int choices, int answer, const char* subject) {
      return json{{"choices", std::vector<std::string>(size_t(choices), "c")}, {"answer", answer}, {"subject", subject}};
    };
    write(d / "problems.json", json{{"1", problem(3, 1, "natural science")}, {"2", problem(2, 0, "natural science")},
                                    {"3", problem(3, 2, "social science")}, {"4", problem(2, 0, "language science")},
                                    {"5", problem(2, 0, "language science")}}
                                   .dump());
    write(d / "pid_splits.json", json{{"test", {"1", "2", "3", "4"}}, {"val", {"5"}}}.dump());
    fs::create_directories(d / "images/test");
    const auto b = Benchmark::open("scienceqa", d.string());
    // The image questions of the test split: 1, 2 and 3 (4 is text-only, 5 is in val).
    COMPARE(b->items().size(), size_t(3));
    VERIFY(b->items()[0].prompt.find("Answer with the option's letter from the given choices directly.") != std::string::npos);
    VERIFY(b->items()[0].prompt.find("<image>") == std::string::npos);
    COMPARE(b->items()[0].answerPrompt().substr(0, 8), std::string("<image>\n"));
    // "The answer is B." -> B, right; "A. fire" -> A, right; "D" is not one of 3 choices: wrong
    // and unparsed. 2 of 3.
    const auto s = b->score(answers(*b, {"The answer is B.", "A. fire", "D"}));
    VERIFY_NEAR(s.value, 200.0 / 3);
    VERIFY_NEAR(metricOf(s, {"unparsed"}), 1.0);
    VERIFY_NEAR(metricOf(s, {"subject", "natural science"}), 100.0);
    VERIFY_NEAR(metricOf(s, {"subject", "social science"}), 0.0);
  }

  TEST(textVqaMatchesByImageAndQuestion) {
    const fs::path d = root() / "textvqa";
    const char* suffix = "\nAnswer the question using a single word or phrase.";
    // LLaVA's file: question_id is the image id, shared by the image's two questions.
    write(d / "llava_textvqa_val_v051_ocr.jsonl",
          jsonl({{{"question_id", "003a"}, {"image", "003a.jpg"}, {"text", std::string("what is written?\nReference OCR token: STOP") + suffix}},
                 {{"question_id", "003a"}, {"image", "003a.jpg"}, {"text", std::string("How many signs?\nReference OCR token: STOP") + suffix}}}));
    std::vector<std::string> first(3, "stop");
    first.insert(first.end(), 7, "stop sign");
    std::vector<std::string> second = {"two", "two", "2", "3", "3", "3", "3", "3", "3", "3"};
    write(d / "TextVQA_0.5.1_val.json",
          json{{"data", {{{"question_id", 100}, {"image_id", "003a"}, {"question", "what is written?"}, {"answers", first}},
                         {{"question_id", 101}, {"image_id", "003a"}, {"question", "how many signs?"}, {"answers", second}}}}}
              .dump());
    fs::create_directories(d / "train_images");
    const auto b = Benchmark::open("textvqa", d.string());
    // "Stop." -> "stop", said by 3 of 10: 0.9. "three" -> "3", said by 7: 1.0. Mean 0.95.
    const auto s = b->score(answers(*b, {"Stop.", "three"}));
    VERIFY_NEAR(s.value, 95.0);
    COMPARE(s.noTruth, int64_t(0));
  }

  TEST(vqav2ValAndTestDev) {
    const fs::path d = root() / "vqav2";
    write(d / "llava_vqav2_mscoco_val2014.jsonl",
          jsonl({{{"question_id", 1}, {"image", "v1.jpg"}, {"text", "Is it open?"}},
                 {{"question_id", 2}, {"image", "v2.jpg"}, {"text", "What animal?"}}}));
    json ann = {{"annotations", json::array()}};
    json a1 = {{"question_id", 1}, {"answer_type", "yes/no"}, {"answers", json::array()}};
    for (int k = 0; k < 10; ++k) a1["answers"].push_back({{"answer", "isn't"}, {"answer_id", k + 1}});
    json a2 = {{"question_id", 2}, {"answer_type", "other"}, {"answers", json::array()}};
    for (int k = 0; k < 10; ++k) a2["answers"].push_back({{"answer", k < 2 ? "a dog" : "cat"}, {"answer_id", k + 1}});
    ann["annotations"] = {a1, a2};
    write(d / "v2_mscoco_val2014_annotations.json", ann.dump());
    fs::create_directories(d / "val2014");
    const auto b = Benchmark::open("vqav2", d.string());
    VERIFY(b->hasGroundTruth());
    // "isnt" -> "isn't" (contraction table), all 10 agree: 1.0. "dog": 2 of 10 said "a dog": 0.6.
    const auto given = answers(*b, {"isnt", "Dog"});
    const auto s = b->score(given);
    VERIFY_NEAR(s.value, 80.0);
    VERIFY_NEAR(metricOf(s, {"answer_type", "other"}), 60.0);
    // The EvalAI submission: normalised answers, integer ids.
    const fs::path sub = d / "sub.json";
    b->writeSubmission(sub.string(), given);
    std::ifstream in(sub);
    const json j = json::parse(in);
    COMPARE(j.size(), size_t(2));
    COMPARE(j[0]["question_id"].get<int>(), 1);
    COMPARE(j[0]["answer"].get<std::string>(), std::string("isn't"));
    COMPARE(j[1]["answer"].get<std::string>(), std::string("dog"));

    // test-dev: no answers here; the submission file is the result.
    const fs::path t = root() / "vqav2-test";
    write(t / "llava_vqav2_mscoco_test-dev2015.jsonl", jsonl({{{"question_id", 7}, {"image", "t.jpg"}, {"text", "Why?"}}}));
    fs::create_directories(t / "test2015");
    const auto td = Benchmark::open("vqav2", t.string());
    VERIFY(!td->hasGroundTruth());
    COMPARE(td->submissionName(), std::string("vqav2-submission.json"));
  }

  TEST(mme) {
    const fs::path d = root() / "MME";
    const fs::path gt = d / "MME_Benchmark_release_version";
    const char* suffix = "\nAnswer the question using a single word or phrase.";
    std::vector<json> q;
    const auto ask = [&](const std::string& id, const std::string& question) {
      q.push_back({{"question_id", id}, {"image", id}, {"text", question + suffix}, {"category", id.substr(0, id.find('/'))}});
    };
    // existence (flat layout): two images, two questions each.
    write(gt / "existence/0001.txt", "Is there a dog in this image? Please answer yes or no.\tYes\n"
                                     "Is there a cat in this image? Please answer yes or no.\tNo\n");
    write(gt / "existence/0002.txt", "Is there a bus in this image? Please answer yes or no.\tYes\n"
                                     "Is there a car in this image? Please answer yes or no.\tNo\n");
    ask("existence/0001.jpg", "Is there a dog in this image?");
    ask("existence/0001.jpg", "Is there a cat in this image?");
    ask("existence/0002.jpg", "Is there a bus in this image?");
    ask("existence/0002.jpg", "Is there a car in this image?");
    // artwork (images/ + questions_answers_YN/).
    write(gt / "artwork/questions_answers_YN/10.txt", "Is this a painting? Please answer yes or no.\tYes\n"
                                                     "Is this a statue? Please answer yes or no.\tNo\n");
    fs::create_directories(gt / "artwork/images");
    ask("artwork/images/10.jpg", "Is this a painting?");
    ask("artwork/images/10.jpg", "Is this a statue?");
    // code_reasoning, a cognition task.
    write(gt / "code_reasoning/0020.txt", "Does it print 3? Please answer yes or no.\tYes\n"
                                          "Does it print 4? Please answer yes or no.\tNo\n");
    ask("code_reasoning/0020.png", "Does it print 3?");
    ask("code_reasoning/0020.png", "Does it print 4?");
    write(d / "llava_mme.jsonl", jsonl(q));
    const auto b = Benchmark::open("mme", d.string());
    // existence: 3 of 4 right (75) and one of two images fully right (50): 125.
    // artwork: 100 + 100 = 200. Perception 325. code_reasoning: "Maybe" is neither (wrong),
    // "No" right: 50 + 0 = 50 cognition.
    const auto s = b->score(answers(*b, {"Yes", "No", "Yes", "Yes", "Yes, it is.", "no", "Maybe", "No"}));
    COMPARE(s.unit, std::string("points"));
    VERIFY_NEAR(s.value, 325.0);
    VERIFY_NEAR(metricOf(s, {"cognition"}), 50.0);
    VERIFY_NEAR(s.details["subtasks"]["existence"]["accuracy_plus"].get<double>(), 50.0);
    COMPARE(s.noTruth, int64_t(0));
  }

  TEST(mmbenchCircular) {
    const fs::path d = root() / "mmbench";
    const std::string image = base64(ppm(40));
    // Row 2 reuses row 1's image by its index, and its hint holds a line break (quoted field).
    write(d / "mmbench_dev_20230712.tsv",
          "index\tquestion\thint\tA\tB\tC\tD\tanswer\tcategory\timage\n"
          "0\tWhich animal is it?\tnan\tcat\tdog\tbird\tnan\tB\tanimals\t" + image + "\n"
          "1\tHow is the weather?\t\"Look at the sky.\nIt is bright.\"\tSunny\tRainy\t\t\tA\tweather\t0\n");
    const auto b = Benchmark::open("mmbench", d.string());
    // 3 rotations of row 0 and 2 of row 1.
    COMPARE(b->items().size(), size_t(5));
    VERIFY(b->items()[1].prompt.find("A. dog\nB. bird\nC. cat") != std::string::npos);
    VERIFY(b->items()[3].prompt.find("Look at the sky.\nIt is bright.\nHow is the weather?") == 0);
    COMPARE(b->image(b->items()[3]).width, 24);
    // Row 0 (answer "dog"): right letters by round B, A, C; the third rotation is answered "A":
    // wrong, so the question fails circular evaluation but passes single-pass. Row 1 (answer
    // "Sunny"): right letters A, B; both right. Circular 1/2, single-pass 2/2.
    const auto s = b->score(answers(*b, {"B", "A", "A", "A", "The answer is B"}));
    VERIFY_NEAR(s.value, 50.0);
    VERIFY_NEAR(metricOf(s, {"single_pass_accuracy"}), 100.0);
    VERIFY_NEAR(metricOf(s, {"category", "weather"}), 100.0);
    Benchmark::OpenOptions single;
    single.circular = false;
    COMPARE(Benchmark::open("mmbench", d.string(), single)->items().size(), size_t(2));
  }

  TEST(mmbenchCnAsksInChinese) {
    const fs::path d = root() / "mmbench-cn";
    write(d / "mmbench_dev_cn_20231003.tsv", "index\tquestion\thint\tA\tB\tanswer\tcategory\timage\n"
                                             "7\t\xe8\xbf\x99\xe6\x98\xaf\xe4\xbb\x80\xe4\xb9\x88?\tnan\t\xe7\x8c\xab\t\xe7\x8b\x97\tA\tanimals\t" +
                                                 base64(ppm(10)) + "\n");
    const auto b = Benchmark::open("mmbench-cn", d.string());
    COMPARE(b->items().size(), size_t(2));
    // LLaVA's --lang cn instruction, not the English one.
    VERIFY(endsWith(b->items()[0].prompt, std::string("\xe8\xaf\xb7\xe7\x9b\xb4\xe6\x8e\xa5\xe5\x9b\x9e\xe7\xad\x94\xe9\x80\x89\xe9\xa1\xb9\xe5\xad\x97\xe6\xaf\x8d\xe3\x80\x82")));
    VERIFY_NEAR(b->score(answers(*b, {"A", "B"})).value, 100.0);  // both rotations right
    COMPARE(b->submissionName(), std::string("mmbench-cn-submission.tsv"));
  }

  TEST(vizwizValAndSubmission) {
    const fs::path d = root() / "vizwiz";
    json val = json::array();
    std::vector<json> unanswerable, bottle;
    for (int k = 0; k < 10; ++k) unanswerable.push_back({{"answer", k < 6 ? "unanswerable" : "blurry"}, {"answer_confidence", "yes"}});
    for (int k = 0; k < 10; ++k) bottle.push_back({{"answer", k < 2 ? "a bottle" : "water bottle"}, {"answer_confidence", "yes"}});
    val.push_back({{"image", "VizWiz_val_00000001.jpg"}, {"question", "What is this?"}, {"answers", unanswerable}, {"answer_type", "unanswerable"}});
    val.push_back({{"image", "VizWiz_val_00000002.jpg"}, {"question", "What is in my hand?"}, {"answers", bottle}, {"answer_type", "other"}});
    write(d / "val.json", val.dump());
    fs::create_directories(d / "val");
    const auto b = Benchmark::open("vizwiz", d.string());
    VERIFY(b->hasGroundTruth());
    VERIFY(b->items()[0].prompt.find("respond with 'Unanswerable'") != std::string::npos);
    // "Unanswerable" -> "unanswerable": 6 of 10 agree, 1.0. "Bottle." -> "bottle", which 2 of
    // 10 said as "a bottle": (2 * 1/3 + 8 * 2/3) / 10 = 0.6. Mean 0.8.
    const auto given = answers(*b, {"Unanswerable", "Bottle."});
    VERIFY_NEAR(b->score(given).value, 80.0);
    const fs::path sub = d / "sub.json";
    b->writeSubmission(sub.string(), given);
    std::ifstream in(sub);
    const json j = json::parse(in);
    COMPARE(j[1]["image"].get<std::string>(), std::string("VizWiz_val_00000002.jpg"));
    COMPARE(j[1]["answer"].get<std::string>(), std::string("bottle"));
  }

  TEST(seedImageQuestions) {
    const fs::path d = root() / "seed_bench";
    write(d / "SEED-Bench.json",
          json{{"question_type", {{"Scene Understanding", 1}, {"Instances Counting", 5}}},
               {"questions", {{{"question_id", "101"}, {"question_type_id", 1}, {"data_type", "image"}, {"answer", "A"}},
                              {{"question_id", "102"}, {"question_type_id", 5}, {"data_type", "image"}, {"answer", "C"}},
                              {{"question_id", "v1"}, {"question_type_id", 5}, {"data_type", "video"}, {"answer", "B"}}}}}
              .dump());
    write(d / "llava-seed-bench.jsonl",
          jsonl({{{"question_id", 101}, {"image", "SEED-Bench-image/1.jpg"}, {"text", "Where?\nA. park\nB. sea"}},
                 {{"question_id", 102}, {"image", "SEED-Bench-image/2.jpg"}, {"text", "How many?\nA. 1\nB. 2\nC. 3"}},
                 {{"question_id", "v1"}, {"image", "SEED-Bench-video-image/v1.jpg"}, {"text", "What next?"}}}));
    fs::create_directories(d / "SEED-Bench-image");
    const auto b = Benchmark::open("seed", d.string());
    COMPARE(b->items().size(), size_t(2));  // the video question is not asked
    // Exact letters, as LLaVA compares: "A" right, "C." wrong. 1/2.
    const auto s = b->score(answers(*b, {"A", "C."}));
    VERIFY_NEAR(s.value, 50.0);
    VERIFY_NEAR(metricOf(s, {"question_type", "Scene Understanding"}), 100.0);
    VERIFY_NEAR(metricOf(s, {"question_type", "Instances Counting"}), 0.0);
  }

  // ---- the records the CLI writes and the studio reads (training/run_records.h) --------------

  TEST(evalAndStepRecordsRoundTrip) {
    // What `eval --benchmark --json` prints is what the studio reads back.
    BenchmarkEvalResult r;
    r.score.benchmark = "pope";
    r.score.metric = "f1";
    r.score.unit = "%";
    r.score.value = 85.9;
    r.score.scored = 9000;
    r.score.categories = {{"random", 87.3}, {"adversarial", 84.2}};
    r.scheme = "vcc:layer=2,stride=8";
    r.items = 9000;
    r.meanPrefillTflops = 2.14;
    r.visualTokensTotal = 3312;
    r.compressionRatio = 5.57;
    const auto s = evalSummaryFromJson(json::parse(r.toJson().dump()));
    COMPARE(s.benchmark, std::string("pope"));
    COMPARE(s.metric, std::string("f1"));
    VERIFY_NEAR(s.value, 85.9);
    VERIFY_NEAR(s.standardError, -1.0);  // F1 has none: null in the JSON
    VERIFY_NEAR(s.categories.at("adversarial"), 84.2);
    VERIFY_NEAR(s.prefillTflops, 2.14);
    VERIFY_NEAR(s.visualTokensTotal, 3312.0);
    COMPARE(s.questions, int64_t(9000));
    // A submission-only split (nothing scored) has no value.
    r.score.scored = 0;
    VERIFY_NEAR(evalSummaryFromJson(json::parse(r.toJson().dump())).value, -1.0);

    // A question file's result: accuracy and categories, in 0..1.
    EvalResult q;
    q.scheme = "none";
    q.questions = 4;
    q.scored = true;
    q.accuracy.total = 4;
    q.accuracy.correct = 3;
    q.accuracy.overall = 0.75;
    q.accuracy.perCategory["colour"] = {2, 2};
    const auto qs = evalSummaryFromJson(json::parse(q.toJson().dump()));
    VERIFY_NEAR(qs.accuracy, 0.75);
    VERIFY_NEAR(qs.perCategory.at("colour"), 1.0);

    // One step of metrics.jsonl.
    StepRecord step;
    step.step = 12;
    step.phase = "instruct";
    step.loss = 0.4675;
    step.stage = 3;
    step.scheme = "none";
    step.visualTokensTotal = 864;
    const StepRecord back = json(step).get<StepRecord>();
    COMPARE(back.step, int64_t(12));
    VERIFY_NEAR(back.loss, 0.4675);
    COMPARE(back.stage, 3);
    COMPARE(back.visualTokensTotal, int64_t(864));
    llavolta::check::expectError([] { json{{"loss", "high"}}.get<StepRecord>(); }, {"loss", "wrong type"});
  }

  // ---- the CLI end to end -----------------------------------------------------------------

  TEST(cliAnswersScoresAndResumes) {
    using check::Args;
    using check::describe;
    const std::string model = tmp_.filePath("tiny");
    const Args init = {"init-model", "--config", std::string(LLAVOLTA_SOURCE_DIR) + "/resources/configs/tiny.json",
                              "--out", model, "--seed", "3"};
    const auto made = check::runCli(init);
    VERIFY_MSG(made.code == 0, describe(init, made));
    const fs::path d = root() / "pope-cli";
    std::vector<json> q, labels;
    for (int k = 0; k < 6; ++k) {
      const std::string img = "im" + std::to_string(k) + ".ppm";
      write(d / "val2014" / img, ppm(30 * k));
      q.push_back({{"question_id", k + 1}, {"image", img}, {"text", "Is there a dog in the image?\nAnswer the question using a single word or phrase."}, {"category", "random"}});
      labels.push_back({{"question_id", k + 1}, {"image", img}, {"text", "Is there a dog in the image?"}, {"label", k % 2 ? "no" : "yes"}});
    }
    write(d / "llava_pope_test.jsonl", jsonl(q));
    write(d / "coco/coco_pope_random.json", jsonl(labels));
    const std::string answersFile = tmp_.filePath("pope-answers.jsonl");
    const Args base = {"eval", "--model", model, "--benchmark", "pope", "--data", d.string(),
                              "--answers", answersFile, "--max-new-tokens", "3", "--threads", "1", "--json"};
    const auto first = check::runCli(base + Args{"--limit", "4"});
    VERIFY_MSG(first.code == 0, describe(base, first));
    const auto j1 = json::parse(first.out);
    COMPARE(j1["metric"].get<std::string>(), std::string("f1"));
    COMPARE(j1["questions"].get<int64_t>(), 4);
    COMPARE(j1["answered_now"].get<int64_t>(), 4);
    COMPARE(j1["scored"].get<int64_t>(), 4);
    VERIFY(j1["prefill_tflops"].get<double>() > 0);
    // The answers file is LLaVA's format, with the cost in metadata.
    std::ifstream in(answersFile);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
      const json a = json::parse(line);
      VERIFY(a.contains("question_id") && a.contains("prompt") && a.contains("text") && a.contains("answer_id"));
      VERIFY(a["metadata"]["prefill_tflops"].get<double>() > 0);
      ++lines;
    }
    COMPARE(lines, 4);
    // Resume: the 4 answered are kept, the other 2 asked; the score covers all 6.
    const auto second = check::runCli(base);
    VERIFY_MSG(second.code == 0, describe(base, second));
    const auto j2 = json::parse(second.out);
    COMPARE(j2["resumed"].get<int64_t>(), 4);
    COMPARE(j2["answered_now"].get<int64_t>(), 2);
    COMPARE(j2["scored"].get<int64_t>(), 6);
    // Another scheme must not silently mix with these answers.
    const auto mixed = check::runCli(base + Args{"--scheme", "vcc:layer=1,stride=2"});
    COMPARE(mixed.code, 2);
    VERIFY_MSG(check::contains(mixed.err, "--fresh"), mixed.err);
    // Missing files: one line naming the file.
    const auto missing = check::runCli({"eval", "--model", model, "--benchmark", "textvqa", "--data",
                                      d.string()});
    COMPARE(missing.code, 2);
    VERIFY_MSG(check::contains(missing.err, "llava_textvqa_val_v051_ocr.jsonl"), missing.err);
    COMPARE(occurrences(missing.err.substr(0, missing.err.find_last_not_of('\n') + 1), "\n"), 0);
    // A split without public answers (VQAv2 test-dev): the submission file lands beside the
    // answers, named after them, with the normalised answers.
    const fs::path t = root() / "vqav2-cli";
    write(t / "test2015/t1.ppm", ppm(60));
    write(t / "test2015/t2.ppm", ppm(90));
    write(t / "llava_vqav2_mscoco_test-dev2015.jsonl",
          jsonl({{{"question_id", 262144000}, {"image", "t1.ppm"}, {"text", "What colour?\nAnswer the question using a single word or phrase."}},
                 {{"question_id", 262144001}, {"image", "t2.ppm"}, {"text", "How many?\nAnswer the question using a single word or phrase."}}}));
    const std::string vqaAnswers = tmp_.filePath("vqav2.jsonl");
    const Args vqa = {"eval", "--model", model, "--benchmark", "vqav2", "--data", t.string(),
                             "--answers", vqaAnswers, "--max-new-tokens", "2", "--threads", "1"};
    const auto testDev = check::runCli(vqa);
    VERIFY_MSG(testDev.code == 0, describe(vqa, testDev));
    VERIFY_MSG(check::contains(testDev.out, "submission file"), testDev.out);
    std::ifstream subIn(tmp_.filePath("vqav2-submission.json"));
    VERIFY(subIn.good());
    const json sub = json::parse(subIn);
    COMPARE(sub.size(), size_t(2));
    COMPARE(sub[0]["question_id"].get<int64_t>(), int64_t(262144000));
    VERIFY(sub[1]["answer"].is_string());

    // TextVQA names both questions of an image by the image's id, and SQA records "<image>\n"
    // in the prompt: answers written by the CLI must meet their items again, on scoring and on
    // resume.
    const fs::path tv = root() / "textvqa-cli";
    write(tv / "train_images/003a.ppm", ppm(120));
    const char* hint = "\nAnswer the question using a single word or phrase.";
    write(tv / "llava_textvqa_val_v051_ocr.jsonl",
          jsonl({{{"question_id", "003a"}, {"image", "003a.ppm"}, {"text", std::string("what is written?") + hint}},
                 {{"question_id", "003a"}, {"image", "003a.ppm"}, {"text", std::string("how many signs?") + hint}}}));
    write(tv / "TextVQA_0.5.1_val.json",
          json{{"data", {{{"question_id", 100}, {"image_id", "003a"}, {"question", "what is written?"}, {"answers", std::vector<std::string>(10, "stop")}},
                         {{"question_id", 101}, {"image_id", "003a"}, {"question", "how many signs?"}, {"answers", std::vector<std::string>(10, "2")}}}}}
              .dump());
    const std::string tvAnswers = tmp_.filePath("textvqa.jsonl");
    const Args tvArgs = {"eval", "--model", model, "--benchmark", "textvqa", "--data", tv.string(),
                                "--answers", tvAnswers, "--max-new-tokens", "2", "--threads", "1", "--json"};
    const auto tv1 = check::runCli(tvArgs + Args{"--limit", "1"});
    VERIFY_MSG(tv1.code == 0, describe(tvArgs, tv1));
    const auto tv2 = check::runCli(tvArgs);
    VERIFY_MSG(tv2.code == 0, describe(tvArgs, tv2));
    const auto tvj = json::parse(tv2.out);
    COMPARE(tvj["resumed"].get<int64_t>(), 1);
    COMPARE(tvj["answered_now"].get<int64_t>(), 1);
    COMPARE(tvj["scored"].get<int64_t>(), 2);
    COMPARE(tvj["unmatched"].get<int64_t>(), 0);

    const fs::path sq = root() / "scienceqa-cli";
    write(sq / "images/test/1/image.ppm", ppm(30));
    write(sq / "llava_test_CQM-A.json",
          json::array({{{"id", "1"}, {"image", "1/image.ppm"},
                        {"conversations", {{{"from", "human"}, {"value", "<image>\nWhich?\nA. x\nB. y"}}}}}})
              .dump());
    write(sq / "problems.json", json{{"1", {{"choices", {"x", "y"}}, {"answer", 0}}}}.dump());
    write(sq / "pid_splits.json", json{{"test", {"1"}}}.dump());
    const Args sqArgs = {"eval", "--model", model, "--benchmark", "scienceqa", "--data", sq.string(),
                                "--answers", tmp_.filePath("sqa.jsonl"), "--max-new-tokens", "2", "--threads", "1", "--json"};
    const auto sqr = check::runCli(sqArgs);
    VERIFY_MSG(sqr.code == 0, describe(sqArgs, sqr));
    const auto sqj = json::parse(sqr.out);
    COMPARE(sqj["scored"].get<int64_t>(), 1);
    COMPARE(sqj["unmatched"].get<int64_t>(), 0);

    // The list names every benchmark, the unsupported ones with their reason.
    const auto list = check::runCli({"eval", "--list-benchmarks"});
    COMPARE(list.code, 0);
    for (const char* name : {"vqav2", "gqa", "scienceqa", "textvqa", "pope", "mme", "mmbench", "mmbench-cn", "vizwiz", "seed", "mm-vet"})
      VERIFY_MSG(check::contains(list.out, name), name);
    VERIFY(check::contains(list.out, "unsupported"));
  }
};

LLAVOLTA_TEST_MAIN(LlavaBenchmarksTest)
