// nlohmann and the trainer's schedule before Qt (QT_NO_KEYWORDS keeps them apart anyway).
#include <nlohmann/json.hpp>

#include "training/schedule.h"
#include "training/run_files.h"
#include "training/run_records.h"

#include "ui/training/run_directory.h"
#include "ui/worker/utf8_text.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <cmath>

namespace llavolta::ui {

MetricPoint MetricPoint::fromJson(const QJsonObject& o) {
  // The trainer's record type reads it (training/run_records.h): one spelling of the keys.
  training::StepRecord r;
  try {
    r = nlohmann::json::parse(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString()).get<training::StepRecord>();
  } catch (const std::exception&) {
    // A record with a mistyped field is skipped as data, not fatal to the view: keep defaults.
  }
  MetricPoint p;
  p.step = r.step;
  p.loss = r.loss;
  p.lr = r.lr;
  p.samplesPerS = r.samplesPerS;
  p.stepMs = r.stepMs;
  p.visualTokens = static_cast<double>(r.visualTokens);
  p.visualTokensTotal = static_cast<double>(r.visualTokensTotal);
  p.stage = r.stage;
  p.scheme = QString::fromStdString(r.scheme);
  p.phase = QString::fromStdString(r.phase);
  p.patchWordLoss = r.patchWordLoss;
  p.groundingLoss = r.groundingLoss;
  p.promptLoss = r.promptLoss;
  return p;
}

QVector<QJsonObject> JsonlFollower::readNew(bool* restarted) {
  if (restarted) *restarted = false;
  QVector<QJsonObject> out;
  QFile f(path_);
  if (!f.open(QIODevice::ReadOnly)) return out;
  if (f.size() < offset_) {
    offset_ = 0;
    if (restarted) *restarted = true;
  }
  if (!f.seek(offset_)) return out;
  const QByteArray chunk = f.readAll();
  // Only complete lines: the trainer may be half-way through writing the last one.
  const qsizetype lastNewline = chunk.lastIndexOf('\n');
  if (lastNewline < 0) return out;
  offset_ += lastNewline + 1;
  for (const QByteArray& line : chunk.left(lastNewline).split('\n')) {
    if (line.trimmed().isEmpty()) continue;
    const auto doc = QJsonDocument::fromJson(line);
    if (doc.isObject()) out.push_back(doc.object());
  }
  return out;
}

namespace runfiles {

namespace {
QString studioPath(const QString& runDir) { return QDir(runDir).filePath(QStringLiteral("studio.json")); }

nlohmann::json readNlohmann(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  try {
    return nlohmann::json::parse(f.readAll().toStdString());
  } catch (const std::exception&) {
    return {};
  }
}
}  // namespace

QJsonObject readStudio(const QString& runDir) {
  QFile f(studioPath(runDir));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

void writeStudio(const QString& runDir, const QJsonObject& state) {
  QSaveFile f(studioPath(runDir));  // atomic: a crash never leaves half a file
  if (!f.open(QIODevice::WriteOnly)) return;
  f.write(QJsonDocument(state).toJson());
  f.commit();
}

bool processAlive(qint64 pid, const QString& runDir) {
  if (pid <= 0) return false;
  const QString proc = QStringLiteral("/proc/%1/").arg(pid);
  QFile stat(proc + QStringLiteral("stat"));
  if (!stat.open(QIODevice::ReadOnly)) return false;
  const QByteArray s = stat.readAll();
  // Field 3, after the parenthesised command name: Z (zombie) or X (dead) is not alive.
  const qsizetype close = s.lastIndexOf(')');
  if (close >= 0 && close + 2 < s.size() && (s[close + 2] == 'Z' || s[close + 2] == 'X')) return false;
  QFile cmd(proc + QStringLiteral("cmdline"));
  if (!cmd.open(QIODevice::ReadOnly)) return false;
  QByteArray line = cmd.readAll();
  line.replace('\0', ' ');
  // With the trailing slash "runs/a" does not match a child of "runs/a-copy".
  return line.contains((QDir(runDir).absolutePath() + QLatin1Char('/')).toUtf8());
}

QString effectiveStatus(const QString& runDir, qint64* pidOut) {
  const QDir dir(runDir);
  const QJsonObject st = readStudio(runDir);
  const qint64 pid = st.value(QStringLiteral("pid")).toInteger();
  if (pidOut) *pidOut = pid;
  const QString state = st.value(QStringLiteral("state")).toString();
  const bool alive = processAlive(pid, runDir);
  if (alive) return state == kPreparing ? kPreparing : kRunning;
  // A trainer the studio did not start (a `llavolta train` in a terminal) holds the folder's lock.
  if (const long holder = training::runfiles::runFolderLockHolder(runDir.toStdString()); holder != 0) {
    if (pidOut && holder > 0) *pidOut = holder;
    return kRunning;
  }
  if (QFileInfo::exists(dir.filePath(QStringLiteral("final/config.json")))) return kFinished;
  if (state == kPausing || state == kPaused) return kPaused;
  if (state == kStopping || state == kStopped) return kStopped;
  if (state == kRunning || state == kPreparing || state == kFailed) return kFailed;  // died without being asked to
  // A run made by the CLI (no studio.json): resumable if it got anywhere.
  return kStopped;
}

QStringList checkpoints(const QString& runDir) {
  QDir ck(QDir(runDir).filePath(QString::fromLatin1(training::runfiles::kCheckpointsDir)));
  QList<QPair<qint64, QString>> found;
  for (const QString& name : ck.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    if (!name.startsWith(QStringLiteral("step-"))) continue;  // ".tmp-" ones are incomplete
    bool ok = false;
    const qint64 step = name.mid(5).toLongLong(&ok);
    if (ok) found.append({step, ck.filePath(name)});
  }
  std::sort(found.begin(), found.end());
  QStringList out;
  for (const auto& f : found) out << f.second;
  if (QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("final/config.json"))))
    out << QDir(runDir).filePath(QStringLiteral("final"));
  return out;
}

bool isTrainingRun(const QString& dir) {
  const QDir d(dir);
  if (QFileInfo::exists(d.filePath(QStringLiteral("studio.json")))) return true;
  const QString runJson = d.filePath(QStringLiteral("run.json"));
  if (!QFileInfo::exists(runJson)) return false;
  const auto j = readNlohmann(runJson);
  // An unreadable run.json still shows (as a run that cannot be resumed), so nothing vanishes.
  return !j.is_object() || j.contains("phases");
}

qint64 totalSteps(const QString& runDir) {
  const auto j = readNlohmann(QDir(runDir).filePath(QStringLiteral("run.json")));
  qint64 n = 0;
  if (j.is_object() && j.contains("phases") && j["phases"].is_array())
    for (const auto& p : j["phases"])
      if (p.is_object() && p.contains("steps") && p["steps"].is_number_integer()) n += p["steps"].get<qint64>();
  return n;
}

int worldSize(const QString& runDir) {
  const auto j = readNlohmann(QDir(runDir).filePath(QStringLiteral("run.json")));
  if (j.is_object() && j.contains("world_size") && j["world_size"].is_number_integer())
    return std::max(1, j["world_size"].get<int>());
  return 1;
}

QVector<qint64> stageStarts(const QString& runDir, QStringList* schemes) {
  QVector<qint64> out;
  const auto j = readNlohmann(QDir(runDir).filePath(QStringLiteral("run.json")));
  if (!j.is_object() || !j.contains("schedule")) return out;
  try {
    const auto& s = j["schedule"];
    const training::Schedule schedule =
        s.is_string() ? training::Schedule::preset(s.get<std::string>()) : training::Schedule::fromJson(s, "run.json");
    for (const auto e : schedule.stageEnds(totalSteps(runDir))) out << e;
    if (schemes)
      for (const auto& st : schedule.stages) *schemes << QString::fromStdString(st.scheme);
  } catch (const std::exception&) {
    // A schedule the trainer would reject: no boundaries to draw.
  }
  return out;
}

double lastEvalAccuracy(const QString& runDir) {
  QFile f(QDir(runDir).filePath(QStringLiteral("eval.jsonl")));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  double acc = -1;
  for (const QByteArray& line : f.readAll().split('\n')) {
    const auto o = QJsonDocument::fromJson(line).object();
    const auto a = o.value(QStringLiteral("accuracy")).toObject();
    if (a.contains(QStringLiteral("overall"))) acc = a.value(QStringLiteral("overall")).toDouble();
  }
  return acc;
}

QString logTail(const QString& runDir, qint64 maxBytes) {
  QFile f(QDir(runDir).filePath(QStringLiteral("train.log")));
  if (!f.open(QIODevice::ReadOnly)) return {};
  if (f.size() > maxBytes) f.seek(f.size() - maxBytes);
  // The cut at the front, or the trainer still writing the last character, can split a
  // UTF-8 character: only whole characters are shown (no U+FFFD at either end).
  QString text = decodeWholeUtf8(f.readAll());
  // The CLI redraws its progress line with '\r'; in a log view each redraw is a line.
  text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
  QStringList lines;
  for (const QString& l : text.split(QRegularExpression(QStringLiteral("[\r\n]")), Qt::SkipEmptyParts))
    lines << l.trimmed();
  while (lines.size() > 200) lines.removeFirst();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace runfiles
}  // namespace llavolta::ui
