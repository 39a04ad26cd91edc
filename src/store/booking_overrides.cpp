#include "store/booking_overrides.hpp"

#include "store/table.hpp"

namespace yoyaku::store {

void insert_booking_override(db::Connection& c, const BookingOverride& d) {
  c.query("INSERT INTO online_booking_overrides (office_id, job_seeker_number, refused, reason, staff_id, at)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {d.office_id, d.job_seeker_number, std::int64_t{d.refused ? 1 : 0}, d.reason, optional_value(d.staff_id),
           d.at});
}

std::optional<BookingOverride> latest_booking_override(db::Connection& c, std::int64_t office_id,
                                                       const std::string& job_seeker_number) {
  using O = BookingOverride;
  static const Table<O> table{
      "online_booking_overrides",
      {{"o.office_id", &O::office_id}, {"o.job_seeker_number", &O::job_seeker_number}, {"o.refused", &O::refused},
       {"o.reason", &O::reason}, {"o.staff_id", &O::staff_id}, {"o.at", &O::at},
       {"COALESCE(st.display_name, '')", &O::staff_name}}};
  return table.one(c,
                   select_from(table.columns(), "FROM online_booking_overrides o LEFT JOIN staff st ON st.id = o.staff_id"
                                                " WHERE o.office_id = ? AND o.job_seeker_number = ?"
                                                " ORDER BY o.at DESC, o.id DESC LIMIT 1"),
                   {office_id, job_seeker_number});
}

}  // namespace yoyaku::store
