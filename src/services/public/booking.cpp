#include "services/public/booking.hpp"

#include <algorithm>

#include "domain/booking_ids.hpp"
#include "domain/offices.hpp"
#include "services/common/errors.hpp"
#include "services/common/standing.hpp"
#include "services/public/booking_internal.hpp"
#include "store/accounts.hpp"
#include "store/closures.hpp"
#include "store/slots.hpp"
#include "store/terms.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

const std::string not_bookable_message = "予約不可：この時間は予約できません。別の日時を選択してください。";
const std::string no_such_slot_message = "指定された予約枠はありません。";

HoldView hold_view(db::Connection& c, const store::HoldRecord& record) {
  HoldView view;
  view.id = record.hold.public_id;
  view.procedure_id = record.hold.procedure_id;
  view.expires_at = record.hold.expires_at;
  view.slot = slot_view_of(record.at);
  if (record.hold.agreed_at) {
    // Agreed to the terms in force then; a version published since (that second included) needs agreeing again.
    view.terms_changed = !agreement_current(c, record.hold.procedure_id, *record.hold.agreed_at);
    view.agreed = !view.terms_changed;
  }
  return view;
}

bool is_live(const store::HoldRow& hold, std::int64_t now) { return !hold.released_at && hold.expires_at > now; }

}  // namespace

SlotView slot_view_at(const ReservationFrame& frame, const Facility& facility, domain::Date date, int start, int used) {
  SlotView view;
  view.id = domain::slot_id({frame.id, date, start});
  view.frame_id = frame.id;
  view.facility = facility.name;
  view.frame = frame.name;
  view.date = date;
  view.start_minute = start;
  view.end_minute = start + frame.slot_minutes;
  view.capacity = frame.seats;
  view.available = std::max(0, frame.seats - used);
  return view;
}

std::int64_t job_seeker_id(const Principal& principal) {
  if (!principal.is_job_seeker()) throw NotFoundError("利用者のアカウントでログインしてください。");
  return principal.id;
}

SlotView slot_view_of(const store::SlotRecord& record) {
  SlotView view = slot_view_at(record.frame, record.facility, *domain::parse_iso_date(record.slot.date),
                            record.slot.start_minute, record.slot.taken);
  view.end_minute = record.slot.end_minute;
  view.capacity = record.slot.capacity;
  view.available = std::max(0, record.slot.capacity - record.slot.taken);
  return view;
}

void release_hold(db::Connection& c, const store::HoldRow& hold, std::int64_t now, const std::string& reason) {
  if (store::release_hold(c, hold.id, now, reason)) store::give_back_seat(c, hold.slot_id);
}

namespace {
std::vector<domain::Date> to_dates(const std::vector<std::string>& texts) {
  std::vector<domain::Date> dates;
  for (const auto& text : texts) {
    if (auto date = domain::parse_iso_date(text)) dates.push_back(*date);
  }
  return dates;
}
}  // namespace

std::vector<domain::Date> frame_closures(db::Connection& c, const ReservationFrame& frame, std::int64_t office_id,
                                         domain::Date from, domain::Date to) {
  return to_dates(store::closed_dates_of_frame(c, frame, office_id, domain::to_iso(from), domain::to_iso(to)));
}

namespace {
// Everything that decides which days of one frame of a procedure take bookings online (the window, reception, the
// frame's weekdays) but the closures, which the caller reads with the frame and adds.
domain::BookingDayRule booking_day_rule_without_closures(const store::ProcedureSchedule& procedure,
                                                         const ReservationFrame& frame, std::int64_t now) {
  domain::BookingDayRule rule;
  rule.window = domain::booking_window(
      domain::jst_date_of(now), {procedure.booking_opens_days_before, procedure.booking_closes_days_before});
  rule.reception_open = domain::reception_open(procedure.reception_start_at, procedure.reception_end_at, now);
  rule.weekday_mask = frame.weekdays;
  return rule;
}
}  // namespace

std::string_view day_status_code(DayStatus status) {
  switch (status) {
    case DayStatus::available: return "available";
    case DayStatus::full: return "full";
    default: return "closed";
  }
}

ProcedureDetails procedure_details(db::Connection& c, std::int64_t procedure_id, std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto procedure = store::find_procedure(t, procedure_id);
    if (!procedure) throw NotFoundError("指定された手続きはありません。");
    auto office = store::find_office(t, procedure->office_id);
    // The terms in force (the latest version) as the job seeker reads them: this office's parts put in.
    auto terms = store::latest_terms_version(t, procedure_id);
    if (terms) {
      procedure->terms = terms->text;
      procedure->terms_court = terms->court;
      procedure->terms_date = terms->terms_date;
      procedure->terms_issuer = terms->issuer;
    }
    procedure->terms = domain::fill_terms(
        procedure->terms, {office->name, procedure->terms_court, procedure->terms_date, procedure->terms_issuer});
    auto window = domain::booking_window(
        domain::jst_date_of(now), {procedure->booking_opens_days_before, procedure->booking_closes_days_before});
    return ProcedureDetails{*procedure, *office, store::facilities_of_office(t, procedure->office_id), window, terms};
  });
}

std::vector<CalendarRow> procedure_calendar(db::Connection& c, std::int64_t procedure_id, domain::Date from, int days,
                                            std::int64_t now) {
  // Two statements whatever the number of frames (the procedure with its frames, its full slots), a third for
  // the office's closures when there are any in the range.
  return db::in_transaction(c, false, [&](db::Connection& t) {
    const std::string from_text = domain::to_iso(from), to_text = domain::to_iso(domain::add_days(from, days - 1));
    auto schedule = store::procedure_with_frames(t, procedure_id, from_text, to_text);
    if (!schedule) throw NotFoundError("指定された手続きはありません。");
    const auto closed = schedule->office_has_closures
                            ? store::closed_dates_of_frames(t, schedule->procedure.office_id, schedule->frames,
                                                            from_text, to_text)
                            : std::map<std::int64_t, std::vector<std::string>>{};
    const auto full_slots = store::full_slots_of_procedure(t, procedure_id, from_text, to_text, now);
    const std::set<std::pair<std::string, int>> none;
    std::vector<CalendarRow> rows;
    for (const auto& [frame, facility] : schedule->frames) {
      auto rule = booking_day_rule_without_closures(schedule->procedure, frame, now);
      if (auto dates = closed.find(frame.id); dates != closed.end()) rule.office_closures = to_dates(dates->second);
      const auto frame_full = full_slots.find(frame.id);
      const auto& full = frame_full == full_slots.end() ? none : frame_full->second;
      auto starts = domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute, frame.interval_minutes);
      CalendarRow row{facility, frame, {}};
      for (int i = 0; i < days; ++i) {
        domain::Date date = domain::add_days(from, i);
        CalendarDay day{date, DayStatus::closed};
        if (domain::is_bookable_day(rule, date)) {
          // A start without a full slot row has a seat (none at all when the frame has no seats).
          const std::string date_text = domain::to_iso(date);
          bool seat_left = frame.seats > 0 && std::any_of(starts.begin(), starts.end(), [&](int start) {
            return !full.contains({date_text, start});
          });
          day.status = seat_left ? DayStatus::available : DayStatus::full;
        }
        row.days.push_back(day);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

std::vector<SlotView> day_slots(db::Connection& c, std::int64_t procedure_id, domain::Date date, std::int64_t now) {
  // One statement reads it all (the transaction is for the retry after a lost connection).
  auto day = db::in_transaction(c, false, [&](db::Connection& t) {
    return store::procedure_day(t, procedure_id, domain::to_iso(date), now);
  });
  if (!day) throw NotFoundError("指定された手続きはありません。");
  std::vector<SlotView> slots;
  for (const auto& on_day : day->frames) {
    const ReservationFrame& frame = on_day.frame;
    auto rule = booking_day_rule_without_closures(day->procedure, frame, now);
    if (on_day.closed) rule.office_closures.push_back(date);  // the only date asked about
    if (!domain::is_bookable_day(rule, date)) continue;
    for (int start : domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute,
                                                frame.interval_minutes)) {
      auto used = on_day.seats_in_use.find(start);
      slots.push_back(slot_view_at(frame, on_day.facility, date, start,
                                   used == on_day.seats_in_use.end() ? 0 : used->second));
    }
  }
  return slots;
}

HoldView place_hold(db::Connection& c, const Principal& principal, const std::string& slot_id, std::int64_t now,
                    const std::optional<IdempotencyKey>& idempotency) {
  const std::int64_t user_id = job_seeker_id(principal);
  auto key = domain::parse_slot_id(slot_id);
  if (!key) throw NotFoundError(no_such_slot_message);
  return idempotent_write(c, idempotency, [&](db::Connection& t) {
    if (auto earlier = claim_idempotency(t, user_id, hold_operation, idempotency, now)) {
      auto record = store::find_user_hold(t, *earlier, user_id);
      if (!record) throw NotFoundError(no_such_slot_message);
      HoldView view = hold_view(t, *record);
      view.replayed = true;
      return view;
    }
    // The frame (a frame change waits, or went first), its facility and whether the day is closed: one statement.
    const std::string date = domain::to_iso(key->date);
    auto booked_frame = store::frame_for_booking(t, key->frame_id, date);
    if (!booked_frame) throw NotFoundError(no_such_slot_message);
    const ReservationFrame& frame = booked_frame->frame;
    auto starts = domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute, frame.interval_minutes);
    if (std::find(starts.begin(), starts.end(), key->start_minute) == starts.end()) {
      throw NotFoundError(no_such_slot_message);
    }
    auto parties = store::booking_parties(t, frame.procedure_id, user_id);
    const store::ProcedureSchedule& procedure = parties->procedure;
    auto rule = booking_day_rule_without_closures(procedure, frame, now);
    if (booked_frame->closed) rule.office_closures.push_back(key->date);  // the only date asked about
    if (!domain::is_bookable_day(rule, key->date)) throw SlotUnavailableError(not_bookable_message);
    if (parties->user) ensure_online_booking_allowed(t, parties->office, parties->user->job_seeker_number, now);

    // One hold per user and procedure: picking another time lets the old one go
    // (rolled back with everything else if the new seat cannot be had).
    for (const auto& previous : store::unreleased_holds_of_user(t, user_id, procedure.id)) {
      release_hold(t, previous.hold, now, "changed");
    }
    store::HoldRecord made{{}, {store::ensure_slot_locked(t, frame.id, date, key->start_minute,
                                                          key->start_minute + frame.slot_minutes, frame.seats),
                                frame, booked_frame->facility}};
    store::SlotRow& slot = made.at.slot;
    slot.taken -= store::release_lapsed_holds(t, slot.id, now);
    if (!store::take_seat(t, slot.id)) throw SlotUnavailableError(not_bookable_message);
    ++slot.taken;  // the row is locked (PostgreSQL) or the file's writer is ours (SQLite): this is its count now
    store::HoldRow& hold = made.hold;
    hold.public_id = time_ordered_hex(16);
    hold.slot_id = slot.id;
    hold.procedure_id = procedure.id;
    hold.user_id = user_id;
    hold.created_at = now;
    hold.expires_at = now + hold_minutes * 60;
    hold.id = store::insert_hold(t, hold);
    complete_idempotency(t, user_id, hold_operation, idempotency, hold.public_id);
    return hold_view(t, made);  // built from what this transaction wrote, not read back
  });
}

std::optional<HoldView> live_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                                  std::int64_t now) {
  if (!principal.is_job_seeker()) return std::nullopt;
  return db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<HoldView> {
    auto record = store::find_user_hold(t, hold_id, principal.id);
    if (!record || !is_live(record->hold, now)) return std::nullopt;
    return hold_view(t, *record);
  });
}

HoldView require_live_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                           std::int64_t now) {
  const std::int64_t user_id = job_seeker_id(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto record = store::find_user_hold(t, hold_id, user_id);
    if (!record) throw NotFoundError("仮予約が見つかりません。もう一度、日時を選択してください。");
    if (!is_live(record->hold, now)) {
      throw HoldLapsedError("仮予約の有効期限が切れています。もう一度、日時を選択してください。", record->hold.procedure_id);
    }
    return hold_view(t, *record);
  });
}

std::optional<HoldView> current_hold(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                                     std::int64_t now) {
  if (!principal.is_job_seeker()) return std::nullopt;
  return db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<HoldView> {
    for (const auto& record : store::unreleased_holds_of_user(t, principal.id, procedure_id)) {
      if (is_live(record.hold, now)) return hold_view(t, record);
    }
    return std::nullopt;
  });
}

HoldView extend_hold(db::Connection& c, const Principal& principal, const std::string& hold_id, std::int64_t now) {
  const std::int64_t user_id = job_seeker_id(principal);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = store::find_user_hold(t, hold_id, user_id);
    if (!record || !store::extend_hold(t, record->hold.id, now, now + hold_minutes * 60)) {
      throw NotFoundError("仮予約の有効期限が切れています。もう一度、日時を選択してください。");
    }
    record->hold.expires_at = now + hold_minutes * 60;
    return hold_view(t, *record);
  });
}

int extend_live_holds(db::Connection& c, const Principal& principal, std::int64_t now) {
  if (!principal.is_job_seeker()) return 0;
  return db::in_transaction(c, true, [&](db::Connection& t) {
    return store::extend_user_holds(t, principal.id, now, now + hold_minutes * 60);
  });
}

std::optional<std::int64_t> cancel_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                                        std::int64_t now) {
  if (!principal.is_job_seeker()) return std::nullopt;
  return db::in_transaction(c, true, [&](db::Connection& t) -> std::optional<std::int64_t> {
    auto record = store::find_user_hold(t, hold_id, principal.id);
    if (!record || record->hold.released_at) return std::nullopt;
    store::lock_slot(t, record->hold.slot_id);
    release_hold(t, record->hold, now, "cancelled");
    return record->hold.procedure_id;
  });
}

bool agreement_current(db::Connection& c, std::int64_t procedure_id, std::int64_t agreed_at) {
  auto terms = store::latest_terms_stamp(c, procedure_id);
  return !terms || terms->published_at < agreed_at;
}

void agree_to_terms(db::Connection& c, const Principal& principal, const std::string& hold_id,
                    std::optional<std::int64_t> shown_version_id, std::int64_t now) {
  const std::int64_t user_id = job_seeker_id(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = store::find_user_hold(t, hold_id, user_id);
    if (!record) throw NotFoundError("仮予約が見つかりません。");
    if (!is_live(record->hold, now)) {
      throw HoldLapsedError("仮予約の有効期限が切れています。", record->hold.procedure_id);
    }
    // The page showed one version; if another was published since, the job seeker reads that one first.
    auto terms = store::latest_terms_stamp(t, record->hold.procedure_id);
    if (shown_version_id && terms && *shown_version_id != terms->id) throw ConflictError(terms_changed_message, "terms_changed");
    store::mark_hold_agreed(t, record->hold.id, now);
  });
}

}  // namespace yoyaku::services
