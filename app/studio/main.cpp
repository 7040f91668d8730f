// llavolta-studio: placeholder entry point until the main window lands.
#include <QApplication>
#include <QLabel>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QLabel label(QStringLiteral("LLaVolta Studio"));
  label.show();
  return app.exec();
}
