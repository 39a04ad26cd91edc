#pragma once
// Staff's decisions to refuse or allow online booking for one person (by
// 求職番号) at one office (leaflet §6(4)). Rows are only added: the newest is
// in force, the older ones record who decided what and why.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace yoyaku::store {

struct BookingOverride {
  std::int64_t office_id = 0;
  std::string job_seeker_number;
  bool refused = false;
  std::string reason;
  std::optional<std::int64_t> staff_id;
  std::int64_t at = 0;
  std::string staff_name;  // read only: the deciding staff member's display name
};

void insert_booking_override(db::Connection& c, const BookingOverride& decision);
std::optional<BookingOverride> latest_booking_override(db::Connection& c, std::int64_t office_id,
                                                       const std::string& job_seeker_number);

}  // namespace yoyaku::store
