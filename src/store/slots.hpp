#pragma once
// Slots and holds: one bookable time of a frame on a date (created on first
// use), its seat count, and the 60-minute holds (仮押さえ) that take seats.
// `slots.taken` counts live holds plus confirmed reservations; a CHECK keeps
// it ≤ capacity, and take_seat is the conditional update that enforces it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/catalog.hpp"

namespace yoyaku::store {

struct SlotRow {
  std::int64_t id = 0;
  std::int64_t frame_id = 0;
  std::string date;  // YYYY-MM-DD
  int start_minute = 0, end_minute = 0;  // minutes after midnight JST
  int capacity = 0, taken = 0;
};

// A slot with the frame and facility it belongs to.
struct SlotRecord {
  SlotRow slot;
  ReservationFrame frame;
  Facility facility;
};

extern const Table<SlotRow> slot_table;
// The columns and joins of a SlotRecord, for joined queries (aliases s, f, fa):
// "JOIN slots s ON s.id = <slot_id_column> JOIN reservation_frames f … JOIN facilities fa …".
const std::string& slot_record_columns();
std::string slot_record_joins(const std::string& slot_id_column);
SlotRecord read_slot_record(ColumnReader& columns);

// The slot row for a frame's time on a date, created on first use.
SlotRow ensure_slot(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                    int end_minute, int capacity);
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

// A procedure's day as its slot list needs it, read by one statement (one
// round trip on PostgreSQL): the procedure's schedule,
// each frame with its facility, whether a closure covers the day for that
// frame, and the seats in use per start minute (taken, less holds lapsed by
// `now`). Nullopt when there is no such procedure.
struct FrameOnDay : FrameAtFacility {
  bool closed = false;
  std::map<int, int> seats_in_use;  // start minute -> seats
};
struct ProcedureDay {
  ProcedureSchedule procedure;
  std::vector<FrameOnDay> frames;  // by frame id
};
std::optional<ProcedureDay> procedure_day(db::Connection& c, std::int64_t procedure_id, const std::string& date,
                                          std::int64_t now);

// A frame to book in, with its facility, and whether a closure covers it on
// `date`; on PostgreSQL its row is locked FOR KEY SHARE until the transaction
// ends, so a frame change waits for the booking or went first.
struct FrameForBooking : FrameAtFacility {
  bool closed = false;
};
std::optional<FrameForBooking> frame_for_booking(db::Connection& c, std::int64_t frame_id, const std::string& date);

// ensure_slot, and on PostgreSQL the slot's row locked (lock_slot) by the same statement when it is there already.
SlotRow ensure_slot_locked(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                           int end_minute, int capacity);

// The slots of a procedure's frames with no seat left for the frame's seats
// (seats in use as seats_in_use counts them): frame id -> {(date, start minute)}.
// A calendar needs only these; a slot without a row has every seat free.
std::map<std::int64_t, std::set<std::pair<std::string, int>>> full_slots_of_procedure(
    db::Connection& c, std::int64_t procedure_id, const std::string& from, const std::string& to, std::int64_t now);

// The frame's slot rows on `from` and later, by date and time; on PostgreSQL
// locked until the transaction ends (a frame change).
std::vector<SlotRow> lock_slots_of_frame_from(db::Connection& c, std::int64_t frame_id, const std::string& from);
// slots.taken now.
int slot_taken(db::Connection& c, std::int64_t slot_id);
// The ids of the slot's live (unreleased, unexpired) holds, newest first.
std::vector<std::int64_t> live_hold_ids(db::Connection& c, std::int64_t slot_id, std::int64_t now);
// A frame change: the slot's end and seats (never below what is taken: the CHECK holds).
void reshape_slot(db::Connection& c, std::int64_t slot_id, int end_minute, int capacity);

struct HoldRow {
  std::int64_t id = 0;
  std::string public_id;
  std::int64_t slot_id = 0;
  std::int64_t procedure_id = 0;
  std::optional<std::int64_t> user_id;
  std::int64_t created_at = 0, expires_at = 0;
  std::optional<std::int64_t> released_at;
  std::optional<std::string> release_reason;  // cancelled / expired / confirmed / changed
  std::optional<std::int64_t> agreed_at;      // 利用規約に同意 (STEP4)
};

struct HoldRecord {
  HoldRow hold;
  SlotRecord at;
};

std::int64_t insert_hold(db::Connection& c, const HoldRow& hold);
// The user's hold with this public id (someone else's is not found).
std::optional<HoldRecord> find_user_hold(db::Connection& c, const std::string& public_id, std::int64_t user_id);
std::vector<HoldRecord> unreleased_holds_of_user(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id);
// Marks an unreleased hold released; false if it was released already.
bool release_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, const std::string& reason);
// Pushes a live hold's expiry; false if it is released or lapsed.
bool extend_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, std::int64_t new_expiry);
// Pushes every live hold of the user to `new_expiry`; returns how many.
int extend_user_holds(db::Connection& c, std::int64_t user_id, std::int64_t now, std::int64_t new_expiry);
void mark_hold_agreed(db::Connection& c, std::int64_t hold_id, std::int64_t now);

}  // namespace yoyaku::store
