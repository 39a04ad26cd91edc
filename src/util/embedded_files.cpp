#include "util/embedded_files.hpp"

namespace yoyaku {

std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& file : embedded_files()) {
    if (file.path == path) return file.data;
  }
  return std::nullopt;
}

}  // namespace yoyaku
