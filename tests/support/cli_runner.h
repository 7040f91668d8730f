#pragma once
// Running the real llavolta binary from a Qt Test suite: QString arguments and results over
// support/cli_process.h.
#include <string>
#include <vector>

#include <QString>
#include <QStringList>

#include "support/cli_process.h"

namespace llavolta::testing {

struct CliResult {
  int code = -1;
  QString out, err;
  bool crashed = false;  // killed by a signal, or did not finish in time
};

inline std::vector<std::string> toStd(const QStringList& args) {
  std::vector<std::string> v;
  for (const auto& a : args) v.push_back(a.toStdString());
  return v;
}

inline CliResult runLlavolta(const QStringList& args, int timeoutMs = 120000) {
  const auto r = check::runCli(toStd(args), timeoutMs);
  return {r.code, QString::fromStdString(r.out), QString::fromStdString(r.err), r.crashed};
}

inline QString describe(const QStringList& args, const CliResult& r) {
  return QString::fromStdString(
      check::describe(toStd(args), {r.code, r.out.toStdString(), r.err.toStdString(), r.crashed}));
}

}  // namespace llavolta::testing
