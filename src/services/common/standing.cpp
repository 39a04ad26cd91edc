#include "domain/office_contact.hpp"
#include "services/common/standing.hpp"

#include <vector>

#include "domain/attendance.hpp"
#include "domain/dates.hpp"
#include "services/common/errors.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {

PersonStanding person_standing(db::Connection& c, const store::Office& office, const std::string& job_seeker_number,
                               std::int64_t now) {
  std::vector<std::int64_t> no_shows_at;
  const std::string today = domain::to_iso(domain::jst_date_of(now));
  for (const auto& booking : store::possible_no_shows_at_office(c, office.id, job_seeker_number, today)) {
    auto date = domain::parse_iso_date(booking.date);
    if (!date) continue;
    auto attendance = domain::attendance_of(booking.status, *date, booking.start_minute, now);
    if (attendance == domain::Attendance::no_show || attendance == domain::Attendance::no_show_unannounced) {
      no_shows_at.push_back(domain::attendance_opens_at(*date, booking.start_minute));
    }
  }
  PersonStanding standing;
  standing.limit = office.no_show_limit;
  standing.decision = store::latest_booking_override(c, office.id, job_seeker_number);
  std::optional<domain::RefusalOverride> decision;
  if (standing.decision) decision = domain::RefusalOverride{standing.decision->refused, standing.decision->at};
  standing.no_shows = domain::counted_no_shows(no_shows_at, decision);
  standing.refused = domain::online_booking_refused(no_shows_at, decision, office.no_show_limit);
  return standing;
}

void ensure_online_booking_allowed(db::Connection& c, const store::Office& office,
                                   const std::string& job_seeker_number, std::int64_t now) {
  if (job_seeker_number.empty() || !person_standing(c, office, job_seeker_number, now).refused) return;
  const std::string& phone = domain::call_number(office);
  std::string contact = phone.empty()
                            ? office.name + "の電話番号は登録されていないため、ヘルプデスク（0570-028-609）へお問い合わせください。"
                            : office.name + "（電話 " + phone + "）へお電話でお申し込みください。";
  throw ConflictError("連絡のないまま予約時間を過ぎた面談が続いたため、" + office.name +
                          "ではオンラインでの予約をお受けできません。予約は、" + contact,
                      "online_booking_refused");
}

}  // namespace yoyaku::services
