#include "web/router.hpp"

#include <algorithm>

namespace yoyaku::web {
namespace {

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest(const std::string& segment) { return is_parameter(segment) && segment[segment.size() - 2] == '*'; }

std::string parameter_name(const std::string& segment) {
  return segment.substr(1, segment.size() - (is_rest(segment) ? 3 : 2));
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>* params) {
  // A rest parameter ends its pattern; without one the counts must agree. Most routes fail here, unread.
  const bool ends_in_rest = !pattern.empty() && is_rest(pattern.back());
  if (ends_in_rest ? path.size() < pattern.size() : path.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_rest(pattern[i])) {
      if (i >= path.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j) rest += (j == i ? "" : "/") + path[j];
      if (params) (*params)[parameter_name(pattern[i])] = rest;
      return true;
    }
    if (i >= path.size()) return false;
    if (is_parameter(pattern[i])) {
      if (path[i].empty()) return false;
      if (params) (*params)[parameter_name(pattern[i])] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

bool answers(const Route& route, const std::string& method) {
  return route.method == method || (method == "HEAD" && route.method == "GET");
}

}  // namespace

std::string_view access_name(Access access) {
  switch (access) {
    case Access::open: return "open";
    case Access::anyone: return "anyone";
    case Access::signed_in: return "signed_in";
    case Access::job_seeker: return "job_seeker";
    case Access::staff: return "staff";
    case Access::office_staff: return "office_staff";
    case Access::administrator: return "administrator";
  }
  return "unknown";
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  if (path.empty() || path == "/") return parts;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (true) {
    auto slash = path.find('/', start);
    parts.emplace_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

Router::Router(const std::vector<Route>& routes, bool demo_mailbox) {
  for (const auto& route : routes) {
    if (route.demo_only && !demo_mailbox) continue;
    routes_.push_back({&route, split_path(route.pattern)});
  }
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  const auto segments = split_path(path);
  // The first pattern that fits the path wins; its routes differ by method only.
  auto first = std::find_if(routes_.begin(), routes_.end(),
                            [&](const Compiled& c) { return segments_match(c.segments, segments, nullptr); });
  if (first == routes_.end()) return result;
  result.pattern = std::string(first->route->pattern);
  std::vector<std::string> methods;
  for (const auto& compiled : routes_) {
    if (compiled.route->pattern != first->route->pattern) continue;
    methods.emplace_back(compiled.route->method);
    if (compiled.route->method == "GET") methods.emplace_back("HEAD");
    if (!result.route && answers(*compiled.route, method)) {
      result.route = compiled.route;
      segments_match(compiled.segments, segments, &result.params);
    }
  }
  static const std::vector<std::string> order = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
  for (const auto& m : order) {
    if (std::find(methods.begin(), methods.end(), m) != methods.end()) result.allow += (result.allow.empty() ? "" : ", ") + m;
  }
  return result;
}

}  // namespace yoyaku::web
