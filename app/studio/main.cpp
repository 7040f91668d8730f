// llavolta-studio [--model DIR] [--image FILE] [--screenshots DIR]
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "shell/log_bus.h"
#include "shell/main_window.h"
#include "shell/screenshot_tour.h"
#include "shell/studio_settings.h"
#include "shell/translations.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LLaVolta"));
  QApplication::setApplicationName(QStringLiteral("LLaVolta Studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1"));
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
  parser.addOptions({model, image, screenshots});
  parser.process(app);

  llavolta::ui::MainWindow window;
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
