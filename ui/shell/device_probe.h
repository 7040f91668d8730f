#pragma once
// What LibTorch can run on here (asked in a .cpp so no ui header sees torch).
namespace llavolta::ui {
bool cudaAvailable();
}
