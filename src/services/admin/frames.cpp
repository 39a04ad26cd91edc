#include "services/admin/frames.hpp"

#include "services/admin/office_admin.hpp"

#include <algorithm>
#include <map>

#include "domain/dates.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/audit.hpp"
#include "store/slots.hpp"

namespace yoyaku::services {
namespace {

const std::string no_such_frame = "指定された予約枠はありません。";

std::optional<store::Facility> facility_of(db::Connection& c, std::int64_t office_id, std::int64_t facility_id) {
  for (auto& facility : store::facilities_of_office(c, office_id)) {
    if (facility.id == facility_id) return facility;
  }
  return std::nullopt;
}

ManagedFrame frame_in_scope(db::Connection& c, const Principal& principal, std::int64_t frame_id) {
  if (!principal.is_staff()) throw NotFoundError(no_such_frame);
  auto frame = store::find_frame(c, frame_id);
  auto procedure = frame ? store::find_procedure(c, frame->procedure_id) : std::nullopt;
  auto office = procedure ? store::find_office(c, procedure->office_id) : std::nullopt;
  if (!office || !store::find_office_in_scope(c, office->code, scope_of(principal, StaffRole::manage))) {
    throw NotFoundError(no_such_frame);
  }
  return {*frame, *office, *procedure, *facility_of(c, office->id, frame->facility_id)};
}

// The form checked against the office: a valid shape, the office's own
// procedure and facility, a name not yet used at that facility.
store::ReservationFrame checked_frame(db::Connection& c, const store::Office& office, const FrameForm& form,
                                      std::int64_t frame_id) {
  auto checked = domain::check_frame(form.input);
  auto& errors = checked.errors;
  auto procedure = store::find_procedure(c, form.procedure_id);
  if (!procedure || procedure->office_id != office.id) errors["procedure_id"] = "この安定所の手続きを選択してください。";
  if (!facility_of(c, office.id, form.facility_id)) errors["facility_id"] = "この安定所の施設を選択してください。";
  if (errors.empty() &&
      store::frame_name_taken(c, form.procedure_id, form.facility_id, checked.shape.name, frame_id)) {
    errors["name"] = "この施設には同じ名前の予約枠があります。別の名前を入力してください。";
  }
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  store::ReservationFrame frame;
  frame.id = frame_id;
  frame.procedure_id = form.procedure_id;
  frame.facility_id = form.facility_id;
  frame.name = checked.shape.name;
  frame.weekdays = checked.shape.weekdays;
  frame.first_start_minute = checked.shape.first_start_minute;
  frame.last_start_minute = checked.shape.last_start_minute;
  frame.interval_minutes = checked.shape.interval_minutes;
  frame.slot_minutes = checked.shape.slot_minutes;
  frame.seats = checked.shape.seats;
  return frame;
}

domain::FrameShape shape_of(const store::ReservationFrame& f) {
  return {f.name, f.weekdays, f.first_start_minute, f.last_start_minute, f.interval_minutes, f.slot_minutes, f.seats};
}

// For the audit log: "facility 3 weekdays 62 10:00-15:30/30 slot 30 seats 2".
std::string shape_text(const store::ReservationFrame& f) {
  return "facility " + std::to_string(f.facility_id) + " weekdays " + std::to_string(f.weekdays) + " " +
         domain::format_hh_mm(f.first_start_minute) + "-" + domain::format_hh_mm(f.last_start_minute) + "/" +
         std::to_string(f.interval_minutes) + " slot " + std::to_string(f.slot_minutes) + " seats " +
         std::to_string(f.seats);
}

// The confirmed bookings of the frame (from today on) that `next` would not hold; see frames.hpp.
std::vector<store::ReservationRecord> bookings_not_held(std::vector<store::ReservationRecord> bookings,
                                                        const store::ReservationFrame& current,
                                                        const store::ReservationFrame& next) {
  const auto shape = shape_of(next);
  std::vector<store::ReservationRecord> affected;
  std::map<std::int64_t, std::vector<store::ReservationRecord>> staying;  // by slot
  for (auto& r : bookings) {
    auto date = domain::parse_iso_date(r.at.slot.date);
    const bool held = date && next.facility_id == current.facility_id &&
                      domain::frame_offers(shape, *date, r.at.slot.start_minute) &&
                      r.at.slot.end_minute == r.at.slot.start_minute + next.slot_minutes;
    (held ? staying[r.at.slot.id] : affected).push_back(std::move(r));
  }
  for (auto& [slot_id, in_slot] : staying) {
    if (static_cast<int>(in_slot.size()) <= next.seats) continue;
    // The earliest applications keep their seats; the latest beyond the new count are affected.
    std::sort(in_slot.begin(), in_slot.end(), [](const auto& a, const auto& b) {
      return std::tie(a.reservation.applied_at, a.reservation.id) < std::tie(b.reservation.applied_at, b.reservation.id);
    });
    for (std::size_t i = static_cast<std::size_t>(next.seats); i < in_slot.size(); ++i) affected.push_back(in_slot[i]);
  }
  std::sort(affected.begin(), affected.end(), [](const auto& a, const auto& b) {
    return std::tie(a.at.slot.date, a.at.slot.start_minute, a.reservation.number) <
           std::tie(b.at.slot.date, b.at.slot.start_minute, b.reservation.number);
  });
  return affected;
}

void release_holds(db::Connection& c, std::int64_t slot_id, const std::vector<std::int64_t>& hold_ids, std::size_t count,
                   std::int64_t now) {
  for (std::size_t i = 0; i < count && i < hold_ids.size(); ++i) {
    if (store::release_hold(c, hold_ids[i], now, "frame_changed")) store::give_back_seat(c, slot_id);
  }
}

// Slot rows from today on follow the changed frame (see frames.hpp). Runs
// after the withdrawals, so `taken` no longer counts withdrawn bookings.
void reshape_slots(db::Connection& c, const std::vector<store::SlotRow>& slots, const store::ReservationFrame& next,
                   std::int64_t now) {
  const auto shape = shape_of(next);
  for (const auto& slot : slots) {
    store::release_lapsed_holds(c, slot.id, now);
    const int taken = store::slot_taken(c, slot.id);
    const auto holds = store::live_hold_ids(c, slot.id, now);
    const int booked = taken - static_cast<int>(holds.size());
    auto date = domain::parse_iso_date(slot.date);
    const bool offered = date && domain::frame_offers(shape, *date, slot.start_minute);
    const int new_end = slot.start_minute + next.slot_minutes;
    const bool same_time = slot.end_minute == new_end;
    if (!offered || (!same_time && booked > 0)) {
      // Kept bookings only: nobody new takes this time, and no 仮押さえ becomes a booking here.
      release_holds(c, slot.id, holds, holds.size(), now);
      store::reshape_slot(c, slot.id, slot.end_minute, 0);  // capacity = taken
      continue;
    }
    // A hold made for the old length is released; beyond the new seats, the newest holds go.
    const int excess = same_time ? taken - std::max(next.seats, booked) : static_cast<int>(holds.size());
    if (excess > 0) release_holds(c, slot.id, holds, static_cast<std::size_t>(excess), now);
    store::reshape_slot(c, slot.id, new_end, next.seats);  // capacity = max(seats, taken)
  }
}

}  // namespace

ManagedFrame managed_frame(db::Connection& c, const Principal& principal, std::int64_t frame_id) {
  return db::in_transaction(c, false, [&](db::Connection& t) { return frame_in_scope(t, principal, frame_id); });
}

std::int64_t create_frame(db::Connection& c, const Principal& principal, const std::string& office_code,
                          const FrameForm& form, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    auto frame = checked_frame(t, office, form, 0);
    frame.id = store::insert_frame(t, frame);
    store::append_audit(t, {now, "staff", principal.id, "frame.created", "frame", std::to_string(frame.id), office.id,
                            client.ip, "procedure " + std::to_string(frame.procedure_id) + " " + shape_text(frame)});
    return frame.id;
  });
}

AdministrativeChange update_frame(db::Connection& c, const Principal& principal, std::int64_t frame_id,
                                  const FrameForm& form, const Links& links, const Client& client,
                                  std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto managed = frame_in_scope(t, principal, frame_id);
    // Safe against a concurrent booking. SQLite: this write transaction holds
    // the database lock (BEGIN IMMEDIATE), so every booking committed before it
    // is read below and none commits until it ends. PostgreSQL: the frame row
    // is taken exclusively first — every path that takes a seat of this frame
    // (place_hold, 代行入力, staff moves) reads the frame FOR KEY SHARE first, so
    // a booking either committed before this line (and is read below) or waits
    // and then sees the changed frame — and the frame's slot rows are locked
    // FOR UPDATE, so a 仮押さえ being confirmed on them is either a booking
    // before the list is read or finds its hold released (confirm_reservation
    // refuses a hold that is no longer unreleased).
    auto locked = store::find_frame_locked(t, frame_id, true);
    if (!locked) throw NotFoundError(no_such_frame);
    const auto& current = *locked;
    FrameForm fixed = form;
    fixed.procedure_id = current.procedure_id;
    auto next = checked_frame(t, managed.office, fixed, frame_id);
    const std::string today = domain::to_iso(domain::jst_date_of(now));
    const auto slots = store::lock_slots_of_frame_from(t, frame_id, today);
    auto affected = bookings_not_held(
        stranded_bookings(t, managed.office.id, today, "9999-12-31",
                          [&](const store::ReservationRecord& r) { return r.at.frame.id == frame_id; }),
        current, next);
    AdministrativeChange outcome;
    if (!settle_stranded_bookings(t, principal, affected, form.bookings, "frame " + std::to_string(frame_id), links,
                                  client, now, outcome)) {
      return outcome;  // nothing written: the caller shows the bookings and asks
    }
    store::update_frame(t, next);
    reshape_slots(t, slots, next, now);
    store::append_audit(t, {now, "staff", principal.id, "frame.changed", "frame", std::to_string(frame_id),
                            managed.office.id, client.ip,
                            shape_text(current) + " -> " + shape_text(next) + " bookings " +
                                std::to_string(affected.size()) + " withdrawn " + std::to_string(outcome.withdrawn) +
                                (current.name != next.name ? " renamed" : "")});
    outcome.applied = true;
    return outcome;
  });
}

}  // namespace yoyaku::services
