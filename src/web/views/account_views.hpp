#pragma once
// View builders of accounts, shared by the job seeker's and the staff's pages.
#include <nlohmann/json.hpp>

#include "services/identity/sessions.hpp"

namespace yoyaku::web {

// {qr_svg, secret, secret_grouped ("ABCD EFGH …", for typing by hand), otpauth_uri}
nlohmann::json totp_enrollment_view(const services::TotpEnrollment& enrollment);

}  // namespace yoyaku::web
