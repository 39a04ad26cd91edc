#pragma once
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::services {

struct DemoAccount {
  std::string role;  // 求職者 / 職員（品川） / 管理者
  std::string email;
  std::string password;
  std::string totp_secret;  // staff: a fixed authenticator key, so that the demo needs no enrolment
};

// The demo accounts seed-demo creates; printed by the start command.
const std::vector<DemoAccount>& demo_accounts();

struct DemoSeedResult {
  int facilities_created = 0, procedures_created = 0, frames_created = 0, notices_created = 0, accounts_created = 0,
      bookings_created = 0;
};

// Gives every imported office a facility, a 職業相談 面談予約 procedure with one
// frame per the leaflet (weekdays 10:00–15:30, 30-minute slots, 2 seats), a
// 失業認定 面談予約 procedure for the main offices of a few prefectures, the
// manual's notice, the demo accounts and a few bookings at ハローワーク品川 for
// today and this week. Creates only what is missing, so it
// is idempotent and never overwrites what staff changed.
// `with_bookings` false leaves the bookings out (tests that need a calendar nobody touched).
DemoSeedResult seed_demo(db::Connection& connection, std::int64_t now, bool with_bookings = true);

}  // namespace yoyaku::services
