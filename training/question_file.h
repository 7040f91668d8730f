#pragma once
// LLaVA evaluation files, all JSON Lines (one object per line, blank lines ignored):
// - question files  {"question_id", "image", "text"[, "category"]}  (llava/eval/model_vqa.py)
// - answer files    {"question_id"[, "round_id"], "prompt", "text", "answer_id", "model_id", "metadata": {}}
// - ground truth    {"question_id", "answer", "category"}  (Shapes-VQA's test split)
// question_id may be a number or a string in LLaVA's files; it is kept as text plus a flag,
// and written back as the type it was read as.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace llavolta::training {

struct LineError {
  size_t line = 0;  // 1-based
  std::string reason;
};

struct QuestionId {
  std::string text;      // the id as text (numbers in their JSON spelling)
  bool numeric = false;  // written back as a JSON number
  bool operator==(const QuestionId& o) const { return text == o.text && numeric == o.numeric; }
};

struct Question {
  QuestionId questionId;
  std::string image;     // as written; relative to the benchmark's image folder
  std::string text;
  std::string category;  // empty when the file has none
};

struct Answer {
  QuestionId questionId;
  std::string prompt;    // the question as asked (LLaVA writes the question text)
  std::string text;      // the model's answer
  std::string answerId;  // empty: makeAnswerId() of the other fields
  std::string modelId;
  int64_t round = -1;    // "round_id" of MMBench's rotated options; -1 = none (not written)
  std::string scheme;    // "metadata": {"scheme"}: the compression scheme it was answered under
  std::map<std::string, double> metadata;  // "metadata": the answer's cost (prefill_tflops, ...)
};

struct GroundTruth {
  QuestionId questionId;
  std::string answer;
  std::string category;
};

// Readers. With `errors` null, any bad line is an EngineError naming the file, the first
// few bad lines (line number and reason) and how many there are; with `errors` given, bad
// lines are appended there and the good ones returned. Reasons: not valid JSON, not an
// object, a missing or mistyped field, a duplicate question_id (naming the first line).
// A missing or unreadable file is always an EngineError.
std::vector<Question> readQuestionFile(const std::string& path, std::vector<LineError>* errors = nullptr);
std::vector<Answer> readAnswerFile(const std::string& path, std::vector<LineError>* errors = nullptr);
std::vector<GroundTruth> readGroundTruthFile(const std::string& path, std::vector<LineError>* errors = nullptr);

// Writers (whole files; parent directories are created). EngineError when the file cannot
// be written.
void writeQuestionFile(const std::string& path, const std::vector<Question>& questions);
void writeGroundTruthFile(const std::string& path, const std::vector<GroundTruth>& truth);

// A 22-character id in shortuuid's alphabet, as LLaVA's answer_id, but derived from the
// answer's content so answer files are reproducible.
std::string makeAnswerId(const Answer& answer);

// Streams answers to a JSONL file in LLaVA's format, one line per write(), flushed each time
// so a long evaluation that is interrupted keeps what it answered.
class AnswerWriter {
 public:
  // Truncates the file unless `append`; parent directories are created. EngineError when it
  // cannot be opened.
  explicit AnswerWriter(const std::string& path, bool append = false);
  void write(const Answer& answer);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace llavolta::training
