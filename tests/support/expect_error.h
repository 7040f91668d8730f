#pragma once
// Checking that bad input fails with a message a user can act on, for the Qt Test suites (the
// project's own suites use support/check.h directly). Include after the engine headers (Qt's
// `slots` macro breaks torch headers parsed after it).
#include <functional>
#include <string>
#include <vector>

#include "support/check.h"

#include <QtTest>

namespace llavolta::testing {

// The EngineError message fn throws, or an empty string when it throws none.
inline QString errorOf(const std::function<void()>& fn) { return QString::fromStdString(check::errorOf(fn)); }

// Requires an EngineError whose message contains every needle.
inline void expectError(const std::function<void()>& fn, const std::vector<std::string>& needles) {
  try {
    check::expectError(fn, needles);
  } catch (const check::Failure& f) {
    QFAIL(f.message.c_str());
  }
}

}  // namespace llavolta::testing
