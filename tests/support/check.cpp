#include "support/check.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "engine/errors.h"

namespace llavolta::check {
namespace fs = std::filesystem;

namespace {
Table table;
const std::vector<std::any>* row = nullptr;
}  // namespace

void fail(const std::string& what, const char* file, int line) {
  throw Failure{what + "\n   Loc: [" + file + "(" + std::to_string(line) + ")]"};
}

Table& currentTable() { return table; }

const std::vector<std::any>& currentRow() {
  if (!row) throw Failure{"FETCH outside a data-driven test (declare it with DATA_TEST and a _data function)"};
  return *row;
}

RowBuilder newRow(const std::string& name) {
  if (table.columns.empty()) throw Failure{"newRow(\"" + name + "\") before any addColumn"};
  table.rows.emplace_back(name, std::vector<std::any>{});
  return RowBuilder(&table.rows.back().second);
}

RowBuilder& RowBuilder::add(std::any v) {
  const size_t column = cells_->size();
  if (column >= table.columns.size()) throw Failure{"newRow: more values than columns"};
  const Column& c = table.columns[column];
  if (v.type() != *c.type) {
    std::any adapted = c.adaptInteger(v);
    if (!adapted.has_value())
      throw Failure{"newRow: the value for column '" + c.name + "' has another type than the column (" +
                    v.type().name() + " vs " + c.type->name() + ") or does not fit it"};
    v = std::move(adapted);
  }
  cells_->push_back(std::move(v));
  return *this;
}

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const engine::EngineError& e) {
    return e.what();
  }
  return {};
}

void expectError(const std::function<void()>& fn, const std::vector<std::string>& needles) {
  try {
    fn();
  } catch (const engine::EngineError& e) {
    const std::string msg = e.what();
    for (const auto& needle : needles)
      if (!contains(msg, needle)) throw Failure{"the error message lacks '" + needle + "': " + msg};
    return;
  } catch (const std::exception& e) {
    throw Failure{std::string("expected an EngineError, got another exception: ") + e.what()};
  }
  throw Failure{"expected an EngineError, nothing was thrown"};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

void note(const std::string& line) { std::cout << "INFO   : " << line << "\n" << std::flush; }

std::string device() {
  const char* d = std::getenv("LLAVOLTA_TEST_DEVICE");
  return d && *d ? d : "cpu";
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "llavolta-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory under " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

enum class Outcome { Pass, Fail, Skip };

// Runs one test (row) between init() and cleanup(); prints its line.
Outcome runOne(Suite& suite, const std::string& label, const std::function<void()>& body) {
  std::string message;
  Outcome outcome = Outcome::Pass;
  const auto start = std::chrono::steady_clock::now();
  auto guarded = [&](const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Failure& f) {
      outcome = Outcome::Fail, message = f.message;
    } catch (const Skipped& s) {
      if (outcome == Outcome::Pass) outcome = Outcome::Skip, message = s.reason;
    } catch (const std::exception& e) {
      outcome = Outcome::Fail, message = std::string("unexpected exception: ") + e.what();
    } catch (...) {
      outcome = Outcome::Fail, message = "unexpected exception of an unknown type";
    }
  };
  guarded([&] { suite.init(); });
  if (outcome == Outcome::Pass) guarded(body);
  guarded([&] { suite.cleanup(); });
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  switch (outcome) {
    case Outcome::Pass:
      std::cout << "PASS   : " << label << " (" << static_cast<long long>(ms) << " ms)\n";
      break;
    case Outcome::Skip:
      std::cout << "SKIP   : " << label << " " << message << "\n";
      break;
    case Outcome::Fail:
      std::cout << "FAIL!  : " << label << " " << message << "\n";
      break;
  }
  std::cout.flush();
  return outcome;
}

}  // namespace

int runSuite(Suite& suite, const char* suiteName, int argc, char** argv) {
  std::set<std::string> only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << "usage: " << argv[0] << " [TEST ...]\n  runs the named tests of " << suiteName
                << " (all when none); LLAVOLTA_TEST_DEVICE=cuda runs device-aware tests on CUDA\n  tests:";
      for (const auto& t : suite.tests_) std::cout << " " << t.name;
      std::cout << "\n";
      return 0;
    }
    only.insert(a);
  }
  for (const auto& name : only) {
    bool known = false;
    for (const auto& t : suite.tests_) known = known || t.name == name;
    if (!known) {
      std::cerr << suiteName << ": no test named '" << name << "' (--help lists them)\n";
      return 2;
    }
  }
  std::cout << "********* Start testing of " << suiteName << " *********\n";
  int passed = 0, failed = 0, skipped = 0;
  auto count = [&](Outcome o) { (o == Outcome::Pass ? passed : o == Outcome::Fail ? failed : skipped)++; };
  const auto setUp = runOne(suite, std::string(suiteName) + "::initTestCase()", [&] { suite.initTestCase(); });
  count(setUp);
  if (setUp == Outcome::Pass) {
    for (const auto& t : suite.tests_) {
      if (!only.empty() && !only.count(t.name)) continue;
      const std::string label = std::string(suiteName) + "::" + t.name;
      if (!t.data) {
        count(runOne(suite, label + "()", t.body));
        continue;
      }
      table = Table{};
      try {
        t.data();
      } catch (const Failure& f) {
        std::cout << "FAIL!  : " << label << "_data() " << f.message << "\n";
        ++failed;
        continue;
      }
      const Table rows = table;
      for (const auto& [rowName, cells] : rows.rows) {
        row = &cells;
        count(runOne(suite, label + "(" + rowName + ")", t.body));
        row = nullptr;
      }
    }
  }
  count(runOne(suite, std::string(suiteName) + "::cleanupTestCase()", [&] { suite.cleanupTestCase(); }));
  std::cout << "Totals: " << passed << " passed, " << failed << " failed, " << skipped << " skipped\n"
            << "********* Finished testing of " << suiteName << " *********\n";
  return failed > 255 ? 255 : failed;
}

}  // namespace llavolta::check
