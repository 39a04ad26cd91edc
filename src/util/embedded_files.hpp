#pragma once
// Files compiled into the binary at build time (migrations, templates, static).
#include <optional>
#include <span>
#include <string_view>

namespace yoyaku {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "templates/home.mustache"
  std::string_view data;
};

std::span<const EmbeddedFile> embedded_files();

// The file at `path`, if it was embedded.
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace yoyaku
