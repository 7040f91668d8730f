#pragma once
// qcustomplot.h uses Qt's keyword macros (signals, slots, emit, foreach), which
// QT_NO_KEYWORDS (needed because of torch's `slots`) switches off. Map them for that one
// header only; never include torch after this in the same file.
#ifndef signals
#define signals Q_SIGNALS
#define LLAVOLTA_QCP_UNDEF_SIGNALS
#endif
#ifndef slots
#define slots Q_SLOTS
#define LLAVOLTA_QCP_UNDEF_SLOTS
#endif
#ifndef emit
#define emit Q_EMIT
#define LLAVOLTA_QCP_UNDEF_EMIT
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define LLAVOLTA_QCP_UNDEF_FOREACH
#endif
#include <qcustomplot.h>
#ifdef LLAVOLTA_QCP_UNDEF_SIGNALS
#undef signals
#undef LLAVOLTA_QCP_UNDEF_SIGNALS
#endif
#ifdef LLAVOLTA_QCP_UNDEF_SLOTS
#undef slots
#undef LLAVOLTA_QCP_UNDEF_SLOTS
#endif
#ifdef LLAVOLTA_QCP_UNDEF_EMIT
#undef emit
#undef LLAVOLTA_QCP_UNDEF_EMIT
#endif
#ifdef LLAVOLTA_QCP_UNDEF_FOREACH
#undef foreach
#undef LLAVOLTA_QCP_UNDEF_FOREACH
#endif
