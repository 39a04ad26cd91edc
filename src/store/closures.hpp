#pragma once
// Closures (休業): an office, one of its facilities, or one reservation frame
// takes no bookings from one date to another, with a reason (研修, 庁舎点検 …).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/catalog.hpp"

namespace yoyaku::store {

struct Closure {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::optional<std::int64_t> facility_id;  // set: only this facility
  std::optional<std::int64_t> frame_id;     // set: only this frame
  std::string from_date, to_date;           // YYYY-MM-DD, inclusive
  std::string reason;
  std::optional<std::int64_t> created_by_staff_id;
  std::int64_t created_at = 0;
};

std::int64_t insert_closure(db::Connection& c, const Closure& closure);
// Deletes the office's closure with this id; false if there is none.
bool delete_closure(db::Connection& c, std::int64_t office_id, std::int64_t closure_id);
// The office's closures (any level) that overlap [from, to], by start date.
std::vector<Closure> closures_of_office(db::Connection& c, std::int64_t office_id, const std::string& from,
                                        const std::string& to);
// The dates in [from, to] on which the frame takes no bookings: closures of
// its office, of its facility and of the frame itself.
std::vector<std::string> closed_dates_of_frame(db::Connection& c, const ReservationFrame& frame, std::int64_t office_id,
                                               const std::string& from, const std::string& to);
// closed_dates_of_frame for each of the office's frames given, from one read of
// the office's closures: frame id -> dates (frames without any left out).
std::map<std::int64_t, std::vector<std::string>> closed_dates_of_frames(db::Connection& c, std::int64_t office_id,
                                                                        const std::vector<FrameAtFacility>& frames,
                                                                        const std::string& from, const std::string& to);
// The dates in [from, to] on which the whole office is closed.
std::vector<std::string> closed_dates_of_office(db::Connection& c, std::int64_t office_id, const std::string& from,
                                                const std::string& to);

}  // namespace yoyaku::store
