#pragma once
// Reservations: the booking rows, their 処理履歴, the per-day number
// counter, and the booking drafts (what a user typed, kept across a lapsed
// hold). List and detail views are joined queries: a page of reservations
// is one query plus its count, whatever its length.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/catalog.hpp"
#include "store/scope.hpp"
#include "store/slots.hpp"

namespace yoyaku::store {

struct ReservationRow {
  std::int64_t id = 0;
  std::string number;
  std::optional<std::int64_t> user_id;
  std::int64_t procedure_id = 0;
  std::int64_t slot_id = 0;
  std::string status = "confirmed";  // confirmed / withdrawn / attended / no_show
  // What the booking form holds (topics: comma-separated codes).
  std::string family_name, given_name, job_seeker_number, phone, topics, staff_note;
  std::optional<std::int64_t> booked_by_staff_id;
  std::int64_t applied_at = 0, updated_at = 0;
  std::optional<std::int64_t> withdrawn_at;
  std::optional<std::string> withdrawal_reason;
  std::optional<std::string> meeting_id, meeting_passcode, meeting_url;  // set by staff
  std::string channel = "online";  // online / phone / counter (代行入力)
  std::string email;               // a caller without an account: where the mail goes ("" = none)
  std::optional<std::int64_t> meeting_sent_at;
  // The 利用規約 version in force when booked, and when the job seeker agreed to
  // it (nullopt for 代行入力: taken at the counter or by phone).
  std::optional<std::int64_t> terms_version_id, terms_agreed_at;
};

// A reservation with everything its pages show, from one joined query.
struct ReservationRecord {
  ReservationRow reservation;
  Procedure procedure;
  Office office;
  SlotRecord at;
};

// Who did something to a reservation: the job seeker, or a staff member.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> staff_id;
};

struct HistoryRow {
  std::string action;  // apply / modify / withdraw / meeting / attended / no_show
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> actor_staff_id;  // set when a staff member did it
  std::string detail;
  std::string actor_staff_name;  // the staff member's display name ("" for the job seeker)
};

// The next value of the day's sequence (1, 2, …), taken inside the caller's
// write transaction: concurrent bookings get distinct, gap-free values.
std::int64_t next_reservation_sequence(db::Connection& c, const std::string& day_yyyymmdd);

std::int64_t insert_reservation(db::Connection& c, const ReservationRow& reservation);
void update_reservation_details(db::Connection& c, std::int64_t reservation_id, const ReservationRow& values,
                                std::int64_t now);
void move_reservation(db::Connection& c, std::int64_t reservation_id, std::int64_t slot_id, std::int64_t now);
// Marks a confirmed reservation withdrawn; false if it was not confirmed.
bool withdraw_reservation(db::Connection& c, std::int64_t reservation_id, const std::string& reason,
                          std::int64_t now);

// Meeting details (staff): stored with the time they were sent.
void set_meeting(db::Connection& c, std::int64_t reservation_id, const std::string& meeting_id,
                 const std::string& passcode, const std::string& url, std::int64_t now);
// 出席 ("attended") or 不参加 ("no_show"); false if the booking was withdrawn.
bool set_attendance(db::Connection& c, std::int64_t reservation_id, const std::string& status, std::int64_t now);
// A caller's bookings (no account) become the account's when 求職番号 and
// e-mail both match; returns how many.
int attach_caller_bookings(db::Connection& c, std::int64_t user_id, const std::string& job_seeker_number,
                           const std::string& email);

// The reservation with this number, if the scope may see it.
std::optional<ReservationRecord> find_reservation(db::Connection& c, const std::string& number,
                                                  const AccessScope& scope);
std::optional<ReservationRow> latest_reservation_of_user(db::Connection& c, std::int64_t user_id);

struct ReservationFilter {
  AccessScope scope;
  std::string number;          // exact, "" for any
  std::string procedure_text;  // part of the procedure title, "" for any
  std::optional<std::int64_t> applied_from;  // [from, to) in Unix seconds
  std::optional<std::int64_t> applied_to;
  bool oldest_first = false;
  int limit = 20;
  int offset = 0;
};
std::vector<ReservationRecord> find_reservations(db::Connection& c, const ReservationFilter& filter);
std::int64_t count_reservations(db::Connection& c, const ReservationFilter& filter);

// An office's bookings for staff, by interview date and time (one joined query).
struct OfficeReservationFilter {
  AccessScope scope;
  std::int64_t office_id = 0;
  std::string from_date, to_date;  // interview dates YYYY-MM-DD, inclusive ("" = any)
  std::string text;                // 予約番号, 求職番号 or part of the name ("" = any)
  bool include_withdrawn = true;
  int limit = 500;
};
std::vector<ReservationRecord> find_office_reservations(db::Connection& c, const OfficeReservationFilter& filter);

// A person's bookings at an office (by 求職番号) that may count as no-shows
// on `today` (YYYY-MM-DD, JST): those recorded as no-shows and confirmed ones
// up to today. Withdrawn, attended and future bookings never are, and are
// left in the database: a person's history can be long.
struct PersonBooking {
  std::string status;
  std::string date;  // YYYY-MM-DD
  int start_minute = 0;
};
std::vector<PersonBooking> possible_no_shows_at_office(db::Connection& c, std::int64_t office_id,
                                                       const std::string& job_seeker_number, const std::string& today);

void insert_history(db::Connection& c, std::int64_t reservation_id, const std::string& action, std::int64_t at,
                    const Actor& actor, const std::string& detail);
// Newest first.
std::vector<HistoryRow> reservation_history(db::Connection& c, std::int64_t reservation_id);

void save_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const std::string& json,
                        std::int64_t now);
std::optional<std::string> booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);
void delete_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);

}  // namespace yoyaku::store
