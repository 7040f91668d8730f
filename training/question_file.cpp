#include "training/question_file.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "engine/input_limits.h"

namespace llavolta::training {

namespace fs = std::filesystem;
using engine::EngineError;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

QuestionId parseId(const json& obj) {
  const auto it = obj.find("question_id");
  if (it == obj.end()) throw EngineError("missing \"question_id\"");
  if (it->is_string()) {
    if (it->get_ref<const std::string&>().empty()) throw EngineError("\"question_id\" is an empty string");
    return {it->get<std::string>(), false};
  }
  if (it->is_number_integer()) return {it->dump(), true};
  throw EngineError(std::string("\"question_id\" must be a string or an integer, found ") + it->type_name());
}

std::string requiredString(const json& obj, const char* key, bool allowNumber = false) {
  const auto it = obj.find(key);
  if (it == obj.end()) throw EngineError(std::string("missing \"") + key + "\"");
  if (it->is_string()) return it->get<std::string>();
  if (allowNumber && it->is_number()) return it->dump();
  throw EngineError(std::string("\"") + key + "\" must be a string, found " + it->type_name());
}

std::string optionalString(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw EngineError(std::string("\"") + key + "\" must be a string, found " + it->type_name());
  return it->get<std::string>();
}

ordered_json idJson(const QuestionId& id) {
  if (!id.numeric) return id.text;
  try {
    const json j = json::parse(id.text);
    if (j.is_number_integer()) return j;
  } catch (const json::exception&) {
  }
  throw EngineError("question_id \"" + id.text + "\" is marked numeric but is not an integer");
}

// Lines are unique by question id; answers by id, round (MMBench's rotations) and prompt
// (TextVQA's LLaVA file names every question on an image by the image's id).
template <typename T>
std::string duplicateKey(const T& item) { return item.questionId.text; }
std::string duplicateKey(const Answer& a) {
  std::string key = a.round < 0 ? a.questionId.text : a.questionId.text + " round " + std::to_string(a.round);
  return key + '\0' + a.prompt;
}

template <typename T, typename Parse>
std::vector<T> readJsonl(const std::string& path, const char* kind, std::vector<LineError>* errors, Parse parse) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw EngineError(std::string(kind) + " " + path + " does not exist or is not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EngineError(std::string("cannot open ") + kind + " " + path);

  std::vector<T> out;
  std::vector<LineError> bad;
  std::map<std::string, size_t> firstLine;  // question id -> line
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      const json obj = engine::parseJson(line, "the line");
      if (!obj.is_object()) throw EngineError(std::string("expected a JSON object, found ") + obj.type_name());
      T item = parse(obj);
      const auto [it, inserted] = firstLine.emplace(duplicateKey(item), number);
      if (!inserted) {
        throw EngineError("duplicate question_id " + item.questionId.text + " (first on line " +
                          std::to_string(it->second) + ")");
      }
      out.push_back(std::move(item));
    } catch (const EngineError& e) {
      bad.push_back({number, e.what()});
    }
  }
  if (in.bad()) throw EngineError(std::string("error reading ") + kind + " " + path);
  if (!bad.empty()) {
    if (errors) {
      errors->insert(errors->end(), bad.begin(), bad.end());
    } else {
      std::ostringstream msg;
      msg << kind << " " << path << ": " << bad.size() << " bad line" << (bad.size() == 1 ? "" : "s") << ": ";
      for (size_t k = 0; k < std::min<size_t>(bad.size(), 3); ++k) {
        msg << (k ? "; " : "") << "line " << bad[k].line << ": " << bad[k].reason;
      }
      if (bad.size() > 3) msg << "; and " << bad.size() - 3 << " more";
      throw EngineError(msg.str());
    }
  }
  return out;
}

std::ofstream openForWrite(const std::string& path, bool append) {
  const fs::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  std::ofstream out(path, append ? std::ios::app | std::ios::binary : std::ios::trunc | std::ios::binary);
  if (!out) throw EngineError("cannot write " + path + " (check the folder exists and is writable)");
  return out;
}

std::string dumpLine(const ordered_json& j) {
  // Model output may hold invalid UTF-8 (a cut byte-fallback character): replace it rather
  // than fail in the middle of an evaluation.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename T, typename ToJson>
void writeJsonl(const std::string& path, const std::vector<T>& items, ToJson toJson) {
  std::ofstream out = openForWrite(path, false);
  for (const T& item : items) out << dumpLine(toJson(item)) << '\n';
  out.flush();
  if (!out) throw EngineError("error writing " + path + " (disk full?)");
}

}  // namespace

std::vector<Question> readQuestionFile(const std::string& path, std::vector<LineError>* errors) {
  return readJsonl<Question>(path, "question file", errors, [](const json& obj) {
    Question q;
    q.questionId = parseId(obj);
    q.image = requiredString(obj, "image");
    q.text = requiredString(obj, "text");
    if (q.text.empty()) throw EngineError("\"text\" is empty");
    q.category = optionalString(obj, "category");
    return q;
  });
}

std::vector<Answer> readAnswerFile(const std::string& path, std::vector<LineError>* errors) {
  return readJsonl<Answer>(path, "answer file", errors, [](const json& obj) {
    Answer a;
    a.questionId = parseId(obj);
    a.text = requiredString(obj, "text");
    a.prompt = optionalString(obj, "prompt");
    a.answerId = optionalString(obj, "answer_id");
    a.modelId = optionalString(obj, "model_id");
    if (const auto r = obj.find("round_id"); r != obj.end() && !r->is_null()) {
      if (!r->is_number_integer() || r->get<int64_t>() < 0) throw EngineError("\"round_id\" must be a whole number >= 0");
      a.round = r->get<int64_t>();
    }
    if (const auto m = obj.find("metadata"); m != obj.end() && m->is_object())
      for (const auto& [key, value] : m->items()) {
        if (value.is_number()) a.metadata[key] = value.get<double>();
        if (key == "scheme" && value.is_string()) a.scheme = value.get<std::string>();
      }
    return a;
  });
}

std::vector<GroundTruth> readGroundTruthFile(const std::string& path, std::vector<LineError>* errors) {
  return readJsonl<GroundTruth>(path, "ground-truth file", errors, [](const json& obj) {
    GroundTruth g;
    g.questionId = parseId(obj);
    g.answer = requiredString(obj, "answer", /*allowNumber=*/true);
    g.category = optionalString(obj, "category");
    return g;
  });
}

void writeQuestionFile(const std::string& path, const std::vector<Question>& questions) {
  writeJsonl(path, questions, [](const Question& q) {
    ordered_json j{{"question_id", idJson(q.questionId)}, {"image", q.image}, {"text", q.text}};
    if (!q.category.empty()) j["category"] = q.category;
    return j;
  });
}

void writeGroundTruthFile(const std::string& path, const std::vector<GroundTruth>& truth) {
  writeJsonl(path, truth, [](const GroundTruth& g) {
    return ordered_json{{"question_id", idJson(g.questionId)}, {"answer", g.answer}, {"category", g.category}};
  });
}

std::string makeAnswerId(const Answer& answer) {
  // Two FNV-1a passes with different offsets give 128 bits; base 57 needs 22 digits for them.
  const auto fnv = [&](uint64_t h) {
    const auto mix = [&h](const std::string& s) {
      for (const unsigned char c : s) {
        h ^= c;
        h *= 0x100000001B3ULL;
      }
      h ^= 0xFF;  // field separator that no UTF-8 text contains
      h *= 0x100000001B3ULL;
    };
    mix(answer.questionId.text);
    if (answer.round >= 0) mix("round " + std::to_string(answer.round));
    mix(answer.modelId);
    mix(answer.prompt);
    mix(answer.text);
    return h;
  };
  unsigned __int128 value = (static_cast<unsigned __int128>(fnv(0xCBF29CE484222325ULL)) << 64) |
                            fnv(0x84222325CBF29CE4ULL);
  static const char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::string out(22, '2');
  for (int i = 21; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kAlphabet[static_cast<int>(value % 57)];
    value /= 57;
  }
  return out;
}

AnswerWriter::AnswerWriter(const std::string& path, bool append) : path_(path), out_(openForWrite(path, append)) {}

void AnswerWriter::write(const Answer& answer) {
  ordered_json j{{"question_id", idJson(answer.questionId)}};
  if (answer.round >= 0) j["round_id"] = answer.round;
  j["prompt"] = answer.prompt;
  j["text"] = answer.text;
  j["answer_id"] = answer.answerId.empty() ? makeAnswerId(answer) : answer.answerId;
  j["model_id"] = answer.modelId;
  j["metadata"] = ordered_json::object();
  if (!answer.scheme.empty()) j["metadata"]["scheme"] = answer.scheme;
  for (const auto& [key, value] : answer.metadata) j["metadata"][key] = value;
  out_ << dumpLine(j) << '\n';
  out_.flush();
  if (!out_) throw EngineError("error writing answer file " + path_ + " (disk full?)");
}

}  // namespace llavolta::training
