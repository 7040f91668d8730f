#include "training/llava_benchmarks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <tuple>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/json_file.h"

namespace llavolta::training {

namespace fs = std::filesystem;
using engine::EngineError;
using nlohmann::json;
using nlohmann::ordered_json;

// ---- the catalogue ---------------------------------------------------------------------

const std::vector<BenchmarkInfo>& benchmarkCatalogue() {
  static const std::vector<BenchmarkInfo> all = {
      {"vqav2", "VQAv2", "vqav2",
       "llava_vqav2_mscoco_val2014.jsonl + v2_mscoco_val2014_annotations.json + val2014/ (scored), or "
       "llava_vqav2_mscoco_test-dev2015.jsonl + test2015/ (submission file only)",
       "VQA soft accuracy", "%"},
      {"gqa", "GQA", "gqa", "llava_gqa_testdev_balanced.jsonl + data/testdev_balanced_questions.json + data/images/",
       "accuracy (exact match after GQA's normalisation)", "%"},
      {"scienceqa", "SQA-IMG", "scienceqa", "llava_test_CQM-A.json + problems.json + pid_splits.json + images/test/",
       "accuracy on the image questions", "%"},
      {"textvqa", "TextVQA", "textvqa", "llava_textvqa_val_v051_ocr.jsonl + TextVQA_0.5.1_val.json + train_images/",
       "VQA soft accuracy", "%"},
      {"pope", "POPE", "pope", "llava_pope_test.jsonl + coco/coco_pope_{random,popular,adversarial}.json + val2014/",
       "F1, mean of the splits", "%"},
      {"mme", "MME", "MME", "llava_mme.jsonl + MME_Benchmark_release_version/", "perception score (accuracy + accuracy+, summed)",
       "points"},
      {"mmbench", "MMBench", "mmbench", "mmbench_dev_20230712.tsv (or another MMBench .tsv with --questions)",
       "circular accuracy", "%"},
      {"mmbench-cn", "MMBench-CN", "mmbench", "mmbench_dev_cn_20231003.tsv (or another MMBench-CN .tsv with --questions)",
       "circular accuracy", "%"},
      {"vizwiz", "VizWiz", "vizwiz",
       "val.json + val/ (scored, VizWiz's own annotations), or llava_test.jsonl + test/ (submission file only)",
       "VQA soft accuracy", "%"},
      {"seed", "SEED-Bench (image)", "seed_bench",
       "llava-seed-bench-img.jsonl or llava-seed-bench.jsonl + SEED-Bench.json + SEED-Bench-image/",
       "accuracy on the image questions", "%"},
      {"llava-bench", "LLaVA-Bench (in the wild)", "llava-bench-in-the-wild", "", "GPT-4 judged relative score", "%",
       false, "its score is a GPT-4 judge's rating against reference answers; this tool has no such judge"},
      {"mm-vet", "MM-Vet", "mm-vet", "", "GPT-4 judged score", "%", false,
       "its score comes from a GPT-4 grader on the MM-Vet server; this tool has no such judge (the answers file can be "
       "submitted there)"},
  };
  return all;
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

std::vector<std::string> splitWhitespace(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const char* const kShortAnswer = "Answer the question using a single word or phrase.";
const char* const kOptionLetter = "Answer with the option's letter from the given choices directly.";
const char* const kUnanswerable = "When the provided information is insufficient, respond with 'Unanswerable'.";

// LLaVA's question files already end with the benchmark's instruction; files made elsewhere may
// not, so it is added only when missing.
std::string withInstruction(const std::string& text, const std::string& instruction) {
  if (text.find(instruction) != std::string::npos) return text;
  return text + "\n" + instruction;
}

struct Mean {
  double sum = 0, sumSq = 0;
  int64_t n = 0;
  void add(double x) {
    sum += x;
    sumSq += x * x;
    ++n;
  }
  double mean() const { return n ? sum / static_cast<double>(n) : 0; }
  // Standard error of the mean (population variance / n, which is p(1-p)/n for 0/1 scores).
  double se() const {
    if (n == 0) return 0;
    const double m = mean();
    return std::sqrt(std::max(0.0, sumSq / static_cast<double>(n) - m * m) / static_cast<double>(n));
  }
};

ordered_json percent(const Mean& m) {
  return ordered_json{{"value", 100 * m.mean()}, {"standard_error", 100 * m.se()}, {"questions", m.n}};
}

// A file of the benchmark: the first candidate that exists, else an error naming what is
// missing and where it comes from.
std::string findFile(const fs::path& dir, const std::vector<std::string>& candidates, const std::string& bench,
                     const std::string& source) {
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::exists(dir / c, ec)) return (dir / c).string();
  }
  std::string tried;
  for (const auto& c : candidates) tried += (tried.empty() ? "" : " or ") + c;
  throw EngineError(bench + ": " + candidates.front() + " is missing in " + dir.string() + " (looked for " + tried +
                    "). " + source);
}

std::string findFolder(const fs::path& dir, const std::vector<std::string>& candidates, const std::string& bench,
                       const std::string& source) {
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_directory(dir / c, ec)) return (dir / c).string();
  }
  std::string tried;
  for (const auto& c : candidates) tried += (tried.empty() ? "" : " or ") + c + "/";
  throw EngineError(bench + ": the image folder " + candidates.front() + "/ is missing in " + dir.string() +
                    " (looked for " + tried + "). " + source);
}

const char* const kEvalZip =
    "It comes with LLaVA's eval.zip (docs/Evaluation.md of haotian-liu/LLaVA: extract it to ./playground/data/eval).";

std::string imageIn(const std::string& folder, const std::string& name, const std::string& what) {
  return engine::resolveInsideFolder(folder, name, false, what);
}

std::string idOf(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  throw EngineError("an id must be a string or an integer, found " + engine::jsonExcerpt(v));
}

json requireKey(const json& obj, const char* key, const std::string& where) {
  if (!obj.is_object() || !obj.contains(key))
    throw EngineError(where + ": missing \"" + key + "\" in " + engine::jsonExcerpt(obj, 100));
  return obj.at(key);
}

std::string requireString(const json& obj, const char* key, const std::string& where) {
  const json v = requireKey(obj, key, where);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  throw EngineError(where + ": \"" + key + "\" must be text, found " + engine::jsonExcerpt(v));
}

// LLaVA's question files. TextVQA's reuses the image id as question_id, so duplicate ids are
// allowed here (the prompt tells such questions apart); every other field is checked as
// readQuestionFile does.
std::vector<Question> readQuestions(const std::string& path) {
  engine::requireRegularFile(path, "question file");
  std::ifstream in(path, std::ios::binary);
  std::vector<Question> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    const std::string where = path + " line " + std::to_string(n);
    const json j = engine::parseJson(line, where);
    if (!j.is_object()) throw EngineError(where + ": expected a JSON object");
    Question q;
    const json id = requireKey(j, "question_id", where);
    q.questionId = {idOf(id), id.is_number_integer()};
    q.image = requireString(j, "image", where);
    q.text = requireString(j, "text", where);
    if (j.contains("category") && j["category"].is_string()) q.category = j["category"];
    out.push_back(std::move(q));
  }
  if (in.bad()) throw EngineError("error reading " + path);
  return out;
}

// Answers of this benchmark by id (and round), with counts of the ones that match no item.
using ItemKey = std::tuple<std::string, int64_t, std::string>;
ItemKey keyOf(const BenchmarkItem& it) { return {it.questionId.text, it.round, it.answerPrompt()}; }
ItemKey keyOf(const Answer& a) { return {a.questionId.text, a.round, a.prompt}; }

struct AnswerIndex {
  std::map<ItemKey, const Answer*> byKey;
  int64_t unmatched = 0;
  const Answer* find(const BenchmarkItem& item) const {
    const auto it = byKey.find(keyOf(item));
    return it == byKey.end() ? nullptr : it->second;
  }
};

AnswerIndex indexAnswers(const std::vector<BenchmarkItem>& items, const std::vector<Answer>& answers) {
  std::set<ItemKey> known;
  for (const auto& it : items) known.insert(keyOf(it));
  AnswerIndex idx;
  for (const auto& a : answers) {
    const ItemKey key = keyOf(a);
    if (!known.count(key)) {
      ++idx.unmatched;
      continue;
    }
    if (!idx.byKey.emplace(key, &a).second)
      throw EngineError("two answers for question " + a.questionId.text +
                        (a.round >= 0 ? " round " + std::to_string(a.round) : std::string()));
  }
  return idx;
}

void noteCounts(BenchmarkScore& s, int64_t unparsed, const char* what) {
  if (s.unmatched)
    s.notes.push_back(std::to_string(s.unmatched) + " answers name a question id that is not in the benchmark; ignored");
  if (s.noTruth)
    s.notes.push_back(std::to_string(s.noTruth) + " answered questions have no ground truth; not scored");
  if (unparsed) s.notes.push_back(std::to_string(unparsed) + " answers held no readable " + what + "; scored wrong");
}

}  // namespace

const BenchmarkInfo& benchmarkInfo(const std::string& name) {
  std::string names;
  for (const auto& b : benchmarkCatalogue()) {
    if (b.name == lower(name)) {
      if (!b.supported) throw EngineError("benchmark " + b.name + " is not supported: " + b.reason);
      return b;
    }
    if (b.supported) names += (names.empty() ? "" : ", ") + b.name;
  }
  throw EngineError("unknown benchmark \"" + engine::shortText(name) + "\"; choose one of " + names);
}

ordered_json BenchmarkScore::toJson() const {
  ordered_json j{{"benchmark", benchmark}, {"metric", metric}, {"unit", unit},  {"value", value},
                 {"standard_error", hasStandardError ? ordered_json(standardError) : ordered_json()},  {"scored", scored}, {"unmatched", unmatched},
                 {"no_ground_truth", noTruth}, {"details", details}};
  j["categories"] = ordered_json::object();
  for (const auto& [k, v] : categories) j["categories"][k] = v;
  j["notes"] = notes;
  return j;
}

BenchmarkScore Benchmark::score(const std::vector<Answer>& answers) const {
  BenchmarkScore s = scoreAnswers(answers);
  s.benchmark = info().name;
  if (s.unit.empty()) s.unit = info().unit;
  return s;
}

void Benchmark::writeSubmission(const std::string&, const std::vector<Answer>&) const {
  throw EngineError(info().title + " has no submission file; its ground truth is scored here");
}

// ---- the metrics' building blocks ------------------------------------------------------

namespace {
// GT-Vision-Lab/VQA vqaEval.py's contractions (identical in EvalAIAnswerProcessor), as
// published: keys are looked up after lower-casing, so its few capitalised keys never match.
const std::unordered_map<std::string, std::string>& contractions() {
  static const std::unordered_map<std::string, std::string> table = {
      {"aint", "ain't"}, {"arent", "aren't"}, {"cant", "can't"}, {"couldve", "could've"}, {"couldnt",
      "couldn't"}, {"couldn'tve", "couldn't've"}, {"couldnt've", "couldn't've"}, {"didnt", "didn't"},
      {"doesnt", "doesn't"}, {"dont", "don't"}, {"hadnt", "hadn't"}, {"hadnt've", "hadn't've"}, {"hadn'tve",
      "hadn't've"}, {"hasnt", "hasn't"}, {"havent", "haven't"}, {"hed", "he'd"}, {"hed've", "he'd've"},
      {"he'dve", "he'd've"}, {"hes", "he's"}, {"howd", "how'd"}, {"howll", "how'll"}, {"hows", "how's"},
      {"Id've", "I'd've"}, {"I'dve", "I'd've"}, {"Im", "I'm"}, {"Ive", "I've"}, {"isnt", "isn't"}, {"itd",
      "it'd"}, {"itd've", "it'd've"}, {"it'dve", "it'd've"}, {"itll", "it'll"}, {"let's", "let's"}, {"maam",
      "ma'am"}, {"mightnt", "mightn't"}, {"mightnt've", "mightn't've"}, {"mightn'tve", "mightn't've"},
      {"mightve", "might've"}, {"mustnt", "mustn't"}, {"mustve", "must've"}, {"neednt", "needn't"}, {"notve",
      "not've"}, {"oclock", "o'clock"}, {"oughtnt", "oughtn't"}, {"ow's'at", "'ow's'at"}, {"'ows'at",
      "'ow's'at"}, {"'ow'sat", "'ow's'at"}, {"shant", "shan't"}, {"shed've", "she'd've"}, {"she'dve",
      "she'd've"}, {"she's", "she's"}, {"shouldve", "should've"}, {"shouldnt", "shouldn't"}, {"shouldnt've",
      "shouldn't've"}, {"shouldn'tve", "shouldn't've"}, {"somebody'd", "somebodyd"}, {"somebodyd've",
      "somebody'd've"}, {"somebody'dve", "somebody'd've"}, {"somebodyll", "somebody'll"}, {"somebodys",
      "somebody's"}, {"someoned", "someone'd"}, {"someoned've", "someone'd've"}, {"someone'dve",
      "someone'd've"}, {"someonell", "someone'll"}, {"someones", "someone's"}, {"somethingd", "something'd"},
      {"somethingd've", "something'd've"}, {"something'dve", "something'd've"}, {"somethingll",
      "something'll"}, {"thats", "that's"}, {"thered", "there'd"}, {"thered've", "there'd've"}, {"there'dve",
      "there'd've"}, {"therere", "there're"}, {"theres", "there's"}, {"theyd", "they'd"}, {"theyd've",
      "they'd've"}, {"they'dve", "they'd've"}, {"theyll", "they'll"}, {"theyre", "they're"}, {"theyve",
      "they've"}, {"twas", "'twas"}, {"wasnt", "wasn't"}, {"wed've", "we'd've"}, {"we'dve", "we'd've"},
      {"weve", "we've"}, {"werent", "weren't"}, {"whatll", "what'll"}, {"whatre", "what're"}, {"whats",
      "what's"}, {"whatve", "what've"}, {"whens", "when's"}, {"whered", "where'd"}, {"wheres", "where's"},
      {"whereve", "where've"}, {"whod", "who'd"}, {"whod've", "who'd've"}, {"who'dve", "who'd've"}, {"wholl",
      "who'll"}, {"whos", "who's"}, {"whove", "who've"}, {"whyll", "why'll"}, {"whyre", "why're"}, {"whys",
      "why's"}, {"wont", "won't"}, {"wouldve", "would've"}, {"wouldnt", "wouldn't"}, {"wouldnt've",
      "wouldn't've"}, {"wouldn'tve", "wouldn't've"}, {"yall", "y'all"}, {"yall'll", "y'all'll"}, {"y'allll",
      "y'all'll"}, {"yall'd've", "y'all'd've"}, {"y'alld've", "y'all'd've"}, {"y'all'dve", "y'all'd've"},
      {"youd", "you'd"}, {"youd've", "you'd've"}, {"you'dve", "you'd've"}, {"youll", "you'll"}, {"youre",
      "you're"}, {"youve", "you've"},
  };
  return table;
}
}  // namespace

std::string vqaNormalizeAnswer(const std::string& answerIn) {
  // word_tokenize: lower case, commas and question marks dropped, "'s" split off.
  std::string s = lower(answerIn);
  replaceAll(s, ",", "");
  replaceAll(s, "?", "");
  replaceAll(s, "'s", " 's");
  for (auto& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  s = trim(s);
  // process_punctuation: a mark touching a space (or any text with a comma between digits,
  // which word_tokenize has already removed) is deleted, otherwise replaced by a space.
  static const std::regex commaStrip("(\\d)(,)+(\\d)");
  static const char* const punctuation[] = {";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+",
                                            "\\", "_", "-", ">", "<", "@", "`", ",", "?", "!"};
  const std::string in = s;
  const bool digitComma = std::regex_search(in, commaStrip);
  for (const char* p : punctuation) {
    const std::string mark(p);
    if (in.find(mark + " ") != std::string::npos || in.find(" " + mark) != std::string::npos || digitComma)
      replaceAll(s, mark, "");
    else
      replaceAll(s, mark, " ");
  }
  // PERIOD_STRIP: a period not followed by a digit goes (the published regex's look-behind is
  // malformed and matches nothing, and re.sub is passed re.UNICODE as its count: 32 at most).
  {
    std::string out;
    int removed = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const bool digitNext = i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]));
      if (s[i] == '.' && !digitNext && removed < 32) {
        ++removed;
        continue;
      }
      out += s[i];
    }
    s = out;
  }
  // process_digit_article: number words to digits, articles dropped, contractions restored.
  static const std::map<std::string, std::string> numbers = {
      {"none", "0"}, {"zero", "0"}, {"one", "1"}, {"two", "2"},   {"three", "3"}, {"four", "4"},
      {"five", "5"}, {"six", "6"},  {"seven", "7"}, {"eight", "8"}, {"nine", "9"},  {"ten", "10"}};
  std::vector<std::string> words;
  for (std::string w : splitWhitespace(lower(s))) {
    if (const auto n = numbers.find(w); n != numbers.end()) w = n->second;
    if (w == "a" || w == "an" || w == "the") continue;
    words.push_back(w);
  }
  std::string out;
  for (auto& w : words) {
    if (const auto c = contractions().find(w); c != contractions().end()) w = c->second;
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

double vqaSoftAccuracy(const std::string& prediction, const std::vector<std::string>& annotatorAnswers) {
  if (annotatorAnswers.empty()) return 0;
  const std::string p = vqaNormalizeAnswer(prediction);
  std::vector<std::string> gt;
  for (const auto& a : annotatorAnswers) gt.push_back(vqaNormalizeAnswer(a));
  const auto matching = static_cast<int>(std::count(gt.begin(), gt.end(), p));
  double sum = 0;
  for (const auto& g : gt) {
    const int others = matching - (g == p ? 1 : 0);
    sum += std::min(1.0, others / 3.0);
  }
  return sum / static_cast<double>(gt.size());
}

std::string gqaNormalizeAnswer(const std::string& answer) {
  std::string s = answer;
  while (!s.empty() && s.back() == '.') s.pop_back();
  return lower(s);
}

bool popeSaysYes(const std::string& answer) {
  std::string text = answer;
  if (const auto dot = text.find('.'); dot != std::string::npos) text = text.substr(0, dot);
  replaceAll(text, ",", "");
  // Python's split(' '): words between single spaces.
  std::stringstream in(text);
  for (std::string w; std::getline(in, w, ' ');)
    if (w == "No" || w == "not" || w == "no") return false;
  return true;
}

int scienceQaChoice(const std::string& answer, int numChoices) {
  const std::string options = "ABCDE";
  const auto valid = [&](char c) {
    const auto k = options.find(c);
    return k != std::string::npos && static_cast<int>(k) < numChoices ? static_cast<int>(k) : -1;
  };
  char letter = 0;
  if (answer.size() == 1 && options.find(answer[0]) != std::string::npos) {
    letter = answer[0];
  } else if (answer.size() >= 3 && options.find(answer[0]) != std::string::npos && answer.compare(1, 2, ". ") == 0) {
    letter = answer[0];
  } else {
    static const std::regex pattern("The answer is ([A-Z]).");
    std::vector<char> found;
    for (auto it = std::sregex_iterator(answer.begin(), answer.end(), pattern); it != std::sregex_iterator(); ++it)
      found.push_back((*it)[1].str()[0]);
    if (found.size() == 1) letter = found[0];
  }
  return letter ? valid(letter) : -1;
}

std::string mmeAnswer(const std::string& answer) {
  const std::string a = lower(answer);
  if (a == "yes" || a == "no") return a;
  const std::string prefix = a.substr(0, 4);
  if (prefix.find("yes") != std::string::npos) return "yes";
  if (prefix.find("no") != std::string::npos) return "no";
  return "other";
}

int mmbenchChoice(const std::string& answer, const std::vector<std::string>& optionTexts) {
  const int n = static_cast<int>(optionTexts.size());
  std::string mod = answer;
  for (char& c : mod)
    if (std::string(".()[],:;!*#{}").find(c) != std::string::npos) c = ' ';
  const auto words = splitWhitespace(mod);
  int found = -1, count = 0;
  for (int k = 0; k < n; ++k)
    if (std::find(words.begin(), words.end(), std::string(1, static_cast<char>('A' + k))) != words.end()) {
      found = k;
      ++count;
    }
  if (count == 1) return found;
  if (count > 1) return -1;
  // No letter: the one option whose text the answer contains.
  const std::string a = lower(answer);
  found = -1;
  count = 0;
  for (int k = 0; k < n; ++k)
    if (!optionTexts[static_cast<size_t>(k)].empty() && a.find(lower(optionTexts[static_cast<size_t>(k)])) != std::string::npos) {
      found = k;
      ++count;
    }
  return count == 1 ? found : -1;
}

// ---- the benchmarks --------------------------------------------------------------------

namespace {

// A benchmark whose questions come from one of LLaVA's question files (question_id, image,
// text[, category]).
void addQuestionFileItems(std::vector<BenchmarkItem>& items, const std::string& questionFile,
                          const std::string& imageFolder, const std::string& instruction) {
  for (const auto& q : readQuestions(questionFile)) {
    BenchmarkItem it;
    it.questionId = q.questionId;
    it.imagePath = imageIn(imageFolder, q.image, questionFile + " image");
    it.prompt = instruction.empty() ? q.text : withInstruction(q.text, instruction);
    it.category = q.category;
    items.push_back(std::move(it));
  }
}

class Gqa : public Benchmark {
 public:
  explicit Gqa(const fs::path& dir) {
    const std::string bench = "GQA";
    const std::string guide =
        "Get testdev_balanced_questions.json and the images from GQA's download page "
        "(https://cs.stanford.edu/people/dorarad/gqa/download.html) into gqa/data/.";
    const auto questions = findFile(dir, {"llava_gqa_testdev_balanced.jsonl"}, bench, kEvalZip);
    const auto truthFile = findFile(dir, {"data/testdev_balanced_questions.json", "testdev_balanced_questions.json"}, bench, guide);
    const auto images = findFolder(dir, {"data/images", "images"}, bench, guide);
    addQuestionFileItems(items_, questions, images, kShortAnswer);
    const json truth = engine::readJsonFile(truthFile, "GQA questions file");
    if (!truth.is_object()) throw EngineError(truthFile + ": expected an object of questions by id");
    for (const auto& [id, q] : truth.items()) {
      Truth t;
      t.answer = requireString(q, "answer", truthFile + " question " + id);
      if (q.contains("types") && q["types"].is_object()) {
        if (q["types"].contains("structural") && q["types"]["structural"].is_string()) t.structural = q["types"]["structural"];
        if (q["types"].contains("semantic") && q["types"]["semantic"].is_string()) t.semantic = q["types"]["semantic"];
      }
      truth_.emplace(id, std::move(t));
    }
  }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    BenchmarkScore s;
    const auto idx = indexAnswers(items_, answers);
    Mean all;
    std::map<std::string, Mean> structural, semantic;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const auto t = truth_.find(item.questionId.text);
      if (t == truth_.end()) {
        ++s.noTruth;
        continue;
      }
      const double ok = gqaNormalizeAnswer(a->text) == t->second.answer ? 1 : 0;
      all.add(ok);
      if (!t->second.structural.empty()) structural[t->second.structural].add(ok);
      if (!t->second.semantic.empty()) semantic[t->second.semantic].add(ok);
    }
    s.metric = "accuracy";
    s.value = 100 * all.mean();
    s.standardError = 100 * all.se();
    s.hasStandardError = true;
    s.scored = all.n;
    s.unmatched = idx.unmatched;
    s.details["accuracy"] = percent(all);
    for (const auto& [k, m] : structural) {
      s.details["structural"][k] = percent(m);
      s.categories[k] = 100 * m.mean();
    }
    for (const auto& [k, m] : semantic) s.details["semantic"][k] = percent(m);
    noteCounts(s, 0, "");
    return s;
  }

 private:
  struct Truth {
    std::string answer, structural, semantic;
  };
  std::unordered_map<std::string, Truth> truth_;
};

// POPE: LLaVA's question file holds the three splits (category = random, popular, adversarial);
// each split's label file lists the same questions in the same order. Like LLaVA's
// eval_pope.py the k-th question of a split meets the k-th label; the image and question text
// are checked to agree, and pairs that do not are reported and left out.
class Pope : public Benchmark {
 public:
  explicit Pope(const fs::path& dir) {
    const std::string bench = "POPE";
    const std::string guide =
        "Get coco/coco_pope_{random,popular,adversarial}.json from POPE's repository (AoiDragon/POPE, output/coco) "
        "into pope/coco/, and COCO's val2014 images into pope/val2014/.";
    const auto questions = findFile(dir, {"llava_pope_test.jsonl"}, bench, kEvalZip);
    const auto images = findFolder(dir, {"val2014", "images"}, bench, guide);
    addQuestionFileItems(items_, questions, images, kShortAnswer);
    std::map<std::string, int64_t> next;
    for (const auto& it : items_) {
      if (it.category.empty())
        throw EngineError(questions + ": question " + it.questionId.text + " has no \"category\" (random, popular or adversarial)");
      position_[keyOf(it)] = {it.category, next[it.category]++};
    }
    for (const auto& [split, count] : next) {
      const auto file = findFile(dir, {"coco/coco_pope_" + split + ".json", "coco_pope_" + split + ".json"}, bench, guide);
      std::ifstream in(file, std::ios::binary);
      std::string line;
      auto& labels = labels_[split];
      for (size_t n = 1; std::getline(in, line); ++n) {
        if (trim(line).empty()) continue;
        const json j = engine::parseJson(line, file + " line " + std::to_string(n));
        Label l;
        const std::string label = lower(requireString(j, "label", file + " line " + std::to_string(n)));
        if (label != "yes" && label != "no")
          throw EngineError(file + " line " + std::to_string(n) + ": \"label\" must be yes or no, found " + engine::shortText(label));
        l.yes = label == "yes";
        if (j.contains("image") && j["image"].is_string()) l.image = fs::path(j["image"].get<std::string>()).filename().string();
        if (j.contains("text") && j["text"].is_string()) l.text = j["text"].get<std::string>();
        labels.push_back(l);
      }
      if (static_cast<int64_t>(labels.size()) != count)
        loadNotes_.push_back(split + ": " + std::to_string(count) + " questions but " + std::to_string(labels.size()) +
                             " labels in " + file);
    }
  }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    BenchmarkScore s;
    const auto idx = indexAnswers(items_, answers);
    struct Counts {
      int64_t tp = 0, fp = 0, tn = 0, fn = 0;
      Mean acc;
    };
    std::map<std::string, Counts> splits;
    int64_t mismatched = 0, textDiffers = 0;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const auto& [split, k] = position_.at(keyOf(item));
      const auto& labels = labels_.at(split);
      if (k >= static_cast<int64_t>(labels.size())) {
        ++s.noTruth;
        continue;
      }
      const Label& l = labels[static_cast<size_t>(k)];
      if (!l.image.empty() && l.image != fs::path(item.imagePath).filename().string()) {
        ++mismatched;
        continue;
      }
      if (!l.text.empty() && item.prompt.rfind(l.text, 0) != 0) ++textDiffers;
      const bool yes = popeSaysYes(a->text);
      auto& c = splits[split];
      (yes ? (l.yes ? c.tp : c.fp) : (l.yes ? c.fn : c.tn))++;
      c.acc.add(yes == l.yes ? 1 : 0);
      ++s.scored;
    }
    double f1Sum = 0;
    for (const auto& [split, c] : splits) {
      const double precision = c.tp + c.fp ? double(c.tp) / double(c.tp + c.fp) : 0;
      const double recall = c.tp + c.fn ? double(c.tp) / double(c.tp + c.fn) : 0;
      const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
      const double n = double(c.tp + c.fp + c.tn + c.fn);
      s.details[split] = {{"accuracy", 100 * c.acc.mean()}, {"precision", 100 * precision}, {"recall", 100 * recall},
                          {"f1", 100 * f1},  {"yes_ratio", 100 * double(c.tp + c.fp) / n},
                          {"questions", c.acc.n}, {"tp", c.tp}, {"fp", c.fp}, {"tn", c.tn}, {"fn", c.fn}};
      f1Sum += f1;
      s.categories[split] = 100 * f1;
    }
    s.metric = "f1";
    s.value = splits.empty() ? 0 : 100 * f1Sum / double(splits.size());
    s.details["f1_mean_of_splits"] = s.value;
    s.unmatched = idx.unmatched;
    if (mismatched)
      s.notes.push_back(std::to_string(mismatched) +
                        " answers met a label of another image (the label file's order does not follow the question "
                        "file); left out");
    if (textDiffers)
      s.notes.push_back(std::to_string(textDiffers) +
                        " labels word their question differently (POPE's later typo fixes); scored, as LLaVA does");
    noteCounts(s, 0, "");
    return s;
  }

 private:
  struct Label {
    bool yes = false;
    std::string image, text;
  };
  std::map<ItemKey, std::pair<std::string, int64_t>> position_;  // -> split, k-th question of the split
  std::map<std::string, std::vector<Label>> labels_;
};

class ScienceQa : public Benchmark {
 public:
  explicit ScienceQa(const fs::path& dir) {
    const std::string bench = "ScienceQA";
    const std::string guide =
        "Get problems.json, pid_splits.json and the test images from ScienceQA's repository "
        "(lupantech/ScienceQA, data/scienceqa) into scienceqa/ (images under images/test/).";
    const auto questions = findFile(dir, {"llava_test_CQM-A.json", "llava_test_CQM-I.json"}, bench, kEvalZip);
    const auto problemsFile = findFile(dir, {"problems.json"}, bench, guide);
    const auto splitsFile = findFile(dir, {"pid_splits.json"}, bench, guide);
    const auto images = findFolder(dir, {"images/test", "images"}, bench, guide);
    const json problems = engine::readJsonFile(problemsFile, "ScienceQA problems file");
    const json splits = engine::readJsonFile(splitsFile, "ScienceQA split file");
    if (!splits.is_object() || !splits.contains("test") || !splits["test"].is_array())
      throw EngineError(splitsFile + ": expected {\"test\": [problem ids], ...}");
    std::set<std::string> test;
    for (const auto& id : splits["test"]) test.insert(idOf(id));
    const json entries = engine::readJsonFile(questions, "ScienceQA question file");
    if (!entries.is_array()) throw EngineError(questions + ": expected a JSON array of questions");
    int64_t textOnly = 0, notTest = 0;
    for (const auto& e : entries) {
      const std::string id = requireString(e, "id", questions);
      if (!e.contains("image") || !e["image"].is_string()) {
        ++textOnly;  // SQA-IMG is the image subset; text-only questions are not asked
        continue;
      }
      if (!test.count(id)) {
        ++notTest;
        continue;
      }
      const json conv = requireKey(e, "conversations", questions + " question " + id);
      if (!conv.is_array() || conv.empty()) throw EngineError(questions + " question " + id + ": no conversation");
      std::string text = requireString(conv[0], "value", questions + " question " + id);
      replaceAll(text, "<image>", "");
      BenchmarkItem it;
      it.questionId = {id, false};
      it.imagePath = imageIn(images, e["image"].get<std::string>(), questions + " image");
      it.prompt = withInstruction(trim(text), kOptionLetter);
      it.recordedPrompt = "<image>\n" + it.prompt;  // eval_science_qa.py finds the image questions by it
      if (!problems.contains(id))
        throw EngineError(problemsFile + " has no problem " + id + ", which " + questions + " asks");
      const json& p = problems[id];
      Truth t;
      const json choices = requireKey(p, "choices", problemsFile + " problem " + id);
      const json answer = requireKey(p, "answer", problemsFile + " problem " + id);
      if (!choices.is_array() || !answer.is_number_integer())
        throw EngineError(problemsFile + " problem " + id + ": \"choices\" must be a list and \"answer\" an index");
      t.choices = static_cast<int>(choices.size());
      t.answer = answer.get<int>();
      if (p.contains("subject") && p["subject"].is_string()) t.subject = p["subject"];
      it.category = t.subject;
      truth_[id] = t;
      items_.push_back(std::move(it));
    }
    if (textOnly)
      loadNotes_.push_back(std::to_string(textOnly) + " text-only questions skipped (SQA-IMG scores the image subset)");
    if (notTest) loadNotes_.push_back(std::to_string(notTest) + " questions not in pid_splits.json's test split skipped");
  }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    BenchmarkScore s;
    const auto idx = indexAnswers(items_, answers);
    Mean all;
    std::map<std::string, Mean> bySubject;
    int64_t unparsed = 0;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const Truth& t = truth_.at(item.questionId.text);
      const int choice = scienceQaChoice(a->text, t.choices);
      if (choice < 0) ++unparsed;
      const double ok = choice == t.answer ? 1 : 0;
      all.add(ok);
      if (!t.subject.empty()) bySubject[t.subject].add(ok);
    }
    s.metric = "img_accuracy";
    s.value = 100 * all.mean();
    s.standardError = 100 * all.se();
    s.hasStandardError = true;
    s.scored = all.n;
    s.unmatched = idx.unmatched;
    s.details["img_accuracy"] = percent(all);
    s.details["unparsed"] = unparsed;
    for (const auto& [k, m] : bySubject) {
      s.details["subject"][k] = percent(m);
      s.categories[k] = 100 * m.mean();
    }
    noteCounts(s, unparsed, "option letter");
    return s;
  }

 private:
  struct Truth {
    int choices = 0, answer = -1;
    std::string subject;
  };
  std::map<std::string, Truth> truth_;
};

// VQA-style soft accuracy over annotators' answers (TextVQA, VQAv2 val).
BenchmarkScore softAccuracyScore(
    const std::vector<BenchmarkItem>& items, const std::vector<Answer>& answers,
    const std::function<const std::vector<std::string>*(const BenchmarkItem&)>& truthOf,
    const std::map<std::string, std::string>& answerType) {
  BenchmarkScore s;
  const auto idx = indexAnswers(items, answers);
  Mean all;
  std::map<std::string, Mean> byType;
  for (const auto& item : items) {
    const Answer* a = idx.find(item);
    if (!a) continue;
    const std::vector<std::string>* t = truthOf(item);
    if (!t) {
      ++s.noTruth;
      continue;
    }
    const double acc = vqaSoftAccuracy(a->text, *t);
    all.add(acc);
    if (const auto ty = answerType.find(item.questionId.text); ty != answerType.end()) byType[ty->second].add(acc);
  }
  s.metric = "accuracy";
  s.value = 100 * all.mean();
  s.standardError = 100 * all.se();
  s.hasStandardError = true;
  s.scored = all.n;
  s.unmatched = idx.unmatched;
  s.details["accuracy"] = percent(all);
  for (const auto& [k, m] : byType) {
    s.details["answer_type"][k] = percent(m);
    s.categories[k] = 100 * m.mean();
  }
  noteCounts(s, 0, "");
  return s;
}

class TextVqa : public Benchmark {
 public:
  explicit TextVqa(const fs::path& dir) {
    const std::string bench = "TextVQA";
    const std::string guide =
        "Get TextVQA_0.5.1_val.json and the train_val images from TextVQA's site (https://textvqa.org/dataset) "
        "into textvqa/ (images under train_images/).";
    const auto questions = findFile(dir, {"llava_textvqa_val_v051_ocr.jsonl"}, bench, kEvalZip);
    const auto truthFile = findFile(dir, {"TextVQA_0.5.1_val.json"}, bench, guide);
    const auto images = findFolder(dir, {"train_images", "images"}, bench, guide);
    addQuestionFileItems(items_, questions, images, kShortAnswer);
    const json t = engine::readJsonFile(truthFile, "TextVQA annotation file");
    if (!t.is_object() || !t.contains("data") || !t["data"].is_array())
      throw EngineError(truthFile + ": expected {\"data\": [questions]}");
    // LLaVA's file names a question by its image's id; the image and the question text (the
    // prompt's first line) identify it, as LLaVA's eval_textvqa.py matches. A file that names
    // questions by TextVQA's own question_id is matched on that.
    std::map<std::pair<std::string, std::string>, std::string> byImageQuestion;
    for (const auto& d : t["data"]) {
      const std::string id = idOf(requireKey(d, "question_id", truthFile));
      std::vector<std::string> answers;
      for (const auto& a : requireKey(d, "answers", truthFile + " question " + id)) {
        if (!a.is_string()) throw EngineError(truthFile + " question " + id + ": answers must be text");
        answers.push_back(a.get<std::string>());
      }
      truth_[id] = answers;
      if (d.contains("image_id") && d.contains("question") && d["question"].is_string())
        byImageQuestion[{idOf(d["image_id"]), lower(d["question"].get<std::string>())}] = id;
    }
    for (const auto& it : items_) {
      const std::string image = fs::path(it.imagePath).stem().string();
      const std::string question = lower(it.prompt.substr(0, it.prompt.find('\n')));
      std::string id;
      if (const auto m = byImageQuestion.find({image, question}); m != byImageQuestion.end()) id = m->second;
      else if (truth_.count(it.questionId.text)) id = it.questionId.text;
      if (!id.empty()) itemTruth_[keyOf(it)] = &truth_.at(id);
    }
  }
  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    return softAccuracyScore(items_, answers, [&](const BenchmarkItem& it) {
      const auto f = itemTruth_.find(keyOf(it));
      return f == itemTruth_.end() ? nullptr : f->second;
    }, {});
  }

 private:
  std::map<std::string, std::vector<std::string>> truth_;
  std::map<ItemKey, const std::vector<std::string>*> itemTruth_;
};

// Soft-accuracy benchmarks with a public val split and an EvalAI test split (VQAv2, VizWiz):
// annotators' answers per question id when scored here, a submission file otherwise.
class EvalAiBenchmark : public Benchmark {
 public:
  bool hasGroundTruth() const override { return !truth_.empty(); }
  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    if (truth_.empty()) {
      BenchmarkScore s;
      s.metric = "accuracy";
      s.notes.push_back(splitName_ + " is scored by the EvalAI server: submit the submission file");
      return s;
    }
    return softAccuracyScore(items_, answers, [this](const BenchmarkItem& it) {
      const auto f = truth_.find(it.questionId.text);
      return f == truth_.end() ? nullptr : &f->second;
    }, answerType_);
  }
  void writeSubmission(const std::string& path, const std::vector<Answer>& answers) const override {
    ordered_json out = ordered_json::array();
    const auto idx = indexAnswers(items_, answers);
    for (const auto& item : items_)
      if (const Answer* a = idx.find(item)) out.push_back(submissionEntry(item, vqaNormalizeAnswer(a->text)));
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << out.dump();
    if (!f) throw EngineError("cannot write the submission file " + path);
  }

 protected:
  // One line of the server's file for an answered item (unanswered ones are left out).
  virtual ordered_json submissionEntry(const BenchmarkItem& item, const std::string& answer) const = 0;
  std::string splitName_;  // the test split, for the note ("VQAv2 test-dev")
  std::map<std::string, std::vector<std::string>> truth_;
  std::map<std::string, std::string> answerType_;
};

class Vqav2 : public EvalAiBenchmark {
 public:
  explicit Vqav2(const fs::path& dir) {
    const std::string bench = "VQAv2";
    splitName_ = "VQAv2 test-dev";
    std::error_code ec;
    const bool val = fs::exists(dir / "llava_vqav2_mscoco_val2014.jsonl", ec) &&
                     fs::exists(dir / "v2_mscoco_val2014_annotations.json", ec);
    if (val) {
      const std::string guide = "Get COCO's val2014 images into vqav2/val2014/.";
      addQuestionFileItems(items_, (dir / "llava_vqav2_mscoco_val2014.jsonl").string(),
                           findFolder(dir, {"val2014"}, bench, guide), kShortAnswer);
      const auto truthFile = (dir / "v2_mscoco_val2014_annotations.json").string();
      const json t = engine::readJsonFile(truthFile, "VQAv2 annotation file");
      if (!t.is_object() || !t.contains("annotations") || !t["annotations"].is_array())
        throw EngineError(truthFile + ": expected {\"annotations\": [...]}");
      for (const auto& a : t["annotations"]) {
        const std::string id = idOf(requireKey(a, "question_id", truthFile));
        std::vector<std::string> answers;
        for (const auto& x : requireKey(a, "answers", truthFile + " question " + id))
          answers.push_back(requireString(x, "answer", truthFile + " question " + id));
        truth_[id] = answers;
        if (a.contains("answer_type") && a["answer_type"].is_string()) answerType_[id] = a["answer_type"];
      }
    } else {
      const std::string guide = "Get COCO's test2015 images into vqav2/test2015/.";
      const auto questions = findFile(dir, {"llava_vqav2_mscoco_test-dev2015.jsonl"}, bench,
                                      std::string(kEvalZip) +
                                          " For a scored run on val, put llava_vqav2_mscoco_val2014.jsonl and "
                                          "v2_mscoco_val2014_annotations.json there instead.");
      addQuestionFileItems(items_, questions, findFolder(dir, {"test2015"}, bench, guide), kShortAnswer);
      loadNotes_.push_back("test-dev has no public answers: the answers are written as an EvalAI submission file");
    }
  }
  std::string submissionName() const override { return "vqav2-submission.json"; }

 protected:
  // EvalAI takes [{"question_id": int, "answer": normalised text}] (LLaVA's
  // convert_vqav2_for_submission.py).
  ordered_json submissionEntry(const BenchmarkItem& item, const std::string& answer) const override {
    ordered_json id = item.questionId.text;
    if (item.questionId.numeric) id = std::stoll(item.questionId.text);
    return {{"question_id", id}, {"answer", answer}};
  }
};

// MME: LLaVA's question file names each question "<subtask>/<image>"; the ground truth is one
// text file per image in MME_Benchmark_release_version/<subtask>/[questions_answers_YN/], two
// lines "question<TAB>Yes|No". Like LLaVA's convert_answer_to_mme.py, a question is found again
// by its text with the short-answer instruction replaced by " Please answer yes or no.".
class Mme : public Benchmark {
 public:
  explicit Mme(const fs::path& dir) {
    const std::string bench = "MME";
    const std::string guide =
        "Get MME_Benchmark_release_version from MME's authors (BradyFU/Awesome-Multimodal-Large-Language-Models, "
        "Evaluation) into MME/.";
    const auto questions = findFile(dir, {"llava_mme.jsonl"}, bench, kEvalZip);
    const auto root = findFolder(dir, {"MME_Benchmark_release_version"}, bench, guide);
    std::map<std::tuple<std::string, std::string, std::string>, std::string> gt;  // subtask, file, question -> answer
    std::error_code ec;
    for (const auto& sub : fs::directory_iterator(root, ec)) {
      if (!sub.is_directory()) continue;
      const std::string subtask = sub.path().filename().string();
      const fs::path qa = fs::is_directory(sub.path() / "questions_answers_YN") ? sub.path() / "questions_answers_YN" : sub.path();
      for (const auto& f : fs::directory_iterator(qa, ec)) {
        if (f.path().extension() != ".txt" || !f.is_regular_file()) continue;
        std::ifstream in(f.path(), std::ios::binary);
        std::string line;
        for (size_t n = 1; std::getline(in, line); ++n) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (trim(line).empty()) continue;
          const auto tab = line.rfind('\t');
          if (tab == std::string::npos)
            throw EngineError(f.path().string() + " line " + std::to_string(n) + ": expected \"question<TAB>answer\"");
          gt[{subtask, f.path().filename().string(), trim(line.substr(0, tab))}] = lower(trim(line.substr(tab + 1)));
        }
      }
    }
    for (const auto& q : readQuestions(questions)) {
      const std::string id = q.questionId.text;
      const auto slash = id.find('/');
      if (slash == std::string::npos)
        throw EngineError(questions + ": question_id " + engine::shortText(id) + " is not \"<subtask>/<image>\"");
      BenchmarkItem it;
      it.questionId = q.questionId;
      it.category = id.substr(0, slash);
      const std::string imageName = fs::path(id).filename().string();
      const std::string direct = (fs::path(root) / q.image).string();
      it.imagePath = fs::exists(direct, ec) ? imageIn(root, q.image, questions + " image")
                                            : imageIn(root, it.category + "/images/" + imageName, questions + " image");
      it.prompt = withInstruction(q.text, kShortAnswer);
      const std::string file = fs::path(imageName).stem().string() + ".txt";
      std::string question = q.text;
      replaceAll(question, kShortAnswer, "");
      question = trim(question);
      if (question.find("Please answer yes or no.") == std::string::npos) question += " Please answer yes or no.";
      auto g = gt.find({it.category, file, question});
      if (g == gt.end()) {
        std::string two = question;
        replaceAll(two, " Please answer yes or no.", "  Please answer yes or no.");
        g = gt.find({it.category, file, two});
      }
      if (g != gt.end()) truth_[keyOf(it)] = {g->second, it.category + "/" + file};
      items_.push_back(std::move(it));
    }
  }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    static const std::vector<std::string> perception = {"existence", "count",     "position", "color",    "posters",
                                                        "celebrity", "scene",     "landmark", "artwork",  "OCR"};
    static const std::vector<std::string> cognition = {"commonsense_reasoning", "numerical_calculation",
                                                       "text_translation", "code_reasoning"};
    BenchmarkScore s;
    const auto idx = indexAnswers(items_, answers);
    struct Task {
      Mean acc;
      std::map<std::string, bool> imageAllRight;
    };
    std::map<std::string, Task> tasks;
    int64_t other = 0;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const auto t = truth_.find(keyOf(item));
      if (t == truth_.end()) {
        ++s.noTruth;
        continue;
      }
      const std::string said = mmeAnswer(a->text);
      if (said == "other") ++other;
      const bool ok = said == t->second.first;
      auto& task = tasks[item.category];
      task.acc.add(ok ? 1 : 0);
      auto [slot, inserted] = task.imageAllRight.emplace(t->second.second, ok);
      if (!inserted) slot->second = slot->second && ok;
      ++s.scored;
    }
    double perceptionTotal = 0, cognitionTotal = 0;
    for (const auto& [name, task] : tasks) {
      const auto right = std::count_if(task.imageAllRight.begin(), task.imageAllRight.end(), [](const auto& p) { return p.second; });
      const double acc = 100 * task.acc.mean();
      const double accPlus = 100 * double(right) / double(task.imageAllRight.size());
      s.details["subtasks"][name] = {{"accuracy", acc}, {"accuracy_plus", accPlus}, {"score", acc + accPlus},
                                     {"questions", task.acc.n}, {"images", task.imageAllRight.size()}};
      s.categories[name] = acc;
      if (std::count(perception.begin(), perception.end(), name)) perceptionTotal += acc + accPlus;
      else if (std::count(cognition.begin(), cognition.end(), name)) cognitionTotal += acc + accPlus;
      else s.notes.push_back("subtask " + name + " is neither a perception nor a cognition task of MME; not in the totals");
    }
    s.details["perception"] = perceptionTotal;
    s.details["cognition"] = cognitionTotal;
    s.metric = "perception";
    s.unit = "points";
    s.value = perceptionTotal;
    s.unmatched = idx.unmatched;
    noteCounts(s, other, "yes or no");
    return s;
  }

 private:
  std::map<ItemKey, std::pair<std::string, std::string>> truth_;  // -> answer, image
};

// Tab-separated values as pandas writes them: fields with tabs, quotes or line breaks are
// quoted, with quotes doubled.
std::vector<std::vector<std::string>> readTsv(const std::string& path) {
  engine::requireRegularFile(path, "MMBench TSV");
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, fieldStarted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !fieldStarted) {
      quoted = fieldStarted = true;
    } else if (c == '\t') {
      rows.back().push_back(field);
      field.clear();
      fieldStarted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(field);
      field.clear();
      fieldStarted = false;
      rows.emplace_back();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw EngineError(path + ": a quoted field is not closed before the end of the file");
  if (fieldStarted || !rows.back().empty()) rows.back().push_back(field);
  while (!rows.empty() && (rows.back().empty() || (rows.back().size() == 1 && rows.back()[0].empty()))) rows.pop_back();
  return rows;
}

std::vector<uint8_t> decodeBase64(const std::string& text, const std::string& where) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<uint8_t> out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=' || c == '\n' || c == '\r' || c == ' ') continue;
    const auto v = alphabet.find(c);
    if (v == std::string::npos) throw EngineError(where + ": the image is not base64 (found '" + std::string(1, c) + "')");
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// MMBench: each row asked once per rotation of its options, as LLaVA's model_vqa_mmbench.py
// --all-rounds does; the letters stay A, B, … while the option texts rotate. A question counts
// in circular evaluation when every rotation is answered right, in single-pass when round 0 is.
class MmBench : public Benchmark {
 public:
  MmBench(const fs::path& dir, const std::string& tsvName, bool circular, bool chinese) {
    const std::string bench = chinese ? "MMBench-CN" : "MMBench";
    // LLaVA's model_vqa_mmbench.py --lang cn asks for the letter in Chinese.
    const std::string instruction = chinese ? "\xe8\xaf\xb7\xe7\x9b\xb4\xe6\x8e\xa5\xe5\x9b\x9e\xe7\xad\x94\xe9\x80\x89\xe9\xa1\xb9\xe5\xad\x97\xe6\xaf\x8d\xe3\x80\x82" : kOptionLetter;
    const std::string guide =
        "Get mmbench_dev_20230712.tsv from MMBench (open-compass/MMBench, https://mmbench.opencompass.org.cn) into mmbench/.";
    std::string file;
    std::error_code ec;
    if (tsvName.empty() && chinese) file = findFile(dir, {"mmbench_dev_cn_20231003.tsv"}, bench, guide);
    else if (tsvName.empty()) file = findFile(dir, {"mmbench_dev_20230712.tsv", "mmbench_dev_en_20231003.tsv"}, bench, guide);
    else if (fs::exists(tsvName, ec) && fs::path(tsvName).has_parent_path()) file = tsvName;
    else file = findFile(dir, {tsvName}, bench, guide);
    const auto rows = readTsv(file);
    if (rows.size() < 2) throw EngineError(file + " holds no questions");
    std::map<std::string, size_t> col;
    for (size_t k = 0; k < rows[0].size(); ++k) col[trim(rows[0][k])] = k;
    for (const char* need : {"index", "question", "image", "A", "B"})
      if (!col.count(need)) throw EngineError(file + ": the header has no \"" + need + "\" column");
    const auto get = [&](const std::vector<std::string>& row, const std::string& name) -> std::string {
      const auto c = col.find(name);
      if (c == col.end() || c->second >= row.size()) return {};
      const std::string v = trim(row[c->second]);
      return v == "nan" ? std::string() : v;
    };
    std::map<std::string, std::string> imageByIndex;
    for (size_t r = 1; r < rows.size(); ++r) imageByIndex[get(rows[r], "index")] = get(rows[r], "image");
    hasAnswers_ = col.count("answer") > 0;
    for (size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      const std::string where = file + " row " + std::to_string(r + 1);
      const std::string index = get(row, "index");
      if (index.empty()) throw EngineError(where + ": no index");
      std::vector<std::string> options;
      for (const char* letter : {"A", "B", "C", "D", "E", "F"}) {
        const std::string o = get(row, letter);
        if (o.empty()) break;
        options.push_back(o);
      }
      if (options.size() < 2) throw EngineError(where + ": fewer than two options");
      std::string image = get(row, "image");
      // MMBench stores an image once; later rows of the same image hold its row's index.
      if (image.size() < 16 && imageByIndex.count(image)) image = imageByIndex[image];
      if (image.empty()) throw EngineError(where + ": no image");
      const auto base64 = std::make_shared<const std::string>(image);
      std::string question = get(row, "question");
      const std::string hint = get(row, "hint");
      if (!hint.empty()) question = hint + "\n" + question;
      Row info;
      info.options = options;
      info.category = get(row, "category");
      if (hasAnswers_) {
        const std::string answer = get(row, "answer");
        if (answer.size() != 1 || answer[0] < 'A' || answer[0] >= 'A' + static_cast<char>(options.size()))
          throw EngineError(where + ": \"answer\" must be one of the option letters, found " + engine::shortText(answer));
        info.answer = answer[0] - 'A';
      }
      const bool numeric = std::all_of(index.begin(), index.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      for (size_t round = 0; round < (circular ? options.size() : 1); ++round) {
        BenchmarkItem it;
        it.questionId = {index, numeric};
        it.round = static_cast<int64_t>(round);
        it.imageBase64 = base64;
        it.category = info.category;
        std::string prompt = question;
        for (size_t k = 0; k < options.size(); ++k)
          prompt += "\n" + std::string(1, static_cast<char>('A' + k)) + ". " + options[(k + round) % options.size()];
        it.prompt = prompt + "\n" + instruction;
        items_.push_back(std::move(it));
      }
      rows_[index] = std::move(info);
    }
    circular_ = circular;
    if (!hasAnswers_) loadNotes_.push_back("the TSV has no answer column: the answers go to MMBench's server as a submission file");
  }

  bool hasGroundTruth() const override { return hasAnswers_; }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    BenchmarkScore s;
    s.metric = "circular_accuracy";
    const auto idx = indexAnswers(items_, answers);
    s.unmatched = idx.unmatched;
    if (!hasAnswers_) {
      s.notes.push_back("no answers in the TSV: MMBench's server scores the submission file");
      return s;
    }
    struct Status {
      int asked = 0, right = 0;
      bool round0 = false, round0Right = false;
    };
    std::map<std::string, Status> byQuestion;
    int64_t unparsed = 0;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const Row& row = rows_.at(item.questionId.text);
      const size_t n = row.options.size();
      std::vector<std::string> shown(n);
      for (size_t k = 0; k < n; ++k) shown[k] = row.options[(k + static_cast<size_t>(item.round)) % n];
      const int choice = mmbenchChoice(a->text, shown);
      if (choice < 0) ++unparsed;
      // The right option sits at letter (answer - round) mod n in this rotation.
      const int rightLetter = static_cast<int>((row.answer - item.round + static_cast<int64_t>(n) * 8) % static_cast<int64_t>(n));
      auto& st = byQuestion[item.questionId.text];
      ++st.asked;
      if (choice == rightLetter) ++st.right;
      if (item.round == 0) {
        st.round0 = true;
        st.round0Right = choice == rightLetter;
      }
      ++s.scored;
    }
    Mean circular, single;
    std::map<std::string, Mean> byCategory;
    int64_t partial = 0;
    for (const auto& [id, st] : byQuestion) {
      const Row& row = rows_.at(id);
      if (st.round0) single.add(st.round0Right ? 1 : 0);
      if (st.asked < static_cast<int>(row.options.size())) {
        ++partial;  // not every rotation asked (a --limit): no circular verdict
        continue;
      }
      const double ok = st.right == st.asked ? 1 : 0;
      circular.add(ok);
      byCategory[row.category].add(ok);
    }
    const Mean& headline = circular_ ? circular : single;
    if (!circular_) s.metric = "single_pass_accuracy";
    s.value = 100 * headline.mean();
    s.standardError = 100 * headline.se();
    s.hasStandardError = true;
    s.details["circular_accuracy"] = percent(circular);
    s.details["single_pass_accuracy"] = percent(single);
    s.details["unparsed"] = unparsed;
    for (const auto& [k, m] : byCategory) {
      s.details["category"][k.empty() ? "(none)" : k] = percent(m);
      s.categories[k.empty() ? "(none)" : k] = 100 * m.mean();
    }
    if (partial && circular_)
      s.notes.push_back(std::to_string(partial) + " questions had only some rotations answered; left out of circular accuracy");
    noteCounts(s, unparsed, "option");
    return s;
  }

  std::string submissionName() const override { return info().name + "-submission.tsv"; }
  void writeSubmission(const std::string& path, const std::vector<Answer>& answers) const override {
    // The columns of LLaVA's convert_mmbench_for_submission.py (round 0, the unrotated options).
    // MMBench's server takes .xlsx: save this sheet as .xlsx in a spreadsheet program.
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    const auto cell = [](std::string v) {
      if (v.find_first_of("\t\n\r\"") == std::string::npos) return v;
      replaceAll(v, "\"", "\"\"");
      return "\"" + v + "\"";
    };
    f << "index\tquestion\tA\tB\tC\tD\tprediction\n";
    const auto idx = indexAnswers(items_, answers);
    for (const auto& item : items_) {
      if (item.round != 0) continue;
      const Answer* a = idx.find(item);
      if (!a) continue;
      const Row& row = rows_.at(item.questionId.text);
      f << cell(item.questionId.text) << '\t' << cell(item.prompt.substr(0, item.prompt.find("\nA. ")));
      for (size_t k = 0; k < 4; ++k) f << '\t' << (k < row.options.size() ? cell(row.options[k]) : std::string());
      f << '\t' << cell(a->text) << '\n';
    }
    if (!f) throw EngineError("cannot write the submission file " + path);
  }

 private:
  struct Row {
    std::vector<std::string> options;
    int answer = -1;
    std::string category;
  };
  std::map<std::string, Row> rows_;
  bool hasAnswers_ = false, circular_ = true;
};

// VizWiz: LLaVA's test file (llava_test.jsonl, instructions inside) gives the EvalAI submission
// [{"image", "answer"}]; with VizWiz's own val annotations (val.json: image, question, 10
// answers) the answers are scored with VQA soft accuracy, asked as LLaVA asks (the
// "Unanswerable" hint and the short-answer instruction).
class VizWiz : public EvalAiBenchmark {
 public:
  explicit VizWiz(const fs::path& dir) {
    const std::string bench = "VizWiz";
    splitName_ = "VizWiz test";
    std::error_code ec;
    if (fs::exists(dir / "val.json", ec)) {
      const std::string guide = "Get VizWiz's val images (https://vizwiz.org/tasks-and-datasets/vqa/) into vizwiz/val/.";
      const auto images = findFolder(dir, {"val"}, bench, guide);
      const json val = engine::readJsonFile((dir / "val.json").string(), "VizWiz annotation file");
      if (!val.is_array()) throw EngineError((dir / "val.json").string() + ": expected a list of questions");
      for (const auto& q : val) {
        const std::string where = (dir / "val.json").string();
        const std::string image = requireString(q, "image", where);
        BenchmarkItem it;
        it.questionId = {image, false};
        it.imagePath = imageIn(images, image, where + " image");
        it.prompt = requireString(q, "question", where + " " + image) + "\n" + kUnanswerable + "\n" + kShortAnswer;
        std::vector<std::string> answers;
        for (const auto& a : requireKey(q, "answers", where + " " + image))
          answers.push_back(requireString(a, "answer", where + " " + image));
        truth_[image] = answers;
        if (q.contains("answer_type") && q["answer_type"].is_string()) answerType_[image] = q["answer_type"];
        items_.push_back(std::move(it));
      }
    } else {
      const std::string guide = "Get VizWiz's test images (https://vizwiz.org/tasks-and-datasets/vqa/) into vizwiz/test/.";
      const auto questions = findFile(dir, {"llava_test.jsonl"}, bench,
                                      std::string(kEvalZip) + " For a scored run on val, put VizWiz's val.json and val/ there.");
      addQuestionFileItems(items_, questions, findFolder(dir, {"test"}, bench, guide), kShortAnswer);
      loadNotes_.push_back("VizWiz test has no public answers: the answers are written as an EvalAI submission file");
    }
  }
  std::string submissionName() const override { return "vizwiz-submission.json"; }

 protected:
  // LLaVA's convert_vizwiz_for_submission.py: [{"image": file name, "answer": normalised}].
  ordered_json submissionEntry(const BenchmarkItem& item, const std::string& answer) const override {
    return {{"image", fs::path(item.imagePath).filename().string()}, {"answer", answer}};
  }
};

// SEED-Bench: LLaVA's question file over SEED-Bench.json's questions; the image questions
// (data_type "image") are asked, and an answer is right when it is the option letter, exactly,
// as LLaVA's convert_seed_for_submission.py compares.
class Seed : public Benchmark {
 public:
  explicit Seed(const fs::path& dir) {
    const std::string bench = "SEED-Bench";
    const std::string guide =
        "Get SEED-Bench.json and the images from SEED-Bench (AILab-CVC/SEED-Bench) into seed_bench/ (images under "
        "SEED-Bench-image/).";
    const auto questions = findFile(dir, {"llava-seed-bench-img.jsonl", "llava-seed-bench.jsonl"}, bench, kEvalZip);
    const auto truthFile = findFile(dir, {"SEED-Bench.json"}, bench, guide);
    findFolder(dir, {"SEED-Bench-image"}, bench, guide);
    const json t = engine::readJsonFile(truthFile, "SEED-Bench annotation file");
    if (!t.is_object() || !t.contains("questions") || !t["questions"].is_array())
      throw EngineError(truthFile + ": expected {\"questions\": [...], \"question_type\": {...}}");
    std::map<std::string, std::string> typeName;
    if (t.contains("question_type") && t["question_type"].is_object())
      for (const auto& [name, id] : t["question_type"].items()) typeName[idOf(id)] = name;
    std::map<std::string, bool> isImage;
    for (const auto& q : t["questions"]) {
      const std::string id = idOf(requireKey(q, "question_id", truthFile));
      Truth tr;
      tr.answer = requireString(q, "answer", truthFile + " question " + id);
      const std::string type = q.contains("question_type_id") ? idOf(q["question_type_id"]) : std::string();
      tr.type = typeName.count(type) ? typeName[type] : type;
      isImage[id] = !q.contains("data_type") || q["data_type"] == "image";
      truth_[id] = tr;
    }
    int64_t video = 0;
    for (const auto& q : readQuestions(questions)) {
      if (const auto im = isImage.find(q.questionId.text); im != isImage.end() && !im->second) {
        ++video;
        continue;
      }
      BenchmarkItem it;
      it.questionId = q.questionId;
      it.imagePath = imageIn(dir.string(), q.image, questions + " image");
      std::error_code ec;
      if (!fs::exists(it.imagePath, ec) && fs::exists(it.imagePath + ".jpg", ec)) it.imagePath += ".jpg";
      it.prompt = withInstruction(q.text, kOptionLetter);
      const auto tr = truth_.find(q.questionId.text);
      it.category = tr != truth_.end() ? tr->second.type : q.category;
      items_.push_back(std::move(it));
    }
    if (video) loadNotes_.push_back(std::to_string(video) + " video questions skipped (SEED-IMG scores the image questions)");
  }

  BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const override {
    BenchmarkScore s;
    const auto idx = indexAnswers(items_, answers);
    Mean all;
    std::map<std::string, Mean> byType;
    for (const auto& item : items_) {
      const Answer* a = idx.find(item);
      if (!a) continue;
      const auto t = truth_.find(item.questionId.text);
      if (t == truth_.end()) {
        ++s.noTruth;
        continue;
      }
      const double ok = a->text == t->second.answer ? 1 : 0;
      all.add(ok);
      byType[t->second.type].add(ok);
    }
    s.metric = "img_accuracy";
    s.value = 100 * all.mean();
    s.standardError = 100 * all.se();
    s.hasStandardError = true;
    s.scored = all.n;
    s.unmatched = idx.unmatched;
    s.details["img_accuracy"] = percent(all);
    for (const auto& [k, m] : byType) {
      s.details["question_type"][k.empty() ? "(none)" : k] = percent(m);
      s.categories[k.empty() ? "(none)" : k] = 100 * m.mean();
    }
    noteCounts(s, 0, "");
    return s;
  }

 private:
  struct Truth {
    std::string answer, type;
  };
  std::map<std::string, Truth> truth_;
};

}  // namespace

engine::RgbImage Benchmark::image(const BenchmarkItem& item) const {
  if (item.imageBase64)
    return engine::decodeImage(decodeBase64(*item.imageBase64, info().title + " question " + item.questionId.text),
                               info().title + " question " + item.questionId.text);
  return engine::readImage(item.imagePath);
}

std::unique_ptr<Benchmark> Benchmark::open(const std::string& name, const std::string& dataDir, const OpenOptions& o) {
  const BenchmarkInfo& info = benchmarkInfo(name);
  std::error_code ec;
  if (!fs::is_directory(dataDir, ec))
    throw EngineError(info.title + ": the data folder " + dataDir + " does not exist (LLaVA's layout: playground/data/eval/" +
                      info.folder + "/)");
  const fs::path dir(dataDir);
  std::unique_ptr<Benchmark> b;
  if (info.name == "gqa") b = std::make_unique<Gqa>(dir);
  else if (info.name == "pope") b = std::make_unique<Pope>(dir);
  else if (info.name == "scienceqa") b = std::make_unique<ScienceQa>(dir);
  else if (info.name == "textvqa") b = std::make_unique<TextVqa>(dir);
  else if (info.name == "vqav2") b = std::make_unique<Vqav2>(dir);
  else if (info.name == "mme") b = std::make_unique<Mme>(dir);
  else if (info.name == "mmbench" || info.name == "mmbench-cn")
    b = std::make_unique<MmBench>(dir, o.questions, o.circular, info.name == "mmbench-cn");
  else if (info.name == "vizwiz") b = std::make_unique<VizWiz>(dir);
  else if (info.name == "seed") b = std::make_unique<Seed>(dir);
  else throw EngineError("benchmark " + info.name + " has no reader");
  if (!o.questions.empty() && info.name != "mmbench" && info.name != "mmbench-cn")
    throw EngineError("--questions with --benchmark names MMBench's .tsv; " + info.title + " reads its files from --data");
  b->info_ = &info;
  if (b->items_.empty()) throw EngineError(info.title + ": " + dataDir + " holds no questions to ask");
  return b;
}

}  // namespace llavolta::training
