// llavolta-studio [--model DIR] [--image FILE] [--runs DIR] [--screenshots DIR]
#include <cstdio>
#include <QApplication>
#include <QCommandLineParser>
#include <QStyleFactory>
#include <QTimer>

#include "ui/shell/log_bus.h"
#include "ui/shell/main_window.h"
#include "ui/shell/screenshot_tour.h"
#include "ui/shell/studio_settings.h"
#include "ui/shell/translations.h"
#include "ui/widgets/plot_style.h"
#include "engine/process_setup.h"

LLAVOLTA_PREFER_PASSIVE_OPENMP();

int main(int argc, char** argv) {
  llavolta::engine::configureAllocator();
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LLaVolta"));
  QApplication::setApplicationName(QStringLiteral("LLaVolta Studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1"));
  // A dark Fusion palette on request (the desktop's own palette is used otherwise); also how
  // the dark look is checked headless.
  if (qEnvironmentVariableIntValue("LLAVOLTA_DARK") == 1) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(llavolta::ui::darkPalette());
  }
  llavolta::ui::installTranslations(app, llavolta::ui::StudioSettings::load().language);
  llavolta::ui::setupLogging();

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate(
      "main", "LLaVolta Studio: chat with LLaVA-style models under visual context compression, "
              "see what compression does, train and benchmark."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption model(QStringLiteral("model"),
                                 QApplication::translate("main", "Model folder to open (default: the bundled demo model)."),
                                 QStringLiteral("DIR"));
  const QCommandLineOption image(QStringLiteral("image"), QApplication::translate("main", "Image to open in the chat."),
                                 QStringLiteral("FILE"));
  const QCommandLineOption screenshots(
      QStringLiteral("screenshots"),
      QApplication::translate("main", "Run a chat and a compression trace, save one PNG per workspace into DIR, quit."),
      QStringLiteral("DIR"));
  const QCommandLineOption runs(
      QStringLiteral("runs"),
      QApplication::translate("main", "Training runs folder for this session (benchmark results go to its benchmarks/ sub-folder)."),
      QStringLiteral("DIR"));
  const QCommandLineOption windowSize(
      QStringLiteral("window-size"),
      QApplication::translate("main", "Window size, e.g. 1024x700 (screenshots default to 1400x900)."), QStringLiteral("WxH"));
  parser.addOptions({model, image, screenshots, runs, windowSize});
  parser.process(app);
  QSize size(1400, 900);
  if (parser.isSet(windowSize)) {
    const QStringList wh = parser.value(windowSize).split(QLatin1Char('x'));
    bool okW = false, okH = false;
    if (wh.size() == 2) size = QSize(wh[0].toInt(&okW), wh[1].toInt(&okH));
    if (!okW || !okH || size.width() < 640 || size.height() < 480) {
      std::fprintf(stderr, "llavolta-studio: --window-size wants WxH of at least 640x480, e.g. 1024x700\n");
      return 2;
    }
  }

  llavolta::ui::MainWindow window;
  if (parser.isSet(runs)) window.useRunsDirectory(parser.value(runs));
  int exitCode = 0;
  if (parser.isSet(screenshots)) {
    auto* tour = new llavolta::ui::ScreenshotTour(&window, parser.value(screenshots), &window);
    tour->arm();
    QObject::connect(tour, &llavolta::ui::ScreenshotTour::finished, &app, [&](int code) {
      exitCode = code;
      window.close();
      app.exit(code);
    });
    window.resize(size);
  }
  if (parser.isSet(windowSize)) window.resize(size);
  window.show();
  if (parser.isSet(screenshots) || parser.isSet(windowSize)) window.resize(size);
  window.startup(parser.value(model), parser.value(image));
  const int rc = app.exec();
  return exitCode != 0 ? exitCode : rc;
}
