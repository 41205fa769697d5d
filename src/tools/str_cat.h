// cat("a", s, "b"): string concatenation by appending. GCC 12 reports false
// -Werror=restrict positives on `"literal" + std::string` chains, so the
// tools build strings with this instead.
#pragma once

#include <string>
#include <string_view>

namespace xp::tools {

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  ((s += std::string_view(parts)), ...);
  return s;
}

}  // namespace xp::tools
