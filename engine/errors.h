#pragma once
// One exception type for everything a user can fix: a bad file, a wrong shape, an
// invalid option. Messages say what, where (file / tensor / field) and what was expected.
#include <stdexcept>
#include <string>

namespace llavolta::engine {

class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace llavolta::engine
