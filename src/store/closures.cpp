#include "store/closures.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "domain/dates.hpp"
#include "store/table.hpp"

namespace yoyaku::store {
namespace {

const Table<Closure> closure_table{
    "closures",
    {{"id", &Closure::id}, {"office_id", &Closure::office_id}, {"facility_id", &Closure::facility_id},
     {"frame_id", &Closure::frame_id}, {"from_date", &Closure::from_date}, {"to_date", &Closure::to_date},
     {"reason", &Closure::reason}, {"created_by_staff_id", &Closure::created_by_staff_id},
     {"created_at", &Closure::created_at}}};

// Each closure's dates within [from, to], once each, in order.
std::vector<std::string> dates_within(const std::vector<Closure>& closures, const std::string& from,
                                      const std::string& to) {
  std::set<std::string> dates;
  for (const auto& closure : closures) {
    auto first = domain::parse_iso_date(std::max(closure.from_date, from));
    auto last = domain::parse_iso_date(std::min(closure.to_date, to));
    if (!first || !last) continue;
    for (auto day = *first; day <= *last; day = domain::add_days(day, 1)) dates.insert(domain::to_iso(day));
  }
  return {dates.begin(), dates.end()};
}

}  // namespace

std::int64_t insert_closure(db::Connection& c, const Closure& x) {
  return c
      .query_one("INSERT INTO closures (office_id, facility_id, frame_id, from_date, to_date, reason,"
                 " created_by_staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {x.office_id, optional_value(x.facility_id), optional_value(x.frame_id), x.from_date, x.to_date,
                  x.reason, optional_value(x.created_by_staff_id), x.created_at})
      ->integer(0);
}

bool delete_closure(db::Connection& c, std::int64_t office_id, std::int64_t closure_id) {
  c.query("DELETE FROM closures WHERE id = ? AND office_id = ?", {closure_id, office_id});
  return c.changes() == 1;
}

std::vector<Closure> closures_of_office(db::Connection& c, std::int64_t office_id, const std::string& from,
                                        const std::string& to) {
  return closure_table.find_all(c, "WHERE office_id = ? AND to_date >= ? AND from_date <= ? ORDER BY from_date, id",
                                {office_id, from, to});
}

std::vector<std::string> closed_dates_of_frame(db::Connection& c, const ReservationFrame& frame, std::int64_t office_id,
                                               const std::string& from, const std::string& to) {
  return dates_within(
      closure_table.find_all(c,
                             "WHERE office_id = ? AND to_date >= ? AND from_date <= ?"
                             " AND (facility_id IS NULL OR facility_id = ?) AND (frame_id IS NULL OR frame_id = ?)",
                             {office_id, from, to, frame.facility_id, frame.id}),
      from, to);
}

std::map<std::int64_t, std::vector<std::string>> closed_dates_of_frames(db::Connection& c, std::int64_t office_id,
                                                                        const std::vector<FrameAtFacility>& frames,
                                                                        const std::string& from, const std::string& to) {
  std::map<std::int64_t, std::vector<std::string>> dates;
  const auto closures = closures_of_office(c, office_id, from, to);
  if (closures.empty()) return dates;
  for (const auto& [frame, facility] : frames) {
    std::vector<Closure> of_frame;
    std::copy_if(closures.begin(), closures.end(), std::back_inserter(of_frame), [&frame = frame](const Closure& x) {
      return (!x.facility_id || *x.facility_id == frame.facility_id) && (!x.frame_id || *x.frame_id == frame.id);
    });
    if (!of_frame.empty()) dates[frame.id] = dates_within(of_frame, from, to);
  }
  return dates;
}

std::vector<std::string> closed_dates_of_office(db::Connection& c, std::int64_t office_id, const std::string& from,
                                                const std::string& to) {
  return dates_within(closure_table.find_all(c,
                                             "WHERE office_id = ? AND to_date >= ? AND from_date <= ?"
                                             " AND facility_id IS NULL AND frame_id IS NULL",
                                             {office_id, from, to}),
                      from, to);
}

}  // namespace yoyaku::store
