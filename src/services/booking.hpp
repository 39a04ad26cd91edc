#pragma once
// Reserving an interview (manual 1.1): the booking calendar, the day's slots,
// 60-minute holds (仮押さえ) and confirmation with a reservation number.
//
// Capacity: `slots.taken` counts unreleased holds plus confirmed
// reservations and a CHECK keeps it ≤ capacity. Placing a hold locks the
// slot row, releases holds whose time is up, and takes a seat with a
// conditional UPDATE — in one transaction, so no seat is ever given twice,
// whatever the number of server processes. Lapsed holds need no background
// job: they stop counting as soon as their time is up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "store/store.hpp"

namespace yoyaku::services {

constexpr int hold_minutes = 60;

enum class DayStatus { available, full, closed };
std::string_view day_status_code(DayStatus status);  // "available" / "full" / "closed"

struct CalendarDay {
  domain::Date date;
  DayStatus status = DayStatus::closed;
};

struct CalendarRow {
  store::Facility facility;
  store::ReservationFrame frame;
  std::vector<CalendarDay> days;
};

struct ProcedureDetails {
  store::Procedure procedure;
  store::Office office;
  std::vector<store::Facility> facilities;
};

// Throws NotFoundError.
ProcedureDetails procedure_details(db::Connection& c, std::int64_t procedure_id);

// The booking window of a procedure: from the first to the last bookable date (JST).
std::pair<domain::Date, domain::Date> booking_window(const store::Procedure& procedure, std::int64_t now);

std::vector<CalendarRow> procedure_calendar(db::Connection& c, std::int64_t procedure_id, domain::Date from, int days,
                                            std::int64_t now);

struct SlotView {
  std::string id;  // "FRAME-YYYYMMDD-HHMM"
  std::int64_t frame_id = 0;
  std::string facility;
  std::string frame;
  domain::Date date;
  int start_minute = 0;
  int end_minute = 0;
  int capacity = 0;
  int available = 0;
  std::string status;  // "available" / "full"
};

// The bookable times of one day (empty when the day is closed for booking).
std::vector<SlotView> day_slots(db::Connection& c, std::int64_t procedure_id, domain::Date date, std::int64_t now);

struct HoldView {
  std::string id;  // public id
  std::int64_t procedure_id = 0;
  std::int64_t user_id = 0;
  std::int64_t expires_at = 0;
  bool agreed = false;
  SlotView slot;
};

// 「予約する」: holds one seat of the slot for 60 minutes; the user's other
// hold for the same procedure is released. Throws ConflictError (予約不可:
// full or not bookable) or NotFoundError (no such slot).
HoldView place_hold(db::Connection& c, std::int64_t user_id, const std::string& slot_id, std::int64_t now);
// The user's live hold with this id (nullopt if lapsed, released or someone else's).
std::optional<HoldView> live_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id,
                                  std::int64_t now);
// 「延長する」: 60 minutes from now. Throws NotFoundError if the hold is not live.
HoldView extend_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now);
// 「予約をやめる」: the seat is free again at once. False if there was nothing to release.
bool cancel_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now);
// 「同意する」 (STEP4).
void agree_to_terms(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now);

struct ReservationForm {
  std::string hold_id;
  bool agreed_to_terms = false;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::vector<std::string> topics;  // codes: consultation, interview_practice, document_review, other
  std::string staff_note;
};

struct TopicOption {
  std::string code;
  std::string label;
};
const std::vector<TopicOption>& topic_options();

// Checks and normalises the STEP5 fields; throws ValidationError.
ReservationForm validate_reservation_form(const ReservationForm& form);

struct ConfirmedReservation {
  std::string number;
  std::int64_t reservation_id = 0;
  SlotView slot;
};

struct HoldLapsedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// 「申込み」: turns the live hold into a reservation with the next number of
// the day and mails 「ハローワーク：予約を確定しました」, all in one
// transaction. Throws ValidationError, HoldLapsedError (and then the seat is
// no longer held), ConflictError.
ConfirmedReservation confirm_reservation(db::Connection& c, const store::User& user, const ReservationForm& form,
                                         const std::string& base_url, std::int64_t now);

// 「過去の申込から入力値を自動設定する」
std::optional<ReservationForm> previous_application(db::Connection& c, std::int64_t user_id);
void save_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const ReservationForm& form,
                std::int64_t now);
std::optional<ReservationForm> draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);

// yyyymmdd-NNNNNN
std::string reservation_number(domain::Date applied_on, std::int64_t sequence);
// Parses "FRAME-YYYYMMDD-HHMM".
struct SlotKey {
  std::int64_t frame_id = 0;
  domain::Date date;
  int start_minute = 0;
};
std::optional<SlotKey> parse_slot_id(const std::string& slot_id);
std::string slot_id_of(std::int64_t frame_id, domain::Date date, int start_minute);

}  // namespace yoyaku::services
