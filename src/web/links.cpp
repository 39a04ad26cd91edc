#include "web/links.hpp"

#include "domain/text.hpp"

namespace yoyaku::web {

bool SiteLinks::plain_http_localhost() const {
  return base_url_.rfind("http://localhost", 0) == 0 || base_url_.rfind("http://127.0.0.1", 0) == 0;
}

std::string SiteLinks::verify_email(const std::string& token) const {
  return base_url_ + "/verify-email?token=" + domain::url_encode(token);
}

std::string SiteLinks::password_reset(const std::string& token) const {
  return base_url_ + "/password/reset?token=" + domain::url_encode(token);
}

std::string SiteLinks::login_path(const std::string& return_to) {
  return "/login?return_to=" + domain::url_encode(return_to);
}

std::string SiteLinks::staff_login_path(const std::string& return_to) {
  return "/staff/login?return_to=" + domain::url_encode(return_to);
}

}  // namespace yoyaku::web
