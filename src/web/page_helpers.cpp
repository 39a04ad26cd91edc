#include "web/page_helpers.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "domain/dates.hpp"
#include "services/booking.hpp"

namespace yoyaku::web {

std::string form_field(const Form& form, const std::string& name) {
  auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

std::vector<std::string> form_fields(const Form& form, const std::string& name) {
  std::vector<std::string> values;
  auto range = form.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) values.push_back(it->second);
  return values;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::optional<std::int64_t> positive_id(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string hold_expiry_text(std::int64_t unix_seconds) {
  auto jst = domain::to_jst(unix_seconds);
  char time[16];
  std::snprintf(time, sizeof time, "%02d時%02d分", jst.hour, jst.minute);
  return domain::japanese_date(jst.date) + time;
}

nlohmann::json topic_options_json(const std::vector<std::string>& chosen) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : services::topic_options()) {
    bool checked = std::find(chosen.begin(), chosen.end(), option.code) != chosen.end();
    options.push_back({{"code", option.code}, {"label", option.label}, {"checked", checked}});
  }
  return options;
}

}  // namespace yoyaku::web
