#pragma once
// LLaVA-1.5's evaluation suite: the benchmark files in the layout of LLaVA's evaluation guide
// (playground/data/eval/<bench>/), each benchmark's prompt suffix and answer post-processing,
// and its official metric, computed here from the published definitions:
//   gqa        exact match after GQA's normalisation (strip trailing '.', lower case)
//   pope       accuracy, precision, recall, F1 and yes-ratio per split (yes/no as LLaVA reads it)
//   scienceqa  option letter ("B", "B. …", "The answer is B."), accuracy on the image subset
//   textvqa    VQA soft accuracy with the EvalAI answer normaliser
//   vqav2      the same on val annotations; the EvalAI submission file for test-dev
//   mme        accuracy and accuracy+ per subtask; perception and cognition totals
//   mmbench    single-pass and circular accuracy (every rotation of the options right)
//   seed       accuracy per question type and overall on the image questions
// LLaVA-Bench and MM-Vet need a GPT judge and are listed as unsupported.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/image.h"
#include "training/question_file.h"

namespace llavolta::training {

struct BenchmarkInfo {
  std::string name;      // the --benchmark value
  std::string title;     // as the papers print it
  std::string folder;    // under playground/data/eval/
  std::string files;     // the files it reads, relative to the folder
  std::string metric;    // the headline metric, in words
  std::string unit;      // "%" or "points"
  bool supported = true;
  std::string reason;    // why not, when unsupported
};
// Every benchmark of LLaVA-1.5's suite, supported or not, in the papers' table order.
const std::vector<BenchmarkInfo>& benchmarkCatalogue();
// The entry for name (case-insensitive); EngineError listing the names when unknown, or giving
// the reason when the benchmark is unsupported.
const BenchmarkInfo& benchmarkInfo(const std::string& name);

// One query to the model. MMBench asks each question once per rotation of its options (round).
struct BenchmarkItem {
  QuestionId questionId;
  int64_t round = -1;             // MMBench's round_id; -1 elsewhere
  std::string imagePath;          // a file, or empty when the image travels inside the data
  std::shared_ptr<const std::string> imageBase64;  // MMBench: the TSV's base64 image, shared by the rounds
  std::string prompt;             // as asked, with the benchmark's answer instruction
  std::string recordedPrompt;     // as the answer file records it (ScienceQA: "<image>\n" + prompt, as LLaVA)
  std::string category;
  // An answer belongs to the item with its question id, round and recorded prompt: TextVQA's
  // LLaVA file reuses one id (the image's) for every question on an image.
  const std::string& answerPrompt() const { return recordedPrompt.empty() ? prompt : recordedPrompt; }
};

// What a benchmark's official metric says about a set of answers.
struct BenchmarkScore {
  std::string benchmark;
  std::string metric;   // the headline metric's name, e.g. "accuracy", "f1", "perception"
  std::string unit;     // "%" or "points"
  double value = 0;     // the headline number, in unit
  double standardError = 0;  // of value, where the metric is a mean over questions
  bool hasStandardError = false;  // false for F1 (POPE) and MME's summed scores
  nlohmann::ordered_json details;  // the benchmark's full breakdown, in its own terms
  // One level of that breakdown for tables and plots, in %: GQA's structural types, POPE's
  // splits (F1), SQA's subjects, VQAv2's answer types, MME's subtasks (accuracy), MMBench's
  // categories, SEED's question types.
  std::map<std::string, double> categories;
  int64_t scored = 0;     // answers that met their ground truth
  int64_t unmatched = 0;  // answers whose question id (or round) is not in the benchmark
  int64_t noTruth = 0;    // asked questions the ground truth does not cover
  std::vector<std::string> notes;  // what a user should know (unparsed answers, mismatches)
  nlohmann::ordered_json toJson() const;
};

class Benchmark {
 public:
  // Reads the benchmark's files from dataDir. EngineError naming each missing file and where
  // LLaVA's evaluation guide says it comes from; malformed files name the file and the entry.
  struct OpenOptions {
    std::string questions;  // MMBench: the .tsv to read (a name in dataDir or a path); default the dev TSV
    bool circular = true;   // MMBench: ask every rotation of the options (circular evaluation)
  };
  static std::unique_ptr<Benchmark> open(const std::string& name, const std::string& dataDir,
                                         const OpenOptions& options);
  static std::unique_ptr<Benchmark> open(const std::string& name, const std::string& dataDir) {
    return open(name, dataDir, OpenOptions{});
  }
  virtual ~Benchmark() = default;

  const BenchmarkInfo& info() const { return *info_; }
  const std::vector<BenchmarkItem>& items() const { return items_; }
  // False when the split has no ground truth here (VQAv2 test-dev, an MMBench test TSV): the
  // answers go to the evaluation server through the submission file.
  virtual bool hasGroundTruth() const { return true; }
  // Scores the answers given (matched by question id and round); questions not answered are
  // left out, so a --limit scores the questions it asked.
  BenchmarkScore score(const std::vector<Answer>& answers) const;
  // The item's image, read from its file or decoded from the data; EngineError when unreadable.
  engine::RgbImage image(const BenchmarkItem& item) const;
  // The file the benchmark's server takes, where there is one ("" otherwise).
  virtual std::string submissionName() const { return {}; }
  virtual void writeSubmission(const std::string& path, const std::vector<Answer>& answers) const;
  // Notes from reading the files (entries skipped and why).
  const std::vector<std::string>& loadNotes() const { return loadNotes_; }

 protected:
  virtual BenchmarkScore scoreAnswers(const std::vector<Answer>& answers) const = 0;
  const BenchmarkInfo* info_ = nullptr;
  std::vector<BenchmarkItem> items_;
  std::vector<std::string> loadNotes_;
};

// ---- the metrics' building blocks (tested on their own) ----------------------------------

// The EvalAI / VQA answer normaliser (EvalAIAnswerProcessor): lower case, punctuation, periods
// not followed by a digit, number words to digits, articles dropped, contractions restored.
std::string vqaNormalizeAnswer(const std::string& answer);
// VQA soft accuracy of one prediction against the annotators' answers (10 in VQAv2/TextVQA):
// min(#other annotators giving it / 3, 1), averaged over leaving each annotator out. Both sides
// go through vqaNormalizeAnswer.
double vqaSoftAccuracy(const std::string& prediction, const std::vector<std::string>& annotatorAnswers);
// GQA: trailing periods stripped, lower case.
std::string gqaNormalizeAnswer(const std::string& answer);
// POPE as LLaVA's eval_pope.py reads an answer: the first sentence, commas dropped; "no" when
// one of its words is "No", "no" or "not", "yes" otherwise.
bool popeSaysYes(const std::string& answer);
// ScienceQA (LLaVA's eval_science_qa.py): the option letter of "B", "B. text" or "... The answer
// is B." among the first numChoices letters; -1 when none can be read.
int scienceQaChoice(const std::string& answer, int numChoices);
// MME's calculation.py: "yes" / "no" when the answer is one, or its first four characters hold
// one; "other" otherwise. Lower-cases first.
std::string mmeAnswer(const std::string& answer);
// MMBench's answer matching: an option letter standing alone in the answer (exactly one of the
// options), else the one option whose text the answer contains; -1 when neither decides.
int mmbenchChoice(const std::string& answer, const std::vector<std::string>& optionTexts);

}  // namespace llavolta::training
