// llavolta-studio [--model DIR] [--image FILE] [--runs DIR] [--screenshots DIR]
#include <QApplication>
#include <QCommandLineParser>
#include <QStyleFactory>
#include <QTimer>

#include "shell/log_bus.h"
#include "shell/main_window.h"
#include "shell/screenshot_tour.h"
#include "shell/studio_settings.h"
#include "shell/translations.h"
#include "widgets/plot_style.h"

int main(int argc, char** argv) {
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
  parser.addOptions({model, image, screenshots, runs});
  parser.process(app);

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
    window.resize(1400, 900);
  }
  window.show();
  if (parser.isSet(screenshots)) window.resize(1400, 900);
  window.startup(parser.value(model), parser.value(image));
  const int rc = app.exec();
  return exitCode != 0 ? exitCode : rc;
}
