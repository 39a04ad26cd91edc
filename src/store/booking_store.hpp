#pragma once
// SQL for slots, holds, reservations and booking drafts. Like the rest of the
// store, it runs inside the caller's transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct SlotRow {
  std::int64_t id = 0;
  std::int64_t frame_id = 0;
  std::string date;
  int start_minute = 0;
  int end_minute = 0;
  int capacity = 0;
  int taken = 0;
};

// The slot row for a frame's time on a date, created on first use.
SlotRow ensure_slot(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                    int end_minute, int capacity);
std::optional<SlotRow> find_slot(db::Connection& c, std::int64_t slot_id);
// Locks the slot row until the transaction ends (PostgreSQL; SQLite's write
// transaction already holds the database lock), so that what follows sees
// every committed hold of that slot.
void lock_slot(db::Connection& c, std::int64_t slot_id);
// Releases the slot's holds whose time is up and gives their seats back.
int release_lapsed_holds(db::Connection& c, std::int64_t slot_id, std::int64_t now);
// Takes one seat if one is left: the conditional update that enforces capacity.
bool take_seat(db::Connection& c, std::int64_t slot_id);
void give_back_seat(db::Connection& c, std::int64_t slot_id);
// Seats in use per (date, start minute) of a frame, counting only live holds.
std::map<std::pair<std::string, int>, int> seats_in_use(db::Connection& c, std::int64_t frame_id,
                                                        const std::string& from, const std::string& to,
                                                        std::int64_t now);

struct HoldRow {
  std::int64_t id = 0;
  std::string public_id;
  std::int64_t slot_id = 0;
  std::int64_t procedure_id = 0;
  std::optional<std::int64_t> user_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> released_at;
  std::optional<std::string> release_reason;
  std::optional<std::int64_t> agreed_at;
};
std::int64_t insert_hold(db::Connection& c, const HoldRow& hold);
std::optional<HoldRow> find_hold(db::Connection& c, const std::string& public_id);
std::vector<HoldRow> unreleased_holds_of_user(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);
// Marks an unreleased hold released; false if it was released already.
bool release_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, const std::string& reason);
// Pushes a live hold's expiry; false if it is released or lapsed.
bool extend_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, std::int64_t new_expiry);
void mark_hold_agreed(db::Connection& c, std::int64_t hold_id, std::int64_t now);

struct ReservationRow {
  std::int64_t id = 0;
  std::string number;
  std::optional<std::int64_t> user_id;
  std::int64_t procedure_id = 0;
  std::int64_t slot_id = 0;
  std::string status = "confirmed";
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::string topics;
  std::string staff_note;
  std::int64_t applied_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> withdrawn_at;
  std::optional<std::string> withdrawal_reason;
  std::optional<std::string> meeting_id;
  std::optional<std::string> meeting_passcode;
  std::optional<std::string> meeting_url;
};
std::int64_t insert_reservation(db::Connection& c, const ReservationRow& reservation);
std::optional<ReservationRow> latest_reservation_of_user(db::Connection& c, std::int64_t user_id);
std::optional<ReservationRow> find_reservation_by_number(db::Connection& c, const std::string& number);
void insert_history(db::Connection& c, std::int64_t reservation_id, const std::string& action, std::int64_t at,
                    std::optional<std::int64_t> user_id, const std::string& detail);

struct HistoryRow {
  std::string action;
  std::int64_t at = 0;
  std::string detail;
};
// Newest first.
std::vector<HistoryRow> reservation_history(db::Connection& c, std::int64_t reservation_id);

struct ReservationFilter {
  std::int64_t user_id = 0;
  std::string number;          // exact, "" for any
  std::string procedure_text;  // part of the procedure title, "" for any
  std::optional<std::int64_t> applied_from;  // [from, to) in Unix seconds
  std::optional<std::int64_t> applied_to;
  bool oldest_first = false;
  int limit = 20;
  int offset = 0;
};
std::vector<ReservationRow> find_reservations(db::Connection& c, const ReservationFilter& filter);
std::int64_t count_reservations(db::Connection& c, const ReservationFilter& filter);
void update_reservation_details(db::Connection& c, std::int64_t reservation_id, const ReservationRow& values,
                                std::int64_t now);
void move_reservation(db::Connection& c, std::int64_t reservation_id, std::int64_t slot_id, std::int64_t now);
// Marks a confirmed reservation withdrawn; false if it was not confirmed.
bool withdraw_reservation(db::Connection& c, std::int64_t reservation_id, const std::string& reason,
                          std::int64_t now);
int confirmed_reservations_in_slot(db::Connection& c, std::int64_t slot_id);
int live_holds_in_slot(db::Connection& c, std::int64_t slot_id, std::int64_t now);

void save_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const std::string& json,
                        std::int64_t now);
std::optional<std::string> booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);
void delete_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);

}  // namespace yoyaku::store
