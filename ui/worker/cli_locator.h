#pragma once
// Where the `llavolta` CLI lives: the studio runs training and benchmarks through it as child
// processes, so a crash there never takes the GUI down and the CLI and GUI always agree.
#include <QString>

namespace llavolta::ui {

// $LLAVOLTA_CLI if set, else `llavolta` next to the running executable, else the build tree's.
QString cliPath();

}  // namespace llavolta::ui
