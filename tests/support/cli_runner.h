#pragma once
// Running the real llavolta binary from a test (LLAVOLTA_CLI_PATH is set per test target).
#include <QProcess>
#include <QString>
#include <QStringList>

namespace llavolta::testing {

struct CliResult {
  int code = -1;
  QString out, err;
  bool crashed = false;  // killed by a signal, or did not finish in time
};

inline CliResult runLlavolta(const QStringList& args, int timeoutMs = 120000) {
  QProcess p;
  p.setProgram(QStringLiteral(LLAVOLTA_CLI_PATH));
  p.setArguments(args);
  p.start();
  CliResult r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished(5000);
    r.crashed = true;
    r.err = "did not finish: llavolta " + args.join(' ');
    return r;
  }
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.code = p.exitCode();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

inline QString describe(const QStringList& args, const CliResult& r) {
  return "llavolta " + args.join(' ') + "\n  exit " + QString::number(r.code) + "\n  stdout: " + r.out.left(2000) +
         "\n  stderr: " + r.err.left(2000);
}

}  // namespace llavolta::testing
