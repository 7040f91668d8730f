// nlohmann and the training library before Qt (QT_NO_KEYWORDS keeps them apart anyway).
#include <nlohmann/json.hpp>

#include "training/run_records.h"
#include "training/scoring.h"

#include "ui/benchmark/benchmark_result.h"

#include <cmath>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QSaveFile>
#include <QSet>
#include <QTextStream>

#include <algorithm>

namespace llavolta::ui {

QString BenchResult::schemeName() const { return scheme.section(QLatin1Char(':'), 0, 0); }

BenchResult BenchResult::fromEval(const QJsonObject& e, const QString& modelDir, const QString& evalSet) {
  // `llavolta eval --json` read through the training library's record type
  // (training/run_records.h), which spells its keys once.
  const auto s = training::evalSummaryFromJson(
      nlohmann::json::parse(QJsonDocument(e).toJson(QJsonDocument::Compact).toStdString()));
  BenchResult r;
  r.modelDir = modelDir;
  r.model = QFileInfo(QDir::cleanPath(modelDir)).fileName();
  r.evalSet = evalSet;
  r.scheme = QString::fromStdString(s.scheme);
  r.questions = s.questions;
  r.tflops = s.prefillTflops;
  r.latencyMs = s.prefillMs;
  r.tokens = s.visualTokensTotal;
  r.cr = s.compressionRatio;
  r.accuracy = s.accuracy;
  for (const auto& [k, v] : s.perCategory) r.perCategory.insert(k.empty() ? QStringLiteral("(none)") : QString::fromStdString(k), v);
  if (!s.benchmark.empty()) {
    r.benchmark = QString::fromStdString(s.benchmark);
    r.metric = QString::fromStdString(s.metric);
    r.unit = QString::fromStdString(s.unit);
    r.value = s.value;
    r.valueError = s.standardError;
    for (const auto& [k, v] : s.categories) r.perCategory.insert(QString::fromStdString(k), v / 100);
  }
  return r;
}

double BenchResult::score() const {
  if (!benchmark.isEmpty()) return value;
  return accuracy >= 0 ? 100 * accuracy : -1;
}

double BenchResult::scoreError() const {
  if (!benchmark.isEmpty()) return std::max(0.0, valueError);
  return 100 * standardError();
}

QString BenchResult::scoreLabel(const QString& benchmark, const QString& metric, const QString& unit) {
  if (benchmark.isEmpty()) return QObject::tr("accuracy (%)");
  QString name = metric;
  name.replace(QLatin1Char('_'), QLatin1Char(' '));
  return QStringLiteral("%1 %2 (%3)").arg(benchmark.toUpper(), name, unit);
}

double BenchResult::standardError() const {
  // Saved results keep the accuracy and the question count; the error is derived, as eval does.
  return accuracy < 0 ? 0.0 : training::binomialStandardError(accuracy, questions);
}

QJsonObject BenchResult::toJson() const {
  QJsonObject cats;
  for (auto it = perCategory.begin(); it != perCategory.end(); ++it) cats.insert(it.key(), it.value());
  QJsonObject o{{QStringLiteral("model"), model},        {QStringLiteral("model_dir"), modelDir},
                {QStringLiteral("scheme"), scheme},      {QStringLiteral("eval_set"), evalSet},
                {QStringLiteral("questions"), questions}, {QStringLiteral("per_category"), cats},
                {QStringLiteral("prefill_tflops"), tflops}, {QStringLiteral("visual_tokens_total"), tokens},
                {QStringLiteral("compression_ratio"), cr}, {QStringLiteral("prefill_ms"), latencyMs}};
  if (accuracy >= 0) o.insert(QStringLiteral("accuracy"), accuracy);
  if (!benchmark.isEmpty()) {
    o.insert(QStringLiteral("benchmark"), benchmark);
    o.insert(QStringLiteral("metric"), metric);
    o.insert(QStringLiteral("unit"), unit);
    if (value >= 0) o.insert(QStringLiteral("value"), value);
    if (valueError >= 0) o.insert(QStringLiteral("standard_error"), valueError);
  }
  return o;
}

BenchResult BenchResult::fromJson(const QJsonObject& o) {
  BenchResult r;
  r.model = o.value(QStringLiteral("model")).toString();
  r.modelDir = o.value(QStringLiteral("model_dir")).toString();
  r.scheme = o.value(QStringLiteral("scheme")).toString();
  r.evalSet = o.value(QStringLiteral("eval_set")).toString();
  r.questions = o.value(QStringLiteral("questions")).toInteger();
  r.accuracy = o.contains(QStringLiteral("accuracy")) ? o.value(QStringLiteral("accuracy")).toDouble() : -1;
  const auto cats = o.value(QStringLiteral("per_category")).toObject();
  for (auto it = cats.begin(); it != cats.end(); ++it) r.perCategory.insert(it.key(), it.value().toDouble());
  r.tflops = o.value(QStringLiteral("prefill_tflops")).toDouble();
  r.tokens = o.value(QStringLiteral("visual_tokens_total")).toDouble();
  r.cr = o.value(QStringLiteral("compression_ratio")).toDouble(1);
  r.latencyMs = o.value(QStringLiteral("prefill_ms")).toDouble();
  r.benchmark = o.value(QStringLiteral("benchmark")).toString();
  r.metric = o.value(QStringLiteral("metric")).toString();
  r.unit = o.value(QStringLiteral("unit")).toString(QStringLiteral("%"));
  r.value = o.value(QStringLiteral("value")).toDouble(-1);
  r.valueError = o.value(QStringLiteral("standard_error")).toDouble(-1);
  return r;
}

QVector<int> paretoFrontier(const QVector<BenchResult>& results) {
  QVector<int> order;
  for (int i = 0; i < results.size(); ++i)
    if (results[i].score() >= 0) order << i;
  // Cheapest first; at equal cost the best first, so it is the one kept.
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (results[a].tflops != results[b].tflops) return results[a].tflops < results[b].tflops;
    return results[a].score() > results[b].score();
  });
  QVector<int> frontier;
  double best = -1;
  for (int i : order) {
    if (results[i].score() > best) {
      frontier << i;
      best = results[i].score();
    }
  }
  return frontier;
}

QStringList categoriesOf(const QVector<BenchResult>& results) {
  QSet<QString> set;
  for (const auto& r : results)
    for (auto it = r.perCategory.begin(); it != r.perCategory.end(); ++it) set.insert(it.key());
  QStringList out(set.begin(), set.end());
  out.sort();
  return out;
}

namespace {
QString csvField(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
  QString q = s;
  q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + q + QLatin1Char('"');
}
}  // namespace

bool writeResultsCsv(const QString& path, const QVector<BenchResult>& results, QString* error) {
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = f.errorString();
    return false;
  }
  const QStringList cats = categoriesOf(results);
  QTextStream out(&f);
  QStringList header{QStringLiteral("model"), QStringLiteral("scheme"), QStringLiteral("accuracy")};
  header << QStringLiteral("benchmark") << QStringLiteral("metric") << QStringLiteral("score") << QStringLiteral("unit");
  for (const auto& c : cats) header << QStringLiteral("accuracy_") + c;
  header << QStringLiteral("prefill_tflops") << QStringLiteral("tokens") << QStringLiteral("cr")
         << QStringLiteral("latency_ms") << QStringLiteral("questions") << QStringLiteral("model_dir")
         << QStringLiteral("eval_set");
  out << header.join(QLatin1Char(',')) << "\n";
  for (const auto& r : results) {
    QStringList row{csvField(r.model), csvField(r.scheme), r.accuracy >= 0 ? QString::number(r.accuracy, 'g', 6) : QString()};
    row << csvField(r.benchmark) << csvField(r.metric) << (r.score() >= 0 ? QString::number(r.score(), 'g', 6) : QString())
        << csvField(r.unit);
    for (const auto& c : cats) row << (r.perCategory.contains(c) ? QString::number(r.perCategory[c], 'g', 6) : QString());
    row << QString::number(r.tflops, 'g', 8) << QString::number(r.tokens, 'g', 8) << QString::number(r.cr, 'g', 6)
        << QString::number(r.latencyMs, 'g', 6) << QString::number(r.questions) << csvField(r.modelDir)
        << csvField(r.evalSet);
    out << row.join(QLatin1Char(',')) << "\n";
  }
  out.flush();
  if (!f.commit()) {
    if (error) *error = f.errorString();
    return false;
  }
  return true;
}

bool writeResultsJson(const QString& path, const QVector<BenchResult>& results, QString* error) {
  QJsonArray arr;
  for (const auto& r : results) arr.append(r.toJson());
  const QJsonObject doc{{QStringLiteral("format"), QStringLiteral("llavolta-benchmark-1")},
                        {QStringLiteral("saved"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                        {QStringLiteral("results"), arr}};
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(doc).toJson()) < 0 || !f.commit()) {
    if (error) *error = f.errorString();
    return false;
  }
  return true;
}

QVector<BenchResult> readResultsJson(const QString& path, QString* error) {
  QVector<BenchResult> out;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = f.errorString();
    return out;
  }
  QJsonParseError pe;
  const auto doc = QJsonDocument::fromJson(f.readAll(), &pe);
  if (!doc.isObject() || !doc.object().value(QStringLiteral("results")).isArray()) {
    if (error) *error = QObject::tr("%1 is not a saved benchmark (%2)").arg(path, pe.errorString());
    return out;
  }
  for (const auto& v : doc.object().value(QStringLiteral("results")).toArray()) out << BenchResult::fromJson(v.toObject());
  return out;
}

}  // namespace llavolta::ui
