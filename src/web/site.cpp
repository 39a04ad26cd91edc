#include "web/site.hpp"

#include <cstdio>

#include "util/embedded_files.hpp"

namespace yoyaku::web {
namespace {

// FNV-1a over every static file: changes whenever any asset changes.
std::string compute_asset_version() {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const auto& file : embedded_files()) {
    if (file.path.rfind("static/", 0) != 0) continue;
    for (char c : file.path) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    for (char c : file.data) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text, 10);
}

}  // namespace

Site::Site(AppConfig config_in, db::Pool& pool)
    : config(std::move(config_in)),
      pool(pool),
      catalog(pool),
      links(config.base_url),
      asset_version(compute_asset_version()) {}

}  // namespace yoyaku::web
