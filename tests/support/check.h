#pragma once
// The project's own test runner for the engine and training suites: no Qt, so they build and
// run wherever the libraries do (the Qt-free build, the GPU machine). Modelled on Qt Test, so a
// suite reads the same way as the studio's Qt suites:
//
//   class SomethingTest : public llavolta::check::Suite {
//     ...members...
//    public:
//     void initTestCase() override { ... }          // once, before the first test
//     TEST(doesWhatItSays) { COMPARE(f(2), 4); }   // registered in declaration order
//     void perRow_data() {                          // rows of a data-driven test
//       check::addColumn<std::string>("spec");
//       check::newRow("vcc") << "vcc:layer=2,stride=8";
//     }
//     DATA_TEST(perRow) { FETCH(std::string, spec); ... }
//   };
//   LLAVOLTA_TEST_MAIN(SomethingTest)
//
// A failed check ends its test (row) with the file, line, expression and both values; the
// executable returns the number of failed tests, so ctest sees a failure. Arguments name the
// tests to run (all when none); LLAVOLTA_TEST_DEVICE (cpu, cuda) is read by suites that can run
// on a device, through check::device().
#include <algorithm>
#include <any>
#include <cmath>
#include <functional>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace llavolta::check {

// Thrown by a failed check; ends the running test (row).
struct Failure {
  std::string message;
};
// Thrown by SKIP; the test counts as skipped.
struct Skipped {
  std::string reason;
};

[[noreturn]] void fail(const std::string& what, const char* file, int line);

template <typename T, typename = void>
struct Printable : std::false_type {};
template <typename T>
struct Printable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

template <typename T>
std::string describe(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<T>) {
    std::ostringstream s;
    s << std::setprecision(std::numeric_limits<T>::max_digits10) << v;
    return s.str();
  } else if constexpr (std::is_enum_v<T>) {
    return std::to_string(static_cast<long long>(v));
  } else if constexpr (Printable<T>::value) {
    std::ostringstream s;
    s << v;
    return s.str();
  } else {
    return "(a value of type " + std::string(typeid(T).name()) + ")";
  }
}

// Qt Test's rule for floating point: relative closeness, and "near zero" when zero is expected.
template <typename T>
bool floatingEqual(T actual, T expected) {
  const T nullBound = std::is_same_v<T, float> ? T(1e-5) : T(1e-12);
  const T scale = std::is_same_v<T, float> ? T(100000) : T(1e12);
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected)) return actual == expected;
  if (std::abs(expected) <= nullBound) return std::abs(actual) <= nullBound;
  return std::abs(actual - expected) * scale <= std::min(std::abs(actual), std::abs(expected));
}

template <typename A, typename E>
void checkEqual(const A& actual, const E& expected, const char* actualText, const char* expectedText,
                const char* file, int line) {
  bool same;
  if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<E>) {
    using F = std::common_type_t<A, E>;
    same = floatingEqual<F>(F(actual), F(expected));
  } else if constexpr (std::is_integral_v<A> && std::is_integral_v<E>) {
    same = std::is_signed_v<A> == std::is_signed_v<E>
               ? actual == expected
               : (actual >= 0 && expected >= 0 &&
                  static_cast<unsigned long long>(actual) == static_cast<unsigned long long>(expected));
  } else {
    same = actual == expected;
  }
  if (!same)
    fail(std::string("Compared values are not the same\n   Actual   (") + actualText + "): " + describe(actual) +
             "\n   Expected (" + expectedText + "): " + describe(expected),
         file, line);
}

// ---- data-driven tests -------------------------------------------------------------------------
class RowBuilder {
 public:
  explicit RowBuilder(std::vector<std::any>* cells) : cells_(cells) {}
  RowBuilder& operator<<(const char* v) { return add(std::string(v)); }
  template <typename T>
  RowBuilder& operator<<(T v) {
    return add(std::any(std::move(v)));
  }

 private:
  RowBuilder& add(std::any v);
  std::vector<std::any>* cells_;
};

struct Column {
  std::string name;
  const std::type_info* type;
  // Turns an integer of another integer type into the column's, when it fits (Qt Test is as
  // lenient for literals); returns an empty any when it does not.
  std::function<std::any(const std::any&)> adaptInteger;
};
struct Table {
  std::vector<Column> columns;
  std::vector<std::pair<std::string, std::vector<std::any>>> rows;
};
Table& currentTable();
const std::vector<std::any>& currentRow();

template <typename From, typename To>
bool integerInto(const std::any& v, std::any* out) {
  const From* x = std::any_cast<From>(&v);
  if (!x) return false;
  if (std::is_signed_v<From> && !std::is_signed_v<To> && *x < From(0)) return true;
  if (static_cast<unsigned long long>(std::max<From>(*x, From(0))) >
      static_cast<unsigned long long>(std::numeric_limits<To>::max()))
    return true;
  if constexpr (std::is_signed_v<From> && std::is_signed_v<To>)
    if (static_cast<long long>(*x) < static_cast<long long>(std::numeric_limits<To>::min())) return true;
  *out = static_cast<To>(*x);
  return true;
}

template <typename T>
void addColumn(const std::string& name) {
  std::function<std::any(const std::any&)> adapt = [](const std::any&) { return std::any(); };
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    adapt = [](const std::any& v) {
      std::any out;
      integerInto<int, T>(v, &out) || integerInto<unsigned, T>(v, &out) || integerInto<long, T>(v, &out) ||
          integerInto<unsigned long, T>(v, &out) || integerInto<long long, T>(v, &out) ||
          integerInto<unsigned long long, T>(v, &out);
      return out;
    };
  }
  currentTable().columns.push_back({name, &typeid(T), adapt});
}
RowBuilder newRow(const std::string& name);

template <typename T>
T fetch(const char* name, const char* file, int line) {
  const auto& columns = currentTable().columns;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name != name) continue;
    if (*columns[i].type != typeid(T))
      fail(std::string("FETCH(") + name + "): the column holds another type than the one fetched", file, line);
    const auto& row = currentRow();
    if (i >= row.size()) fail(std::string("FETCH(") + name + "): the row has no value in this column", file, line);
    const T* v = std::any_cast<T>(&row[i]);
    if (!v) fail(std::string("FETCH(") + name + "): the row's value has another type than the column", file, line);
    return *v;
  }
  fail(std::string("FETCH(") + name + "): no such column", file, line);
}

// ---- suites ------------------------------------------------------------------------------------
class Suite {
 public:
  virtual ~Suite() = default;
  virtual void initTestCase() {}
  virtual void cleanupTestCase() {}
  virtual void init() {}     // before each test (row)
  virtual void cleanup() {}  // after each test (row)

  struct Test {
    std::string name;
    std::function<void()> body;
    std::function<void()> data;  // fills the rows; empty for a plain test
  };
  std::vector<Test> tests_;

  struct Registrar {
    Registrar(Suite* suite, const char* name, std::function<void()> body, std::function<void()> data = {}) {
      suite->tests_.push_back({name, std::move(body), std::move(data)});
    }
  };
};

int runSuite(Suite& suite, const char* suiteName, int argc, char** argv);

// The message of the EngineError fn throws, or "" when it throws none (any other exception
// passes through and fails the test: bad input must end in an EngineError).
std::string errorOf(const std::function<void()>& fn);
// Requires an EngineError whose message contains every needle.
void expectError(const std::function<void()>& fn, const std::vector<std::string>& needles);
bool contains(const std::string& haystack, const std::string& needle);
// A JSON value is not text (it would convert to one and throw): use its own contains(key).
template <typename T, typename = std::enable_if_t<std::is_same_v<std::decay_t<T>, nlohmann::json>>>
bool contains(const T& json, const std::string& key) = delete;
// Its arguments written one after another, as a stream would: text("step ", 3, ": ", 0.5).
template <typename... Parts>
std::string text(const Parts&... parts) {
  std::ostringstream s;
  (s << ... << parts);
  return s.str();
}
// A line of information in the test log (what a measurement came to, say).
void note(const std::string& line);
// "cpu" unless LLAVOLTA_TEST_DEVICE names another device.
std::string device();

// A fresh directory, removed with its contents when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string filePath(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace llavolta::check
namespace check = llavolta::check;

#define TEST(name)                                                                              \
  ::llavolta::check::Suite::Registrar name##_registrar_{this, #name, [this] { this->name(); }}; \
  void name()
#define DATA_TEST(name)                                                                        \
  ::llavolta::check::Suite::Registrar name##_registrar_{this, #name, [this] { this->name(); }, \
                                                        [this] { this->name##_data(); }};      \
  void name()

#define VERIFY(cond) \
  do {              \
    if (!(cond)) ::llavolta::check::fail("'" #cond "' returned FALSE.", __FILE__, __LINE__); \
  } while (false)
#define VERIFY_MSG(cond, message)                                                                      \
  do {                                                                                                \
    if (!(cond))                                                                                      \
      ::llavolta::check::fail(std::string("'" #cond "' returned FALSE. (") + (message) + ")", __FILE__, \
                              __LINE__);                                                              \
  } while (false)
#define COMPARE(actual, expected) \
  ::llavolta::check::checkEqual((actual), (expected), #actual, #expected, __FILE__, __LINE__)
#define FAIL(message) ::llavolta::check::fail(std::string(message), __FILE__, __LINE__)
#define SKIP(reason) throw ::llavolta::check::Skipped{std::string(reason)}
#define VERIFY_THROWS(ExceptionType, expr)                                                              \
  do {                                                                                                 \
    bool thrown_ = false;                                                                              \
    try {                                                                                              \
      expr;                                                                                            \
    } catch (const ExceptionType&) {                                                                   \
      thrown_ = true;                                                                                  \
    }                                                                                                  \
    if (!thrown_) ::llavolta::check::fail("'" #expr "' threw no " #ExceptionType, __FILE__, __LINE__); \
  } while (false)
#define FETCH(Type, name) Type name = ::llavolta::check::fetch<Type>(#name, __FILE__, __LINE__)

#define LLAVOLTA_TEST_MAIN(SuiteClass)                                 \
  int main(int argc, char** argv) {                                   \
    SuiteClass suite;                                                 \
    return ::llavolta::check::runSuite(suite, #SuiteClass, argc, argv); \
  }
