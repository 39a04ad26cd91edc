#pragma once
// The site's URLs. Services get absolute ones through services::Links (for
// mail and calendar files); pages use the same paths.
#include <string>

#include "services/common/links.hpp"

namespace yoyaku::web {

class SiteLinks final : public services::Links {
 public:
  explicit SiteLinks(std::string base_url) : base_url_(std::move(base_url)) {}
  const std::string& base_url() const { return base_url_; }
  // Secure cookies everywhere but on plain-HTTP localhost (development and the demo).
  bool plain_http_localhost() const;
  bool https() const { return base_url_.rfind("https://", 0) == 0; }

  std::string login() const override { return base_url_ + "/login"; }
  std::string reservations() const override { return base_url_ + reservations_path(); }
  std::string reservation(const std::string& number) const override { return base_url_ + reservation_path(number); }
  std::string verify_email(const std::string& token) const override;
  std::string password_forgot() const override { return base_url_ + "/password/forgot"; }
  std::string password_reset(const std::string& token) const override;

  static std::string reservations_path() { return "/reservations"; }
  static std::string reservation_path(const std::string& number) { return "/reservations/" + number; }
  static std::string procedure_path(std::int64_t id) { return "/procedures/" + std::to_string(id); }
  static std::string booking_path(const std::string& hold_id) { return "/bookings/" + hold_id; }
  static std::string login_path(const std::string& return_to);
  static std::string staff_login_path(const std::string& return_to);
  static std::string staff_office_path(const std::string& office_code) { return "/staff/offices/" + office_code; }
  static std::string staff_reservation_path(const std::string& number) { return "/staff/reservations/" + number; }

 private:
  std::string base_url_;
};

}  // namespace yoyaku::web
