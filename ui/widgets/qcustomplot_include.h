#pragma once
// qcustomplot.h uses Qt's keyword macros (signals, slots, emit, foreach), which llavolta_ui
// turns off (QT_NO_KEYWORDS: they clash with torch). Map them for this one header only;
// include it after any torch header.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
