#pragma once
// Finding the project's resources/ folder (schedule presets, the demo model,
// sample images) from a build tree, an installed tree or an explicit override.
#include <string>

namespace llavolta::engine {

// LLAVOLTA_RESOURCES if set; else <exe dir>/../share/llavolta/resources; else the
// source checkout this binary was built from. Throws EngineError naming the places tried.
std::string resourceDir();
// resourceDir() + "/" + relative, checked to exist.
std::string resourcePath(const std::string& relative);

}  // namespace llavolta::engine
