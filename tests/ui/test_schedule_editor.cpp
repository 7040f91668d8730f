// ctest-labels: ui unit
// The training schedule editor offers every registered compression scheme as a stage (issue 5:
// train with FastV, ToMe, random drop, ... not only VCC) and validates by the trainer's rules.
#include "engine/compression.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QTableWidget>
#include <QtTest>

#include "ui/training/schedule_editor.h"

using namespace llavolta;

class ScheduleEditorTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyRegisteredSchemeIsOffered() {
    ui::ScheduleEditor editor;
    QComboBox* box = editor.stageSchemeBox();
    for (const auto& info : engine::registeredSchemes())
      QVERIFY2(box->findText(QString::fromStdString(info.name)) >= 0, info.name.c_str());
    QVERIFY(box->findText(QStringLiteral("fastv")) >= 0);
    QVERIFY(box->findText(QStringLiteral("tome")) >= 0);
  }

  void addedStageUsesTheSchemeDefaultsAndValidates() {
    ui::ScheduleEditor editor;
    editor.setStages({});
    QSignalSpy changed(&editor, &ui::ScheduleEditor::changed);
    editor.stageSchemeBox()->setCurrentText(QStringLiteral("fastv"));
    editor.addStage();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(editor.table()->rowCount(), 1);
    const QString spec = editor.table()->item(0, 0)->text();
    QCOMPARE(spec, QString::fromStdString(engine::makeScheme("fastv")->spec()));
    QString error;
    const QString json = editor.scheduleJson(&error);
    QVERIFY2(!json.isEmpty(), qPrintable(error));
    const auto j = nlohmann::json::parse(json.toStdString());
    QCOMPARE(QString::fromStdString(j["stages"][0]["scheme"].get<std::string>()), spec);
  }

  void unknownSchemeInATableCellIsAnError() {
    ui::ScheduleEditor editor;
    editor.setStages({{QStringLiteral("blur:layer=2"), 1.0}});
    QString error;
    QVERIFY(editor.scheduleJson(&error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("blur")), qPrintable(error));
  }
};

QTEST_MAIN(ScheduleEditorTest)
#include "test_schedule_editor.moc"
