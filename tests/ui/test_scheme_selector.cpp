// ctest-labels: ui unit
// Scheme selectors are generated from the engine's registry: a scheme registered at run time
// shows up with one field per parameter, and specs are validated against the model's shape.
#include "engine/compression.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTranslator>
#include <QtTest>

#include "ui/widgets/scheme_selector.h"
#include "ui/widgets/scheme_texts.h"

using namespace llavolta;

class SchemeSelectorTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Every summary and parameter description of the registry is in the studio's list for
  // translation, and the German build shows it translated.
  void schemeTextsFollowTheRegistryAndAreTranslated() {
    const QStringList listed = ui::translatableSchemeTexts();
    for (const auto& info : engine::registeredSchemes()) {
      QVERIFY2(listed.contains(QString::fromStdString(info.summary)),
               qPrintable("add to ui/widgets/scheme_texts.cpp: " + QString::fromStdString(info.summary)));
      for (const auto& p : info.parameters)
        QVERIFY2(listed.contains(QString::fromStdString(p.description)),
                 qPrintable("add to ui/widgets/scheme_texts.cpp: " + QString::fromStdString(p.description)));
    }
    const std::string vcc = engine::registeredSchemes().at(1).summary;
    QCOMPARE(ui::schemeText(vcc), QString::fromStdString(vcc));  // no translator: English
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/llavolta_de.qm")));
    QCoreApplication::installTranslator(&german);
    for (const QString& text : listed) QVERIFY2(ui::schemeText(text.toStdString()) != text, qPrintable(text));
    ui::SchemeSelector selector;
    selector.setSpec(QStringLiteral("vcc:layer=1,stride=2"));
    QVERIFY2(selector.findChild<QLineEdit*>(QStringLiteral("param_stride"))->toolTip().contains(QStringLiteral("Schrittweite")),
             qPrintable(selector.findChild<QLineEdit*>(QStringLiteral("param_stride"))->toolTip()));
    QCoreApplication::removeTranslator(&german);
  }

  void newSchemesAppearWithTheirParameters() {
    engine::registerScheme({"testpool", "pooling for the test", {{"size", "2", "how many tokens to merge"}},
                            [](const std::map<std::string, std::string>& values) {
                              const auto it = values.find("size");
                              return engine::makeScheme("vcc:layer=1,stride=" + (it == values.end() ? std::string("2") : it->second));
                            }});
    ui::SchemeSelector selector;
    selector.setModelShape(4, 16);
    auto* combo = selector.findChild<QComboBox*>(QStringLiteral("schemeCombo"));
    QVERIFY(combo);
    QVERIFY(combo->findText(QStringLiteral("testpool")) >= 0);
    QVERIFY(combo->findText(QStringLiteral("vcc")) >= 0);
    selector.setSpec(QStringLiteral("testpool"));
    auto* size = selector.findChild<QLineEdit*>(QStringLiteral("param_size"));
    QVERIFY(size);
    QCOMPARE(size->text(), QStringLiteral("2"));
    QCOMPARE(size->toolTip(), QStringLiteral("how many tokens to merge"));
    QCOMPARE(selector.spec(), QStringLiteral("testpool:size=2"));
    QVERIFY(selector.validate().isEmpty());
    QVERIFY(ui::schemePresets(4, 16).contains(QStringLiteral("testpool")));
  }

  void specsRoundTripAndValidate() {
    ui::SchemeSelector selector;
    selector.setModelShape(4, 16);
    selector.setSpec(QStringLiteral("vcc:layer=2,stride=4"));
    QCOMPARE(selector.spec(), QStringLiteral("vcc:layer=2,stride=4"));
    QVERIFY(selector.validate().isEmpty());
    selector.setSpec(QStringLiteral("vcc:layer=7,stride=4"));  // deeper than the model
    QVERIFY(!selector.validate().isEmpty());
    QVERIFY(!selector.errorText().isEmpty());
    selector.setSpec(QStringLiteral("none"));
    QVERIFY(selector.errorText().isEmpty());
    for (const QString& preset : ui::schemePresets(4, 16)) {
      selector.setSpec(preset);
      QVERIFY2(selector.validate().isEmpty(), qPrintable(preset));
    }
  }
};

QTEST_MAIN(SchemeSelectorTest)
#include "test_scheme_selector.moc"
