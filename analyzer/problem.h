// A Problem is something in the bundle that could not be read as intended. Problems are data:
// they go into the report's "Bundle problems" section and the JSON `problems` array, and the
// analysis carries on with everything else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kubesift {

struct Problem {
  std::string path;   // bundle-relative; "" for the bundle as a whole
  uint32_t line = 0;  // 1-based; 0 when the problem has no line
  uint32_t column = 0;
  std::string error;
};

using Problems = std::vector<Problem>;

}  // namespace kubesift
