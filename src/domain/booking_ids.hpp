#pragma once
// The identifiers a job seeker sees: slot ids ("FRAME-YYYYMMDD-HHMM") and
// reservation numbers ("yyyymmdd-NNNNNN", manual 1.1 STEP7).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/dates.hpp"

namespace yoyaku::domain {

// One bookable time: a frame's start minute on a date.
struct SlotKey {
  std::int64_t frame_id = 0;
  Date date;
  int start_minute = 0;
  friend bool operator==(const SlotKey&, const SlotKey&) = default;
};

// "12-20240822-1400"
std::string slot_id(const SlotKey& key);
// Strict inverse of slot_id: a positive frame id, a real date, a time 00:00–23:59.
std::optional<SlotKey> parse_slot_id(std::string_view text);

// The JST application date and the day's 6-digit sequence: "20240820-000123".
std::string reservation_number(Date applied_on, std::int64_t sequence);
// Whether `text` has the shape of a reservation number (15 characters, a real date).
bool is_reservation_number(std::string_view text);

}  // namespace yoyaku::domain
