#include "web/views/account_views.hpp"

namespace yoyaku::web {

nlohmann::json totp_enrollment_view(const services::TotpEnrollment& enrollment) {
  std::string grouped;
  for (std::size_t i = 0; i < enrollment.secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back(' ');
    grouped.push_back(enrollment.secret[i]);
  }
  return {{"qr_svg", enrollment.qr_svg},
          {"secret", enrollment.secret},
          {"secret_grouped", grouped},
          {"otpauth_uri", enrollment.otpauth_uri}};
}

}  // namespace yoyaku::web
