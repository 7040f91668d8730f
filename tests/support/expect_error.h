#pragma once
// Checking that bad input fails with a message a user can act on. Include after
// the engine headers (Qt's `slots` macro breaks torch headers parsed after it).
#include <functional>
#include <string>
#include <vector>

#include "engine/errors.h"

#include <QtTest>

namespace llavolta::testing {

// The EngineError message fn throws, or an empty string when it throws none.
inline QString errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const engine::EngineError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

// Requires an EngineError whose message contains every needle.
inline void expectError(const std::function<void()>& fn, const std::vector<std::string>& needles) {
  try {
    fn();
  } catch (const engine::EngineError& e) {
    const std::string msg = e.what();
    for (const auto& needle : needles)
      QVERIFY2(msg.find(needle) != std::string::npos, ("message lacks '" + needle + "': " + msg).c_str());
    return;
  } catch (const std::exception& e) {
    QFAIL((std::string("expected EngineError, got other exception: ") + e.what()).c_str());
  }
  QFAIL("expected EngineError, nothing was thrown");
}

}  // namespace llavolta::testing
