#include "ui/worker/cli_commands.h"

namespace llavolta::ui {

QStringList shapesDataArgs(const ShapesDataRequest& r) {
  QStringList args{QStringLiteral("data"),    QStringLiteral("shapes"),
                   QStringLiteral("--out"),   r.outDir,
                   QStringLiteral("--count"), QString::number(r.count),
                   QStringLiteral("--seed"),  QString::number(r.seed),
                   QStringLiteral("--split"), r.testSplit ? QStringLiteral("test") : QStringLiteral("train"),
                   QStringLiteral("--image-size"), QString::number(r.imageSize)};
  if (!r.hint) args << QStringLiteral("--no-hint");
  if (r.threads > 0) args << QStringLiteral("--threads") << QString::number(r.threads);
  return args;
}

}  // namespace llavolta::ui
