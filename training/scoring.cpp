#include "training/scoring.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "engine/errors.h"

namespace llavolta::training {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> splitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

const std::unordered_map<std::string, std::string>& wordMap() {
  static const std::unordered_map<std::string, std::string> map = {
      {"zero", "0"},      {"one", "1"},       {"two", "2"},       {"three", "3"},     {"four", "4"},
      {"five", "5"},      {"six", "6"},       {"seven", "7"},     {"eight", "8"},     {"nine", "9"},
      {"ten", "10"},      {"eleven", "11"},   {"twelve", "12"},   {"thirteen", "13"}, {"fourteen", "14"},
      {"fifteen", "15"},  {"sixteen", "16"},  {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
      {"twenty", "20"},   {"grey", "gray"},
  };
  return map;
}

const std::set<std::string>& fillerWords() {
  static const std::set<std::string> words = {
      "it",  "its",   "is",     "are",  "was",    "were",   "there", "this",   "that",  "these", "those",
      "they", "answer", "i",    "think", "see",   "can",    "be",    "final",  "shape", "color", "colour",
      "number", "letter", "digit", "object", "objects", "count", "so",  "well", "um",   "okay",  "ok",
  };
  return words;
}

const std::set<std::string>& yesWords() {
  static const std::set<std::string> w = {"yes", "yeah", "yep", "yup", "true", "correct", "right", "sure", "affirmative", "y"};
  return w;
}

const std::set<std::string>& noWords() {
  static const std::set<std::string> w = {"no", "nope", "nah", "false", "incorrect", "not", "negative", "n"};
  return w;
}

bool isNumber(const std::string& w) {
  if (w.empty()) return false;
  for (const char c : w) {
    if (!isDigit(c) && c != '.') return false;
  }
  return true;
}

}  // namespace

std::string normalizeAnswer(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // U+2019 (right single quotation mark) is an apostrophe; other non-ASCII stays.
      if (text.compare(i, 3, "\xE2\x80\x99") == 0) {
        i += 2;
        continue;
      }
      s += c;
    } else if (isAsciiAlnum(c)) {
      s += static_cast<char>(std::tolower(u));
    } else if (c == '\'' || c == '`') {
      // dropped: "it's" -> "its", "don't" -> "dont"
    } else if ((c == '.' || c == ',') && i > 0 && i + 1 < text.size() && isDigit(text[i - 1]) && isDigit(text[i + 1])) {
      if (c == '.') s += c;  // "3.5" stays, "1,000" -> "1000"
    } else {
      s += ' ';
    }
  }
  std::vector<std::string> raw = splitWords(s);
  std::vector<std::string> words;
  for (size_t i = 0; i < raw.size(); ++i) {
    // An article goes only when a word follows it, so the letter answer "A" survives.
    if ((raw[i] == "a" || raw[i] == "an" || raw[i] == "the") && i + 1 < raw.size()) continue;
    const auto it = wordMap().find(raw[i]);
    words.push_back(it != wordMap().end() ? it->second : raw[i]);
  }
  return join(words, 0, words.size());
}

std::string extractAnswer(const std::string& prediction, const std::string& groundTruth) {
  const std::vector<std::string> truth = splitWords(normalizeAnswer(groundTruth));
  std::vector<std::string> pred = splitWords(normalizeAnswer(prediction));
  if (truth.empty() || pred.empty()) return join(pred, 0, pred.size());
  if (pred == truth) return join(pred, 0, pred.size());

  // Skip leading filler, but never the word the ground truth starts with.
  size_t start = 0;
  while (start < pred.size() && pred[start] != truth[0] && fillerWords().count(pred[start])) ++start;
  if (start == pred.size()) start = 0;  // nothing but filler: read it as it is

  if (truth.size() == 1) {
    const std::string& g = truth[0];
    if (g == "yes" || g == "no") {
      const std::string& w = pred[start];
      if (yesWords().count(w)) return "yes";
      if (noWords().count(w)) return "no";
      return w;
    }
    if (isNumber(g) && pred[start] == "none") return "0";
    return pred[start];
  }
  return join(pred, start, start + truth.size());
}

bool isCorrect(const std::string& prediction, const std::string& groundTruth) {
  const std::string truth = normalizeAnswer(groundTruth);
  return !truth.empty() && extractAnswer(prediction, groundTruth) == truth;
}

Accuracy computeAccuracy(const std::vector<Answer>& predictions, const std::vector<GroundTruth>& truth) {
  std::unordered_map<std::string, const Answer*> byId;
  for (const Answer& a : predictions) {
    if (!byId.emplace(a.questionId.text, &a).second) {
      throw engine::EngineError("two predictions answer question_id " + a.questionId.text +
                                "; each question must be answered once");
    }
  }
  Accuracy acc;
  std::set<std::string> truthIds;
  for (const GroundTruth& g : truth) {
    truthIds.insert(g.questionId.text);
    CategoryScore& cat = acc.perCategory[g.category];
    ++acc.total;
    ++cat.total;
    const auto it = byId.find(g.questionId.text);
    if (it == byId.end()) {
      ++acc.missing;
      continue;
    }
    if (isCorrect(it->second->text, g.answer)) {
      ++acc.correct;
      ++cat.correct;
    }
  }
  for (const auto& [id, answer] : byId) {
    if (!truthIds.count(id)) ++acc.unmatched;
  }
  acc.overall = acc.total > 0 ? static_cast<double>(acc.correct) / static_cast<double>(acc.total) : 0.0;
  return acc;
}

double binomialStandardError(double p, int64_t n) {
  return n > 0 ? std::sqrt(p * (1.0 - p) / static_cast<double>(n)) : 0.0;
}

double CategoryScore::standardError() const { return binomialStandardError(accuracy(), total); }

void to_json(nlohmann::json& j, const Accuracy& a) {
  nlohmann::json cats = nlohmann::json::object();
  for (const auto& [name, c] : a.perCategory) {
    cats[name] = {{"accuracy", c.accuracy()}, {"standard_error", c.standardError()}, {"correct", c.correct},
                  {"total", c.total}};
  }
  const CategoryScore all{a.total, a.correct};
  j = nlohmann::json{{"overall", a.overall},     {"standard_error", all.standardError()},
                     {"correct", a.correct},     {"total", a.total},
                     {"missing", a.missing},     {"unmatched", a.unmatched},
                     {"per_category", cats}};
}

double mcnemarExactPValue(int64_t onlyA, int64_t onlyB) {
  if (onlyA < 0 || onlyB < 0) throw engine::EngineError("McNemar's test needs non-negative counts");
  const int64_t n = onlyA + onlyB;
  if (n == 0) return 1.0;
  const int64_t k = std::min(onlyA, onlyB);
  // P[X <= k], X ~ Binomial(n, 1/2), summed in log space so that n in the thousands is exact.
  const double logHalfN = static_cast<double>(n) * std::log(0.5);
  const double logNFact = std::lgamma(static_cast<double>(n) + 1.0);
  double tail = 0.0;
  for (int64_t i = 0; i <= k; ++i) {
    const double logChoose = logNFact - std::lgamma(static_cast<double>(i) + 1.0) -
                             std::lgamma(static_cast<double>(n - i) + 1.0);
    tail += std::exp(logChoose + logHalfN);
  }
  return std::min(1.0, 2.0 * tail);
}

PairedComparison compareAnswers(const std::vector<Answer>& a, const std::vector<Answer>& b,
                                const std::vector<GroundTruth>& truth) {
  PairedComparison out;
  out.a = computeAccuracy(a, truth);
  out.b = computeAccuracy(b, truth);
  const auto index = [](const std::vector<Answer>& answers) {
    std::unordered_map<std::string, const Answer*> byId;
    for (const Answer& x : answers) byId.emplace(x.questionId.text, &x);
    return byId;
  };
  const auto byA = index(a), byB = index(b);
  const auto right = [](const std::unordered_map<std::string, const Answer*>& by, const GroundTruth& g) {
    const auto it = by.find(g.questionId.text);
    return it != by.end() && isCorrect(it->second->text, g.answer);
  };
  for (const GroundTruth& g : truth) {
    const bool ra = right(byA, g), rb = right(byB, g);
    if (ra && rb) ++out.bothCorrect;
    else if (ra) ++out.onlyA;
    else if (rb) ++out.onlyB;
    else ++out.bothWrong;
  }
  out.pValue = mcnemarExactPValue(out.onlyA, out.onlyB);
  return out;
}

void to_json(nlohmann::json& j, const PairedComparison& c) {
  j = nlohmann::json{{"a", c.a},
                     {"b", c.b},
                     {"both_correct", c.bothCorrect},
                     {"only_a", c.onlyA},
                     {"only_b", c.onlyB},
                     {"both_wrong", c.bothWrong},
                     {"difference", c.a.overall - c.b.overall},
                     {"test", "McNemar exact (two-sided)"},
                     {"p_value", c.pValue}};
}

}  // namespace llavolta::training
