#pragma once
// Where things are on the web site, for what services write outside a page
// (mail, calendar files). web/ supplies the implementation, so services/
// never builds a URL itself.
#include <string>

namespace yoyaku::services {

class Links {
 public:
  virtual ~Links() = default;
  // Absolute URLs.
  virtual std::string login() const = 0;
  virtual std::string reservations() const = 0;
  virtual std::string reservation(const std::string& number) const = 0;
  virtual std::string verify_email(const std::string& token) const = 0;
  virtual std::string password_forgot() const = 0;
  virtual std::string password_reset(const std::string& token) const = 0;
};

}  // namespace yoyaku::services
