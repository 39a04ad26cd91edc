#include "services/admin/demo_bookings.hpp"

#include <string>
#include <vector>

#include "domain/attendance.hpp"
#include "domain/booking_ids.hpp"
#include "domain/booking_window.hpp"
#include "domain/dates.hpp"
#include "domain/holidays.hpp"
#include "store/accounts.hpp"
#include "store/catalog.hpp"
#include "store/reservations.hpp"
#include "store/slots.hpp"

namespace yoyaku::services {
namespace {

struct DemoBooking {
  int day_index;  // the n-th open day from today
  int start_minute;
  const char* family_name;
  const char* given_name;
  const char* job_seeker_number;
  const char* phone;
  const char* channel;
  const char* topics;
  bool demo_user;
};

// Fictional people; numbers that no real 求職番号 uses (13040-0000000N).
const std::vector<DemoBooking>& demo_bookings() {
  static const std::vector<DemoBooking> bookings = {
      {0, 10 * 60 + 30, "職安", "花子", "13040-00000001", "0312345601", "phone", "consultation", false},
      {0, 11 * 60, "相談", "一郎", "13040-00000002", "09012340002", "phone", "consultation,interview_practice", false},
      {0, 13 * 60 + 30, "港", "健太", "13040-00000003", "0312345603", "counter", "document_review", false},
      {0, 15 * 60, "品川", "さくら", "13040-00000004", "", "phone", "consultation", false},
      {1, 11 * 60, "面接", "次郎", "13040-00000005", "09012340005", "phone", "interview_practice", false},
      {2, 13 * 60 + 30, "雇用", "太郎", "12345-12345678", "0123456789", "online", "consultation", true},
      {3, 10 * 60 + 30, "大井", "町子", "13040-00000007", "0312345607", "counter", "other", false},
  };
  return bookings;
}

}  // namespace

int seed_demo_bookings(db::Connection& c, std::int64_t demo_user_id, std::int64_t demo_staff_id, std::int64_t now) {
  auto office = store::find_office_by_code(c, "13040");
  if (!office) return 0;
  auto procedures = store::procedures_of_office(c, office->id);
  if (procedures.empty()) return 0;
  const auto& procedure = procedures.front();
  auto frames = store::frames_of_procedure(c, procedure.id);
  if (frames.empty()) return 0;
  const auto& frame = frames.front().frame;
  if (c.query_one("SELECT COUNT(*) FROM reservations WHERE procedure_id = ?", {procedure.id})->integer(0) > 0) {
    return 0;
  }
  // Today and the open days after it, within the week.
  std::vector<domain::Date> days;
  const domain::Date today = domain::jst_date_of(now);
  for (int i = 0; i < 7 && days.size() < 4; ++i) {
    domain::Date day = domain::add_days(today, i);
    if (!domain::is_closed_day(day) && domain::frame_runs_on(frame.weekdays, day)) days.push_back(day);
  }
  auto demo_user = store::find_user(c, demo_user_id);
  int made = 0;
  for (const auto& b : demo_bookings()) {
    if (b.day_index >= static_cast<int>(days.size())) continue;
    const domain::Date day = days[b.day_index];
    auto slot = store::ensure_slot(c, frame.id, domain::to_iso(day), b.start_minute, b.start_minute + frame.slot_minutes,
                                   frame.seats);
    if (!store::take_seat(c, slot.id)) continue;
    const std::int64_t applied_at = now - 86400 * (3 + b.day_index);
    const domain::Date applied_on = domain::jst_date_of(applied_at);
    store::ReservationRow row;
    row.number = domain::reservation_number(applied_on, store::next_reservation_sequence(c, domain::to_compact(applied_on)));
    // The demo job seeker's booking is theirs (made online); the others were taken by phone or at the counter.
    if (b.demo_user && demo_user && demo_user->job_seeker_number == b.job_seeker_number) row.user_id = demo_user_id;
    if (!row.user_id) row.booked_by_staff_id = demo_staff_id;
    row.procedure_id = procedure.id;
    row.slot_id = slot.id;
    row.family_name = b.family_name;
    row.given_name = b.given_name;
    row.job_seeker_number = b.job_seeker_number;
    row.phone = b.phone;
    row.topics = b.topics;
    row.channel = row.user_id ? "online" : b.channel;
    row.applied_at = applied_at;
    row.id = store::insert_reservation(c, row);
    const store::Actor staff{std::nullopt, demo_staff_id};
    store::insert_history(c, row.id, "apply", applied_at, row.user_id ? store::Actor{row.user_id, std::nullopt} : staff,
                          row.user_id ? "" : (row.channel == "counter" ? "窓口で受付" : "電話で受付"));
    if (b.day_index == 0 && b.start_minute != 15 * 60) {
      // Today's have their meeting details (the demo's 15:00 one still waits for them).
      const std::string id = "8" + std::string(domain::to_compact(day)).substr(2) + std::to_string(b.start_minute / 30);
      store::set_meeting(c, row.id, id.substr(0, 11), "demo" + std::to_string(b.start_minute % 1000),
                         "https://zoom.us/j/" + id.substr(0, 11), applied_at + 3600);
      store::insert_history(c, row.id, "meeting", applied_at + 3600, staff, "登録");
    }
    if (b.day_index == 0 && b.start_minute == 10 * 60 + 30 && now >= domain::attendance_opens_at(day, b.start_minute)) {
      store::set_attendance(c, row.id, "attended", now);  // the morning's first came; the others show 不参加（連絡なし）
      store::insert_history(c, row.id, "attended", now, staff, "");
    }
    ++made;
  }
  return made;
}

}  // namespace yoyaku::services
