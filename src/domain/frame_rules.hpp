#pragma once
// Reservation frames (予約枠) as staff create and edit them: what a frame may
// be, and which of its existing slots an edited frame still offers. Pure; the
// service decides what happens to the bookings on slots it no longer offers.
#include <map>
#include <string>

#include "domain/dates.hpp"

namespace yoyaku::domain {

// What the form says, as typed (numbers as text, times as "HH:MM").
struct FrameInput {
  std::string name;
  int weekdays = 0;  // bit 0 = Sunday … bit 6 = Saturday
  std::string first_start, last_start;
  std::string interval_minutes, slot_minutes, seats;
};

// A valid frame's shape.
struct FrameShape {
  std::string name;
  int weekdays = 62;
  int first_start_minute = 600, last_start_minute = 930;
  int interval_minutes = 30, slot_minutes = 30;
  int seats = 2;
};

inline constexpr int earliest_frame_minute = 6 * 60;  // 06:00
inline constexpr int latest_frame_minute = 22 * 60;   // 22:00: the last slot ends by then
inline constexpr int shortest_slot = 10, longest_slot = 120;
inline constexpr int fewest_seats = 1, most_seats = 50;

struct CheckedFrame {
  FrameShape shape;
  std::map<std::string, std::string> errors;  // by field: name, weekdays, first_start, last_start,
                                              // interval_minutes, slot_minutes, seats
};

// Rules: a name (≤ 50 characters, one line); at least one weekday; times on
// 5-minute steps within 06:00–22:00, the first start ≤ the last start and
// the last slot ending by 22:00; slot length 10–120 minutes and the interval
// 5–240 minutes, both on 5-minute steps; 1–50 seats per slot. Numbers may be
// typed with full-width digits.
CheckedFrame check_frame(const FrameInput& input);

// Whether the frame offers a slot at `start_minute` on `date`: it runs that
// weekday and the time is one of its starts.
bool frame_offers(const FrameShape& frame, Date date, int start_minute);

}  // namespace yoyaku::domain
